/**
 * Lesson 04: Gradient reuse in backpropagation
 *
 * Follows the notebook's "Gradient Reuse in Backpropagation" cell, its
 * "Visual Representation" diagram and the process printout. It checks every
 * chain-rule product against the engine's backward, traces the cell's claim to
 * match the article's 0.138498562 to the wiring, and counts the
 * multiplications that reusing dE/dnet saves.
 *
 * Print it:  deno run lessons/04_gradient_reuse.ts
 * Check it:  deno test lessons/04_gradient_reuse.ts
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  createParameters,
  formatFixed,
  type ForwardPass,
  forwardPass,
  noArgumentsOrExit,
  topologicalOrder,
  Transcript,
  Value,
  type WeightName,
  type Wiring,
  zeroGrads,
} from "../mod.ts";
import golden from "../fixtures/transcripts/04_gradient_reuse.txt" with { type: "text" };

/** dE_o1/dnet_o1 as the article prints it, for its own wiring. */
const ARTICLE_DE_O1_DNET_O1 = 0.138498562;

/** dE_o1/dout_h1 as the article prints it. */
const ARTICLE_DE_O1_DOUT_H1 = 0.055399425;

const WEIGHT_NAMES: readonly WeightName[] = ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"];

/**
 * The article's network with every weight and bias on its edge. Every edge
 * points right, and the diagonals cross without joining.
 */
export const NETWORK_DIAGRAM: readonly string[] = [
  "[i1] -------- w1 ---------> [h1] -------- w5 ---------> [o1] --> E_o1",
  "     `-.               .-'   ^   `-.               .-'   ^",
  "        `-. w3      .-'      |      `-. w7      .-'      |",
  "           `-.   .-'         |         `-.   .-'         |",
  "              -X-           [b1]          -X-           [b2]",
  "           .-'   `-.         |         .-'   `-.         |",
  "        .-' w2      `-.      |      .-' w6      `-.      |",
  "     .-'               `-.   v   .-'               `-.   v",
  "[i2] -------- w4 ---------> [h2] -------- w8 ---------> [o2] --> E_o2",
];

/** Runs the lesson's steps in the notebook's order, printing as it goes, and returns what it computed. */
export function runLesson(transcript = new Transcript()) {
  // "This demonstrates why we can reuse gradient calculations in
  // backpropagation, as mentioned in the article. When computing the gradient
  // for weights between input and hidden layers, we reuse components
  // calculated for the output layer weights."
  //
  // The cell works in plain float64 numbers, as Python's math module does, and
  // wires the hidden layer as the notebook's autograd cell does: i2 reaches h1
  // through w3 and i1 reaches h2 through w2. The article uses w2 and w3 the
  // other way round.
  const cell = handChainRule("notebook");

  transcript.print(
    `out_o1: ${formatFixed(cell.outO1, 8)}, out_o2: ${formatFixed(cell.outO2, 8)}`,
  );
  transcript.print(`E_total: ${formatFixed(cell.errorTotal, 8)}\n`);

  // Backpropagation
  // First, calculate gradients for output layer weights

  // For w5 (weight connecting h1 to o1)
  // Step 1: Calculate ∂E_o1/∂out_o1
  transcript.print(`∂E_o1/∂out_o1 = ${formatFixed(cell.dErrorO1dOutO1, 8)}`);

  // Step 2: Calculate ∂out_o1/∂net_o1
  transcript.print(`∂out_o1/∂net_o1 = ${formatFixed(cell.dOutO1dNetO1, 8)}`);

  // Step 3: Calculate ∂net_o1/∂w5
  transcript.print(`∂net_o1/∂w5 = ${formatFixed(cell.dNetO1dW5, 8)}`);

  // Step 4: Calculate ∂E_o1/∂w5 (chain rule)
  transcript.print(`∂E_o1/∂w5 = ${formatFixed(cell.dErrorO1dW5, 8)}\n`);

  // IMPORTANT PART - Reusing calculations for w1
  // To calculate ∂E_o1/∂w1, we need first ∂E_o1/∂out_h1

  // Step 1: We already calculated ∂E_o1/∂out_o1 and ∂out_o1/∂net_o1
  transcript.print("This is where we REUSE the calculation!");
  transcript.print(
    `∂E_o1/∂net_o1 = ∂E_o1/∂out_o1 * ∂out_o1/∂net_o1 = ${formatFixed(cell.dErrorO1dNetO1, 8)}`,
  );

  // Step 2: Calculate ∂net_o1/∂out_h1
  transcript.print(`∂net_o1/∂out_h1 = ${formatFixed(cell.dNetO1dOutH1, 8)}`);

  // Step 3: Calculate ∂E_o1/∂out_h1 (chain rule)
  transcript.print(`∂E_o1/∂out_h1 = ${formatFixed(cell.dErrorO1dOutH1, 8)}\n`);

  transcript.print("The calculated value matches what's in the article (0.138498562)");
  transcript.print(
    "This demonstrates how gradient calculations are reused during backpropagation.",
  );

  // The kit's correction. The article's 0.138498562 is its dE_o1/dnet_o1, the
  // product the cell prints after "REUSE" (the last line it prints before the
  // claim is dE_o1/dout_h1, which is 0.4 times as large). The same chain rule
  // with the article's wiring gives the article's numbers.
  const article = handChainRule("article");
  transcript.print();
  transcript.print("Does it match? The article's 0.138498562 is its ∂E_o1/∂net_o1, and this");
  transcript.print("cell wires the hidden layer differently from the article:");
  transcript.print("  article:    net_h1 = w1*i1 + w2*i2 + b1, net_h2 = w3*i1 + w4*i2 + b1");
  transcript.print("  this cell:  net_h1 = w1*i1 + w3*i2 + b1, net_h2 = w2*i1 + w4*i2 + b1");
  transcript.print("The same chain rule in float64, printed to the article's 9 decimals:");
  transcript.print("                 this cell's wiring  article's wiring  article prints");
  transcript.print(
    `  ∂E_o1/∂net_o1  ${formatFixed(cell.dErrorO1dNetO1, 9)}         ${
      formatFixed(article.dErrorO1dNetO1, 9)
    }       ${formatFixed(ARTICLE_DE_O1_DNET_O1, 9)}`,
  );
  transcript.print(
    `  ∂E_o1/∂out_h1  ${formatFixed(cell.dErrorO1dOutH1, 9)}         ${
      formatFixed(article.dErrorO1dOutH1, 9)
    }       ${formatFixed(ARTICLE_DE_O1_DOUT_H1, 9)}`,
  );
  transcript.print("The value matches the article only with the article's wiring.");

  // Every product above is a gradient that backward() computes too. For each,
  // build the cell's graph on the engine, run backward() from the quantity on
  // top of the fraction, and read the grad of the one below.
  const engine = engineGradients("notebook");
  transcript.print();
  transcript.print("The engine's backward() gives the same numbers (this cell's wiring, float64):");
  const rows: [string, number, string][] = [
    ["∂E_o1/∂out_o1", engine.dErrorO1dOutO1, "out_o1.grad after E_o1.backward()"],
    ["∂out_o1/∂net_o1", engine.dOutO1dNetO1, "net_o1.grad after out_o1.backward()"],
    ["∂net_o1/∂w5", engine.dNetO1dW5, "w5.grad after net_o1.backward()"],
    ["∂E_o1/∂w5", engine.dErrorO1dW5, "w5.grad after E_o1.backward()"],
    ["∂E_o1/∂net_o1", engine.dErrorO1dNetO1, "net_o1.grad after E_o1.backward()"],
    ["∂net_o1/∂out_h1", engine.dNetO1dOutH1, "out_h1.grad after net_o1.backward()"],
    ["∂E_o1/∂out_h1", engine.dErrorO1dOutH1, "out_h1.grad after E_o1.backward()"],
  ];
  for (const [name, value, how] of rows) {
    transcript.print(`  ${name.padEnd(15)} = ${formatFixed(value, 8)}  ${how}`);
  }

  // Why reuse pays. The count is of multiplications of chain-rule factors, one
  // factor for each step between two named quantities of the graph (E_total,
  // out_*, net_*, and the weights), as the article writes them.
  const count = countMultiplications(forwardPass(createParameters(), { wiring: "article" }));
  transcript.print();
  transcript.print("What the reuse saves, for ∂E_total/∂w of all eight weights. One factor is");
  transcript.print("the derivative of a named quantity (E_total, out, net) by the next one on");
  transcript.print("the way to a weight; a path of k factors costs k - 1 multiplications:");
  const counts: [string, number][] = [
    [`every path from E_total on its own (${count.paths} paths):`, count.pathByPath],
    ["each ∂E_total/∂q computed once and reused:", count.withReuse],
    ["saved:", count.pathByPath - count.withReuse],
  ];
  const labelWidth = Math.max(...counts.map(([label]) => label.length));
  for (const [label, multiplications] of counts) {
    transcript.print(`  ${label.padEnd(labelWidth)}  ${multiplications} multiplications`);
  }

  // "Visual Representation of Backpropagation Flow". The notebook's diagram
  // leaves out most connections and puts w1,w2 under i1; this one draws the
  // article's network with every edge.
  transcript.print();
  transcript.print("The article's network, every weight and bias on its edge:");
  transcript.print();
  for (const line of NETWORK_DIAGRAM) transcript.print(line);
  transcript.print();
  transcript.print("Every edge points right. b1 feeds both hidden units and b2 both outputs;");
  transcript.print("E_total = E_o1 + E_o2. The notebook's autograd cells, this one included,");
  transcript.print("swap two edges: w3 carries i2 into h1 and w2 carries i1 into h2, so w1 and");
  transcript.print("w2 both leave i1, as the notebook's own diagram draws them.");

  // "Backpropagation process:" The notebook lists it in prose, then prints it.
  // Simplified backpropagation process visualization
  transcript.print();
  transcript.print("Backpropagation Process: Output → Hidden → Input");
  transcript.print("-".repeat(50));
  transcript.print("1. Forward pass (input → hidden → output)");
  transcript.print("2. Calculate error at output layer");
  transcript.print("3. Update output layer weights (w5, w6, w7, w8)");
  transcript.print(
    "   - Calculate: ∂E/∂w_output = ∂E/∂out_o * ∂out_o/∂net_o * ∂net_o/∂w_output",
  );
  transcript.print("4. REUSE calculation ∂E/∂net_o for hidden layer");
  transcript.print("   - Hidden gradients: ∂E/∂out_h = ∂E/∂net_o * ∂net_o/∂out_h");
  transcript.print("5. Update hidden layer weights (w1, w2, w3, w4)");

  // "This reuse of calculations makes backpropagation efficient, especially
  // for deep networks."
  return { transcript, cell, article, engine, count };
}

/** The forward values and chain-rule factors of the reuse cell, in plain float64 arithmetic. */
interface ChainRule {
  outO1: number;
  outO2: number;
  errorTotal: number;
  dErrorO1dOutO1: number;
  dOutO1dNetO1: number;
  dNetO1dW5: number;
  dErrorO1dW5: number;
  dErrorO1dNetO1: number;
  dNetO1dOutH1: number;
  dErrorO1dOutH1: number;
}

/** Computes the reuse cell's numbers by hand, operation for operation as the cell does. */
function handChainRule(wiring: Wiring): ChainRule {
  // Input values
  const i1 = 0.05, i2 = 0.10;

  // Weights, as the cell names them. Its comments say that w1, w2 connect i1,
  // i2 to h1, but its formulas below use w3 for i2 into h1.
  const w1 = 0.15, w2 = 0.20;
  const w3 = 0.25, w4 = 0.30;
  const w5 = 0.40, w6 = 0.45;
  const w7 = 0.50, w8 = 0.55;

  // Biases
  const b1 = 0.35; // hidden layer bias
  const b2 = 0.60; // output layer bias

  // Target values
  const t1 = 0.01, t2 = 0.99;

  // Hidden layer outputs
  const intoH1 = wiring === "notebook" ? w3 : w2;
  const intoH2 = wiring === "notebook" ? w2 : w3;
  const netH1 = w1 * i1 + intoH1 * i2 + b1;
  const outH1 = 1 / (1 + Math.exp(-netH1));
  const netH2 = intoH2 * i1 + w4 * i2 + b1;
  const outH2 = 1 / (1 + Math.exp(-netH2));

  // Output layer outputs
  const netO1 = w5 * outH1 + w6 * outH2 + b2;
  const outO1 = 1 / (1 + Math.exp(-netO1));
  const netO2 = w7 * outH1 + w8 * outH2 + b2;
  const outO2 = 1 / (1 + Math.exp(-netO2));

  // Calculate error
  const errorO1 = 0.5 * (t1 - outO1) ** 2;
  const errorO2 = 0.5 * (t2 - outO2) ** 2;
  const errorTotal = errorO1 + errorO2;

  const dErrorO1dOutO1 = -(t1 - outO1);
  const dOutO1dNetO1 = outO1 * (1 - outO1);
  const dNetO1dW5 = outH1;
  const dErrorO1dW5 = dErrorO1dOutO1 * dOutO1dNetO1 * dNetO1dW5;
  // exercise reuse-dnet: reuse dE_o1/dnet_o1 on the way to out_h1
  const dErrorO1dNetO1 = dErrorO1dOutO1 * dOutO1dNetO1;
  const dNetO1dOutH1 = w5;
  const dErrorO1dOutH1 = dErrorO1dNetO1 * dNetO1dOutH1;
  return {
    outO1,
    outO2,
    errorTotal,
    dErrorO1dOutO1,
    dOutO1dNetO1,
    dNetO1dW5,
    dErrorO1dW5,
    dErrorO1dNetO1,
    dNetO1dOutH1,
    dErrorO1dOutH1,
  };
  // end exercise reuse-dnet
}

/** The chain-rule factors of {@linkcode ChainRule}, each as the grad the engine's backward() computes. */
type EngineGradients = Omit<ChainRule, "outO1" | "outO2" | "errorTotal">;

/** Reads each factor of the cell's chain rule off the engine, one backward() call for each. */
function engineGradients(wiring: Wiring): EngineGradients {
  // The cell writes each sigmoid as 1 / (1 + exp(-net)), which is the
  // engine's "composed" form, so the forward values agree to the last bit.
  const pass = forwardPass(createParameters("float64"), { wiring, sigmoid: "composed" });
  const { w5 } = pass.parameters;
  const gradientOf = (output: Value, input: Value): number => {
    // Leaves add up gradients over calls, so start every call from zero.
    zeroGrads(topologicalOrder(pass.errorTotal));
    output.backward();
    return input.grad;
  };
  return {
    dErrorO1dOutO1: gradientOf(pass.errorO1, pass.outO1),
    dOutO1dNetO1: gradientOf(pass.outO1, pass.netO1),
    dNetO1dW5: gradientOf(pass.netO1, w5),
    dErrorO1dW5: gradientOf(pass.errorO1, w5),
    dErrorO1dNetO1: gradientOf(pass.errorO1, pass.netO1),
    dNetO1dOutH1: gradientOf(pass.netO1, pass.outH1),
    dErrorO1dOutH1: gradientOf(pass.errorO1, pass.outH1),
  };
}

/** Multiplication counts for the gradients of E_total with respect to the eight weights. */
interface MultiplicationCount {
  /** Paths from E_total to a weight, over all eight weights. */
  paths: number;
  /** Multiplications when every path's factors are multiplied out on their own. */
  pathByPath: number;
  /** Multiplications when dE_total/dq is computed once for each named quantity q and reused. */
  withReuse: number;
}

/**
 * Counts chain-rule multiplications on the engine's graph of one forward pass.
 *
 * The engine's graph has a node for every operation. This function contracts
 * it to the named quantities that the article differentiates by, which are
 * E_total, every out_* and net_*, and the eight weights. One edge joins two
 * of them when the engine's graph has a path between them through unnamed
 * nodes only. E_o1 and E_o2 count as unnamed, since the article goes straight
 * from E_total to out_o1.
 * Each edge is one chain-rule factor.
 */
function countMultiplications(pass: ForwardPass): MultiplicationCount {
  const weights = new Set<Value>(WEIGHT_NAMES.map((name) => pass.parameters[name]));
  const named = new Set<Value>([
    pass.errorTotal,
    pass.outO1,
    pass.outO2,
    pass.netO1,
    pass.netO2,
    pass.outH1,
    pass.outH2,
    pass.netH1,
    pass.netH2,
    ...weights,
  ]);

  // For each named quantity, the named quantities one factor below it.
  const factorsBelow = new Map<Value, Value[]>();
  for (const node of named) {
    const below = new Set<Value>();
    const stack = operands(node);
    while (stack.length > 0) {
      const operand = stack.pop()!;
      if (named.has(operand)) below.add(operand);
      else stack.push(...operands(operand));
    }
    factorsBelow.set(node, [...below]);
  }

  // Path by path: walk every path from E_total to each weight.
  let paths = 0;
  let pathByPath = 0;
  const walk = (node: Value, factors: number) => {
    if (weights.has(node)) {
      paths += 1;
      pathByPath += factors - 1;
      return;
    }
    for (const next of factorsBelow.get(node)!) walk(next, factors + 1);
  };
  walk(pass.errorTotal, 0);

  // With reuse, as backward() does it: dE_total/dq for each quantity q is the
  // sum over the edges into q of dE_total/d(parent) times the edge's factor,
  // one multiplication per edge. The edges out of E_total need none, since
  // dE_total/dE_total = 1. Only edges on some path to a weight count.
  const leadsToWeight = (node: Value): boolean =>
    weights.has(node) || factorsBelow.get(node)!.some(leadsToWeight);
  let withReuse = 0;
  for (const [node, below] of factorsBelow) {
    if (node === pass.errorTotal) continue;
    withReuse += below.filter(leadsToWeight).length;
  }
  return { paths, pathByPath, withReuse };
}

function operands(node: Value): Value[] {
  const result: Value[] = [];
  if (node.left !== null) result.push(node.left);
  if (node.right !== null) result.push(node.right);
  return result;
}

if (import.meta.main) {
  noArgumentsOrExit(Deno.args, "lessons/04_gradient_reuse.ts");
  Deno.stdout.writeSync(new TextEncoder().encode(runLesson().transcript.toString()));
}

// The reuse cell's output, printed by /usr/bin/python3 (Python 3.11) running
// the cell unchanged; tools/expected/notebook_cells.py prints it again.
const PYTHON_REUSE_CELL_OUTPUT = `out_o1: 0.75140460, out_o2: 0.77297621
E_total: 0.29839005

∂E_o1/∂out_o1 = 0.74140460
∂out_o1/∂net_o1 = 0.18679573
∂net_o1/∂w5 = 0.59447593
∂E_o1/∂w5 = 0.08232969

This is where we REUSE the calculation!
∂E_o1/∂net_o1 = ∂E_o1/∂out_o1 * ∂out_o1/∂net_o1 = 0.13849121
∂net_o1/∂out_h1 = 0.40000000
∂E_o1/∂out_h1 = 0.05539648

The calculated value matches what's in the article (0.138498562)
This demonstrates how gradient calculations are reused during backpropagation.
`;

// The process cell's output, printed by the same run.
const PYTHON_PROCESS_CELL_OUTPUT = `Backpropagation Process: Output → Hidden → Input
--------------------------------------------------
1. Forward pass (input → hidden → output)
2. Calculate error at output layer
3. Update output layer weights (w5, w6, w7, w8)
   - Calculate: ∂E/∂w_output = ∂E/∂out_o * ∂out_o/∂net_o * ∂net_o/∂w_output
4. REUSE calculation ∂E/∂net_o for hidden layer
   - Hidden gradients: ∂E/∂out_h = ∂E/∂net_o * ∂net_o/∂out_h
5. Update hidden layer weights (w1, w2, w3, w4)
`;

// The reuse cell's variables in full float64, as Python 3.11's repr() prints
// them (tools/expected/notebook_cells.py): its hand chain rule.
const PYTHON_CELL_VALUES: ChainRule = {
  outO1: 0.7514046013526043,
  outO2: 0.7729762085649552,
  errorTotal: 0.29839005447782796,
  dErrorO1dOutO1: 0.7414046013526043,
  dOutO1dNetO1: 0.1867957264187381,
  dNetO1dW5: 0.5944759307482401,
  dErrorO1dW5: 0.08232969160714758,
  dErrorO1dNetO1: 0.13849121107985465,
  dNetO1dOutH1: 0.4,
  dErrorO1dOutH1: 0.05539648443194187,
};

// The same factors from PyTorch 1.13's autograd in float64, each the .grad of a
// node after backward() from another (tools/expected/notebook_cells.py).
const PYTORCH_FLOAT64_NOTEBOOK_WIRING: EngineGradients = {
  dErrorO1dOutO1: 0.7414046013526043,
  dOutO1dNetO1: 0.18679572641873812,
  dNetO1dW5: 0.5944759307482401,
  dErrorO1dW5: 0.08232969160714759,
  dErrorO1dNetO1: 0.13849121107985468,
  dNetO1dOutH1: 0.4,
  dErrorO1dOutH1: 0.055396484431941874,
};

// Largest relative difference between a hand product and the engine's grad.
// The hand rule writes dout/dnet as out·(1 - out); the engine, like PyTorch,
// differentiates 1 / (1 + exp(-net)) node by node, which rounds differently.
// The largest difference seen is 0.9 · 2⁻⁵² relative, for dE_o1/dnet_o1.
const MAX_RELATIVE_DIFFERENCE = 2 * Number.EPSILON;

function assertClose(actual: number, expected: number, message: string): void {
  const difference = Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(
    difference <= MAX_RELATIVE_DIFFERENCE,
    `${message}: ${actual} is ${difference} relative from ${expected}`,
  );
}

Deno.test("lesson 04 prints the cells' output, then the kit's", () => {
  const printed = runLesson().transcript.toString();
  assert.ok(
    printed.startsWith(PYTHON_REUSE_CELL_OUTPUT),
    "the printout must begin with the reuse cell's output exactly as Python printed it",
  );
  assert.ok(
    printed.endsWith(PYTHON_PROCESS_CELL_OUTPUT),
    "the printout must end with the process cell's output exactly as Python printed it",
  );
  assert.equal(printed, golden);
});

Deno.test("lesson 04 hand chain rule matches Python's", () => {
  const { cell } = runLesson();
  for (const [name, expected] of Object.entries(PYTHON_CELL_VALUES)) {
    assert.equal(cell[name as keyof ChainRule], expected, name);
  }
});

Deno.test("lesson 04 engine agrees with every hand product", async (t) => {
  const { cell, engine } = runLesson();

  await t.step("the hand chain rule within 2 epsilons", () => {
    for (const [name, value] of Object.entries(engine)) {
      assertClose(value, cell[name as keyof EngineGradients], name);
    }
  });

  await t.step("PyTorch 1.13's float64 autograd exactly", () => {
    // Both differentiate the same composed sigmoid in the same order.
    for (const [name, expected] of Object.entries(PYTORCH_FLOAT64_NOTEBOOK_WIRING)) {
      assert.equal(engine[name as keyof EngineGradients], expected, name);
    }
  });

  await t.step("the same 8 printed decimals as the cell", () => {
    // The cell's printed lines, from PYTHON_REUSE_CELL_OUTPUT.
    const printed: [keyof EngineGradients, string][] = [
      ["dErrorO1dOutO1", "0.74140460"],
      ["dOutO1dNetO1", "0.18679573"],
      ["dNetO1dW5", "0.59447593"],
      ["dErrorO1dW5", "0.08232969"],
      ["dErrorO1dNetO1", "0.13849121"],
      ["dNetO1dOutH1", "0.40000000"],
      ["dErrorO1dOutH1", "0.05539648"],
    ];
    for (const [name, expected] of printed) {
      assert.equal(formatFixed(engine[name], 8), expected, name);
    }
  });
});

Deno.test("lesson 04 traces the 0.138498562 claim to the wiring", async (t) => {
  const { cell, article, transcript } = runLesson();

  await t.step("the cell's wiring gives 0.138491211", () => {
    // Python 3.11 float64: 0.13849121107985465.
    assert.equal(formatFixed(cell.dErrorO1dNetO1, 9), "0.138491211");
    assert.notEqual(formatFixed(cell.dErrorO1dNetO1, 9), formatFixed(ARTICLE_DE_O1_DNET_O1, 9));
  });

  await t.step("the article's wiring gives the article's values", () => {
    // The article prints dE_o1/dnet_o1 0.138498562 and dE_o1/dout_h1 0.055399425.
    assert.equal(formatFixed(article.dErrorO1dNetO1, 9), "0.138498562");
    assert.equal(formatFixed(article.dErrorO1dOutH1, 9), "0.055399425");
    // PyTorch 1.13 float64 autograd with the article's wiring.
    assertClose(article.dErrorO1dNetO1, 0.138498561628557, "dE_o1/dnet_o1");
    assertClose(article.dErrorO1dOutH1, 0.05539942465142281, "dE_o1/dout_h1");
  });

  await t.step("the cell's dE_o1/dout_h1 is 0.055396484", () => {
    // Python 3.11 float64: 0.05539648443194187.
    assert.equal(formatFixed(cell.dErrorO1dOutH1, 9), "0.055396484");
  });

  await t.step("the engine's article wiring agrees", () => {
    const engineArticle = engineGradients("article");
    assertClose(engineArticle.dErrorO1dNetO1, article.dErrorO1dNetO1, "dE_o1/dnet_o1");
    assertClose(engineArticle.dErrorO1dOutH1, article.dErrorO1dOutH1, "dE_o1/dout_h1");
    // PyTorch 1.13 float64 autograd with the article's wiring, to the last bit.
    assert.equal(engineArticle.dErrorO1dNetO1, 0.138498561628557);
    assert.equal(engineArticle.dErrorO1dOutH1, 0.05539942465142281);
  });

  await t.step("the printout states the explanation", () => {
    const text = transcript.toString();
    assert.match(text, /The article's 0\.138498562 is its ∂E_o1\/∂net_o1/);
    assert.match(text, /this cell: {2}net_h1 = w1\*i1 \+ w3\*i2 \+ b1/);
    assert.match(text, /∂E_o1\/∂net_o1 {2}0\.138491211 {9}0\.138498562 {7}0\.138498562/);
    assert.match(text, /∂E_o1\/∂out_h1 {2}0\.055396484 {9}0\.055399425 {7}0\.055399425/);
    assert.match(text, /matches the article only with the article's wiring/);
  });
});

Deno.test("lesson 04 counts the multiplications reuse saves", async (t) => {
  const { count, transcript } = runLesson();

  // By hand. Path by path: w5..w8 each have one path E_total → out_o → net_o → w,
  // 3 factors, 2 multiplications: 4 · 2 = 8. w1..w4 each have two paths, one
  // through each output, E_total → out_o → net_o → out_h → net_h → w, 5 factors,
  // 4 multiplications: 4 · 2 · 4 = 32. Total 12 paths, 40 multiplications.
  // With reuse: dE/dnet_o1, dE/dnet_o2 (1 each, 2), dE/dw5..w8 (1 each, 4),
  // dE/dout_h1, dE/dout_h2 (2 each, one per output, 4), dE/dnet_h1, dE/dnet_h2
  // (1 each, 2), dE/dw1..w4 (1 each, 4): 16. Saved: 24.
  await t.step("40 path by path, 16 with reuse", () => {
    assert.deepEqual(count, { paths: 12, pathByPath: 40, withReuse: 16 });
  });

  await t.step("the cell's wiring gives the same counts", () => {
    const notebook = countMultiplications(forwardPass(createParameters(), { wiring: "notebook" }));
    assert.deepEqual(notebook, { paths: 12, pathByPath: 40, withReuse: 16 });
  });

  await t.step("the printout states the counts", () => {
    const text = transcript.toString();
    assert.match(text, /\(12 paths\): {2}40 multiplications/);
    assert.match(text, /reused: {6}16 multiplications/);
    assert.match(text, /saved: {42}24 multiplications/);
  });
});

Deno.test("lesson 04 diagram draws every edge once", async (t) => {
  const { transcript } = runLesson();

  await t.step("each weight on exactly one edge line", () => {
    for (const weight of WEIGHT_NAMES) {
      const lines = NETWORK_DIAGRAM.filter((line) => new RegExp(`\\b${weight}\\b`).test(line));
      assert.equal(lines.length, 1, `${weight} is on ${lines.length} lines`);
      // The label sits on a straight edge ("-- w1 --") or next to a diagonal ("`-. w3", ".-' w2").
      const onEdge = new RegExp(`-+ ${weight} -+|\`-\\. ${weight}|\\.-' ${weight}`);
      assert.match(lines[0], onEdge, `${weight}'s label is not on an edge`);
    }
  });

  await t.step("each weight between the article's units", () => {
    // The article's wiring. The straight edges are w1 i1→h1, w4 i2→h2, w5 h1→o1
    // and w8 h2→o2. The diagonals going down are w3 i1→h2 and w7 h1→o2, and
    // the diagonals going up are w2 i2→h1 and w6 h2→o1.
    const line = (weight: string) => NETWORK_DIAGRAM.find((text) => text.includes(weight))!;
    assert.match(line("w1"), /\[i1\] -+ w1 -+> \[h1\]/);
    assert.match(line("w5"), /\[h1\] -+ w5 -+> \[o1\]/);
    assert.match(line("w4"), /\[i2\] -+ w4 -+> \[h2\]/);
    assert.match(line("w8"), /\[h2\] -+ w8 -+> \[o2\]/);
    for (const weight of ["w3", "w7"]) assert.match(line(weight), new RegExp(`\`-\\. ${weight}`));
    for (const weight of ["w2", "w6"]) assert.match(line(weight), new RegExp(`\\.-' ${weight}`));
    // w3 and w2 start at the inputs, left of the hidden units' column.
    const hiddenColumn = NETWORK_DIAGRAM[0].indexOf("[h1]");
    for (const weight of ["w2", "w3"]) assert.ok(line(weight).indexOf(weight) < hiddenColumn);
    for (const weight of ["w6", "w7"]) assert.ok(line(weight).indexOf(weight) > hiddenColumn);
  });

  await t.step("both biases feed both units of their layer", () => {
    const rowOf = (text: string) => NETWORK_DIAGRAM.findIndex((line) => line.includes(text));
    assert.equal(rowOf("[b1]"), 4, "b1 sits between h1 (line 0) and h2 (line 8)");
    assert.equal(rowOf("[b2]"), 4, "b2 sits between o1 (line 0) and o2 (line 8)");
    for (const [bias, unit] of [["[b1]", "[h1]"], ["[b2]", "[o1]"]]) {
      const x = NETWORK_DIAGRAM[4].indexOf(bias) + 1;
      assert.equal(NETWORK_DIAGRAM[0].indexOf(unit) + 1, x, `${bias} is under ${unit}`);
      assert.equal(NETWORK_DIAGRAM[1][x], "^", `${bias} points up into ${unit}`);
      assert.equal(NETWORK_DIAGRAM[7][x], "v", `${bias} points down into the unit below`);
      for (const row of [2, 3, 5, 6]) assert.equal(NETWORK_DIAGRAM[row][x], "|");
    }
  });

  await t.step("plain ASCII under 80 columns", () => {
    for (const line of NETWORK_DIAGRAM) {
      assert.ok(line.length < 80, `${line.length} columns: ${line}`);
      assert.match(line, /^[\x20-\x7e]*$/);
    }
  });

  await t.step("the printout says how the notebook differs", () => {
    assert.match(transcript.toString(), /w3 carries i2 into h1 and w2 carries i1 into h2/);
  });
});
