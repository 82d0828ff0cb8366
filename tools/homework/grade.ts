/**
 * Grading: from test results to a table of exercises, passed or failed, with points.
 *
 * A failing test whose failure text contains unfinished-exercise messages
 * counts against those exercises. Any other failing test (a wrong answer, a
 * crash, a time-out) counts against the exercises that the manifest lists for
 * it. When it lists several, the test counts only against those that also fail
 * another test, if any do.
 *
 * An exercise passes when no failing test counts against it, unless none of its
 * tests passed and some stopped at another unfinished exercise, because then
 * nothing checked it. So a blanked exercise fails even without a manifest, and
 * a test of two exercises fails only the unfinished or wrong one while the
 * other is done.
 *
 * @module
 */

import { unfinishedExercisesIn } from "./blank.ts";
import { testKey, type TestResult } from "./junit.ts";
import type { FileRun } from "./test_run.ts";

/** An exercise as the grader needs it. */
export interface GradedExercise {
  /** The exercise id. */
  id: string;
  /** The lesson it belongs to. */
  lesson: string;
  /** Points it is worth. */
  points: number;
}

/** One row of the grade table. */
export interface ExerciseGrade {
  /** The lesson. */
  lesson: string;
  /** The exercise id. */
  exercise: string;
  /** True when none of its tests fail. */
  passed: boolean;
  /** Points earned: all or none. */
  points: number;
  /** Points it is worth. */
  maxPoints: number;
  /** Its failing tests, as `file::name`. */
  failingTests: string[];
}

/** The grade of a kit copy. */
export interface Grade {
  /** One row per exercise, in the catalog's order. */
  exercises: ExerciseGrade[];
  /** Points earned. */
  earned: number;
  /** Points possible. */
  total: number;
  /** Failing tests that count against no exercise, with their failure text. */
  otherFailures: { test: string; failure: string }[];
  /** Test files that timed out or did not run, with the reason. */
  fileErrors: string[];
  /** True when failing tests that name no exercise could not be linked to any, for want of a manifest. */
  withoutManifest: boolean;
}

/** Failure text of a test whose only fault is a failing step; the step carries the cause. */
const FAILED_STEPS = /^\d+ test steps? failed\.?$/;

/**
 * Grades test runs.
 *
 * A file that timed out or did not load fails every test the manifest lists
 * for it, or, when it lists none, one test named `(whole file)`.
 *
 * @param exercises The exercises, in the order to list them.
 * @param runs The runs of every test file.
 * @param testMap For each test key, the exercises it depends on; may be empty.
 * @returns The grade.
 *
 * @example Usage
 * ```ts
 * import { gradeRuns } from "./grade.ts";
 * import assert from "node:assert/strict";
 *
 * const grade = gradeRuns([{ id: "double", lesson: "00 intro", points: 2 }], [{
 *   file: "a_test.ts",
 *   timedOut: false,
 *   error: "",
 *   results: [{
 *     file: "a_test.ts",
 *     name: "double doubles",
 *     passed: false,
 *     failure: "Error: Exercise double is not done yet: Add it to itself",
 *   }],
 * }], {});
 * assert.equal(grade.exercises[0].passed, false);
 * assert.equal(grade.earned, 0);
 * ```
 */
export function gradeRuns(
  exercises: readonly GradedExercise[],
  runs: readonly FileRun[],
  testMap: Readonly<Record<string, readonly string[]>>,
): Grade {
  const results: TestResult[] = [];
  const fileErrors: string[] = [];
  for (const run of runs) {
    if (run.error === "") {
      results.push(...run.results);
      continue;
    }
    fileErrors.push(run.error);
    const prefix = testKey(run.file, "");
    const known = Object.keys(testMap).filter((key) => key.startsWith(prefix));
    const names = known.length > 0 ? known.map((key) => key.slice(prefix.length)) : [
      "(whole file)",
    ];
    for (const name of names) {
      results.push({ file: run.file, name, passed: false, failure: run.error });
    }
  }

  const failingTests = new Map(exercises.map((exercise) => [exercise.id, [] as string[]]));
  const otherFailures: { test: string; failure: string }[] = [];
  const shared: { key: string; ids: string[] }[] = [];
  for (const result of results) {
    if (result.passed) continue;
    const key = testKey(result.file, result.name);
    const stepsReported = results.some((other) =>
      other.file === result.file && other.name.startsWith(`${result.name} > `) && !other.passed
    );
    if (FAILED_STEPS.test(result.failure.trim()) && stepsReported) continue;

    // An unfinished exercise's message explains the failure by itself. The test
    // map is for failures that name no exercise: wrong answers, crashes, time-outs.
    const named = unfinishedExercisesIn(result.failure);
    const ids = (named.length > 0 ? named : testMap[key] ?? []).filter((id) =>
      failingTests.has(id)
    );
    if (ids.length === 0) {
      otherFailures.push({ test: key, failure: result.failure });
    } else if (named.length === 0 && ids.length > 1) {
      shared.push({ key, ids });
    } else {
      for (const id of ids) failingTests.get(id)!.push(key);
    }
  }

  // A test of several exercises that fails without naming one counts against
  // those of them that fail elsewhere too, and against all of them if none do,
  // so that one wrong answer does not also fail the exercises it builds on.
  const failedElsewhere = new Set(
    [...failingTests].filter(([, keys]) => keys.length > 0).map(([id]) => id),
  );
  for (const { key, ids } of shared) {
    const blamed = ids.filter((id) => failedElsewhere.has(id));
    for (const id of blamed.length > 0 ? blamed : ids) failingTests.get(id)!.push(key);
  }

  // An exercise whose tests all stopped at another unfinished exercise was
  // never checked (backward() needs the topological order before it reaches
  // any local derivative), so it does not count as done either.
  const passingTests = new Set(
    results.filter((result) => result.passed).map((result) => testKey(result.file, result.name)),
  );
  const stoppedEarly = new Set<string>();
  for (const result of results) {
    if (result.passed) continue;
    const named = unfinishedExercisesIn(result.failure);
    if (named.length === 0) continue;
    for (const id of testMap[testKey(result.file, result.name)] ?? []) {
      if (!named.includes(id)) stoppedEarly.add(id);
    }
  }
  const testsOf = new Map<string, string[]>();
  for (const [key, ids] of Object.entries(testMap)) {
    for (const id of ids) testsOf.set(id, [...(testsOf.get(id) ?? []), key]);
  }
  const neverChecked = (id: string): boolean =>
    stoppedEarly.has(id) && !(testsOf.get(id) ?? []).some((key) => passingTests.has(key));

  // Without a manifest, a failure that names no exercise could belong to any
  // of them, so none counts as done: a wrong answer must never earn points.
  const unattributed = Object.keys(testMap).length === 0 && otherFailures.length > 0;

  const rows = exercises.map((exercise) => {
    const failing = failingTests.get(exercise.id)!;
    const passed = failing.length === 0 && !neverChecked(exercise.id) && !unattributed;
    return {
      lesson: exercise.lesson,
      exercise: exercise.id,
      passed,
      points: passed ? exercise.points : 0,
      maxPoints: exercise.points,
      failingTests: failing,
    };
  });
  return {
    exercises: rows,
    earned: rows.reduce((sum, row) => sum + row.points, 0),
    total: rows.reduce((sum, row) => sum + row.maxPoints, 0),
    otherFailures,
    fileErrors,
    withoutManifest: unattributed,
  };
}

/**
 * Formats a grade as a text table: lesson, exercise, result, points, then the
 * total, then any failures outside the exercises and files that did not run.
 *
 * @param grade The grade.
 * @returns The table, ending with a line break.
 */
export function formatGrade(grade: Grade): string {
  const header = ["lesson", "exercise", "result", "points"];
  const rows = grade.exercises.map((row) => [
    row.lesson,
    row.exercise,
    row.passed ? "passed" : "FAILED",
    `${row.points}/${row.maxPoints}`,
  ]);
  const percent = grade.total === 0 ? 100 : Math.floor(100 * grade.earned / grade.total);
  const footer = ["total", "", `${rows.filter((row) => row[2] === "passed").length} passed`, ""];
  footer[3] = `${grade.earned}/${grade.total} (${percent}%)`;
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows, footer].map((row) => row[column].length))
  );
  const line = (row: string[]) =>
    row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");

  const lines = [line(header), rule, ...rows.map(line), rule, line(footer)];
  if (grade.withoutManifest) {
    lines.push(
      "",
      "No manifest links these failing tests to exercises, so no exercise counts as done.",
      "Grade a copy made by deno task homework, or pass --manifest FILE.",
    );
  }
  if (grade.otherFailures.length > 0) {
    lines.push(
      "",
      "Failing tests that count against no exercise (check the files changed outside regions):",
    );
    for (const { test, failure } of grade.otherFailures) {
      lines.push(`  ${test}: ${failure.split("\n")[0]}`);
    }
  }
  if (grade.fileErrors.length > 0) {
    lines.push("", "Test files that did not finish (their tests count as failed):");
    for (const error of grade.fileErrors) lines.push(`  ${error.split("\n")[0]}`);
  }
  return lines.join("\n") + "\n";
}
