import assert from "node:assert/strict";
import { formatGraphNumber, graphDot, operationText } from "./graph_dot.ts";
import { createParameters, forwardPass } from "./mazur_network.ts";
import { div, exp, neg, sub, topologicalOrder, Value } from "./value.ts";

/** Lists the edges of DOT text as "from -> to" strings. */
function edgesOf(dot: string): string[] {
  return [...dot.matchAll(/^ {2}(\w+) -> (\w+);$/gm)].map((m) => `${m[1]} -> ${m[2]}`);
}

Deno.test("graphDot has every edge of the graph", () => {
  const pass = forwardPass(createParameters());
  pass.errorTotal.backward();
  const dot = graphDot(pass.errorTotal);
  const nodes = topologicalOrder(pass.errorTotal);
  const id = new Map(nodes.map((node, i) => [node, i]));

  // The expected edges, from the graph's own operand links.
  const expected: string[] = [];
  nodes.forEach((node, i) => {
    if (node.op === "leaf") return;
    for (const operand of [node.left, node.right]) {
      if (operand !== null) expected.push(`v${id.get(operand)} -> op${i}`);
    }
    expected.push(`op${i} -> v${i}`);
  });
  assert.deepEqual(edgesOf(dot).sort(), expected.sort());
  // 27 operations: 8 + 8 + 4 + 2 + 2 + 2 + 1 of them with two operands or a number.
  assert.equal(expected.length, 27 + 8 * 2 + 8 * 2 + 4 + 2 * 2 + 2 + 2 + 2);
});

Deno.test("graphDot names the article's edges", () => {
  const pass = forwardPass(createParameters());
  pass.errorTotal.backward();
  const dot = graphDot(pass.errorTotal);
  const nodes = topologicalOrder(pass.errorTotal);
  const idOf = (label: string) => nodes.findIndex((node) => node.label === label);

  // w5 and out_h1 meet in one multiplication, whose result feeds net_o1's sum.
  const edges = edgesOf(dot);
  const intoMultiply = edges.filter((edge) => edge.startsWith(`v${idOf("w5")} -> `));
  assert.equal(intoMultiply.length, 1);
  const multiply = intoMultiply[0].split(" -> ")[1];
  assert.ok(edges.includes(`v${idOf("out_h1")} -> ${multiply}`));
  assert.ok(edges.includes(`op${idOf("E_total")} -> v${idOf("E_total")}`));
  assert.ok(edges.includes(`v${idOf("E_o1")} -> op${idOf("E_total")}`));
  assert.ok(edges.includes(`v${idOf("E_o2")} -> op${idOf("E_total")}`));
});

Deno.test("graphDot labels nodes and operations", () => {
  const pass = forwardPass(createParameters());
  pass.errorTotal.backward();
  const dot = graphDot(pass.errorTotal);
  assert.match(dot, /^digraph computation \{\n {2}rankdir=LR;/);
  assert.match(dot, /\}\n$/);
  // dE_total/dw5 = 0.082167041 in the article.
  assert.match(dot, /label="w5\\ndata 0.4\\ngrad 0.082167"/);
  assert.match(dot, /label="E_total\\ndata 0.298371\\ngrad 1"/);
  assert.match(dot, /shape=ellipse, label="sigmoid"/);
  assert.match(dot, /shape=ellipse, label="\*\* 2"/);
  assert.match(dot, /shape=ellipse, label="0.5 ×"/);
});

Deno.test("graphDot escapes quotes and backslashes", () => {
  const x = new Value(1, { label: 'say "hi" \\ bye' });
  const dot = graphDot(x);
  assert.match(dot, /label="say \\"hi\\" \\\\ bye\\ndata 1\\ngrad 0"/);
});

Deno.test("operationText puts number operands on their side", () => {
  const x = new Value(2);
  const cases: [Value, string][] = [
    [x.add(x), "+"],
    [sub(1, x), "1 −"],
    [x.sub(1), "− 1"],
    [div(1, x), "1 ÷"],
    [x.mul(0.5), "× 0.5"],
    [x.pow(2), "** 2"],
    [neg(x), "neg"],
    [exp(x), "exp"],
    [x.tanh(), "tanh"],
    [x, ""],
  ];
  for (const [node, expected] of cases) {
    assert.equal(operationText(node, formatGraphNumber), expected);
  }
});

Deno.test("formatGraphNumber keeps 6 significant digits", () => {
  // Python 3: f"{x:.6g}" gives the same digits; only the exponent form differs (1e-07).
  const cases: [number, string][] = [
    [0.08232969045639038, "0.0823297"],
    [0.4, "0.4"],
    [1, "1"],
    [-0.7413650695523157, "-0.741365"],
    [0.000438568, "0.000438568"],
    [1e-7, "1e-7"],
    [123456789, "1.23457e8"],
    [0, "0"],
    [Infinity, "Infinity"],
    [NaN, "NaN"],
  ];
  for (const [x, expected] of cases) {
    assert.equal(formatGraphNumber(x), expected, String(x));
  }
});

Deno.test("graphDot rejects a non-Value root", () => {
  assert.throws(() => graphDot({} as Value), {
    name: "TypeError",
    message: /Cannot write the graph of \[object Object\]: expected a Value/,
  });
});
