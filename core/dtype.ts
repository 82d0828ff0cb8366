/**
 * Element types of tensors and the typed arrays that store them.
 *
 * Each dtype is named as PyTorch names it (`torch.float32` is `"float32"`) and
 * stored in the JavaScript typed array that represents its values exactly, with one
 * exception: JavaScript has no 64-bit integer array that plain numbers can
 * read, so `int64` lives in a `Float64Array` of whole numbers. That is exact up
 * to 2^53 (`Number.MAX_SAFE_INTEGER`), while PyTorch's int64 reaches 2^63 - 1.
 *
 * @module
 */

/**
 * Element type of a tensor, named as in PyTorch.
 *
 * | dtype     | storage        | values                                |
 * |-----------|----------------|---------------------------------------|
 * | `float64` | `Float64Array` | doubles                               |
 * | `float32` | `Float32Array` | singles                               |
 * | `int64`   | `Float64Array` | integers, exact up to 2^53 in size    |
 * | `int32`   | `Int32Array`   | integers                              |
 * | `int16`   | `Int16Array`   | integers                              |
 * | `int8`    | `Int8Array`    | integers                              |
 * | `uint8`   | `Uint8Array`   | integers from 0 to 255                |
 * | `bool`    | `Uint8Array`   | 0 for false, 1 for true               |
 */
export type DType = "float64" | "float32" | "int64" | "int32" | "int16" | "int8" | "uint8" | "bool";

/** Typed array behind a tensor; which one depends on the dtype. */
export type Storage =
  | Float64Array
  | Float32Array
  | Int32Array
  | Int16Array
  | Int8Array
  | Uint8Array;

/** Every dtype, in the order PyTorch's documentation lists them. */
export const DTYPES: readonly DType[] = Object.freeze([
  "float64",
  "float32",
  "int64",
  "int32",
  "int16",
  "int8",
  "uint8",
  "bool",
]);

type StorageConstructor =
  | Float64ArrayConstructor
  | Float32ArrayConstructor
  | Int32ArrayConstructor
  | Int16ArrayConstructor
  | Int8ArrayConstructor
  | Uint8ArrayConstructor;

const STORAGE_CONSTRUCTORS: Record<DType, StorageConstructor> = {
  float64: Float64Array,
  float32: Float32Array,
  int64: Float64Array,
  int32: Int32Array,
  int16: Int16Array,
  int8: Int8Array,
  uint8: Uint8Array,
  bool: Uint8Array,
};

/** Smallest and largest value of each integer dtype; int64 is limited to the safe integers. */
const INTEGER_RANGES: Partial<Record<DType, readonly [number, number]>> = {
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int16: [-(2 ** 15), 2 ** 15 - 1],
  int8: [-(2 ** 7), 2 ** 7 - 1],
  uint8: [0, 2 ** 8 - 1],
  bool: [0, 1],
};

/**
 * Checks that a value names a dtype.
 *
 * @param dtype The value to check.
 * @returns Nothing; returns normally when `dtype` is one of {@linkcode DTYPES}.
 * @throws {TypeError} If `dtype` is not a dtype name.
 *
 * @example Usage
 * ```ts
 * import { assertDType } from "./dtype.ts";
 * import assert from "node:assert/strict";
 *
 * assertDType("float32");
 * assert.throws(() => assertDType("double"), TypeError);
 * ```
 */
export function assertDType(dtype: unknown): asserts dtype is DType {
  if (typeof dtype !== "string" || !(DTYPES as readonly string[]).includes(dtype)) {
    throw new TypeError(
      `Invalid dtype ${JSON.stringify(dtype) ?? String(dtype)}: expected one of ${
        DTYPES.join(", ")
      }`,
    );
  }
}

/**
 * Tells whether a dtype is a floating-point type.
 *
 * @param dtype The dtype.
 * @returns `true` for `float64` and `float32`.
 *
 * @example Usage
 * ```ts
 * import { isFloatingDType } from "./dtype.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isFloatingDType("float32"), true);
 * assert.equal(isFloatingDType("int64"), false);
 * ```
 */
export function isFloatingDType(dtype: DType): boolean {
  return dtype === "float64" || dtype === "float32";
}

/**
 * Allocates a zero-filled storage for a dtype.
 *
 * @param dtype The dtype of the elements.
 * @param length Number of elements.
 * @returns A new typed array of the dtype's storage type.
 *
 * @example Usage
 * ```ts
 * import { allocateStorage } from "./dtype.ts";
 * import assert from "node:assert/strict";
 *
 * assert.ok(allocateStorage("int64", 3) instanceof Float64Array);
 * ```
 */
export function allocateStorage(dtype: DType, length: number): Storage {
  return new STORAGE_CONSTRUCTORS[dtype](length);
}

/**
 * Checks that a typed array is the storage type of a dtype.
 *
 * @param storage The typed array.
 * @param dtype The dtype it should store.
 * @returns Nothing; returns normally when the types agree.
 * @throws {TypeError} If `storage` is not the typed array the dtype uses.
 *
 * @example Usage
 * ```ts
 * import { assertStorageType } from "./dtype.ts";
 * import assert from "node:assert/strict";
 *
 * assertStorageType(new Float64Array(2), "int64");
 * assert.throws(() => assertStorageType(new Int32Array(2), "int64"), TypeError);
 * ```
 */
export function assertStorageType(storage: unknown, dtype: DType): asserts storage is Storage {
  const expected = STORAGE_CONSTRUCTORS[dtype];
  if (!(storage instanceof expected)) {
    const actual = describeStorage(storage);
    throw new TypeError(
      `Invalid storage for dtype ${dtype}: expected a ${expected.name}, got ${actual}`,
    );
  }
}

/**
 * Checks that a number can be stored in an integer dtype without change.
 *
 * Floating dtypes accept every number, so the check passes for them.
 *
 * @param value The number to store.
 * @param dtype The dtype of the storage.
 * @param where Where the value comes from, for the error message (such as `at [1, 0]`).
 * @returns Nothing; returns normally when the value fits.
 * @throws {RangeError} If the dtype is an integer dtype and `value` is not an
 *   integer in its range, or the dtype is `bool` and `value` is not 0 or 1.
 *
 * @example Usage
 * ```ts
 * import { assertRepresentable } from "./dtype.ts";
 * import assert from "node:assert/strict";
 *
 * assertRepresentable(127, "int8", "at [0]");
 * assert.throws(() => assertRepresentable(300, "int8", "at [0]"), RangeError);
 * ```
 */
export function assertRepresentable(value: number, dtype: DType, where: string): void {
  const range = INTEGER_RANGES[dtype];
  if (range === undefined) return;
  const [min, max] = range;
  if (!Number.isInteger(value)) {
    throw new RangeError(
      `Invalid value ${value} ${where} for dtype ${dtype}: expected an integer`,
    );
  }
  if (value < min || value > max) {
    throw new RangeError(
      `Invalid value ${value} ${where} for dtype ${dtype}: expected a value from ${min} to ${max}`,
    );
  }
}

function describeStorage(storage: unknown): string {
  if (storage === null) return "null";
  if (typeof storage === "object") return storage.constructor?.name ?? "object";
  return typeof storage;
}
