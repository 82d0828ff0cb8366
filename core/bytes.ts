/**
 * The check that the kit's file readers and checksums make on their byte
 * input, which callers in plain JavaScript could pass as anything.
 *
 * @module
 */

import { describeArgument } from "./argument.ts";

/**
 * Checks that an argument is a `Uint8Array`, as `Deno.readFile` and raw
 * `bytes` imports return. A `Buffer` or any other subclass passes.
 *
 * @param bytes The argument.
 * @param action What failed, as the start of the message, e.g. `Cannot read x.npy`.
 * @returns Nothing; returns normally for a `Uint8Array`.
 * @throws {TypeError} If `bytes` is not a `Uint8Array`.
 *
 * @example Usage
 * ```ts
 * import { assertBytes } from "./bytes.ts";
 * import assert from "node:assert/strict";
 *
 * assertBytes(new Uint8Array(2), "Cannot read x.npy");
 * assert.throws(() => assertBytes([1, 2], "Cannot read x.npy"), {
 *   name: "TypeError",
 *   message: "Cannot read x.npy: expected the bytes as a Uint8Array, got an Array; " +
 *     "pass what Deno.readFile returns",
 * });
 * ```
 */
export function assertBytes(bytes: unknown, action: string): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(
      `${action}: expected the bytes as a Uint8Array, got ${
        describeArgument(bytes)
      }; pass what Deno.readFile returns`,
    );
  }
}

/**
 * Checks the two arguments every file reader takes: the name of the file, used
 * in error messages, and its bytes.
 *
 * @param bytes The file's contents.
 * @param file The file's name.
 * @returns Nothing; returns normally for a string name and a `Uint8Array`.
 * @throws {TypeError} If `file` is not a string or `bytes` is not a `Uint8Array`.
 *
 * @example Usage
 * ```ts
 * import { assertFileBytes } from "./bytes.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => assertFileBytes(new Uint8Array(2), undefined), {
 *   name: "TypeError",
 *   message: "Cannot read file undefined: expected the file's name as a string, for messages",
 * });
 * ```
 */
export function assertFileBytes(bytes: unknown, file: unknown): asserts bytes is Uint8Array {
  if (typeof file !== "string") {
    throw new TypeError(
      `Cannot read file ${
        describeArgument(file)
      }: expected the file's name as a string, for messages`,
    );
  }
  assertBytes(bytes, `Cannot read ${file}`);
}
