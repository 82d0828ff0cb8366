/**
 * The error the kit's file readers throw when a file's bytes cannot be read.
 *
 * @module
 */

import { describeArgument } from "./argument.ts";

/**
 * Error for a file that is malformed, truncated, corrupt, of an unsupported
 * kind, or unsafe to read. The message names the file and the problem, and
 * `file` contains the name.
 *
 * @example Usage
 * ```ts
 * import { FileFormatError } from "./file_format_error.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new FileFormatError("info.npz", "not a zip archive");
 * assert.equal(error.message, "Cannot read info.npz: not a zip archive");
 * assert.equal(error.name, "FileFormatError");
 * ```
 */
export class FileFormatError extends Error {
  /** Name or path of the file that could not be read. */
  readonly file: string;

  /**
   * Creates the error.
   *
   * @param file Name or path of the file.
   * @param problem What is wrong with it and, where it helps, what to do.
   * @param options The underlying error, if any.
   * @throws {TypeError} If `file` or `problem` is not a string.
   */
  constructor(file: string, problem: string, options?: ErrorOptions) {
    for (const [name, value] of [["file", file], ["problem", problem]] as const) {
      if (typeof value !== "string") {
        throw new TypeError(
          `Cannot create FileFormatError with ${name} ${
            describeArgument(value)
          }: expected a string`,
        );
      }
    }
    super(`Cannot read ${file}: ${problem}`, options);
    this.name = "FileFormatError";
    this.file = file;
  }
}
