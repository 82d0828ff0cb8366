/**
 * Reading NumPy's `.npy` files into tensors.
 *
 * A `.npy` file is a header (see `npy_header.ts`) followed by the array's
 * elements, raw in C or Fortran order, or, for an object array, a pickle of
 * the array. Numbers and booleans become a {@linkcode Tensor} over the decoded
 * elements; Fortran order becomes column-major strides over the same storage,
 * as `torch.from_numpy` keeps NumPy's strides.
 *
 * @module
 */

import { assertOptions } from "./argument.ts";
import { assertFileBytes } from "./bytes.ts";
import { FileFormatError } from "./file_format_error.ts";
import { parseNpyHeader } from "./npy_header.ts";
import { ObjectArray, tensorFromNumpy } from "./numpy_array.ts";
import { decodeElements, parseDescr } from "./numpy_dtype.ts";
import { unpickle } from "./pickle.ts";
import { shapeSize } from "./shape.ts";
import type { Tensor } from "./tensor.ts";

/** Options of {@linkcode readNpy} and `readNpz`. */
export interface ReadNpyOptions {
  /**
   * Whether to read object arrays, which are stored as pickles. False by
   * default, as in `np.load`. The kit's pickle reader runs nothing the file
   * names, so allowing it is safe; the option keeps NumPy's behaviour.
   */
  allowPickle?: boolean;
}

/**
 * Reads a `.npy` file, format version 1, 2 or 3.
 *
 * @param bytes The file's bytes.
 * @param file Name of the file, for error messages.
 * @param options Whether object arrays may be read.
 * @returns A tensor, or an {@linkcode ObjectArray} for an array of dtype `object`.
 * @throws {FileFormatError} If the file is not a `.npy` file, its header is
 *   malformed, its dtype is unknown, its data is truncated, or it contains a
 *   pickle and `allowPickle` is false.
 * @throws {RangeError} If an `int64` or `uint64` element lies beyond ±(2^53 - 1).
 * @throws {TypeError} If `bytes` is not a `Uint8Array`, `file` is not a
 *   string, or `options` is not an object.
 *
 * @example Usage
 * ```ts
 * import { readNpy } from "./npy.ts";
 * import assert from "node:assert/strict";
 *
 * const header = "{'descr': '<i2', 'fortran_order': False, 'shape': (3,), }\n";
 * const bytes = new Uint8Array([0x93, ...new TextEncoder().encode("NUMPY"), 1, 0, header.length, 0,
 *   ...new TextEncoder().encode(header), 1, 0, 2, 0, 0xff, 0xff]);
 * const tensor = readNpy(bytes, "x.npy");
 * assert.deepEqual(tensor.shape, [3]);
 * assert.deepEqual("toArray" in tensor && tensor.toArray(), [1, 2, -1]);
 * ```
 */
export function readNpy(
  bytes: Uint8Array,
  file: string,
  options: ReadNpyOptions = {},
): Tensor | ObjectArray {
  assertFileBytes(bytes, file);
  assertOptions(options, `Cannot read ${file}`);
  const header = parseNpyHeader(bytes, file);
  const type = parseDescr(header.descr, file);
  const data = bytes.subarray(header.dataOffset);

  if (type.dtype === "object") {
    if (options.allowPickle !== true) {
      throw new FileFormatError(
        file,
        "Object arrays cannot be loaded when allow_pickle=False (pass { allowPickle: true })",
      );
    }
    return readObjectArray(data, header.shape, file);
  }

  const storage = decodeElements(data, type, shapeSize(header.shape), file);
  return tensorFromNumpy(storage, header.shape, type.dtype, header.fortranOrder);
}

function readObjectArray(data: Uint8Array, shape: readonly number[], file: string): ObjectArray {
  // NumPy pickles the whole array, so the pickle's value is itself an object array.
  const value = unpickle(data, file);
  if (!(value instanceof ObjectArray)) {
    throw new FileFormatError(
      file,
      "the pickle after the .npy header does not hold an object array",
    );
  }
  if (value.shape.join() !== shape.join()) {
    throw new FileFormatError(
      file,
      `the pickled array has shape [${value.shape.join(", ")}], the header says [${
        shape.join(", ")
      }]`,
    );
  }
  return value;
}
