/**
 * Watch mode: which test files to rerun after a change, and what to show next.
 *
 * @module
 */

import type { Exercise } from "./catalog.ts";
import type { Grade } from "./grade.ts";
import { formatHint } from "./hint.ts";
import type { Region } from "./markers.ts";

/**
 * Returns the test files to rerun after some files changed: those whose
 * module graph contains a changed file.
 *
 * @param changed The changed files, relative to the kit's root.
 * @param graphs For each test file, the local files it imports, itself included.
 * @returns The test files, sorted.
 *
 * @example Usage
 * ```ts
 * import { affectedTestFiles } from "./watch.ts";
 * import assert from "node:assert/strict";
 *
 * const graphs = new Map([
 *   ["core/value_test.ts", new Set(["core/value_test.ts", "core/value.ts"])],
 *   ["core/shape_test.ts", new Set(["core/shape_test.ts", "core/shape.ts"])],
 * ]);
 * assert.deepEqual(affectedTestFiles(["core/value.ts"], graphs), ["core/value_test.ts"]);
 * ```
 */
export function affectedTestFiles(
  changed: readonly string[],
  graphs: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  return [...graphs].filter(([, graph]) => changed.some((path) => graph.has(path)))
    .map(([file]) => file).sort();
}

/**
 * Formats the progress line and the next unfinished exercise with its first
 * hint, in catalog order.
 *
 * @param grade The latest grade.
 * @param exercises The catalog.
 * @param regions The regions, to say where the next exercise is.
 * @returns The text to print.
 */
export function formatProgress(
  grade: Grade,
  exercises: readonly Exercise[],
  regions: readonly Region[],
): string {
  const done = grade.exercises.filter((row) => row.passed).length;
  const lines = [
    `${done} of ${grade.exercises.length} exercises done, ${grade.earned}/${grade.total} points.`,
  ];
  const next = grade.exercises.find((row) => !row.passed);
  if (next === undefined) {
    lines.push("Every exercise passes its tests.");
  } else {
    const region = regions.find((candidate) => candidate.id === next.exercise);
    lines.push(`Next: exercise ${next.exercise}, failing ${next.failingTests.join(", ")}`);
    lines.push(formatHint(exercises, next.exercise, 1, region).trimEnd());
  }
  if (grade.otherFailures.length > 0) {
    lines.push(`${grade.otherFailures.length} failing test(s) depend on no exercise.`);
  }
  return lines.join("\n") + "\n";
}
