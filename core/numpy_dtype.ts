/**
 * NumPy's element types as they appear in files, and the decoding of their
 * bytes into the kit's typed-array storages.
 *
 * A `.npy` header names its element type with a type string such as `<f4`.
 * The string gives the byte order (`<` little-endian, `>` big-endian, `|` not
 * applicable), a kind (`f` float, `i` signed integer, `u` unsigned integer,
 * `b` bool, `O` Python object) and the size in bytes. A pickled array names it
 * as `numpy.dtype("f4")` and sets the byte order in the dtype's state. Both
 * reach {@linkcode parseDescr} as a type string.
 *
 * | NumPy        | kit dtype | note                                            |
 * |--------------|-----------|-------------------------------------------------|
 * | `f2`         | `float32` | converted exactly; PyTorch would keep float16   |
 * | `f4`, `f8`   | `float32`, `float64` |                                      |
 * | `i1` .. `i4` | `int8`, `int16`, `int32` |                                  |
 * | `i8`         | `int64`   | values beyond ±(2^53 - 1) are rejected          |
 * | `u1`         | `uint8`   |                                                 |
 * | `u2`         | `int32`   | widened, the kit has no uint16                  |
 * | `u4`, `u8`   | `int64`   | widened; u8 values beyond 2^53 - 1 are rejected |
 * | `b1`         | `bool`    | any non-zero byte is true, as in NumPy          |
 *
 * @module
 */

import type { DType, Storage } from "./dtype.ts";
import { FileFormatError } from "./file_format_error.ts";

/** Element type of a NumPy array: a kit dtype, or `"object"` for pickled Python objects. */
export interface NumpyElementType {
  /** The type string as NumPy writes it in a `.npy` header, such as `<f4` or `|O`. */
  readonly descr: string;
  /** The kit dtype the elements become, or `"object"` for an object array. */
  readonly dtype: DType | "object";
  /** Bytes per element in the file. */
  readonly itemSize: number;
  /** Whether multi-byte elements are stored least significant byte first. */
  readonly littleEndian: boolean;
}

/** Kit dtype and item size for each NumPy kind and size code. */
const ELEMENT_TYPES: Record<string, readonly [DType, number]> = {
  f2: ["float32", 2],
  f4: ["float32", 4],
  f8: ["float64", 8],
  i1: ["int8", 1],
  i2: ["int16", 2],
  i4: ["int32", 4],
  i8: ["int64", 8],
  u1: ["uint8", 1],
  u2: ["int32", 2],
  u4: ["int64", 4],
  u8: ["int64", 8],
  b1: ["bool", 1],
};

/** Object arrays hold pointers: NumPy writes `|O`, and `O8` or `O4` inside pickled dtypes. */
const OBJECT_CODES = new Set(["O", "O4", "O8"]);

/** True when this machine stores multi-byte numbers least significant byte first. */
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** 2^32, to join the two 32-bit halves of a 64-bit integer. */
const TWO_TO_32 = 2 ** 32;

/**
 * Parses a NumPy type string such as `<f4`, `>i8` or `|b1`.
 *
 * @param descr The type string: a byte-order character (`<`, `>`, `|`) and a type code.
 * @param file Name of the file the type string comes from, for error messages.
 * @returns The element type.
 * @throws {FileFormatError} If the type string is malformed or names a dtype the
 *   kit cannot hold (complex numbers, strings, dates, structured records).
 *
 * @example Usage
 * ```ts
 * import { parseDescr } from "./numpy_dtype.ts";
 * import assert from "node:assert/strict";
 *
 * const type = parseDescr(">u2", "x.npy");
 * assert.equal(type.dtype, "int32");
 * assert.equal(type.itemSize, 2);
 * assert.equal(type.littleEndian, false);
 * ```
 */
export function parseDescr(descr: string, file: string): NumpyElementType {
  const order = descr[0];
  const code = descr.slice(1);
  if (order !== "<" && order !== ">" && order !== "|") {
    throw new FileFormatError(
      file,
      `unknown dtype '${descr}': expected a byte order '<', '>' or '|' first`,
    );
  }
  if (OBJECT_CODES.has(code)) {
    return { descr: "|O", dtype: "object", itemSize: 8, littleEndian: HOST_LITTLE_ENDIAN };
  }

  const known = ELEMENT_TYPES[code];
  if (known === undefined) {
    throw new FileFormatError(
      file,
      `unknown dtype '${descr}': the kit reads only ${Object.keys(ELEMENT_TYPES).join(", ")}` +
        " (floats, integers and bools) and pickled objects",
    );
  }
  const [dtype, itemSize] = known;
  if (order === "|" && itemSize > 1) {
    throw new FileFormatError(
      file,
      `invalid dtype '${descr}': a ${itemSize}-byte type needs a byte order`,
    );
  }
  return { descr, dtype, itemSize, littleEndian: order !== ">" };
}

/**
 * Decodes `count` elements from bytes into a new storage of the element type's
 * kit dtype, converting big-endian input to this machine's byte order.
 *
 * @param bytes The raw element bytes; at least `count * type.itemSize` of them.
 * @param type The element type, from {@linkcode parseDescr}; not `"object"`.
 * @param count Number of elements.
 * @param file Name of the file, for error messages.
 * @returns A new typed array that does not share memory with `bytes`.
 * @throws {FileFormatError} If there are fewer bytes than the elements need.
 * @throws {RangeError} If an `i8` or `u8` value lies beyond ±(2^53 - 1).
 *
 * @example Usage
 * ```ts
 * import { decodeElements, parseDescr } from "./numpy_dtype.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0x3f, 0x80, 0, 0, 0xc0, 0, 0, 0]);
 * const storage = decodeElements(bytes, parseDescr(">f4", "x.npy"), 2, "x.npy");
 * assert.deepEqual(Array.from(storage), [1, -2]);
 * ```
 */
export function decodeElements(
  bytes: Uint8Array,
  type: NumpyElementType,
  count: number,
  file: string,
): Storage {
  if (type.dtype === "object") {
    throw new TypeError(`Cannot decode object elements of ${file} as numbers: they are pickled`);
  }
  const byteLength = count * type.itemSize;
  if (bytes.length < byteLength) {
    throw new FileFormatError(
      file,
      `the data is truncated: ${count} elements of '${type.descr}' need ${byteLength} bytes,` +
        ` found ${bytes.length}`,
    );
  }

  // A fresh copy is aligned for any typed array and shares no memory with the file.
  const copy = bytes.slice(0, byteLength);
  const view = new DataView(copy.buffer);
  const little = type.littleEndian;
  const code = type.descr.slice(1);

  switch (code) {
    case "f4":
      return little === HOST_LITTLE_ENDIAN
        ? new Float32Array(copy.buffer)
        : fill(new Float32Array(count), (i) => view.getFloat32(i * 4, little));
    case "f8":
      return little === HOST_LITTLE_ENDIAN
        ? new Float64Array(copy.buffer)
        : fill(new Float64Array(count), (i) => view.getFloat64(i * 8, little));
    case "f2":
      // NOTE: PyTorch keeps float16 (torch.from_numpy gives torch.float16); the
      // kit has no float16 dtype, so the values become float32, exactly.
      return fill(new Float32Array(count), (i) => halfToNumber(view.getUint16(i * 2, little)));
    case "i1":
      return new Int8Array(copy.buffer);
    case "u1":
      return copy;
    case "b1":
      return fill(new Uint8Array(count), (i) => (copy[i] === 0 ? 0 : 1));
    case "i2":
      return little === HOST_LITTLE_ENDIAN
        ? new Int16Array(copy.buffer)
        : fill(new Int16Array(count), (i) => view.getInt16(i * 2, little));
    case "i4":
      return little === HOST_LITTLE_ENDIAN
        ? new Int32Array(copy.buffer)
        : fill(new Int32Array(count), (i) => view.getInt32(i * 4, little));
    case "u2":
      return fill(new Int32Array(count), (i) => view.getUint16(i * 2, little));
    case "u4":
      return fill(new Float64Array(count), (i) => view.getUint32(i * 4, little));
    case "i8":
    case "u8":
      return decodeInt64(view, count, little, code === "u8", file);
    default:
      throw new FileFormatError(file, `unknown dtype '${type.descr}'`);
  }
}

function fill<T extends Storage>(storage: T, valueAt: (index: number) => number): T {
  for (let i = 0; i < storage.length; i++) storage[i] = valueAt(i);
  return storage;
}

function decodeInt64(
  view: DataView,
  count: number,
  little: boolean,
  unsigned: boolean,
  file: string,
): Float64Array {
  const storage = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const low = view.getUint32(i * 8 + (little ? 0 : 4), little);
    const highOffset = i * 8 + (little ? 4 : 0);
    const high = unsigned ? view.getUint32(highOffset, little) : view.getInt32(highOffset, little);

    // The sum is exact whenever the true value is a safe integer. Beyond that,
    // the rounded sum is at least 2^53 in magnitude, so the safe-integer check
    // still catches it.
    const value = high * TWO_TO_32 + low;
    if (!Number.isSafeInteger(value)) {
      const exact = unsigned ? view.getBigUint64(i * 8, little) : view.getBigInt64(i * 8, little);
      throw new RangeError(
        `Cannot read ${file}: value ${exact} at flat index ${i} lies beyond ±(2^53 - 1),` +
          " the largest integers the kit's int64 storage holds exactly",
      );
    }
    storage[i] = value;
  }
  return storage;
}

/** Converts IEEE 754 half-precision bits to a number; every half value is exact as a float32. */
function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}
