/**
 * A computation graph as Graphviz DOT text, and the node and operation texts
 * that the SVG drawing in `graph_svg.ts` shares.
 *
 * `dot -Tsvg graph.dot -o graph.svg` (Graphviz) draws the text; the kit's own
 * {@linkcode graphSvg} needs no tool. Both show the same graph: a box per
 * `Value` with its label, data and grad, an ellipse per operation, and an edge
 * from each operand to the operation that uses it.
 *
 * @module
 */

import { describeArgument, graphNumberFormat } from "./argument.ts";
import { topologicalOrder, Value } from "./value.ts";

/** Options of {@linkcode graphDot}. */
export interface GraphDotOptions {
  /** Formats `data`, `grad` and number operands; 6 significant digits by default. */
  formatNumber?: (x: number) => string;
}

// Significant digits of the default number format: enough to tell the article's
// 9-decimal figures apart in most nodes, short enough for a box.
const SIGNIFICANT_DIGITS = 6;

// The symbol of each arithmetic operation in its ellipse. A number operand is
// written on its side of the symbol, as in `1 ÷` or `× 0.5`.
const SYMBOLS: Readonly<Record<string, string>> = {
  "+": "+",
  "-": "\u2212",
  "*": "\u00d7",
  "/": "\u00f7",
  "pow": "**",
};

/**
 * Formats a number with 6 significant digits and no trailing zeros, like Python's `f"{x:.6g}"`.
 *
 * It differs from Python in the exponent form only: JavaScript writes `1e-7` where Python writes
 * `1e-07`.
 *
 * @param x The number.
 * @returns The text, such as `0.0823297`, `0.4` or `1e-7`.
 * @throws {TypeError} If `x` is not a number.
 *
 * @example Usage
 * ```ts
 * import { formatGraphNumber } from "./graph_dot.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatGraphNumber(0.08232969045639038), "0.0823297");
 * assert.equal(formatGraphNumber(0.4), "0.4");
 * ```
 */
export function formatGraphNumber(x: number): string {
  if (typeof x !== "number") {
    throw new TypeError(`Cannot format ${describeArgument(x)}: expected a number`);
  }
  if (!Number.isFinite(x)) return String(x);
  const text = x.toPrecision(SIGNIFICANT_DIGITS);
  const [mantissa, exponent] = text.split("e");
  const trimmed = mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent.replace("+", "")}`;
}

/**
 * Writes the operation that produced `node`, with its number operand if it has one.
 *
 * @param node A node of a graph.
 * @param formatNumber How to write a number operand.
 * @returns `""` for a leaf; otherwise text such as `×`, `× 0.5`, `1 ÷`, `** 2` or `sigmoid`.
 * @throws {TypeError} If `node` is not a `Value` or `formatNumber` is not a function.
 *
 * @example Usage
 * ```ts
 * import { formatGraphNumber, operationText } from "./graph_dot.ts";
 * import { Value } from "./value.ts";
 *
 * import assert from "node:assert/strict";
 * const x = new Value(2);
 * assert.equal(operationText(x.mul(0.5), formatGraphNumber), "× 0.5");
 * assert.equal(operationText(x.pow(2), formatGraphNumber), "** 2");
 * assert.equal(operationText(x.sigmoid(), formatGraphNumber), "sigmoid");
 * ```
 */
export function operationText(node: Value, formatNumber: (x: number) => string): string {
  if (!(node instanceof Value)) {
    throw new TypeError(`Cannot name the operation of ${describeArgument(node)}: expected a Value`);
  }
  if (typeof formatNumber !== "function") {
    throw new TypeError(
      `Cannot name the operation with formatNumber ${
        describeArgument(formatNumber)
      }: expected a function from number to string, such as formatGraphNumber`,
    );
  }
  if (node.op === "leaf") return "";
  const symbol = SYMBOLS[node.op];
  if (symbol === undefined) return node.op;
  if (node.op === "pow") return `${symbol} ${formatNumber(node.constant)}`;
  if (node.left === null) return `${formatNumber(node.constant)} ${symbol}`;
  if (node.right === null) return `${symbol} ${formatNumber(node.constant)}`;
  return symbol;
}

/**
 * Writes the graph behind `root` as Graphviz DOT text, laid out left to right.
 *
 * Node `vN` is the N-th `Value` in {@linkcode topologicalOrder}, a box with its
 * label, data and grad; `opN` is the operation that produced it, an ellipse.
 * Each operand has an edge `vM -> opN`, and each operation an edge `opN -> vN`.
 *
 * @param root The node whose graph to write, usually the loss.
 * @param options A number format.
 * @returns The DOT text, ending with a line break.
 * @throws {TypeError} If `root` is not a `Value`, `options` is not an object,
 *   or `formatNumber` is not a function.
 *
 * @example Usage
 * ```ts
 * import { graphDot } from "./graph_dot.ts";
 * import { Value } from "./value.ts";
 * import assert from "node:assert/strict";
 *
 * const x = new Value(3, { label: "x" });
 * const y = x.mul(x).named("y");
 * y.backward();
 * const dot = graphDot(y);
 * assert.match(dot, /v0 -> op1/);
 * assert.match(dot, /op1 -> v1/);
 * ```
 */
export function graphDot(root: Value, options: GraphDotOptions = {}): string {
  const formatNumber = graphNumberFormat(root, options, "write", formatGraphNumber);

  const nodes = topologicalOrder(root);
  const id = new Map(nodes.map((node, i) => [node, i]));
  const lines = [
    "digraph computation {",
    "  rankdir=LR;",
    '  node [fontname="monospace", fontsize=11];',
  ];
  nodes.forEach((node, i) => {
    const text = [
      node.label,
      `data ${formatNumber(node.data)}`,
      `grad ${node.requiresGrad ? formatNumber(node.grad) : "none"}`,
    ].filter((line) => line !== "");
    const style = node.op === "leaf" ? ', style="rounded,filled", fillcolor="#e3f0fb"' : "";
    lines.push(`  v${i} [shape=box${style}, label=${quote(text.join("\n"))}];`);
    if (node.op === "leaf") return;

    lines.push(`  op${i} [shape=ellipse, label=${quote(operationText(node, formatNumber))}];`);
    for (const operand of [node.left, node.right]) {
      if (operand !== null) lines.push(`  v${id.get(operand)} -> op${i};`);
    }
    lines.push(`  op${i} -> v${i};`);
  });
  lines.push("}");
  return lines.join("\n") + "\n";
}

/** Writes a DOT quoted string: backslashes and quotes escaped, line breaks as `\n`. */
function quote(text: string): string {
  const escaped = text.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
  return `"${escaped}"`;
}
