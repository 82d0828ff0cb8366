/**
 * Hints, one level at a time: the idea, then where to look, then nearly the answer.
 *
 * @module
 */

import type { Exercise } from "./catalog.ts";
import type { Region } from "./markers.ts";

/**
 * Formats one hint of an exercise, with where its region is and how to get
 * the next level.
 *
 * @param exercises The catalog.
 * @param id The exercise id.
 * @param level The hint level, from 1.
 * @param region The exercise's region, to say where to write; optional.
 * @returns The text to print.
 * @throws {RangeError} If no exercise has that id (the message lists the ids),
 *   or the level is not between 1 and the number of hints.
 *
 * @example Usage
 * ```ts
 * import { formatHint } from "./hint.ts";
 * import assert from "node:assert/strict";
 *
 * const exercises = [{ id: "double", lesson: "00 intro", points: 1, hints: ["Idea", "Look", "Nearly"] }];
 * assert.equal(
 *   formatHint(exercises, "double", 2),
 *   "Hint 2 of 3 for exercise double (00 intro):\n  Look\nNext: deno task hint double 3\n",
 * );
 * ```
 */
export function formatHint(
  exercises: readonly Exercise[],
  id: string,
  level: number,
  region?: Region,
): string {
  const exercise = exercises.find((candidate) => candidate.id === id);
  if (exercise === undefined) {
    throw new RangeError(
      `No exercise is called "${id}": the exercises are ${
        exercises.map((candidate) => candidate.id).join(", ")
      }`,
    );
  }
  const count = exercise.hints.length;
  if (!Number.isInteger(level) || level < 1 || level > count) {
    throw new RangeError(
      `Exercise ${id} has hints 1 to ${count}, not ${level}: run deno task hint ${id} ${
        level < 1 || Number.isNaN(level) ? 1 : count
      }`,
    );
  }

  const lines = [`Hint ${level} of ${count} for exercise ${id} (${exercise.lesson}):`];
  if (region !== undefined) {
    lines[0] = `Hint ${level} of ${count} for exercise ${id}, ${region.title} ` +
      `(${region.path}:${region.startLine}):`;
  }
  lines.push(`  ${exercise.hints[level - 1]}`);
  lines.push(
    level < count ? `Next: deno task hint ${id} ${level + 1}` : "That was the last hint.",
  );
  return lines.join("\n") + "\n";
}
