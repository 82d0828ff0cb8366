/**
 * A computation graph drawn as SVG, laid out left to right from the inputs to
 * the result, with no external tool.
 *
 * Every `Value` is a box with its label, data and grad. Every operation is an
 * ellipse of its own, just left of the box it produced, with an arrow from
 * each operand's box into it. The layout puts each node in a column one past
 * its deepest operand (leaves sit just before their first use), orders each
 * column so that edges cross less, and places each node near the nodes it is
 * connected to.
 *
 * @module
 */

import { describeArgument, graphNumberFormat } from "./argument.ts";
import { formatGraphNumber, operationText } from "./graph_dot.ts";
import { topologicalOrder, Value } from "./value.ts";

/** Options of {@linkcode graphSvg}. */
export interface GraphSvgOptions {
  /** A title above the graph; none by default. */
  title?: string;
  /** Formats `data`, `grad` and number operands; 6 significant digits by default. */
  formatNumber?: (x: number) => string;
}

// Layout in SVG user units (pixels at 100% zoom). Text is monospace, so its
// width is known without measuring: about 0.6 em a character.
const FONT_SIZE = 13;
const CHARACTER_WIDTH = 0.6 * FONT_SIZE;
const LINE_HEIGHT = 16;
const BOX_PADDING = 8;
const OPERATION_HEIGHT = 26;
const OPERATION_PADDING = 10;
// Space between an operation's ellipse and its box, and between a box and the next column.
const OPERATION_GAP = 14;
const COLUMN_GAP = 34;
const ROW_GAP = 14;
const MARGIN = 20;
const TITLE_HEIGHT = 44;
const FONT = "DejaVu Sans Mono, Menlo, Consolas, monospace";
// Rounds of reordering columns and moving nodes toward their neighbours. The
// graphs of the kit settle within a few; more do no harm.
const ORDERING_SWEEPS = 8;
const PLACEMENT_SWEEPS = 20;

/** The drawing position of one node: its column and its height in the column. */
interface Placement {
  node: Value;
  column: number;
  y: number;
}

/**
 * Draws the graph behind `root` as an SVG document.
 *
 * Each `Value` becomes a `<g class="node">` with its label (if any), `data` and
 * `grad`; each operation a `<g class="operation">`; each operand an arrow
 * `<path class="edge">`. Call `root.backward()` first to see the gradients.
 *
 * @param root The node whose graph to draw, usually the loss.
 * @param options A title and a number format.
 * @returns A complete SVG document.
 * @throws {TypeError} If `root` is not a `Value`, `options` is not an object,
 *   `title` is not a string, or `formatNumber` is not a function.
 *
 * @example Usage
 * ```ts
 * import { graphSvg } from "./graph_svg.ts";
 * import { Value } from "./value.ts";
 * import assert from "node:assert/strict";
 *
 * const x = new Value(3, { label: "x" });
 * const y = x.mul(x).named("y");
 * y.backward();
 * const svg = graphSvg(y);
 * assert.equal(svg.match(/<g class="node"/g)?.length, 2);
 * assert.match(svg, /grad 6</);
 * ```
 */
export function graphSvg(root: Value, options: GraphSvgOptions = {}): string {
  const formatNumber = graphNumberFormat(root, options, "draw", formatGraphNumber);
  const title = options.title ?? "";
  if (typeof title !== "string") {
    throw new TypeError(
      `Cannot draw the graph with title ${describeArgument(title)}: expected a string`,
    );
  }

  const nodes = topologicalOrder(root);
  const lines = nodes.map((node) => boxLines(node, formatNumber));
  const operations = nodes.map((node) => operationText(node, formatNumber));

  // Sizes: one box width and one ellipse width for the whole graph, so that
  // columns line up.
  const longestLine = Math.max(...lines.flat().map((line) => line.length));
  const boxWidth = Math.ceil(longestLine * CHARACTER_WIDTH + 2 * BOX_PADDING);
  const boxHeight = 3 * LINE_HEIGHT + BOX_PADDING;
  const longestOperation = Math.max(0, ...operations.map((text) => text.length));
  const operationWidth = Math.ceil(longestOperation * CHARACTER_WIDTH + 2 * OPERATION_PADDING);
  const columnWidth = operationWidth + OPERATION_GAP + boxWidth + COLUMN_GAP;
  const rowHeight = boxHeight + ROW_GAP;

  const placements = layout(nodes, rowHeight);
  const columns = Math.max(...placements.map((p) => p.column)) + 1;
  const top = MARGIN + (title === "" ? 0 : TITLE_HEIGHT);
  const lowest = Math.max(...placements.map((p) => p.y));
  const width = MARGIN * 2 + columns * columnWidth - COLUMN_GAP;
  const height = top + lowest + boxHeight + MARGIN;

  const byNode = new Map(placements.map((placement) => [placement.node, placement]));
  const boxLeft = (p: Placement) =>
    MARGIN + p.column * columnWidth + operationWidth + OPERATION_GAP;
  const centerY = (p: Placement) => top + p.y + boxHeight / 2;
  const operationCenterX = (p: Placement) => MARGIN + p.column * columnWidth + operationWidth / 2;

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="${FONT_SIZE}">`,
  );
  parts.push(
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" ` +
      `markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" ` +
      `fill="#555555"/></marker></defs>`,
  );
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  if (title !== "") {
    parts.push(
      `<text class="title" x="${MARGIN}" y="${MARGIN + 14}" font-size="16" ` +
        `font-weight="bold">${escapeXml(title)}</text>`,
    );
    parts.push(
      `<text class="caption" x="${MARGIN}" y="${MARGIN + 34}" fill="#555555">` +
        `Each box: label, data, grad. Each ellipse: the operation that computed the box ` +
        `to its right.</text>`,
    );
  }

  // Edges first, so that shapes are drawn over their ends.
  parts.push(`<g class="edges" fill="none" stroke="#555555" stroke-width="1.2">`);
  for (const placement of placements) {
    const node = placement.node;
    if (node.op === "leaf") continue;
    const targetX = operationCenterX(placement) - operationWidth / 2;
    const targetY = centerY(placement);
    for (const operand of [node.left, node.right]) {
      if (operand === null) continue;
      const source = byNode.get(operand)!;
      const sourceX = boxLeft(source) + boxWidth;
      const sourceY = centerY(source);
      const bend = (targetX - sourceX) / 2;
      parts.push(
        `<path class="edge" d="M${sourceX},${sourceY} C${sourceX + bend},${sourceY} ` +
          `${targetX - bend},${targetY} ${targetX},${targetY}" marker-end="url(#arrow)"/>`,
      );
    }
    // The short arrow from the operation to the box it computed.
    parts.push(
      `<path class="edge" d="M${targetX + operationWidth},${targetY} H${boxLeft(placement)}" ` +
        `marker-end="url(#arrow)"/>`,
    );
  }
  parts.push(`</g>`);

  placements.forEach((placement) => {
    const index = nodes.indexOf(placement.node);
    const node = placement.node;
    const y = centerY(placement);

    if (node.op !== "leaf") {
      parts.push(
        `<g class="operation" data-operation="${escapeXml(node.op)}">` +
          `<ellipse cx="${operationCenterX(placement)}" cy="${y}" rx="${operationWidth / 2}" ` +
          `ry="${OPERATION_HEIGHT / 2}" fill="#fff4d6" stroke="#b38600"/>` +
          `<text x="${operationCenterX(placement)}" y="${y}" text-anchor="middle" ` +
          `dominant-baseline="central">${escapeXml(operations[index])}</text></g>`,
      );
    }

    const left = boxLeft(placement);
    const boxTop = y - boxHeight / 2;
    const [label, data, grad] = lines[index];
    // A box without a label centres its two lines instead of leaving the first empty.
    const shift = label === "" ? -LINE_HEIGHT / 2 : 0;
    const fill = node.op === "leaf" ? "#e3f0fb" : "#f4f4f4";
    parts.push(
      `<g class="node" data-label="${escapeXml(node.label)}">` +
        `<rect x="${left}" y="${boxTop}" width="${boxWidth}" height="${boxHeight}" rx="5" ` +
        `fill="${fill}" stroke="#333333"/>` +
        `<text class="label" x="${left + BOX_PADDING}" y="${boxTop + LINE_HEIGHT}" ` +
        `font-weight="bold">${escapeXml(label)}</text>` +
        `<text class="data" x="${left + BOX_PADDING}" y="${boxTop + 2 * LINE_HEIGHT + shift}">${
          escapeXml(data)
        }</text>` +
        `<text class="grad" x="${left + BOX_PADDING}" y="${boxTop + 3 * LINE_HEIGHT + shift}" ` +
        `fill="#a0306a">${escapeXml(grad)}</text></g>`,
    );
  });
  parts.push(`</svg>`);
  return parts.join("\n") + "\n";
}

/**
 * Escapes text for XML content and attribute values: `&`, `<`, `>`, `"` and `'`.
 *
 * @param text The text to escape.
 * @returns The text with each of those characters replaced by its entity.
 * @throws {TypeError} If `text` is not a string.
 *
 * @example Usage
 * ```ts
 * import { escapeXml } from "./graph_svg.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(escapeXml(`a<b & "c"`), "a&lt;b &amp; &quot;c&quot;");
 * ```
 */
export function escapeXml(text: string): string {
  if (typeof text !== "string") {
    throw new TypeError(
      `Cannot escape ${
        describeArgument(text)
      } for XML: expected a string; convert it with String()`,
    );
  }
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

/** Returns the three lines of a node's box: label, data and grad. */
function boxLines(node: Value, formatNumber: (x: number) => string): [string, string, string] {
  // A leaf made without requiresGrad has no gradient, as PyTorch's grad is None.
  const grad = node.requiresGrad ? formatNumber(node.grad) : "none";
  return [node.label, `data ${formatNumber(node.data)}`, `grad ${grad}`];
}

/** Assigns every node a column and a vertical position. */
function layout(nodes: Value[], rowHeight: number): Placement[] {
  const index = new Map(nodes.map((node, i) => [node, i]));
  const operandsOf = nodes.map((node) =>
    [node.left, node.right].filter((x): x is Value => x !== null).map((x) => index.get(x)!)
  );
  const consumersOf: number[][] = nodes.map(() => []);
  operandsOf.forEach((operands, i) => {
    for (const operand of operands) consumersOf[operand].push(i);
  });

  // An operation's result goes one column past its deepest operand. Each leaf
  // then moves to just before its first use, so that targets and biases sit
  // next to where they enter instead of all at the far left. The topological
  // order puts operands before their results, so one pass suffices.
  const column = nodes.map(() => 0);
  nodes.forEach((node, i) => {
    if (node.op !== "leaf") column[i] = 1 + Math.max(...operandsOf[i].map((j) => column[j]));
  });
  nodes.forEach((node, i) => {
    if (node.op === "leaf" && consumersOf[i].length > 0) {
      column[i] = Math.min(...consumersOf[i].map((j) => column[j])) - 1;
    }
  });
  const columnCount = Math.max(...column) + 1;

  // Order within each column by the barycentre heuristic: sort by the mean
  // position of the neighbours in other columns, sweeping right and then left.
  const columns: number[][] = Array.from({ length: columnCount }, () => []);
  nodes.forEach((_, i) => columns[column[i]].push(i));
  const rank = nodes.map(() => 0);
  const updateRanks = () =>
    columns.forEach((members) => members.forEach((i, r) => (rank[i] = r - members.length / 2)));
  updateRanks();
  const meanRank = (neighbours: number[], fallback: number) =>
    neighbours.length === 0
      ? fallback
      : neighbours.reduce((sum, j) => sum + rank[j], 0) / neighbours.length;
  for (let sweep = 0; sweep < ORDERING_SWEEPS; sweep++) {
    const rightward = sweep % 2 === 0;
    const order = rightward ? columns : [...columns].reverse();
    for (const members of order) {
      const key = new Map(
        members.map((i) => [i, meanRank(rightward ? operandsOf[i] : consumersOf[i], rank[i])]),
      );
      members.sort((a, b) => key.get(a)! - key.get(b)!);
      members.forEach((i, r) => (rank[i] = r - members.length / 2));
    }
  }

  // Vertical positions: start evenly spaced, then pull each node toward the
  // mean height of its neighbours while keeping the column's order and at
  // least one row between nodes.
  const y = nodes.map(() => 0);
  const tallest = Math.max(...columns.map((members) => members.length));
  columns.forEach((members) => {
    const offset = (tallest - members.length) / 2;
    members.forEach((i, r) => (y[i] = (offset + r) * rowHeight));
  });
  for (let sweep = 0; sweep < PLACEMENT_SWEEPS; sweep++) {
    for (const members of columns) {
      const wanted = members.map((i) => {
        const neighbours = [...operandsOf[i], ...consumersOf[i]];
        return neighbours.length === 0
          ? y[i]
          : neighbours.reduce((sum, j) => sum + y[j], 0) / neighbours.length;
      });
      // Keep the order with at least one row between nodes: once pushing
      // down from the top, once pushing up from the bottom, and take the
      // mean, which keeps the spacing and does not drift either way.
      const down = [...wanted];
      for (let r = 1; r < down.length; r++) down[r] = Math.max(down[r], down[r - 1] + rowHeight);
      const up = [...wanted];
      for (let r = up.length - 2; r >= 0; r--) up[r] = Math.min(up[r], up[r + 1] - rowHeight);
      members.forEach((_, r) => (wanted[r] = (down[r] + up[r]) / 2));
      members.forEach((i, r) => (y[i] = wanted[r]));
    }
  }

  // Shift everything so that the highest node sits at 0.
  const highest = Math.min(...y);
  return nodes.map((node, i) => ({ node, column: column[i], y: Math.round(y[i] - highest) }));
}
