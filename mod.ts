/**
 * The backprop kit: tensors, scalar autograd, printing and data loading for
 * learning and checking backpropagation.
 *
 * @module
 */

export { formatFixed, formatScientific } from "./core/format.ts";
export { Transcript } from "./core/transcript.ts";
export { Tensor } from "./core/tensor.ts";
export type { DType, NestedArray, NestedInput, Storage } from "./core/tensor.ts";
