/**
 * An n-dimensional tensor: a flat typed-array storage read through a shape,
 * strides and an offset, as in PyTorch.
 *
 * The element at index `[i0, i1, ...]` sits in the storage at
 * `offset + i0 * strides[0] + i1 * strides[1] + ...`. Operations that only
 * rearrange elements (`view`, `transpose`, `permute`, and `reshape` whenever
 * the layout allows) return a new tensor over the same storage, so a write
 * through one is seen through the other. Apart from {@linkcode Tensor.set}, no
 * method writes to a storage.
 *
 * @module
 */

import {
  allocateStorage,
  assertDType,
  assertRepresentable,
  assertStorageType,
  type DType,
  isFloatingDType,
  type Storage,
} from "./dtype.ts";
import {
  assertShape,
  contiguousStrides,
  formatShape,
  inferShape,
  isContiguousLayout,
  shapeSize,
  viewStrides,
  wrapDimension,
} from "./shape.ts";
import { formatTensor } from "./tensor_format.ts";
import { describeArgument } from "./argument.ts";

export type { DType, Storage } from "./dtype.ts";

/** Elements in nested arrays, one array level per dimension; a 0-d tensor is a bare number. */
export type NestedArray = number | NestedArray[];

/** Input of {@linkcode Tensor.from}: numbers or booleans in nested arrays of equal lengths. */
export type NestedInput = number | boolean | readonly NestedInput[];

/** The dtype that PyTorch gives floating-point data by default (`torch.get_default_dtype()`). */
const DEFAULT_FLOATING_DTYPE: DType = "float32";

/**
 * Maximum length of a tensor that arange creates: 2^31 - 1 elements (16 GiB of
 * float64), the int32 index limit and far beyond any lesson. Deno 2 allocates longer
 * typed arrays, but a range that long is a mistake here, not data to fill.
 * PyTorch 1.13 accepts up to 2^63 - 1 and past that reports "invalid size,
 * possible overflow?" (or fails to allocate).
 */
const MAX_ARANGE_LENGTH = 2 ** 31 - 1;

/** An n-dimensional array of numbers over a shared typed-array storage. */
export class Tensor {
  /** The flat typed array holding the elements, shared with every view. */
  readonly storage: Storage;
  /** Size of each dimension. */
  readonly shape: readonly number[];
  /** Step in the storage, in elements, from one index to the next along each dimension. */
  readonly strides: readonly number[];
  /** Position in the storage of the element at index `[0, 0, ...]`. */
  readonly offset: number;
  /** Element type. */
  readonly dtype: DType;

  private constructor(
    storage: Storage,
    shape: readonly number[],
    strides: readonly number[],
    offset: number,
    dtype: DType,
  ) {
    this.storage = storage;
    this.shape = Object.freeze([...shape]);
    this.strides = Object.freeze([...strides]);
    this.offset = offset;
    this.dtype = dtype;
  }

  /**
   * Wraps a typed array as a tensor without copying it.
   *
   * @param storage The elements; its type must be the dtype's storage type
   *   (`Float64Array` for `float64` and `int64`, `Uint8Array` for `uint8` and `bool`).
   * @param shape Size of each dimension, non-negative integers.
   * @param dtype Element type.
   * @param strides Step of each dimension in elements, non-negative integers;
   *   C-contiguous strides when omitted or `undefined` (but not `null`).
   * @param offset Position of the first element in the storage; 0 by default.
   * @returns A tensor that reads and writes `storage`.
   * @throws {TypeError} If the dtype is unknown, the storage type does not match
   *   it, the strides are neither an array nor `undefined`, or a shape entry,
   *   stride or the offset is not an integer.
   * @throws {RangeError} If a shape entry, stride or the offset is negative, the
   *   strides do not have one entry per dimension, an addressed element lies
   *   outside the storage, or an `int64` or `bool` storage contains a value that
   *   the dtype cannot have.
   *
   * @example Usage
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import assert from "node:assert/strict";
   *
   * const storage = new Int32Array([1, 2, 3, 4, 5, 6]);
   * const columns = Tensor.fromStorage(storage, [3, 2], "int32", [1, 3]);
   * assert.deepEqual(columns.toArray(), [[1, 4], [2, 5], [3, 6]]);
   * ```
   */
  static fromStorage(
    storage: Storage,
    shape: readonly number[],
    dtype: DType,
    strides?: readonly number[],
    offset = 0,
  ): Tensor {
    assertDType(dtype);
    assertStorageType(storage, dtype);
    assertShape(shape, "Cannot create tensor");
    const layout = strides === undefined ? contiguousStrides(shape) : strides;
    assertLayout(storage, shape, layout, offset);
    assertStorageValues(storage, dtype);
    return new Tensor(storage, shape, layout, offset, dtype);
  }

  /**
   * Creates a tensor from nested arrays, like `torch.tensor(data)`.
   *
   * JavaScript has one number type, so the dtype cannot follow Python's
   * `1` versus `1.0`. Without `dtype`, the values decide:
   *
   * - booleans only give `bool`;
   * - integers only (within ±2^53, none of them `-0`) give `int64`, as
   *   `torch.tensor([1, 2])` does;
   * - any other numbers give `float32`, as `torch.tensor([0.5, 2.0])` does.
   *
   * Pass `dtype` for integer-valued floating data such as `[1.0, 2.0]`. An
   * empty array gives `float32`, as `torch.tensor([])` does.
   *
   * Unlike PyTorch, which truncates `1.5` to `1` for an integer dtype, this
   * rejects values that the dtype cannot hold exactly. For `bool`, any nonzero
   * number is true, as in PyTorch.
   *
   * @param data A number, a boolean, or arrays of them nested one level per
   *   dimension, every array at one level having the same length.
   * @param dtype Element type; inferred from the values when omitted.
   * @returns A new contiguous tensor with its own storage.
   * @throws {TypeError} If an element is not a number or boolean, the nesting
   *   is ragged, booleans and numbers are mixed without a dtype, or the dtype is unknown.
   * @throws {RangeError} If a value does not fit an integer dtype.
   *
   * @example Usage
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import assert from "node:assert/strict";
   *
   * assert.equal(Tensor.from([[1, 2], [3, 4]]).dtype, "int64");
   * assert.equal(Tensor.from([0.5, 2]).dtype, "float32");
   * assert.equal(Tensor.from([1, 2], "float64").toString(), "tensor([1., 2.], dtype=torch.float64)");
   * ```
   */
  static from(data: NestedInput, dtype?: DType): Tensor {
    if (dtype !== undefined) assertDType(dtype);
    const shape = measureNesting(data);
    const values: (number | boolean)[] = [];
    flattenNesting(data, shape, 0, [], values);

    const resolved = dtype ?? inferDType(values);
    const storage = allocateStorage(resolved, values.length);
    values.forEach((value, position) => {
      storage[position] = convertValue(value, resolved, () => formatPosition(shape, position));
    });
    return new Tensor(storage, shape, contiguousStrides(shape), 0, resolved);
  }

  /**
   * Creates a 1-d tensor of evenly spaced values, like `torch.arange`:
   * `arange(end)` counts from 0, and `arange(start, end, step)` stops before `end`.
   *
   * With PyTorch's rules, the length is `ceil((end - start) / step)`. All
   * arguments integers give `int64`, and any non-integer gives `float32`,
   * PyTorch's default floating dtype. JavaScript cannot tell `5.0` from `5`,
   * so `arange(5.0)` is `int64` here where PyTorch gives `float32`. Each
   * value is `start + i * step` computed in double precision and then
   * rounded to the dtype.
   *
   * @param start The first value, or the end when it is the only argument.
   * @param end The bound, not included.
   * @param step The spacing; 1 by default, negative to count down.
   * @returns A new contiguous 1-d tensor.
   * @throws {TypeError} If an argument is not a number.
   * @throws {RangeError} If `step` is 0, a bound is not finite, `step` points
   *   away from `end`, the length exceeds 2^31 - 1 elements, or an integer
   *   range leaves the safe integers.
   *
   * @example Usage
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import assert from "node:assert/strict";
   *
   * assert.equal(Tensor.arange(5).toString(), "tensor([0, 1, 2, 3, 4])");
   * assert.equal(Tensor.arange(1, 2, 0.25).toString(), "tensor([1.0000, 1.2500, 1.5000, 1.7500])");
   * ```
   */
  static arange(start: number, end?: number, step = 1): Tensor {
    if (end === undefined) {
      end = start;
      start = 0;
    }
    for (const [name, value] of [["start", start], ["end", end], ["step", step]] as const) {
      if (typeof value !== "number") {
        throw new TypeError(`Cannot create arange: ${name} ${String(value)} is not a number`);
      }
    }

    // The checks and their messages are PyTorch 1.13's (aten/src/ATen/native/RangeFactories.cpp).
    if (!Number.isFinite(start) || !Number.isFinite(end)) {
      throw new RangeError(
        `Cannot create arange: unsupported range: ${pythonNumber(start)} -> ${pythonNumber(end)}`,
      );
    }
    if (step === 0 || Number.isNaN(step)) {
      throw new RangeError(`Cannot create arange with step ${step}: step must be nonzero`);
    }
    if ((step > 0 && end < start) || (step < 0 && end > start)) {
      throw new RangeError(
        `Cannot create arange from ${start} to ${end} with step ${step}: ` +
          `upper bound and larger bound inconsistent with step sign`,
      );
    }

    const integral = Number.isInteger(start) && Number.isInteger(end) && Number.isInteger(step);
    const dtype: DType = integral ? "int64" : DEFAULT_FLOATING_DTYPE;
    const length = Math.ceil((end - start) / step);
    if (!(length <= MAX_ARANGE_LENGTH)) {
      throw new RangeError(
        `Cannot create arange from ${start} to ${end} with step ${step}: length ${length} ` +
          `exceeds the ${MAX_ARANGE_LENGTH} elements a tensor can hold here ` +
          `(PyTorch: invalid size, possible overflow?); use a larger step or a shorter range`,
      );
    }
    // NOTE: PyTorch 1.13 on CPU fills float32 aranges in SIMD chunks of float32
    // arithmetic, so some elements differ from these by one float32 step
    // (element 4 of arange(-3.3, 7.7, 0.37) is -1.8199999332427979 there,
    // -1.8200000524520874 here). Integer aranges and lengths agree exactly.
    const storage = allocateStorage(dtype, length);
    for (let i = 0; i < length; i++) {
      const value = start + i * step;
      if (integral && !Number.isSafeInteger(value)) {
        throw new RangeError(
          `Cannot create arange from ${start} to ${end}: value ${value} is beyond 2^53, ` +
            `the largest integer that int64 tensors hold exactly here`,
        );
      }
      storage[i] = value;
    }
    return new Tensor(storage, [length], [1], 0, dtype);
  }

  /** Number of dimensions, 0 for a scalar tensor. */
  get ndim(): number {
    return this.shape.length;
  }

  /**
   * Counts the elements.
   *
   * @returns The product of the shape's dimensions; 1 for a 0-d tensor.
   *
   * @example Usage
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import assert from "node:assert/strict";
   *
   * assert.equal(Tensor.arange(12).reshape(3, 4).numel(), 12);
   * ```
   */
  numel(): number {
    return shapeSize(this.shape);
  }

  /**
   * Reads one element. Negative indices count from the end, as in PyTorch.
   *
   * @param index One index per dimension; none for a 0-d tensor.
   * @returns The element; `bool` elements read as 0 or 1.
   * @throws {TypeError} If an index is not an integer.
   * @throws {RangeError} If the number of indices differs from the number of
   *   dimensions, or an index is out of bounds.
   *
   * @example Usage
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import assert from "node:assert/strict";
   *
   * const matrix = Tensor.arange(12).reshape(3, 4);
   * assert.equal(matrix.get(1, 2), 6);
   * assert.equal(matrix.get(-1, -1), 11);
   * ```
   */
  get(...index: number[]): number {
    return this.storage[this.#storageIndex(index, "read")];
  }

  /**
   * Writes one element into the storage, which every view of it shares.
   *
   * @param index One index per dimension; an empty array for a 0-d tensor.
   * @param value The new element; `true` and `false` store 1 and 0.
   * @returns Nothing.
   * @throws {TypeError} If an index is not an integer, or `value` is not a number or boolean.
   * @throws {RangeError} If the index does not fit the shape, or the value
   *   does not fit an integer dtype.
   *
   * @example Usage
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import assert from "node:assert/strict";
   *
   * const flat = Tensor.arange(6);
   * const matrix = flat.view(2, 3);
   * matrix.set([1, 0], 30);
   * assert.equal(flat.get(3), 30);
   * ```
   */
  set(index: readonly number[], value: number | boolean): void {
    if (!Array.isArray(index)) {
      throw new TypeError(
        `Cannot write element: expected the index as an array, got ${describeArgument(index)}`,
      );
    }
    const position = this.#storageIndex(index, "write");
    this.storage[position] = convertValue(value, this.dtype, () => formatShape(index));
  }

  /**
   * Copies the elements into nested arrays in logical order, like PyTorch's `tolist()`.
   *
   * @returns Nested arrays, one level per dimension; a bare number for a 0-d tensor.
   *
   * @example Usage
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import assert from "node:assert/strict";
   *
   * assert.deepEqual(Tensor.arange(4).view(2, 2).transpose(0, 1).toArray(), [[0, 2], [1, 3]]);
   * ```
   */
  toArray(): NestedArray {
    const build = (dimension: number, position: number): NestedArray => {
      if (dimension === this.shape.length) return this.storage[position];
      const row: NestedArray[] = [];
      for (let i = 0; i < this.shape[dimension]; i++) {
        row.push(build(dimension + 1, position + i * this.strides[dimension]));
      }
      return row;
    };
    return build(0, this.offset);
  }

  /**
   * Tells whether the elements lie in the storage in logical (row-major)
   * order without gaps, by PyTorch's `is_contiguous` rules.
   *
   * @returns `true` for a C-contiguous layout.
   *
   * @example Usage
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import assert from "node:assert/strict";
   *
   * const matrix = Tensor.arange(12).view(3, 4);
   * assert.equal(matrix.isContiguous(), true);
   * assert.equal(matrix.transpose(0, 1).isContiguous(), false);
   * ```
   */
  isContiguous(): boolean {
    return isContiguousLayout(this.shape, this.strides);
  }

  /**
   * Returns a contiguous tensor with the same elements: this tensor itself if
   * it is contiguous, otherwise a copy into new storage, as in PyTorch.
   *
   * @returns A C-contiguous tensor.
   *
   * @example Usage
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import assert from "node:assert/strict";
   *
   * const transposed = Tensor.arange(6).view(2, 3).transpose(0, 1);
   * const copy = transposed.contiguous();
   * assert.deepEqual(copy.strides, [2, 1]);
   * assert.deepEqual(Array.from(copy.storage), [0, 3, 1, 4, 2, 5]);
   * ```
   */
  contiguous(): Tensor {
    if (this.isContiguous()) return this;
    const storage = allocateStorage(this.dtype, this.numel());
    const result = new Tensor(storage, this.shape, contiguousStrides(this.shape), 0, this.dtype);
    if (storage.length === 0) return result;

    // Walk the elements in logical order: a plain loop along the last
    // dimension, and an odometer over the others, like nested for-loops of any
    // depth. A 0-d tensor is always contiguous, so there is a last dimension.
    const { shape, strides } = this;
    const source = this.storage;
    const last = shape.length - 1;
    const rowLength = shape[last];
    const rowStride = strides[last];
    const counter = new Array<number>(last).fill(0);
    let position = this.offset;
    let next = 0;
    while (true) {
      for (let i = 0, element = position; i < rowLength; i++, element += rowStride) {
        storage[next++] = source[element];
      }
      let dimension = last - 1;
      while (dimension >= 0) {
        counter[dimension]++;
        position += strides[dimension];
        if (counter[dimension] < shape[dimension]) break;
        position -= strides[dimension] * shape[dimension];
        counter[dimension] = 0;
        dimension--;
      }
      if (dimension < 0) return result;
    }
  }

  /**
   * Returns the elements in a new shape, like PyTorch's `reshape`: a view of
   * the same storage whenever strides for the new shape exist, and a
   * contiguous copy otherwise. One dimension may be `-1`, inferred from the
   * element count.
   *
   * @param shape The new dimensions, as arguments or as one array.
   * @returns A tensor of the new shape.
   * @throws {TypeError} If a dimension is not an integer.
   * @throws {RangeError} If the shape does not hold the tensor's element
   *   count, has two `-1`s, or has a dimension below -1.
   *
   * @example Usage
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import assert from "node:assert/strict";
   *
   * const original = Tensor.arange(12);
   * const matrix = original.reshape(3, -1);
   * assert.deepEqual(matrix.shape, [3, 4]);
   * assert.equal(matrix.storage, original.storage);
   * ```
   */
  reshape(...shape: number[] | [readonly number[]]): Tensor {
    const resolved = inferShape(shapeArgument(shape), this.numel());
    const strides = viewStrides(this.shape, this.strides, resolved);
    if (strides !== undefined) {
      return new Tensor(this.storage, resolved, strides, this.offset, this.dtype);
    }
    const copy = this.contiguous();
    return new Tensor(copy.storage, resolved, contiguousStrides(resolved), 0, this.dtype);
  }

  /**
   * Returns a view of the same storage in a new shape, like PyTorch's `view`.
   * It never copies: when the layout has no strides for the new shape, it
   * throws, and `reshape` (which copies) is the way out.
   *
   * @param shape The new dimensions, as arguments or as one array; one may be `-1`.
   * @returns A tensor of the new shape over the same storage.
   * @throws {TypeError} If a dimension is not an integer.
   * @throws {RangeError} If the shape does not hold the element count, has two
   *   `-1`s or a dimension below -1, or a new dimension would span two
   *   non-contiguous parts of the storage.
   *
   * @example Usage
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import assert from "node:assert/strict";
   *
   * const transposed = Tensor.arange(12).view(3, 4).transpose(0, 1);
   * assert.throws(() => transposed.view(12), { name: "RangeError", message: /view size is not compatible/ });
   * ```
   */
  view(...shape: number[] | [readonly number[]]): Tensor {
    const resolved = inferShape(shapeArgument(shape), this.numel());
    const strides = viewStrides(this.shape, this.strides, resolved);
    if (strides === undefined) {
      // PyTorch 1.13's message, from `view` in aten/src/ATen/native/TensorShape.cpp.
      throw new RangeError(
        `Cannot view shape ${formatShape(this.shape)} with strides ${
          formatShape(this.strides)
        } as ${formatShape(resolved)}: ` +
          "view size is not compatible with input tensor's size and stride (at least one " +
          "dimension spans across two contiguous subspaces). Use .reshape(...) instead",
      );
    }
    return new Tensor(this.storage, resolved, strides, this.offset, this.dtype);
  }

  /**
   * Swaps two dimensions, like PyTorch's `transpose`; the result is a view.
   *
   * @param dim0 One dimension; negative values count from the end.
   * @param dim1 The other dimension.
   * @returns A view with those dimensions' sizes and strides swapped.
   * @throws {TypeError} If a dimension is not an integer.
   * @throws {RangeError} If a dimension is out of range.
   *
   * @example Usage
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import assert from "node:assert/strict";
   *
   * const transposed = Tensor.arange(12).view(3, 4).transpose(0, 1);
   * assert.deepEqual(transposed.shape, [4, 3]);
   * assert.deepEqual(transposed.strides, [1, 4]);
   * ```
   */
  transpose(dim0: number, dim1: number): Tensor {
    const first = wrapDimension(dim0, this.ndim);
    const second = wrapDimension(dim1, this.ndim);
    if (this.ndim === 0) return new Tensor(this.storage, [], [], this.offset, this.dtype);
    const order = this.shape.map((_, i) => i);
    order[first] = second;
    order[second] = first;
    return this.#reorder(order);
  }

  /**
   * Reorders the dimensions like PyTorch's `permute` and returns a view.
   *
   * @param dims Every dimension exactly once, as arguments or as one array.
   *   Result dimension `i` is this tensor's dimension `dims[i]`.
   * @returns A view with reordered sizes and strides.
   * @throws {TypeError} If a dimension is not an integer.
   * @throws {RangeError} If the count differs from the number of dimensions,
   *   a dimension is out of range, or one repeats.
   *
   * @example Usage
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import assert from "node:assert/strict";
   *
   * const permuted = Tensor.arange(24).view(2, 3, 4).permute(2, 0, 1);
   * assert.deepEqual(permuted.shape, [4, 2, 3]);
   * assert.deepEqual(permuted.strides, [1, 12, 4]);
   * ```
   */
  permute(...dims: number[] | [readonly number[]]): Tensor {
    const requested = shapeArgument(dims);
    if (requested.length !== this.ndim) {
      // PyTorch 1.13 words this check the same way (prefixed with "permute(sparse_coo)").
      throw new RangeError(
        `Cannot permute with dims ${formatShape(requested)}: number of dimensions in the ` +
          `tensor input does not match the length of the desired ordering of dimensions ` +
          `i.e. input.dim() = ${this.ndim} is not equal to len(dims) = ${requested.length}`,
      );
    }
    const order = requested.map((dimension) => wrapDimension(dimension, this.ndim));
    if (new Set(order).size !== order.length) {
      throw new RangeError(
        `Cannot permute with dims ${formatShape(requested)}: duplicate dims are not allowed`,
      );
    }
    return this.#reorder(order);
  }

  /**
   * Flattens to one dimension, like PyTorch's `flatten()`: a view when the
   * layout allows, a copy otherwise, and shape `[1]` for a 0-d tensor.
   *
   * @returns A 1-d tensor of the elements in logical order.
   *
   * @example Usage
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import assert from "node:assert/strict";
   *
   * const transposed = Tensor.arange(6).view(2, 3).transpose(0, 1);
   * assert.deepEqual(transposed.flatten().toArray(), [0, 3, 1, 4, 2, 5]);
   * ```
   */
  flatten(): Tensor {
    if (this.ndim === 1) return this;
    return this.reshape(-1);
  }

  /**
   * Formats the tensor exactly as PyTorch 1.13's `str(tensor)` does.
   *
   * @returns The text of `print(tensor)` in Python, without the final line break.
   *
   * @example Usage
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import assert from "node:assert/strict";
   *
   * assert.equal(Tensor.arange(4).view(2, 2).toString(), "tensor([[0, 1],\n        [2, 3]])");
   * ```
   */
  toString(): string {
    return formatTensor(this);
  }

  #reorder(order: readonly number[]): Tensor {
    const shape = order.map((dimension) => this.shape[dimension]);
    const strides = order.map((dimension) => this.strides[dimension]);
    return new Tensor(this.storage, shape, strides, this.offset, this.dtype);
  }

  #storageIndex(index: readonly number[], action: "read" | "write"): number {
    if (index.length !== this.ndim) {
      throw new RangeError(
        `Cannot ${action} element ${formatShape(index)} of a tensor of shape ${
          formatShape(this.shape)
        }: expected ${this.ndim} ${this.ndim === 1 ? "index" : "indices"}, one per dimension`,
      );
    }
    let position = this.offset;
    index.forEach((value, dimension) => {
      if (!Number.isInteger(value)) {
        throw new TypeError(
          `Cannot ${action} element ${formatShape(index)}: index ${
            String(value)
          } is not an integer`,
        );
      }
      const size = this.shape[dimension];
      if (value < -size || value >= size) {
        // PyTorch 1.13's IndexError text.
        throw new RangeError(
          `Cannot ${action} element ${formatShape(index)}: index ${value} is out of bounds ` +
            `for dimension ${dimension} with size ${size}`,
        );
      }
      position += (value < 0 ? value + size : value) * this.strides[dimension];
    });
    return position;
  }
}

/** Accepts a shape given as separate arguments or as one array. */
function shapeArgument(shape: number[] | [readonly number[]]): readonly number[] {
  if (shape.length === 1 && Array.isArray(shape[0])) return shape[0];
  return shape as number[];
}

function assertLayout(
  storage: Storage,
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
): void {
  if (!Array.isArray(strides)) {
    throw new TypeError(
      `Cannot create tensor with strides ${describeValue(strides)}: expected an array of ` +
        `integers; omit the strides or pass undefined for C-contiguous strides`,
    );
  }
  if (strides.length !== shape.length) {
    throw new RangeError(
      `Cannot create tensor with shape ${formatShape(shape)} and strides ${
        formatShape(strides)
      }: expected one stride per dimension`,
    );
  }
  strides.forEach((stride, dimension) => {
    if (!Number.isInteger(stride)) {
      throw new TypeError(
        `Cannot create tensor with strides ${formatShape(strides)}: stride ${
          String(stride)
        } of dimension ${dimension} is not an integer`,
      );
    }
    if (stride < 0) {
      throw new RangeError(
        `Cannot create tensor with strides ${formatShape(strides)}: stride ${stride} ` +
          `of dimension ${dimension} is negative, and PyTorch has no negative strides`,
      );
    }
  });
  if (!Number.isInteger(offset)) {
    throw new TypeError(`Cannot create tensor: offset ${String(offset)} is not an integer`);
  }
  if (offset < 0) {
    throw new RangeError(`Cannot create tensor: offset ${offset} is negative`);
  }

  // An empty tensor addresses no element, so only its offset must lie within the storage.
  let last = offset;
  if (shapeSize(shape) > 0) {
    shape.forEach((size, dimension) => last += (size - 1) * strides[dimension]);
  } else if (offset <= storage.length) {
    return;
  }
  if (last >= storage.length) {
    throw new RangeError(
      `Cannot create tensor with shape ${formatShape(shape)}, strides ${
        formatShape(strides)
      } and offset ${offset}: it addresses element ${last} of a storage of ${storage.length} elements`,
    );
  }
}

function assertStorageValues(storage: Storage, dtype: DType): void {
  if (dtype !== "int64" && dtype !== "bool") return;
  storage.forEach((value, position) => {
    assertRepresentable(value, dtype, `at storage position ${position}`);
  });
}

/** Finds the shape of nested arrays from their first elements; `flattenNesting` checks the rest. */
function measureNesting(data: NestedInput): number[] {
  const shape: number[] = [];
  let level: NestedInput = data;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  return shape;
}

function flattenNesting(
  data: NestedInput,
  shape: readonly number[],
  dimension: number,
  position: number[],
  values: (number | boolean)[],
): void {
  if (dimension === shape.length) {
    if (Array.isArray(data)) {
      throw new TypeError(
        `Cannot create tensor from a ragged array: expected a number at ${
          formatShape(position)
        }, got an array`,
      );
    }
    if (typeof data !== "number" && typeof data !== "boolean") {
      throw new TypeError(
        `Cannot create tensor: element at ${formatShape(position)} is ${
          describeValue(data)
        }, expected a number or boolean`,
      );
    }
    values.push(data);
    return;
  }
  if (!Array.isArray(data)) {
    throw new TypeError(
      `Cannot create tensor from a ragged array: expected a sequence of length ${
        shape[dimension]
      } at ${formatShape(position)}, got ${describeValue(data)}`,
    );
  }
  if (data.length !== shape[dimension]) {
    // PyTorch 1.13 words it "expected sequence of length 2 at dim 1 (got 1)".
    throw new TypeError(
      `Cannot create tensor from a ragged array: expected sequence of length ${
        shape[dimension]
      } at dim ${dimension} (got ${data.length}) at ${formatShape(position)}`,
    );
  }
  data.forEach((item, i) => flattenNesting(item, shape, dimension + 1, [...position, i], values));
}

function inferDType(values: readonly (number | boolean)[]): DType {
  if (values.length === 0) return DEFAULT_FLOATING_DTYPE;
  const booleans = values.filter((value) => typeof value === "boolean").length;
  if (booleans === values.length) return "bool";
  if (booleans > 0) {
    throw new TypeError(
      "Cannot create tensor from booleans mixed with numbers: pass a dtype to convert them",
    );
  }
  const integral = values.every((value) => Number.isSafeInteger(value) && !Object.is(value, -0));
  return integral ? "int64" : DEFAULT_FLOATING_DTYPE;
}

function convertValue(value: number | boolean, dtype: DType, where: () => string): number {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value !== "number") {
    throw new TypeError(
      `Cannot store ${describeValue(value)} at ${where()}: expected a number or boolean`,
    );
  }
  if (dtype === "bool") return value !== 0 ? 1 : 0;
  if (isFloatingDType(dtype)) return value;
  assertRepresentable(value, dtype, `at ${where()}`);
  // Integer storage has no negative zero, so adding 0 turns -0 into 0.
  return value + 0;
}

/** Converts a flat position back to its index in a shape, for error messages. */
function formatPosition(shape: readonly number[], position: number): string {
  const index = new Array<number>(shape.length);
  for (let dimension = shape.length - 1; dimension >= 0; dimension--) {
    index[dimension] = position % shape[dimension];
    position = Math.floor(position / shape[dimension]);
  }
  return formatShape(index);
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  return `${typeof value} ${String(value)}`;
}

/** Spells a number as Python's `repr` does for the values arange can reject. */
function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  return String(value);
}
