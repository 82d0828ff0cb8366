/**
 * Reading NumPy's `.npz` archives: a zip archive of `.npy` files, one for each
 * array passed to `np.savez` or `np.savez_compressed`.
 *
 * @module
 */

import { assertOptions } from "./argument.ts";
import { assertFileBytes } from "./bytes.ts";
import { FileFormatError } from "./file_format_error.ts";
import { readNpy, type ReadNpyOptions } from "./npy.ts";
import type { ObjectArray } from "./numpy_array.ts";
import type { Tensor } from "./tensor.ts";
import { readZip } from "./zip.ts";

/**
 * Reads every array of a `.npz` archive, stored or deflated.
 *
 * @param bytes The archive's bytes.
 * @param file Name of the archive, for error messages.
 * @param options Whether object arrays may be read (`allowPickle`, false by default as in `np.load`).
 * @returns The arrays by name, without the `.npy` suffix (`track.npy` is `track`), in archive order.
 * @throws {FileFormatError} If the archive or one of its arrays cannot be read;
 *   the message names the archive and the member.
 * @throws {RangeError} If an `int64` or `uint64` element lies beyond ±(2^53 - 1).
 * @throws {TypeError} If `bytes` is not a `Uint8Array`, `file` is not a
 *   string, or `options` is not an object.
 *
 * @example Usage
 * ```ts
 * import { readNpz } from "./npz.ts";
 * import assert from "node:assert/strict";
 *
 * const empty = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
 * assert.equal((await readNpz(empty, "empty.npz")).size, 0);
 * ```
 */
export async function readNpz(
  bytes: Uint8Array,
  file: string,
  options: ReadNpyOptions = {},
): Promise<Map<string, Tensor | ObjectArray>> {
  assertFileBytes(bytes, file);
  assertOptions(options, `Cannot read ${file}`);
  const members = await readZip(bytes, file);
  const arrays = new Map<string, Tensor | ObjectArray>();
  for (const [member, data] of members) {
    // np.load names each array after its member, without the `.npy` suffix.
    const name = member.endsWith(".npy") ? member.slice(0, -4) : member;
    try {
      arrays.set(name, readNpy(data, `${file} (member ${member})`, options));
    } catch (error) {
      if (error instanceof FileFormatError || error instanceof RangeError) throw error;
      throw new FileFormatError(file, `member ${member} cannot be read`, { cause: error });
    }
  }
  return arrays;
}
