/**
 * A text table of a computation graph, in the order `backward()` visits it.
 *
 * Each row is one node: its name, the operation that produced it written as an
 * expression of its operands, its data and its grad. The rows run from the
 * root back to the leaves, which is the order in which `backward()` applies
 * each node's local derivative, so the table shows what "behind the scenes"
 * means for any `Value` graph.
 *
 * @module
 */

import { graphNumberFormat } from "./argument.ts";
import { formatRepr } from "./format.ts";
import { topologicalOrder, Value } from "./value.ts";

/** Options of {@linkcode formatGraph}. */
export interface GraphTextOptions {
  /** Formats `data`, `grad` and number operands; Python's float repr by default. */
  formatNumber?: (x: number) => string;
}

const HEADER = ["step", "node", "operation", "data", "grad"] as const;

// Columns that hold numbers are right-aligned, so integer parts line up.
const RIGHT_ALIGNED = [true, false, false, true, true] as const;

// Space between two columns.
const COLUMN_GAP = "  ";

/**
 * Formats the graph behind `root` as a table, one row for each node, in the order backward visits them.
 *
 * Step 1 is `root`; a node comes after every node that uses it, the reverse of
 * {@linkcode topologicalOrder}. A node is named by its label. A node without a
 * label, or whose label another node of the graph also has, is named by its
 * step number, as `#3` or `x#3`. Leaves show `leaf` as their operation. The
 * grad column shows each node's current `grad`, so call `root.backward()`
 * first to see the gradients.
 *
 * @param root The node whose graph to show, usually the one `backward()` was called on.
 * @param options How to format numbers.
 * @returns The table: a header line and one line for each node, joined by line breaks, with no
 * trailing line break.
 * @throws {TypeError} If `root` is not a `Value`, `options` is not an object,
 *   or `formatNumber` is not a function.
 *
 * @example Usage
 * ```ts
 * import { formatGraph } from "./graph_text.ts";
 * import { Value } from "./value.ts";
 * import assert from "node:assert/strict";
 *
 * const x = new Value(2, { label: "x" });
 * const y = x.mul(x).named("y");
 * y.backward();
 * assert.equal(
 *   formatGraph(y),
 *   [
 *     "step  node  operation  data  grad",
 *     "   1  y     x * x       4.0   1.0",
 *     "   2  x     leaf        2.0   4.0",
 *   ].join("\n"),
 * );
 * ```
 */
export function formatGraph(root: Value, options: GraphTextOptions = {}): string {
  const formatNumber = graphNumberFormat(root, options, "format", formatRepr);

  const nodes = topologicalOrder(root).reverse();
  const names = nodeNames(nodes);
  const rows: string[][] = [[...HEADER]];
  nodes.forEach((node, index) => {
    rows.push([
      String(index + 1),
      names.get(node)!,
      expression(node, names, formatNumber),
      formatNumber(node.data),
      // A leaf made without requiresGrad has no gradient, as PyTorch's grad is None.
      node.requiresGrad ? formatNumber(node.grad) : "none",
    ]);
  });
  return alignColumns(rows);
}

/** Names each node by its label, or by its step number where the label is empty or shared. */
function nodeNames(nodes: Value[]): Map<Value, string> {
  const labelCounts = new Map<string, number>();
  for (const node of nodes) {
    labelCounts.set(node.label, (labelCounts.get(node.label) ?? 0) + 1);
  }
  const names = new Map<Value, string>();
  nodes.forEach((node, index) => {
    const unique = node.label !== "" && labelCounts.get(node.label) === 1;
    names.set(node, unique ? node.label : `${node.label}#${index + 1}`);
  });
  return names;
}

/** Writes a node's operation as an expression of its operands' names, such as `a * a` or `exp(#4)`. */
function expression(
  node: Value,
  names: Map<Value, string>,
  formatNumber: (x: number) => string,
): string {
  // A binary operation keeps a number operand in `constant`, on the side whose
  // Value operand is null.
  const left = node.left === null ? formatNumber(node.constant) : names.get(node.left)!;
  const right = node.right === null ? formatNumber(node.constant) : names.get(node.right)!;
  switch (node.op) {
    case "leaf":
      return "leaf";
    case "+":
    case "-":
    case "*":
    case "/":
      return `${left} ${node.op} ${right}`;
    case "neg":
      return `-${left}`;
    case "pow":
      return `${left} ** ${formatNumber(node.constant)}`;
    default:
      return `${node.op}(${left})`;
  }
}

function alignColumns(rows: string[][]): string {
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          RIGHT_ALIGNED[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column])
        )
        .join(COLUMN_GAP)
        .trimEnd()
    )
    .join("\n");
}
