/**
 * Shape and stride arithmetic: element counts, C-contiguous strides, the
 * inference of one `-1` dimension, and the strides of a view.
 *
 * A tensor's element at index `[i0, i1, ...]` lives in its storage at
 * `offset + i0 * strides[0] + i1 * strides[1] + ...`. Reshaping without
 * copying means finding new strides that address the same elements in the
 * same logical order; {@linkcode viewStrides} decides whether they exist.
 *
 * @module
 */

import { describeArgument } from "./argument.ts";

/**
 * Formats a shape as PyTorch prints it inside messages: `[3, 4]`.
 *
 * @param shape The dimensions.
 * @returns The dimensions in brackets, separated by a comma and a space.
 *
 * @example Usage
 * ```ts
 * import { formatShape } from "./shape.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatShape([5, -1]), "[5, -1]");
 * ```
 */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/**
 * Counts the elements of a shape: the product of its dimensions, 1 for `[]`.
 *
 * @param shape The dimensions, each a non-negative integer.
 * @returns The number of elements.
 *
 * @example Usage
 * ```ts
 * import { shapeSize } from "./shape.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(shapeSize([2, 2, 3]), 12);
 * assert.equal(shapeSize([]), 1);
 * ```
 */
export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const dimension of shape) size *= dimension;
  return size;
}

/**
 * Checks that every dimension of a shape is a non-negative integer.
 *
 * @param shape The dimensions to check.
 * @param action What was being done, for the error message (such as `Cannot create tensor`).
 * @returns Nothing; returns normally when the shape is valid.
 * @throws {TypeError} If `shape` is not an array or a dimension is not an integer.
 * @throws {RangeError} If a dimension is negative.
 *
 * @example Usage
 * ```ts
 * import { assertShape } from "./shape.ts";
 * import assert from "node:assert/strict";
 *
 * assertShape([3, 0], "Cannot create tensor");
 * assert.throws(() => assertShape([3, -4], "Cannot create tensor"), RangeError);
 * ```
 */
export function assertShape(shape: readonly number[], action: string): void {
  if (!Array.isArray(shape)) {
    throw new TypeError(
      `${action}: expected the shape as an array of integers, got ${describeArgument(shape)}`,
    );
  }
  shape.forEach((dimension, position) => {
    if (!Number.isInteger(dimension)) {
      throw new TypeError(
        `${action} with shape ${formatShape(shape)}: dimension ${
          String(dimension)
        } at position ${position} is not an integer`,
      );
    }
    if (dimension < 0) {
      throw new RangeError(
        `${action} with shape ${formatShape(shape)}: invalid shape dimension ${dimension}`,
      );
    }
  });
}

/**
 * Computes the strides of a C-contiguous (row-major) layout, where the last
 * dimension varies fastest.
 *
 * As in PyTorch, a dimension of size 0 counts as size 1 here, so an empty
 * tensor gets the strides it would have with one element in that place.
 *
 * @param shape The dimensions.
 * @returns The stride of each dimension, in elements.
 *
 * @example Usage
 * ```ts
 * import { contiguousStrides } from "./shape.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(contiguousStrides([2, 2, 3]), [6, 3, 1]);
 * assert.deepEqual(contiguousStrides([0, 3]), [3, 1]);
 * ```
 */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let dimension = shape.length - 1; dimension >= 0; dimension--) {
    strides[dimension] = stride;
    stride *= Math.max(shape[dimension], 1);
  }
  return strides;
}

/**
 * Tells whether a shape and strides describe a C-contiguous layout, with
 * PyTorch's rules: an empty tensor is contiguous, and a dimension of size 1
 * may have any stride because it is never stepped along.
 *
 * @param shape The dimensions.
 * @param strides The stride of each dimension.
 * @returns `true` if the elements lie in logical order with no gaps.
 *
 * @example Usage
 * ```ts
 * import { isContiguousLayout } from "./shape.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isContiguousLayout([3, 4], [4, 1]), true);
 * assert.equal(isContiguousLayout([4, 3], [1, 4]), false);
 * ```
 */
export function isContiguousLayout(shape: readonly number[], strides: readonly number[]): boolean {
  if (shapeSize(shape) === 0) return true;
  let expected = 1;
  for (let dimension = shape.length - 1; dimension >= 0; dimension--) {
    if (shape[dimension] === 1) continue;
    if (strides[dimension] !== expected) return false;
    expected *= shape[dimension];
  }
  return true;
}

/**
 * Resolves a requested shape for `size` elements, inferring at most one `-1`,
 * with PyTorch's rules and messages.
 *
 * @param requested The requested dimensions; one of them may be `-1`.
 * @param size The number of elements the shape must hold.
 * @returns The shape with the `-1` replaced by the inferred dimension.
 * @throws {TypeError} If `requested` is not an array or a dimension is not an integer.
 * @throws {RangeError} If there are two `-1`s, a dimension is below -1, the
 *   shape does not hold `size` elements, or a `-1` is ambiguous because the
 *   tensor is empty.
 *
 * @example Usage
 * ```ts
 * import { inferShape } from "./shape.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(inferShape([3, -1], 12), [3, 4]);
 * assert.throws(() => inferShape([5, -1], 12), {
 *   name: "RangeError",
 *   message: /^Shape \[5, -1\] is invalid for input of size 12/,
 * });
 * ```
 */
export function inferShape(requested: readonly number[], size: number): number[] {
  if (!Array.isArray(requested)) {
    throw new TypeError(
      `Cannot reshape: expected the shape as integers, got ${describeArgument(requested)}`,
    );
  }
  const shape = formatShape(requested);
  let inferred = -1;
  let known = 1;
  requested.forEach((dimension, position) => {
    if (!Number.isInteger(dimension)) {
      throw new TypeError(
        `Cannot reshape to ${shape}: dimension ${
          String(dimension)
        } at position ${position} is not an integer`,
      );
    }
    if (dimension === -1) {
      if (inferred !== -1) {
        throw new RangeError(
          `Cannot reshape to ${shape}: only one dimension can be inferred, ` +
            `so give the size of every dimension but one`,
        );
      }
      inferred = position;
    } else if (dimension < 0) {
      throw new RangeError(
        `Cannot reshape to ${shape}: invalid shape dimension ${dimension}, use -1 to infer a dimension`,
      );
    } else {
      known *= dimension;
    }
  });

  if (inferred === -1) {
    if (known !== size) {
      throw new RangeError(
        `Shape ${shape} is invalid for input of size ${size}: its dimensions multiply to ${known}`,
      );
    }
    return [...requested];
  }

  // exercise reshape-infer: the size of the -1 dimension
  if (known === 0) {
    // 0 times anything is 0, so every value of the -1 would fit an empty tensor,
    // and no value fits a non-empty one.
    if (size === 0) {
      throw new RangeError(
        `Cannot reshape tensor of 0 elements into shape ${shape} because the ` +
          `unspecified dimension size -1 can be any value and is ambiguous`,
      );
    }
    throw new RangeError(
      `Shape ${shape} is invalid for input of size ${size}: the other dimensions multiply to 0`,
    );
  }
  if (size % known !== 0) {
    throw new RangeError(
      `Shape ${shape} is invalid for input of size ${size}: ` +
        `the other dimensions multiply to ${known}, which does not divide ${size}`,
    );
  }
  const result = [...requested];
  result[inferred] = size / known;
  return result;
  // end exercise reshape-infer
}

/**
 * Finds strides that let a tensor of `oldShape` and `oldStrides` be viewed as
 * `newShape` without copying, or returns `undefined` when none exist.
 *
 * The old dimensions are grouped into chunks that are contiguous with each
 * other (each dimension's stride equals the next one's stride times its size).
 * A view exists when the new shape splits into consecutive groups whose sizes
 * match those chunks, so that no new dimension spans two chunks. This is the
 * rule of PyTorch's `computeStride` (aten/src/ATen/TensorUtils.cpp).
 *
 * @param oldShape The current dimensions.
 * @param oldStrides The current strides.
 * @param newShape The requested dimensions, with the same element count.
 * @returns The strides of the view, or `undefined` if it would need a copy.
 *
 * @example Usage
 * ```ts
 * import { viewStrides } from "./shape.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(viewStrides([12], [1], [3, 4]), [4, 1]);
 * // The transpose of a 3x4 tensor: its rows are not contiguous.
 * assert.equal(viewStrides([4, 3], [1, 4], [12]), undefined);
 * ```
 */
export function viewStrides(
  oldShape: readonly number[],
  oldStrides: readonly number[],
  newShape: readonly number[],
): number[] | undefined {
  // A 0-d tensor is one element, and any shape of size 1 can step anywhere.
  if (oldShape.length === 0) return newShape.map(() => 1);

  const size = shapeSize(oldShape);
  if (size === 0) {
    if (oldShape.length === newShape.length && oldShape.every((d, i) => d === newShape[i])) {
      return [...oldStrides];
    }
    return contiguousStrides(newShape);
  }

  // exercise view-strides: strides of a view, or undefined when a copy is needed
  const newStrides = new Array<number>(newShape.length);
  let viewDimension = newShape.length - 1;
  let chunkBaseStride = oldStrides[oldStrides.length - 1];
  let chunkSize = 1;
  let viewSize = 1;
  for (let dimension = oldShape.length - 1; dimension >= 0; dimension--) {
    chunkSize *= oldShape[dimension];

    // A chunk ends at the first dimension, or where the next outer dimension
    // does not continue this chunk in memory (size-1 dimensions never break one).
    const chunkEnds = dimension === 0 ||
      (oldShape[dimension - 1] !== 1 &&
        oldStrides[dimension - 1] !== chunkSize * chunkBaseStride);
    if (!chunkEnds) continue;

    while (viewDimension >= 0 && (viewSize < chunkSize || newShape[viewDimension] === 1)) {
      newStrides[viewDimension] = viewSize * chunkBaseStride;
      viewSize *= newShape[viewDimension];
      viewDimension--;
    }
    if (viewSize !== chunkSize) return undefined;

    if (dimension > 0) {
      chunkBaseStride = oldStrides[dimension - 1];
      chunkSize = 1;
      viewSize = 1;
    }
  }
  if (viewDimension !== -1) return undefined;
  return newStrides;
  // end exercise view-strides
}

/**
 * Wraps a possibly negative dimension index into `0..ndim-1`, with PyTorch's
 * message for one out of range. A 0-d tensor accepts 0 and -1, as in PyTorch.
 *
 * @param dimension The dimension index; -1 is the last dimension.
 * @param ndim The number of dimensions of the tensor.
 * @returns The dimension index from 0.
 * @throws {TypeError} If `dimension` is not an integer.
 * @throws {RangeError} If `dimension` is outside `-ndim..ndim-1`.
 *
 * @example Usage
 * ```ts
 * import { wrapDimension } from "./shape.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(wrapDimension(-1, 3), 2);
 * assert.throws(() => wrapDimension(2, 2), RangeError);
 * ```
 */
export function wrapDimension(dimension: number, ndim: number): number {
  if (!Number.isInteger(dimension)) {
    throw new TypeError(`Invalid dimension ${String(dimension)}: expected an integer`);
  }
  const bound = Math.max(ndim, 1);
  if (dimension < -bound || dimension >= bound) {
    throw new RangeError(
      `Dimension out of range (expected to be in range of [${-bound}, ${
        bound - 1
      }], but got ${dimension})`,
    );
  }
  return dimension < 0 ? dimension + bound : dimension;
}
