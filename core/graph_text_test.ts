import assert from "node:assert/strict";
import { formatFixed } from "./format.ts";
import { formatGraph } from "./graph_text.ts";
import { add, div, exp, log, mul, neg, pow, relu, sigmoid, sub, tanh, Value } from "./value.ts";

/** Builds z = (a² + b)³ as the notebook's cell writes it: c = a*a + b, z = c*c*c. */
function cubeGraph() {
  const a = new Value(3, { label: "a" });
  const b = new Value(2, { label: "b" });
  const c = a.mul(a).add(b).named("c");
  const z = c.mul(c).mul(c).named("z");
  return { a, b, c, z };
}

/** Splits a table into rows of cells, dropping the header. */
function tableRows(table: string): string[][] {
  return table.split("\n").slice(1).map((line) => line.trim().split(/ {2,}/));
}

Deno.test("formatGraph shows data and grads after backward", () => {
  const { z } = cubeGraph();
  z.backward();

  // Data by arithmetic: a² = 9, c = 11, c² = 121, z = 1331. Grads by calculus:
  // dz/d(c²) = c = 11, dz/dc = 3c² = 363, dz/d(a²) = dz/dc = 363,
  // dz/da = 3c²·2a = 2178, dz/db = 3c² = 363. Where several orders are valid
  // (b may come before #4 or a), the table follows the engine's topologicalOrder.
  const expected = [
    "step  node  operation    data    grad",
    "   1  z     #2 * c     1331.0     1.0",
    "   2  #2    c * c       121.0    11.0",
    "   3  c     #4 + b       11.0   363.0",
    "   4  #4    a * a         9.0   363.0",
    "   5  a     leaf          3.0  2178.0",
    "   6  b     leaf          2.0   363.0",
  ].join("\n");
  assert.equal(formatGraph(z), expected);
});

Deno.test("formatGraph shows zero grads before backward", () => {
  const { z } = cubeGraph();
  const grads = tableRows(formatGraph(z)).map((row) => row[4]);
  assert.deepEqual(grads, ["0.0", "0.0", "0.0", "0.0", "0.0", "0.0"]);
});

Deno.test("formatGraph lists a node after every user", () => {
  // A graph where x reaches the root along four paths of different lengths.
  const x = new Value(0.5, { label: "x" });
  const u = x.mul(2).named("u");
  const s = u.add(x).named("s");
  const v = s.exp().named("v");
  const p = v.mul(u).named("p");
  const w = p.add(x).named("w");
  const rows = tableRows(formatGraph(w));
  const step = new Map(rows.map((row) => [row[1], Number(row[0])]));

  // [user, operand] for every edge of the graph, by the names formatGraph gives.
  const edges: [string, string][] = [
    ["w", "p"],
    ["w", "x"],
    ["p", "v"],
    ["p", "u"],
    ["v", "s"],
    ["s", "u"],
    ["s", "x"],
    ["u", "x"],
  ];
  for (const [user, operand] of edges) {
    assert.ok(
      step.get(user)! < step.get(operand)!,
      `${user} (step ${step.get(user)}) must come before ${operand} (step ${step.get(operand)})`,
    );
  }
  assert.equal(rows.length, 6, "each node once: w, p, v, s, u, x");
  assert.equal(rows[rows.length - 1][1], "x", "every other node depends on x, so it comes last");
});

Deno.test("formatGraph names unlabelled and shared labels by step", () => {
  const first = new Value(1, { label: "x" });
  const second = new Value(2, { label: "x" });
  const sum = add(first, second);
  const names = tableRows(formatGraph(sum)).map((row) => row[1]);
  assert.deepEqual(names.toSorted(), ["#1", "x#2", "x#3"]);
});

Deno.test("formatGraph writes each operation as an expression", () => {
  const a = new Value(0.5, { label: "a" });
  const b = new Value(2, { label: "b" });
  // [node, its operation column]: the engine's operations, with Value and number operands.
  const cases: [Value, string][] = [
    [add(a, b), "a + b"],
    [sub(1, a), "1.0 - a"],
    [mul(a, 0.5), "a * 0.5"],
    [div(1, b), "1.0 / b"],
    [div(a, b), "a / b"],
    [neg(a), "-a"],
    [pow(a, 3), "a ** 3.0"],
    [exp(a), "exp(a)"],
    [log(a), "log(a)"],
    [tanh(a), "tanh(a)"],
    [sigmoid(a), "sigmoid(a)"],
    [relu(a), "relu(a)"],
  ];
  for (const [node, expected] of cases) {
    const rows = tableRows(formatGraph(node.named("r")));
    assert.equal(rows[0][2], expected, `operation ${node.op}`);
  }
});

Deno.test("formatGraph formats numbers with formatNumber", () => {
  const x = new Value(1 / 3, { label: "x" });
  const y = mul(x, 0.25).named("y");
  y.backward();
  const table = formatGraph(y, { formatNumber: (value) => formatFixed(value, 3) });
  assert.deepEqual(tableRows(table), [
    ["1", "y", "x * 0.250", "0.083", "1.000"],
    ["2", "x", "leaf", "0.333", "0.250"],
  ]);
});

Deno.test("formatGraph rejects a root that is not a Value", () => {
  assert.throws(() => formatGraph(3 as unknown as Value), {
    name: "TypeError",
    message: /Cannot format the graph of 3: expected a Value/,
  });
});

Deno.test("formatGraph rejects a formatNumber that is not a function", () => {
  const options = { formatNumber: "fixed" as unknown as (x: number) => string };
  assert.throws(() => formatGraph(new Value(1), options), {
    name: "TypeError",
    message: /Cannot format the graph with formatNumber fixed: expected a function/,
  });
});

Deno.test("formatGraph shows no gradient for inputs", () => {
  // An input made without requiresGrad has no gradient, as PyTorch's grad is None.
  const x = new Value(2, { label: "x", requiresGrad: false });
  const w = new Value(3, { label: "w" });
  const y = mul(w, x).named("y");
  y.backward();
  const rows = formatGraph(y).split("\n");
  assert.match(rows.find((row) => /\bx\b.*leaf/.test(row)) ?? "", /leaf\s+2\.0\s+none$/);
  assert.match(rows.find((row) => /\bw\b.*leaf/.test(row)) ?? "", /leaf\s+3\.0\s+2\.0$/);
});
