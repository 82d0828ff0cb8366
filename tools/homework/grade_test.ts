import assert from "node:assert/strict";
import { formatGrade, gradeRuns } from "./grade.ts";
import type { TestResult } from "./junit.ts";
import type { FileRun } from "./test_run.ts";

const EXERCISES = [
  { id: "double", lesson: "00 intro", points: 1 },
  { id: "square", lesson: "00 intro", points: 2 },
  { id: "cube", lesson: "01 powers", points: 3 },
];

function run(file: string, results: [string, string][]): FileRun {
  const parsed: TestResult[] = results.map(([name, failure]) => ({
    file,
    name,
    passed: failure === "",
    failure,
  }));
  return { file, results: parsed, timedOut: false, error: "" };
}

const UNFINISHED_SQUARE = "Error: Exercise square is not done yet: Use x * x";

Deno.test("gradeRuns passes everything when all tests pass", () => {
  const grade = gradeRuns(EXERCISES, [run("a_test.ts", [["double", ""], ["square", ""]])], {});
  assert.deepEqual(grade.exercises.map((row) => row.passed), [true, true, true]);
  assert.equal(grade.earned, 6);
  assert.equal(grade.total, 6);
});

Deno.test("gradeRuns fails exercises named in failures", () => {
  const grade = gradeRuns(EXERCISES, [
    run("a_test.ts", [["double", ""], ["square", UNFINISHED_SQUARE]]),
  ], {});
  assert.deepEqual(grade.exercises.map((row) => row.passed), [true, false, true]);
  assert.deepEqual(grade.exercises[1].failingTests, ["a_test.ts::square"]);
  assert.equal(grade.earned, 4);
  assert.deepEqual(grade.otherFailures, []);
});

Deno.test("gradeRuns fails mapped exercises on wrong answers", () => {
  const grade = gradeRuns(
    EXERCISES,
    [run("a_test.ts", [["cube", "AssertionError: 27 !== 28"]])],
    { "a_test.ts::cube": ["cube", "square"] },
  );
  assert.deepEqual(grade.exercises.map((row) => row.passed), [true, false, false]);
  assert.equal(grade.earned, 1);
});

Deno.test("gradeRuns blames a shared test on failing exercises", () => {
  const map = {
    "a_test.ts::square": ["square"],
    "a_test.ts::square of double": ["double", "square"],
  };
  const wrongSquare = gradeRuns(EXERCISES, [
    run("a_test.ts", [["square", "Error: 6 !== 9"], ["square of double", "Error: 8 !== 16"]]),
  ], map);
  assert.deepEqual(wrongSquare.exercises.map((row) => row.passed), [true, false, true]);
  assert.deepEqual(wrongSquare.exercises[1].failingTests, [
    "a_test.ts::square",
    "a_test.ts::square of double",
  ]);

  // Nothing else fails, so the shared test counts against both.
  const unclear = gradeRuns(EXERCISES, [run("a_test.ts", [["square of double", "Error: x"]])], map);
  assert.deepEqual(unclear.exercises.map((row) => row.passed), [false, false, true]);
});

Deno.test("gradeRuns fails exercises blocked by another", () => {
  // Every test of square stops at the unfinished double first, so square was
  // never checked, even though no failure names it.
  const unfinishedDouble = "Error: Exercise double is not done yet: Use x + x";
  const grade = gradeRuns(
    EXERCISES,
    [run("a_test.ts", [["double", unfinishedDouble], ["square of double", unfinishedDouble]])],
    { "a_test.ts::double": ["double"], "a_test.ts::square of double": ["double", "square"] },
  );
  assert.deepEqual(grade.exercises.map((row) => row.passed), [false, false, true]);
  assert.deepEqual(grade.exercises[1].failingTests, []);
  assert.equal(grade.earned, 3);
});

Deno.test("gradeRuns without a manifest passes nothing on unnamed failures", () => {
  // A wrong answer names no exercise, so with no manifest it could be any of them.
  const grade = gradeRuns(EXERCISES, [run("a_test.ts", [["cube", "Error: 27 !== 28"]])], {});
  assert.deepEqual(grade.exercises.map((row) => row.passed), [false, false, false]);
  assert.equal(grade.withoutManifest, true);
  assert.match(formatGrade(grade), /No manifest links these failing tests to exercises/);
});

Deno.test("gradeRuns lists unmapped failures apart", () => {
  // With a manifest, a failing test it does not list belongs to no exercise.
  const grade = gradeRuns(
    EXERCISES,
    [run("a_test.ts", [["double", ""], ["other", "TypeError: x"]])],
    { "a_test.ts::double": ["double"] },
  );
  assert.equal(grade.earned, 6);
  assert.equal(grade.withoutManifest, false);
  assert.deepEqual(grade.otherFailures, [{ test: "a_test.ts::other", failure: "TypeError: x" }]);
});

Deno.test("gradeRuns skips parents of failing steps", () => {
  const grade = gradeRuns(EXERCISES, [
    run("a_test.ts", [["lesson", "1 test step failed."], ["lesson > square", UNFINISHED_SQUARE]]),
  ], {});
  assert.deepEqual(grade.otherFailures, []);
  assert.deepEqual(grade.exercises[1].failingTests, ["a_test.ts::lesson > square"]);
});

Deno.test("gradeRuns fails a timed-out file's tests only", () => {
  const timedOut: FileRun = {
    file: "b_test.ts",
    results: [],
    timedOut: true,
    error: "Timed out: b_test.ts was stopped after 5 s",
  };
  const grade = gradeRuns(
    EXERCISES,
    [timedOut, run("a_test.ts", [["square", UNFINISHED_SQUARE]])],
    { "b_test.ts::cube": ["cube"], "a_test.ts::square": ["square"] },
  );
  assert.deepEqual(grade.exercises.map((row) => row.passed), [true, false, false]);
  assert.deepEqual(grade.exercises[2].failingTests, ["b_test.ts::cube"]);
  assert.deepEqual(grade.fileErrors, ["Timed out: b_test.ts was stopped after 5 s"]);
});

Deno.test("gradeRuns counts an unmapped broken file", () => {
  const broken: FileRun = {
    file: "c_test.ts",
    results: [],
    timedOut: false,
    error: "c_test.ts did not run",
  };
  const grade = gradeRuns(EXERCISES, [broken], {});
  assert.deepEqual(grade.otherFailures, [
    { test: "c_test.ts::(whole file)", failure: "c_test.ts did not run" },
  ]);
});

Deno.test("formatGrade prints rows and total", () => {
  const grade = gradeRuns(EXERCISES, [
    run("a_test.ts", [["square", UNFINISHED_SQUARE]]),
  ], {});
  assert.equal(
    formatGrade(grade),
    [
      "lesson     exercise  result    points",
      "---------  --------  --------  ---------",
      "00 intro   double    passed    1/1",
      "00 intro   square    FAILED    0/2",
      "01 powers  cube      passed    3/3",
      "---------  --------  --------  ---------",
      "total                2 passed  4/6 (66%)",
      "",
    ].join("\n"),
  );
});
