import assert from "node:assert/strict";
import { add, mul, sub, type Value } from "./value.ts";
import {
  buildValues,
  checkGraph,
  createRandom,
  type ExpressionGraph,
  formatExpression,
  generateGraph,
  type GraphNode,
  leafIndices,
  shrinkGraph,
} from "./random_graph.ts";

type OperationName = string;

function operationOf(node: GraphNode): OperationName | undefined {
  return node.kind === "leaf" ? undefined : node.operation;
}

/**
 * Returns the engine's gradients with a fault in one operation: its output
 * gets `0.5 * (x - x.data)` added, where x is its first operand. That adds 0
 * to the value and 0.5 to the gradient, as a wrong backward rule would.
 */
function faultyGradients(faulty: OperationName) {
  return (graph: ExpressionGraph) => {
    const built = buildValues(graph);
    // Rebuild each faulty node on top of the engine's result.
    const patched: Value[] = [];
    graph.nodes.forEach((node, i) => {
      patched.push(built[i]);
      if (operationOf(node) !== faulty) return;
      const first = node.kind === "unary"
        ? node.operand
        : node.kind === "binary" && "node" in node.left
        ? node.left.node
        : node.kind === "binary" && "node" in node.right
        ? node.right.node
        : -1;
      const x = built[first];
      patched[i] = add(built[i], mul(sub(x, x.data), 0.5));
    });
    // The patched nodes are not wired into their users. A fault shows only
    // when a faulty node is the output, and shrinking makes it the output.
    const result = patched[graph.output];
    result.backward();
    return { output: result.data, gradients: leafIndices(graph).map((i) => built[i].grad) };
  };
}

const OPERATIONS = ["neg", "exp", "log", "tanh", "sigmoid", "relu", "pow", "+", "-", "*", "/"];

Deno.test("createRandom repeats a seed's sequence", () => {
  const first = createRandom(42);
  const second = createRandom(42);
  const other = createRandom(43);
  const a = [first(), first(), first()];
  assert.deepEqual([second(), second(), second()], a);
  assert.notDeepEqual([other(), other(), other()], a);
  for (const x of a) assert.ok(x >= 0 && x < 1, `${x} is outside [0, 1)`);
});

Deno.test("generateGraph covers every operation and form", () => {
  const seen = new Set<string>();
  for (let seed = 1; seed <= 300; seed++) {
    for (const node of generateGraph(createRandom(seed)).nodes) {
      if (node.kind === "leaf") continue;
      seen.add(node.operation);
      if (node.kind === "binary") {
        if ("constant" in node.left) seen.add("constant on the left");
        if ("constant" in node.right) seen.add("constant on the right");
        if ("node" in node.left && "node" in node.right && node.left.node === node.right.node) {
          seen.add("same node twice");
        }
        seen.add(node.method ? "method form" : "function form");
      }
    }
  }
  for (
    const expected of [
      ...OPERATIONS,
      "constant on the left",
      "constant on the right",
      "same node twice",
      "method form",
      "function form",
    ]
  ) {
    assert.ok(seen.has(expected), `no graph has ${expected}`);
  }
});

Deno.test("checkGraph catches a fault in each operation", () => {
  for (const operation of OPERATIONS) {
    const fails = (graph: ExpressionGraph) =>
      checkGraph(graph, faultyGradients(operation)).status === "failed";
    let seed = 1;
    while (seed < 2000 && !fails(generateGraph(createRandom(seed)))) seed++;
    assert.ok(seed < 2000, `no graph shows a fault in ${operation}`);

    // The smallest failing graph is the faulty operation on leaves or constants.
    const small = shrinkGraph(generateGraph(createRandom(seed)), fails);
    const operations = small.nodes.filter((node) => node.kind !== "leaf");
    assert.equal(operations.length, 1, `${operation} shrank to\n${formatExpression(small)}`);
    assert.equal(operationOf(operations[0]), operation);
  }
});

Deno.test("formatExpression names shared nodes only", () => {
  const graph: ExpressionGraph = {
    nodes: [
      { kind: "leaf", value: 1.5 },
      { kind: "leaf", value: -2 },
      { kind: "binary", operation: "+", left: { node: 0 }, right: { node: 1 }, method: true },
      { kind: "unary", operation: "tanh", operand: 2, exponent: 0 },
      { kind: "binary", operation: "*", left: { node: 2 }, right: { node: 3 }, method: false },
      { kind: "binary", operation: "/", left: { constant: 1 }, right: { node: 4 }, method: false },
      { kind: "unary", operation: "neg", operand: 5, exponent: 0 },
    ],
    output: 6,
  };
  assert.equal(
    formatExpression(graph),
    "x0 = 1.5, x1 = -2\nt2 = x0 + x1\nout = -(1 / (t2 * tanh(t2)))",
  );
});
