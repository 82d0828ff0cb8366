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
export {
  add,
  div,
  exp,
  log,
  mul,
  neg,
  pow,
  relu,
  sigmoid,
  sub,
  tanh,
  topologicalOrder,
  Value,
  zeroGrads,
} from "./core/value.ts";
export type { FloatDType, Operand, Operation, ValueOptions } from "./core/value.ts";
export { expFloat32, float32UlpDistance } from "./core/float32.ts";
export {
  ARTICLE_EXAMPLE,
  ARTICLE_LEARNING_RATE,
  ARTICLE_PARAMETERS,
  createParameters,
  forwardPass,
  parameterList,
} from "./core/mazur_network.ts";
export type {
  BiasName,
  ForwardOptions,
  ForwardPass,
  ParameterName,
  Parameters,
  SigmoidForm,
  WeightName,
  Wiring,
} from "./core/mazur_network.ts";
export { formatRepr } from "./core/format.ts";
export { formatGraph } from "./core/graph_text.ts";
export type { GraphTextOptions } from "./core/graph_text.ts";
