/**
 * The lines a lesson prints, collected so that `deno run` can show them and a
 * test can compare them with a golden transcript.
 *
 * A lesson computes and prints in one pass through its steps, so what a student
 * reads and what the tests check come from the same code and cannot drift.
 *
 * @example Usage
 * ```ts
 * import { Transcript } from "./transcript.ts";
 * import assert from "node:assert/strict";
 *
 * const transcript = new Transcript();
 * transcript.print("Original Tensor:");
 * transcript.print();
 * assert.equal(transcript.toString(), "Original Tensor:\n\n");
 * ```
 *
 * @module
 */

/** Printed lines of one lesson run, in order. */
export class Transcript {
  /** Every printed text, one entry for each `print` call; an entry may span several lines. */
  readonly entries: string[] = [];

  /**
   * Records one print, like Python's `print(text)`: the text and then a line break.
   *
   * @param text The text to print; an empty call prints an empty line.
   */
  print(text = ""): void {
    if (typeof text !== "string") {
      throw new TypeError(`Cannot print ${String(text)}: expected a string, got ${typeof text}`);
    }
    this.entries.push(text);
  }

  /** Returns everything printed so far, each entry followed by a line break. */
  toString(): string {
    return this.entries.map((entry) => `${entry}\n`).join("");
  }
}
