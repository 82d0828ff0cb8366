/**
 * Kit values for NumPy arrays that the readers decode: a {@linkcode Tensor}
 * for numbers and booleans, an {@linkcode ObjectArray} for Python objects.
 *
 * @module
 */

import { describeArgument } from "./argument.ts";
import type { DType, Storage } from "./dtype.ts";
import { assertShape, shapeSize } from "./shape.ts";
import { Tensor } from "./tensor.ts";

/**
 * A NumPy array of dtype `object`: Python values (dicts, lists, strings,
 * numbers, arrays) in a shape, as `np.save(..., allow_pickle=True)` writes them.
 *
 * @example Usage
 * ```ts
 * import { ObjectArray } from "./numpy_array.ts";
 * import assert from "node:assert/strict";
 *
 * const array = new ObjectArray([], [new Map([["answer", 42]])]);
 * assert.deepEqual(array.item(), new Map([["answer", 42]]));
 * ```
 */
export class ObjectArray {
  /** Size of each dimension; `[]` for a 0-d array. */
  readonly shape: readonly number[];
  /** The elements in C order (last index fastest), whatever order the file used. */
  readonly items: readonly unknown[];

  /**
   * Creates an object array.
   *
   * @param shape Size of each dimension.
   * @param items The elements in C order, as many as the shape holds.
   * @throws {TypeError} If `shape` is not an array of integers or `items` is not an array.
   * @throws {RangeError} If a dimension is negative or the number of items does
   *   not match the shape.
   */
  constructor(shape: readonly number[], items: readonly unknown[]) {
    if (!Array.isArray(shape)) {
      throw new TypeError(
        `Cannot create object array with shape ${
          describeArgument(shape)
        }: expected an array of integers, e.g. [2, 3]`,
      );
    }
    assertShape(shape, "Cannot create object array");
    if (!Array.isArray(items)) {
      throw new TypeError(
        `Cannot create object array from items ${
          describeArgument(items)
        }: expected an array of the elements in C order`,
      );
    }
    if (items.length !== shapeSize(shape)) {
      throw new RangeError(
        `Cannot create object array of shape [${shape.join(", ")}] from ${items.length} items`,
      );
    }
    this.shape = Object.freeze([...shape]);
    this.items = Object.freeze([...items]);
  }

  /**
   * Returns the only element, like NumPy's `array.item()`.
   *
   * @returns The element of a one-element array.
   * @throws {RangeError} If the array does not hold exactly one element.
   */
  item(): unknown {
    if (this.items.length !== 1) {
      throw new RangeError(
        `can only convert an array of size 1 to a Python scalar: this one has ${this.items.length}`,
      );
    }
    return this.items[0];
  }
}

/**
 * Wraps decoded NumPy elements as a tensor without copying them. Fortran order
 * (first index fastest) becomes column-major strides over the same storage.
 *
 * @param storage The elements in file order.
 * @param shape Size of each dimension.
 * @param dtype The kit dtype of the storage.
 * @param fortranOrder Whether the elements are in Fortran order.
 * @returns A tensor over `storage`.
 *
 * @example Usage
 * ```ts
 * import { tensorFromNumpy } from "./numpy_array.ts";
 * import assert from "node:assert/strict";
 *
 * const tensor = tensorFromNumpy(new Int32Array([1, 2, 3, 4, 5, 6]), [2, 3], "int32", true);
 * assert.deepEqual(tensor.strides, [1, 2]);
 * assert.deepEqual(tensor.toArray(), [[1, 3, 5], [2, 4, 6]]);
 * ```
 */
export function tensorFromNumpy(
  storage: Storage,
  shape: readonly number[],
  dtype: DType,
  fortranOrder: boolean,
): Tensor {
  if (!fortranOrder) return Tensor.fromStorage(storage, shape, dtype);
  const strides: number[] = [];
  let step = 1;
  for (const size of shape) {
    strides.push(step);
    step *= size;
  }
  return Tensor.fromStorage(storage, shape, dtype, strides);
}

/**
 * Puts Fortran-ordered items (first index fastest) into C order.
 *
 * @param items The items in Fortran order.
 * @param shape Size of each dimension.
 * @returns A new array of the items in C order.
 *
 * @example Usage
 * ```ts
 * import { fortranToCOrder } from "./numpy_array.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(fortranToCOrder(["a", "c", "b", "d"], [2, 2]), ["a", "b", "c", "d"]);
 * ```
 */
export function fortranToCOrder<T>(items: readonly T[], shape: readonly number[]): T[] {
  const result: T[] = [];
  const index = shape.map(() => 0);
  for (let flat = 0; flat < items.length; flat++) {
    // Position of C-order element `index` in Fortran order.
    let position = 0;
    let step = 1;
    for (let axis = 0; axis < shape.length; axis++) {
      position += index[axis] * step;
      step *= shape[axis];
    }
    result.push(items[position]);
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      index[axis]++;
      if (index[axis] < shape[axis]) break;
      index[axis] = 0;
    }
  }
  return result;
}
