import assert from "node:assert/strict";
import { formatFixed } from "./format.ts";
import {
  ARTICLE_PARAMETERS,
  createParameters,
  forwardPass,
  parameterList,
} from "./mazur_network.ts";

// Values as the article prints them, each to the digits printed there.
const ARTICLE_FORWARD: [string, (pass: ReturnType<typeof forwardPass>) => number, string][] = [
  ["net_h1", (pass) => pass.netH1.data, "0.3775"],
  ["out_h1", (pass) => pass.outH1.data, "0.593269992"],
  ["out_h2", (pass) => pass.outH2.data, "0.596884378"],
  ["net_o1", (pass) => pass.netO1.data, "1.105905967"],
  ["out_o1", (pass) => pass.outO1.data, "0.75136507"],
  ["out_o2", (pass) => pass.outO2.data, "0.772928465"],
  ["E_o1", (pass) => pass.errorO1.data, "0.274811083"],
  ["E_o2", (pass) => pass.errorO2.data, "0.023560026"],
  ["E_total", (pass) => pass.errorTotal.data, "0.298371109"],
];

Deno.test("forwardPass reproduces the article's forward values", () => {
  const pass = forwardPass(createParameters());
  for (const [name, read, printed] of ARTICLE_FORWARD) {
    const decimals = printed.length - 2;
    assert.equal(formatFixed(read(pass), decimals), printed, name);
  }
});

Deno.test("forwardPass backward gives the article's gradients", () => {
  const pass = forwardPass(createParameters());
  pass.errorTotal.backward();
  // The article: dE_total/dw5 = 0.082167041, dE_total/dw1 = 0.000438568,
  // dE_o1/dnet_o1 (the delta of o1) = 0.138498562, dE_total/dout_h1 = 0.036350306.
  assert.equal(formatFixed(pass.parameters.w5.grad, 9), "0.082167041");
  assert.equal(formatFixed(pass.parameters.w1.grad, 9), "0.000438568");
  assert.equal(formatFixed(pass.netO1.grad, 9), "0.138498562");
  assert.equal(formatFixed(pass.outH1.grad, 9), "0.036350306");
});

Deno.test("forwardPass sigmoid forms agree in float64", () => {
  const fused = forwardPass(createParameters(), { sigmoid: "fused" });
  const composed = forwardPass(createParameters(), { sigmoid: "composed" });
  fused.errorTotal.backward();
  composed.errorTotal.backward();
  assert.ok(Math.abs(fused.errorTotal.data - composed.errorTotal.data) < 1e-15);
  const fusedGradients = parameterList(fused.parameters).map((p) => p.grad);
  const composedGradients = parameterList(composed.parameters).map((p) => p.grad);
  for (let i = 0; i < fusedGradients.length; i++) {
    assert.ok(Math.abs(fusedGradients[i] - composedGradients[i]) < 1e-15, `parameter ${i}`);
  }
});

Deno.test("forwardPass notebook wiring swaps w2 and w3", () => {
  // With w2 = w3 the two wirings are the same network.
  const values = { ...ARTICLE_PARAMETERS, w2: 0.2, w3: 0.2 };
  const article = forwardPass(createParameters("float64", values), { wiring: "article" });
  const notebook = forwardPass(createParameters("float64", values), { wiring: "notebook" });
  assert.equal(article.errorTotal.data, notebook.errorTotal.data);
  // With the article's values they differ: the notebook's cell has
  // net_h1 = 0.15·0.05 + 0.25·0.10 + 0.35 = 0.3825.
  const netH1 = forwardPass(createParameters(), { wiring: "notebook" }).netH1.data;
  assert.equal(formatFixed(netH1, 4), "0.3825");
});

Deno.test("forwardPass rejects unknown options", () => {
  const parameters = createParameters();
  assert.throws(() => forwardPass(parameters, { wiring: "paper" as "article" }), {
    name: "RangeError",
    message: 'Invalid wiring "paper": expected "article" or "notebook"',
  });
  assert.throws(() => forwardPass(parameters, { sigmoid: "fast" as "fused" }), {
    name: "RangeError",
    message: 'Invalid sigmoid form "fast": expected "fused" or "composed"',
  });
  assert.throws(() => createParameters("float64", { w1: 0.1 } as never), {
    name: "TypeError",
    message: "Cannot create parameter w2: expected a number, got nothing",
  });
});
