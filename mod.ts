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
export { readNpy } from "./core/npy.ts";
export type { ReadNpyOptions } from "./core/npy.ts";
export { readNpz } from "./core/npz.ts";
export { readZip } from "./core/zip.ts";
export { crc32 } from "./core/crc32.ts";
export { unpickle } from "./core/pickle.ts";
export { PickledDType } from "./core/numpy_pickle.ts";
export { ObjectArray } from "./core/numpy_array.ts";
export { FileFormatError } from "./core/file_format_error.ts";
export { frameBatch, loadEpisodes, stackFrames, stackTensors } from "./core/episodes.ts";
export type { Episode, EpisodeSet, LoadEpisodesOptions } from "./core/episodes.ts";
export { denoFileSystem, MemoryFileSystem } from "./core/file_system.ts";
export type { DirectoryEntry, FileSystem } from "./core/file_system.ts";
export { train } from "./core/training.ts";
export type { Layer, TrainingHistory, TrainingOptions, UpdateOrder } from "./core/training.ts";
export { escapeXml, graphSvg } from "./core/graph_svg.ts";
export type { GraphSvgOptions } from "./core/graph_svg.ts";
export { formatGraphNumber, graphDot, operationText } from "./core/graph_dot.ts";
export type { GraphDotOptions } from "./core/graph_dot.ts";
export { lineChartSvg } from "./core/line_chart.ts";
export type { ChartSeries, LineChartOptions } from "./core/line_chart.ts";
export {
  noArgumentsOrExit,
  parseSvgArgument,
  svgPathOrExit,
  svgUsage,
  svgWriteFailure,
  writeSvgOrExit,
} from "./core/lesson_arguments.ts";
