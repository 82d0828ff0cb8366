/**
 * Printing of tensors, exactly as PyTorch 1.13's `str(tensor)` prints them.
 *
 * The rules are those of PyTorch's torch/_tensor_str.py with its default print
 * options. One formatter looks at every element that will be shown and picks a
 * single style and width for all of them:
 *
 * - integer and bool dtypes print each element as Python's `str` does;
 * - floating dtypes whose finite nonzero elements are all whole numbers print
 *   as `1.`, `-20.` ("int mode");
 * - other floating data prints with four decimals, `0.1235`;
 * - either floating style switches to scientific notation, `1.2346e+05`, when
 *   the largest finite nonzero magnitude exceeds 1e8 or is more than 1000
 *   times the smallest, and the four-decimal style also switches when the
 *   smallest is below 1e-4.
 *
 * Elements are right-aligned to the widest one. Rows wrap at 80 columns, and
 * a tensor of more than 1000 elements shows only the first and last three
 * entries of each long dimension, with `...` between them.
 *
 * @module
 */

import type { DType } from "./dtype.ts";
import { formatFixed, formatScientific } from "./format.ts";

/** Digits after the point for floating elements; PyTorch's `PRINT_OPTS.precision`. */
const PRECISION = 4;
/** Element count above which printing summarizes; PyTorch's `PRINT_OPTS.threshold`. */
const SUMMARIZE_THRESHOLD = 1000;
/** Entries kept at each end of a summarized dimension; PyTorch's `PRINT_OPTS.edgeitems`. */
const EDGE_ITEMS = 3;
/** Column budget for a row of elements; PyTorch's `PRINT_OPTS.linewidth`. */
const LINE_WIDTH = 80;
/** Largest max/min ratio of finite nonzero magnitudes printed without exponents (`_Formatter`). */
const MAX_FIXED_RATIO = 1000;
/** Largest finite magnitude printed without an exponent (`_Formatter`). */
const MAX_FIXED_MAGNITUDE = 1e8;
/** Smallest nonzero magnitude printed with four fixed decimals (`_Formatter`). */
const MIN_FIXED_MAGNITUDE = 1e-4;
/** Text before the elements; its length is the indentation of continuation lines. */
const PREFIX = "tensor(";
/** Dtypes that PyTorch prints without a `dtype=` suffix: the default float dtype, int64 and bool. */
const DTYPES_WITHOUT_SUFFIX: readonly DType[] = ["float32", "int64", "bool"];

/** The parts of a tensor that printing reads. */
export interface PrintableTensor {
  /** Size of each dimension. */
  readonly shape: readonly number[];
  /** Step in the storage along each dimension, in elements. */
  readonly strides: readonly number[];
  /** Storage position of the first element. */
  readonly offset: number;
  /** The elements. */
  readonly storage: ArrayLike<number>;
  /** Element type. */
  readonly dtype: DType;
}

/**
 * Formats a tensor as PyTorch 1.13's `str(tensor)` (the text `print(tensor)`
 * shows), byte for byte, with the default print options.
 *
 * @param tensor The tensor; any shape, strides and offset, read in logical order.
 * @returns The text, such as `tensor([[1, 2],\n        [3, 4]])`.
 *
 * @example Usage
 * ```ts
 * import { formatTensor } from "./tensor_format.ts";
 * import assert from "node:assert/strict";
 *
 * const tensor = {
 *   shape: [3],
 *   strides: [1],
 *   offset: 0,
 *   storage: new Float64Array([0.5, -2, 100]),
 *   dtype: "float64" as const,
 * };
 * assert.equal(formatTensor(tensor), "tensor([  0.5000,  -2.0000, 100.0000], dtype=torch.float64)");
 * ```
 */
export function formatTensor(tensor: PrintableTensor): string {
  const indent = PREFIX.length;
  const size = tensor.shape.reduce((product, dimension) => product * dimension, 1);
  const suffixes: string[] = [];
  let body: string;

  if (size === 0) {
    // PyTorch shows the shape of an empty tensor unless it is 1-d, and always
    // names a dtype other than float32 because no element shows it.
    if (tensor.shape.length !== 1) suffixes.push(`size=${pythonTuple(tensor.shape)}`);
    if (tensor.dtype !== "float32") suffixes.push(`dtype=torch.${tensor.dtype}`);
    body = "[]";
  } else {
    if (!DTYPES_WITHOUT_SUFFIX.includes(tensor.dtype)) suffixes.push(`dtype=torch.${tensor.dtype}`);
    const summarize = size > SUMMARIZE_THRESHOLD;
    const formatter = new ElementFormatter(tensor.dtype, shownValues(tensor, summarize));
    body = formatBlock(tensor, formatter, summarize, 0, tensor.offset, indent);
  }

  return appendSuffixes(PREFIX + body, suffixes, indent);
}

/**
 * Formats single elements in one shared style and width, PyTorch's `_Formatter`.
 */
class ElementFormatter {
  readonly #dtype: DType;
  readonly #floating: boolean;
  #intMode = true;
  #sciMode = false;
  #width = 1;

  constructor(dtype: DType, values: readonly number[]) {
    this.#dtype = dtype;
    this.#floating = dtype === "float32" || dtype === "float64";
    if (!this.#floating) {
      for (const value of values) {
        this.#width = Math.max(this.#width, this.#plain(value).length);
      }
      return;
    }

    // Only finite nonzero elements decide the style and the width, so a zero,
    // nan or inf may print wider than the others, as in PyTorch.
    const decisive = values.filter((value) => Number.isFinite(value) && value !== 0);
    if (decisive.length === 0) return;
    let max = 0;
    let min = Infinity;
    for (const value of decisive) {
      max = Math.max(max, Math.abs(value));
      min = Math.min(min, Math.abs(value));
    }
    this.#intMode = decisive.every((value) => value === Math.ceil(value));

    const ratioTooLarge = max / min > MAX_FIXED_RATIO || max > MAX_FIXED_MAGNITUDE;
    let texts: string[];
    if (this.#intMode) {
      this.#sciMode = ratioTooLarge;
      // One more column for the point that int mode appends.
      texts = this.#sciMode
        ? decisive.map((value) => formatScientific(value, PRECISION))
        : decisive.map((value) => `${formatFixed(value, 0)}.`);
    } else {
      this.#sciMode = ratioTooLarge || min < MIN_FIXED_MAGNITUDE;
      texts = decisive.map((value) =>
        this.#sciMode ? formatScientific(value, PRECISION) : formatFixed(value, PRECISION)
      );
    }
    for (const text of texts) this.#width = Math.max(this.#width, text.length);
  }

  /** Width that elements are right-aligned to; a zero, nan or inf outside the decision may be wider. */
  get width(): number {
    return this.#width;
  }

  /** Formats one element, right-aligned to the shared width. */
  format(value: number): string {
    let text: string;
    if (!this.#floating) {
      text = this.#plain(value);
    } else if (this.#sciMode) {
      text = formatScientific(value, PRECISION);
    } else if (this.#intMode) {
      text = formatFixed(value, 0);
      if (Number.isFinite(value)) text += ".";
    } else {
      text = formatFixed(value, PRECISION);
    }
    return text.padStart(this.#width, " ");
  }

  /** Python's `str` of an integer or bool element. */
  #plain(value: number): string {
    if (this.#dtype === "bool") return value !== 0 ? "True" : "False";
    // String(-0) is "0", as Python prints the integer zero.
    return String(value);
  }
}

/**
 * Collects the elements that printing shows, in logical order: all of them,
 * or with summarization only the first and last `EDGE_ITEMS` entries of each
 * dimension longer than twice that (PyTorch's `get_summarized_data`).
 */
function shownValues(tensor: PrintableTensor, summarize: boolean): number[] {
  const values: number[] = [];
  const visit = (dimension: number, position: number): void => {
    if (dimension === tensor.shape.length) {
      values.push(tensor.storage[position]);
      return;
    }
    for (const i of shownIndices(tensor.shape[dimension], summarize)) {
      if (i === -1) continue;
      visit(dimension + 1, position + i * tensor.strides[dimension]);
    }
  };
  visit(0, tensor.offset);
  return values;
}

/** Indices shown along a dimension of `size` entries; `-1` marks the `...`. */
function shownIndices(size: number, summarize: boolean): number[] {
  const indices: number[] = [];
  if (summarize && size > 2 * EDGE_ITEMS) {
    for (let i = 0; i < EDGE_ITEMS; i++) indices.push(i);
    indices.push(-1);
    for (let i = size - EDGE_ITEMS; i < size; i++) indices.push(i);
  } else {
    for (let i = 0; i < size; i++) indices.push(i);
  }
  return indices;
}

/**
 * Formats the sub-tensor from `dimension` on, which starts at storage
 * `position`. Its opening bracket sits at 0-based column `indent`, which is
 * PyTorch's `indent` argument of `_tensor_str_with_formatter`.
 */
function formatBlock(
  tensor: PrintableTensor,
  formatter: ElementFormatter,
  summarize: boolean,
  dimension: number,
  position: number,
  indent: number,
): string {
  const ndim = tensor.shape.length;
  if (dimension === ndim) return formatter.format(tensor.storage[position]);

  const size = tensor.shape[dimension];
  const stride = tensor.strides[dimension];
  const indices = shownIndices(size, summarize);

  if (dimension === ndim - 1) {
    return formatRow(tensor, formatter, indices, position, stride, indent);
  }

  const blocks = indices.map((i) =>
    i === -1
      ? "..."
      : formatBlock(tensor, formatter, summarize, dimension + 1, position + i * stride, indent + 1)
  );
  // Sub-blocks of a 3-d tensor are separated by one blank line, of a 4-d one by two.
  const separator = "," + "\n".repeat(ndim - dimension - 1) + " ".repeat(indent + 1);
  return `[${blocks.join(separator)}]`;
}

/** Formats the last dimension, wrapping so that a line stays within `LINE_WIDTH` (`_vector_str`). */
function formatRow(
  tensor: PrintableTensor,
  formatter: ElementFormatter,
  indices: readonly number[],
  position: number,
  stride: number,
  indent: number,
): string {
  // Each element takes its width plus ", ". The " ..." entry counts as one element.
  const elementLength = formatter.width + 2;
  const perLine = Math.max(1, Math.floor((LINE_WIDTH - indent) / elementLength));
  const texts = indices.map((i) =>
    i === -1 ? " ..." : formatter.format(tensor.storage[position + i * stride])
  );

  const lines: string[] = [];
  for (let start = 0; start < texts.length; start += perLine) {
    lines.push(texts.slice(start, start + perLine).join(", "));
  }
  return `[${lines.join(",\n" + " ".repeat(indent + 1))}]`;
}

/**
 * Appends `, size=...` and `, dtype=...` after the elements, moving a suffix
 * to its own line when it would pass `LINE_WIDTH` (PyTorch's `_add_suffixes`).
 */
function appendSuffixes(text: string, suffixes: readonly string[], indent: number): string {
  // PyTorch measures the last line as 2 longer than it is; kept for identical wrapping.
  let lastLineLength = text.length - text.lastIndexOf("\n") + 1;
  let result = text;
  for (const suffix of suffixes) {
    if (lastLineLength + suffix.length + 2 > LINE_WIDTH) {
      result += ",\n" + " ".repeat(indent) + suffix;
      lastLineLength = indent + suffix.length;
    } else {
      result += ", " + suffix;
      lastLineLength += suffix.length + 2;
    }
  }
  return result + ")";
}

/** Python's `str(tuple(shape))`: `(0, 3)`, with a trailing comma for one entry. */
function pythonTuple(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(", ")})`;
}
