import assert from "node:assert/strict";
import { gradeRuns } from "./grade.ts";
import { affectedTestFiles, formatProgress } from "./watch.ts";

Deno.test("affectedTestFiles follows imports", () => {
  const graphs = new Map([
    ["core/value_test.ts", new Set(["core/value_test.ts", "core/value.ts"])],
    ["lessons/03_backprop.ts", new Set(["lessons/03_backprop.ts", "core/value.ts", "mod.ts"])],
    ["core/shape_test.ts", new Set(["core/shape_test.ts", "core/shape.ts"])],
  ]);
  assert.deepEqual(affectedTestFiles(["core/value.ts"], graphs), [
    "core/value_test.ts",
    "lessons/03_backprop.ts",
  ]);
  assert.deepEqual(affectedTestFiles(["core/shape_test.ts"], graphs), ["core/shape_test.ts"]);
  assert.deepEqual(affectedTestFiles(["README.md"], graphs), []);
});

const EXERCISES = [
  { id: "double", lesson: "00 intro", points: 1, hints: ["Use 2 * x", "b", "c"] },
  { id: "square", lesson: "00 intro", points: 2, hints: ["Use x * x", "b", "c"] },
];

Deno.test("formatProgress shows the next unfinished exercise", () => {
  const grade = gradeRuns(EXERCISES, [{
    file: "a_test.ts",
    timedOut: false,
    error: "",
    results: [
      { file: "a_test.ts", name: "doubles", passed: true, failure: "" },
      {
        file: "a_test.ts",
        name: "squares",
        passed: false,
        failure: "Exercise square is not done yet: Use x * x",
      },
    ],
  }], {});
  assert.equal(
    formatProgress(grade, EXERCISES, []),
    [
      "1 of 2 exercises done, 1/3 points.",
      "Next: exercise square, failing a_test.ts::squares",
      "Hint 1 of 3 for exercise square (00 intro):",
      "  Use x * x",
      "Next: deno task hint square 2",
      "",
    ].join("\n"),
  );
});

Deno.test("formatProgress says when all pass", () => {
  const grade = gradeRuns(EXERCISES, [], {});
  assert.match(formatProgress(grade, EXERCISES, []), /Every exercise passes its tests\./);
});
