/**
 * Seeded random expression graphs over every `Value` operation, for checking
 * gradients at scale and for benchmarks.
 *
 * A graph is a list of nodes in topological order: leaves (inputs, each with a
 * value), and operations whose operands are earlier nodes or plain-number
 * constants. Because an operand may be any earlier node, graphs share
 * subexpressions, use a node twice (`t * t`) and put constants on either side
 * (`2 - t`). {@linkcode checkGraph} compares the engine's gradients with
 * central finite differences of an independent float64 evaluation, and
 * {@linkcode shrinkGraph} reduces a failing graph to a small one that still
 * fails, so that the failure can be read as text from {@linkcode formatExpression}.
 *
 * @module
 */

import { add, div, exp, log, mul, neg, pow, relu, sigmoid, sub, tanh, Value } from "./value.ts";

/** A pseudo-random number generator: each call returns a number in [0, 1). */
export type Random = () => number;

/**
 * Creates the mulberry32 generator (Tommy Ettinger's 32-bit mixer) from a seed.
 *
 * @param seed Any integer; the same seed gives the same sequence.
 * @returns A generator of numbers in [0, 1).
 *
 * @example Usage
 * ```ts
 * import { createRandom } from "./random_graph.ts";
 * import assert from "node:assert/strict";
 *
 * const first = createRandom(7);
 * const second = createRandom(7);
 * assert.equal(first(), second());
 * ```
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The unary operations a graph node can apply. */
export type UnaryOperation = "neg" | "exp" | "log" | "tanh" | "sigmoid" | "relu" | "pow";

/** The binary operations a graph node can apply. */
export type BinaryOperation = "+" | "-" | "*" | "/";

/** An operand of a binary node: an earlier node, or a plain number. */
export type GraphOperand = { node: number } | { constant: number };

/** One node of an {@linkcode ExpressionGraph}. */
export type GraphNode =
  | { kind: "leaf"; value: number }
  | { kind: "unary"; operation: UnaryOperation; operand: number; exponent: number }
  | {
    kind: "binary";
    operation: BinaryOperation;
    left: GraphOperand;
    right: GraphOperand;
    /** Whether the engine builds it as `a.add(b)` rather than `add(a, b)`. */
    method: boolean;
  };

/** Nodes in topological order (operands before their users), and which one is the result. */
export interface ExpressionGraph {
  nodes: GraphNode[];
  output: number;
}

/** Options of {@linkcode generateGraph}. */
export interface GenerateOptions {
  /** Chance that the graph is one deep chain of 50 to 300 operations; 0.1 by default. */
  chanceOfChain?: number;
}

// Exponents for pow: integer, negative, fractional, and the special cases 0 and 1.
const EXPONENTS = [2, 3, -1, -2, 0.5, 1.5, -0.5, 0, 1];
const UNARY_OPERATIONS: UnaryOperation[] = ["neg", "exp", "log", "tanh", "sigmoid", "relu", "pow"];
const BINARY_OPERATIONS: BinaryOperation[] = ["+", "-", "*", "/"];
// A deep chain uses operations that keep values bounded, so that most chains can be checked.
const CHAIN_OPERATIONS = ["tanh", "sigmoid", "neg", "+", "-", "*"] as const;

/**
 * Generates a random expression graph: 1 to 4 leaves and 1 to 16 operations,
 * or now and then one deep chain. Every node that no later node uses is added
 * into the output, so every operation counts; some leaves may stay unused,
 * and their gradient must then be 0.
 *
 * @param random The generator to draw from.
 * @param options The chance of a deep chain.
 * @returns A new graph.
 *
 * @example Usage
 * ```ts
 * import { createRandom, formatExpression, generateGraph } from "./random_graph.ts";
 * import assert from "node:assert/strict";
 *
 * const graph = generateGraph(createRandom(1));
 * assert.equal(formatExpression(graph), formatExpression(generateGraph(createRandom(1))));
 * ```
 */
export function generateGraph(random: Random, options: GenerateOptions = {}): ExpressionGraph {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const nodes: GraphNode[] = [];
  const leafCount = 1 + Math.floor(random() * 4);
  for (let i = 0; i < leafCount; i++) {
    // Three decimals keep a printed failure short; 0 would sit on relu's kink.
    const value = Math.round((random() * 4 - 2) * 1000) / 1000;
    nodes.push({ kind: "leaf", value: value === 0 ? 0.5 : value });
  }
  const constant = () => pick([0.5, 2, -1, 1.5, 3, -0.25]);
  const method = () => random() < 0.5;

  if (random() < (options.chanceOfChain ?? 0.1)) {
    // One long chain: each step uses the previous node and a constant or a leaf.
    const length = 50 + Math.floor(random() * 251);
    for (let i = 0; i < length; i++) {
      const previous = nodes.length - 1;
      const operation = pick(CHAIN_OPERATIONS);
      if (operation === "tanh" || operation === "sigmoid" || operation === "neg") {
        nodes.push({ kind: "unary", operation, operand: previous, exponent: 0 });
        continue;
      }
      const other: GraphOperand = random() < 0.5
        ? { node: Math.floor(random() * leafCount) }
        : { constant: operation === "*" ? pick([0.5, 0.9, 1.1, -0.75]) : constant() };
      nodes.push({
        kind: "binary",
        operation,
        left: { node: previous },
        right: other,
        method: true,
      });
    }
    return { nodes, output: nodes.length - 1 };
  }

  const operationCount = 1 + Math.floor(random() * 16);
  for (let i = 0; i < operationCount; i++) {
    // Mostly the newest node, for depth; otherwise any earlier node, for sharing.
    const latest = nodes.length - 1;
    const first = random() < 0.6 ? latest : Math.floor(random() * nodes.length);
    if (random() < 0.45) {
      const operation = pick(UNARY_OPERATIONS);
      const exponent = operation === "pow" ? pick(EXPONENTS) : 0;
      nodes.push({ kind: "unary", operation, operand: first, exponent });
      continue;
    }
    const operation = pick(BINARY_OPERATIONS);
    const choice = random();
    let left: GraphOperand = { node: first };
    let right: GraphOperand;
    if (choice < 0.15) {
      right = { node: first }; // the same node on both sides
    } else if (choice < 0.4) {
      right = { constant: constant() };
      if (random() < 0.5) [left, right] = [right, left];
    } else {
      right = { node: Math.floor(random() * nodes.length) };
    }
    nodes.push({ kind: "binary", operation, left, right, method: method() });
  }

  // Add every operation that nothing uses into the result.
  const used = usedNodes(nodes);
  const last = nodes.length - 1;
  let output = last;
  for (let i = leafCount; i < last; i++) {
    if (used[i]) continue;
    nodes.push({
      kind: "binary",
      operation: "+",
      left: { node: output },
      right: { node: i },
      method: false,
    });
    output = nodes.length - 1;
  }
  return { nodes, output };
}

function usedNodes(nodes: readonly GraphNode[]): boolean[] {
  const used = nodes.map(() => false);
  for (const node of nodes) {
    for (const operand of operandsOf(node)) used[operand] = true;
  }
  return used;
}

/** Lists the nodes that a node reads, in order, with repeats. */
function operandsOf(node: GraphNode): number[] {
  if (node.kind === "leaf") return [];
  if (node.kind === "unary") return [node.operand];
  const operands: number[] = [];
  if ("node" in node.left) operands.push(node.left.node);
  if ("node" in node.right) operands.push(node.right.node);
  return operands;
}

/** Indices of the leaf nodes, in order. */
export function leafIndices(graph: ExpressionGraph): number[] {
  const indices: number[] = [];
  graph.nodes.forEach((node, index) => {
    if (node.kind === "leaf") indices.push(index);
  });
  return indices;
}

/** Result of a plain float64 evaluation. */
export interface Evaluation {
  /** The value of every node. */
  values: number[];
  /** For every relu node, whether its input was positive: where the function has a kink. */
  branches: boolean[];
  /**
   * Whether an operation met a point where its derivative is infinite: a
   * divisor, a logarithm's input, or the base of a fractional or negative
   * power within 1e-6 of 0. Chain rules there give `Infinity * 0 = NaN`, as in
   * PyTorch, while the function may still be smooth (`pow(x - x, 0.5)`).
   */
  singular: boolean;
}

// Distance from 0 within which a divisor, log input or fractional power's base counts as singular.
const SINGULAR_DISTANCE = 1e-6;

/**
 * Evaluates a graph in plain float64 arithmetic, with textbook formulas that
 * share no code with the engine.
 *
 * @param graph The graph.
 * @param leafValues A value for each leaf in order; the leaves' own values by default.
 * @returns The value of every node, and which side of its kink each relu is on.
 */
export function evaluateGraph(graph: ExpressionGraph, leafValues?: readonly number[]): Evaluation {
  const values: number[] = [];
  const branches: boolean[] = [];
  let singular = false;
  const near0 = (x: number) => Math.abs(x) < SINGULAR_DISTANCE;
  let leaf = 0;
  const read = (operand: GraphOperand) =>
    "node" in operand ? values[operand.node] : operand.constant;
  for (const node of graph.nodes) {
    if (node.kind === "leaf") {
      values.push(leafValues === undefined ? node.value : leafValues[leaf]);
      leaf++;
    } else if (node.kind === "unary") {
      const x = values[node.operand];
      switch (node.operation) {
        case "neg":
          values.push(-x);
          break;
        case "exp":
          values.push(Math.exp(x));
          break;
        case "log":
          if (near0(x)) singular = true;
          values.push(Math.log(x));
          break;
        case "tanh":
          values.push(Math.tanh(x));
          break;
        case "sigmoid":
          values.push(1 / (1 + Math.exp(-x)));
          break;
        case "relu":
          branches.push(x > 0);
          values.push(x > 0 ? x : 0);
          break;
        case "pow":
          if (near0(x) && (node.exponent < 1 && node.exponent !== 0)) singular = true;
          values.push(x ** node.exponent);
          break;
      }
    } else {
      const a = read(node.left);
      const b = read(node.right);
      if (node.operation === "/" && near0(b)) singular = true;
      const results = { "+": a + b, "-": a - b, "*": a * b, "/": a / b };
      values.push(results[node.operation]);
    }
  }
  return { values, branches, singular };
}

/**
 * Builds a graph out of the engine's `Value`s, using the method or function form
 * that each node records.
 *
 * @param graph The graph.
 * @returns One `Value` for each node; leaves are new leaf `Value`s.
 */
export function buildValues(graph: ExpressionGraph): Value[] {
  const built: Value[] = [];
  const operand = (o: GraphOperand) => "node" in o ? built[o.node] : o.constant;
  for (const node of graph.nodes) {
    if (node.kind === "leaf") {
      built.push(new Value(node.value));
      continue;
    }
    if (node.kind === "unary") {
      const x = built[node.operand];
      const unary = { neg, exp, log, tanh, sigmoid, relu };
      built.push(node.operation === "pow" ? pow(x, node.exponent) : unary[node.operation](x));
      continue;
    }
    const a = operand(node.left);
    const b = operand(node.right);
    if (node.method && a instanceof Value) {
      const methods = { "+": a.add, "-": a.sub, "*": a.mul, "/": a.div };
      built.push(methods[node.operation].call(a, b));
    } else {
      const functions = { "+": add, "-": sub, "*": mul, "/": div };
      built.push(functions[node.operation](a, b));
    }
  }
  return built;
}

/** The outcome of {@linkcode checkGraph}. */
export type CheckResult =
  | { status: "passed"; checkedLeaves: number; skippedLeaves: number }
  | { status: "skipped"; reason: string }
  | { status: "failed"; message: string };

/** A function that returns the output and leaf gradients under test: {@linkcode engineGradients}, or a version with an injected fault. */
export type GradientFunction = (graph: ExpressionGraph) => { output: number; gradients: number[] };

/**
 * Runs `backward()` from the graph's output and returns the output's value and
 * each leaf's gradient.
 *
 * @param graph The graph.
 * @returns The output and the leaf gradients, in leaf order.
 */
export function engineGradients(graph: ExpressionGraph): { output: number; gradients: number[] } {
  const built = buildValues(graph);
  const result = built[graph.output];
  result.backward();
  return { output: result.data, gradients: leafIndices(graph).map((i) => built[i].grad) };
}

// Values beyond this size make the finite differences lose too many digits to judge.
const MAX_MAGNITUDE = 1e6;
// Relative step of the finite differences; Richardson extrapolation makes the
// truncation error O(h⁴), about 1e-12, while rounding costs about ε·|f|/h ≈ 1e-13·|f|.
const RELATIVE_STEP = 1e-3;
// Two estimates with steps h and h/2 that differ by more than this (relative)
// mean the function is not smooth enough near the point to judge the gradient.
const STABILITY_TOLERANCE = 1e-7;
// Largest relative gap allowed between backward() and the finite differences.
const GRADIENT_TOLERANCE = 1e-5;
// Largest relative gap allowed between the engine's and the plain evaluation's output.
const OUTPUT_TOLERANCE = 1e-12;

/**
 * Checks the engine's gradients of a graph against central finite differences
 * of {@linkcode evaluateGraph}, with Richardson extrapolation.
 *
 * A graph is skipped when a value is not finite or beyond 1e6, or a derivative
 * is infinite. A leaf is skipped when its finite differences cross a relu's
 * kink or are unstable, because such points have no reliable numerical derivative.
 *
 * @param graph The graph.
 * @param gradientsOf The gradients under test; the engine's by default.
 * @returns Whether it passed, was skipped, or failed (with a message naming the leaf).
 */
export function checkGraph(
  graph: ExpressionGraph,
  gradientsOf: GradientFunction = engineGradients,
): CheckResult {
  const base = evaluateGraph(graph);
  if (base.values.some((v) => !Number.isFinite(v) || Math.abs(v) > MAX_MAGNITUDE)) {
    return { status: "skipped", reason: "a value is not finite or too large" };
  }
  if (base.singular) return { status: "skipped", reason: "a derivative is infinite" };
  const engine = gradientsOf(graph);
  const expectedOutput = base.values[graph.output];
  if (!isClose(engine.output, expectedOutput, OUTPUT_TOLERANCE)) {
    return {
      status: "failed",
      message: `output is ${engine.output}, expected ${expectedOutput}`,
    };
  }

  const leaves = leafIndices(graph);
  const point = leaves.map((i) => (graph.nodes[i] as { value: number }).value);
  let checkedLeaves = 0;
  let skippedLeaves = 0;
  for (let k = 0; k < leaves.length; k++) {
    const step = RELATIVE_STEP * Math.max(1, Math.abs(point[k]));
    let smooth = true;
    const f = (delta: number) => {
      const moved = [...point];
      moved[k] += delta;
      const evaluation = evaluateGraph(graph, moved);
      if (evaluation.branches.some((branch, i) => branch !== base.branches[i])) smooth = false;
      return evaluation.values[graph.output];
    };
    const difference = (h: number) => (f(h) - f(-h)) / (2 * h);
    const d1 = difference(step);
    const d2 = difference(step / 2);
    const d4 = difference(step / 4);
    const coarse = (4 * d2 - d1) / 3;
    const fine = (4 * d4 - d2) / 3;
    const scale = Math.max(1, Math.abs(fine));
    if (
      !smooth || !Number.isFinite(fine) || Math.abs(coarse - fine) > STABILITY_TOLERANCE * scale
    ) {
      skippedLeaves++;
      continue;
    }
    checkedLeaves++;
    const gradient = engine.gradients[k];
    if (!isClose(gradient, fine, GRADIENT_TOLERANCE)) {
      return {
        status: "failed",
        message: `gradient of x${
          leaves[k]
        } is ${gradient} by backward(), ${fine} by finite differences`,
      };
    }
  }
  return { status: "passed", checkedLeaves, skippedLeaves };
}

function isClose(actual: number, expected: number, tolerance: number): boolean {
  if (Number.isNaN(actual) || Number.isNaN(expected)) {
    return Number.isNaN(actual) && Number.isNaN(expected);
  }
  return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
}

// Simpler numbers tried in place of a leaf value or a constant while shrinking.
const SIMPLE_NUMBERS = [1, 2, 0.5, -1, -0.5, 3];
// Bound on the calls to the failure test while shrinking, so a shrink always ends.
const MAX_SHRINK_ATTEMPTS = 5000;

/**
 * Shrinks a failing graph: repeatedly replaces a node by one of its operands,
 * an operand by a constant, or a number by a simpler one, keeping each change
 * that still fails, until no change does.
 *
 * @param graph A graph for which `fails` returns true.
 * @param fails Whether a graph still shows the failure.
 * @returns A graph, no larger, for which `fails` returns true.
 *
 * @example Usage
 * ```ts
 * import { createRandom, formatExpression, generateGraph, shrinkGraph } from "./random_graph.ts";
 * import assert from "node:assert/strict";
 *
 * // A pretend failure: any graph that takes a logarithm.
 * const takesLog = (g: { nodes: { kind: string; operation?: string }[] }) =>
 *   g.nodes.some((node) => node.operation === "log");
 * let seed = 1;
 * while (!takesLog(generateGraph(createRandom(seed)))) seed++;
 * const small = shrinkGraph(generateGraph(createRandom(seed)), takesLog);
 * assert.match(formatExpression(small), /^x0 = 1\nout = log\(x0\)$/);
 * ```
 */
export function shrinkGraph(
  graph: ExpressionGraph,
  fails: (graph: ExpressionGraph) => boolean,
): ExpressionGraph {
  let current = compact(graph);
  let attempts = 0;
  let improved = true;
  while (improved && attempts < MAX_SHRINK_ATTEMPTS) {
    improved = false;
    for (const candidate of simplerGraphs(current)) {
      attempts++;
      if (fails(candidate)) {
        current = candidate;
        improved = true;
        break;
      }
      if (attempts >= MAX_SHRINK_ATTEMPTS) break;
    }
  }
  return current;
}

/** Yields graphs one step simpler than `graph`, the biggest cuts first. */
function* simplerGraphs(graph: ExpressionGraph): Generator<ExpressionGraph> {
  const { nodes } = graph;

  // Replace an operation by one of its operands.
  for (let i = 0; i < nodes.length; i++) {
    for (const operand of new Set(operandsOf(nodes[i]))) {
      yield compact(replaceNode(graph, i, operand));
    }
  }

  // Replace a node operand by a constant.
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node.kind !== "binary") continue;
    for (const side of ["left", "right"] as const) {
      const other = side === "left" ? node.right : node.left;
      if (!("node" in node[side]) || !("node" in other)) continue;
      yield compact(withNode(graph, i, { ...node, [side]: { constant: 1 } }));
    }
  }

  // Simplify numbers: leaf values and constants.
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    for (const simple of SIMPLE_NUMBERS) {
      if (node.kind === "leaf" && isSimpler(simple, node.value)) {
        yield withNode(graph, i, { kind: "leaf", value: simple });
      }
      if (node.kind === "binary") {
        for (const side of ["left", "right"] as const) {
          const operand = node[side];
          if ("constant" in operand && isSimpler(simple, operand.constant)) {
            yield withNode(graph, i, { ...node, [side]: { constant: simple } });
          }
        }
      }
    }
  }
}

/** Tells whether `simple` comes before `value` in SIMPLE_NUMBERS, or `value` is not in it. */
function isSimpler(simple: number, value: number): boolean {
  const rank = (x: number) => {
    const index = SIMPLE_NUMBERS.indexOf(x);
    return index === -1 ? SIMPLE_NUMBERS.length : index;
  };
  return rank(simple) < rank(value);
}

function withNode(graph: ExpressionGraph, index: number, node: GraphNode): ExpressionGraph {
  const nodes = [...graph.nodes];
  nodes[index] = node;
  return { nodes, output: graph.output };
}

/** Points every use of node `from` (and the output) at the earlier node `to`. */
function replaceNode(graph: ExpressionGraph, from: number, to: number): ExpressionGraph {
  const move = (operand: GraphOperand): GraphOperand =>
    "node" in operand && operand.node === from ? { node: to } : operand;
  const nodes = graph.nodes.map((node): GraphNode => {
    if (node.kind === "unary" && node.operand === from) return { ...node, operand: to };
    if (node.kind === "binary") return { ...node, left: move(node.left), right: move(node.right) };
    return node;
  });
  return { nodes, output: graph.output === from ? to : graph.output };
}

/** Drops every node the output does not depend on, and renumbers the rest. */
function compact(graph: ExpressionGraph): ExpressionGraph {
  const needed = graph.nodes.map(() => false);
  needed[graph.output] = true;
  for (let i = graph.output; i >= 0; i--) {
    if (!needed[i]) continue;
    for (const operand of operandsOf(graph.nodes[i])) needed[operand] = true;
  }
  const renumbered: number[] = [];
  const nodes: GraphNode[] = [];
  const move = (operand: GraphOperand): GraphOperand =>
    "node" in operand ? { node: renumbered[operand.node] } : operand;
  graph.nodes.forEach((node, i) => {
    if (!needed[i]) return;
    renumbered[i] = nodes.length;
    if (node.kind === "unary") nodes.push({ ...node, operand: renumbered[node.operand] });
    else if (node.kind === "binary") {
      nodes.push({ ...node, left: move(node.left), right: move(node.right) });
    } else nodes.push(node);
  });
  return { nodes, output: renumbered[graph.output] };
}

/**
 * Writes a graph as text: one line of leaf values, then one line for each
 * node used more than once (`t3 = ...`), then `out = ...`. A node used once is
 * written inside the expression that uses it.
 *
 * @param graph The graph.
 * @returns The text, lines separated by `\n`.
 *
 * @example Usage
 * ```ts
 * import { formatExpression } from "./random_graph.ts";
 * import assert from "node:assert/strict";
 *
 * const text = formatExpression({
 *   nodes: [
 *     { kind: "leaf", value: 0.5 },
 *     { kind: "unary", operation: "exp", operand: 0, exponent: 0 },
 *     { kind: "binary", operation: "*", left: { node: 1 }, right: { node: 1 }, method: false },
 *     { kind: "binary", operation: "-", left: { constant: 2 }, right: { node: 2 }, method: false },
 *   ],
 *   output: 3,
 * });
 * assert.equal(text, "x0 = 0.5\nt1 = exp(x0)\nout = 2 - t1 * t1");
 * ```
 */
export function formatExpression(graph: ExpressionGraph): string {
  const uses = graph.nodes.map(() => 0);
  for (const node of graph.nodes) for (const operand of operandsOf(node)) uses[operand]++;

  const text: string[] = [];
  // Precedence of each written form, to place parentheses only where needed.
  const precedence: number[] = [];
  const leafLine: string[] = [];
  const lines: string[] = [];
  const name = (i: number) => graph.nodes[i].kind === "leaf" ? `x${i}` : `t${i}`;
  const reference = (i: number, context: number, rightSide = false) => {
    const inner = precedence[i];
    const needsParentheses = inner < context || (rightSide && inner === context);
    return needsParentheses ? `(${text[i]})` : text[i];
  };

  graph.nodes.forEach((node, i) => {
    if (node.kind === "leaf") {
      leafLine.push(`x${i} = ${node.value}`);
      text[i] = name(i);
      precedence[i] = 4;
      return;
    }
    let written: string;
    let level: number;
    if (node.kind === "unary") {
      const argument = text[node.operand];
      written = node.operation === "pow"
        ? `pow(${argument}, ${node.exponent})`
        : node.operation === "neg"
        ? `-${reference(node.operand, 3)}`
        : `${node.operation}(${argument})`;
      level = node.operation === "neg" ? 3 : 4;
    } else {
      level = node.operation === "+" || node.operation === "-" ? 1 : 2;
      const side = (operand: GraphOperand, rightSide: boolean) => {
        if ("constant" in operand) {
          return operand.constant < 0 ? `(${operand.constant})` : String(operand.constant);
        }
        return reference(operand.node, level, rightSide);
      };
      written = `${side(node.left, false)} ${node.operation} ${side(node.right, true)}`;
    }
    if (i !== graph.output && uses[i] > 1) {
      lines.push(`${name(i)} = ${written}`);
      text[i] = name(i);
      precedence[i] = 4;
    } else {
      text[i] = written;
      precedence[i] = level;
    }
  });
  return [leafLine.join(", "), ...lines, `out = ${text[graph.output]}`].join("\n");
}
