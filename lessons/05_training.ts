/**
 * Lesson 05: Training Mazur's network with gradient descent
 *
 * Finishes the article that lesson 03 follows: one gradient-descent step at
 * learning rate 0.5 with the eight updated weights, then 10,000 steps. It shows
 * which of the article's closing figures the update in its text reproduces, and
 * which come from another update order.
 *
 * Print it:  deno run lessons/05_training.ts
 * Draw it:   deno run --allow-write lessons/05_training.ts --svg loss.svg
 * Check it:  deno test lessons/05_training.ts
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  ARTICLE_LEARNING_RATE,
  createParameters,
  formatFixed,
  type ForwardPass,
  forwardPass,
  type Layer,
  lineChartSvg,
  type Parameters,
  svgPathOrExit,
  train,
  Transcript,
  type UpdateOrder,
  type WeightName,
  writeSvgOrExit,
} from "../mod.ts";
import golden from "../fixtures/transcripts/05_training.txt" with { type: "text" };

/** The number of training steps in the article's closing paragraph. */
const ARTICLE_STEPS = 10_000;

/** The step counts the lesson prints the error at. */
const CHECKPOINTS = [0, 1, 10, 100, 1_000, 9_999, 10_000];

/** The updated weights as the article prints them, with the decimals it prints. */
const ARTICLE_UPDATED_WEIGHTS: Readonly<Record<WeightName, string>> = {
  w1: "0.149780716",
  w2: "0.19956143",
  w3: "0.24975114",
  w4: "0.29950229",
  w5: "0.35891648",
  w6: "0.408666186",
  w7: "0.511301270",
  w8: "0.561370121",
};

/** The article's closing figures. */
const ARTICLE_ERROR_AFTER_ONE_STEP = "0.291027924";
const ARTICLE_ERROR_AFTER_TRAINING = "0.0000351085";
const ARTICLE_OUT_O1_AFTER_TRAINING = "0.015912196";
const ARTICLE_OUT_O2_AFTER_TRAINING = "0.984065734";

/** Runs the lesson's steps in the article's order, printing as it goes, and returns what it computed. */
export function runLesson(transcript = new Transcript()) {
  // One forward and one backward pass through the engine, with the article's
  // wiring, in float64: every gradient the article derives by hand.
  const pass = forwardPass(createParameters());
  pass.errorTotal.backward();
  const { w5 } = pass.parameters;

  // The article then derives ∂E_total/∂w1 by hand. The tests check each
  // factor of this hand calculation against the engine's gradients.
  const chain = chainRuleForW1(pass);
  transcript.print("The gradients of one backward pass (article's wiring, float64):");
  transcript.print(`∂E_total/∂w5 = ${formatFixed(w5.grad, 9)}`);
  transcript.print("∂E_total/∂w1 = ∂E_total/∂out_h1 · ∂out_h1/∂net_h1 · ∂net_h1/∂w1");
  transcript.print(
    `             = ${formatFixed(chain.dErrorDOutH1, 9)} · ${
      formatFixed(chain.dOutH1DNetH1, 9)
    } · ${chain.dNetH1DW1}`,
  );
  transcript.print(`             = ${formatFixed(chain.dErrorDW1, 9)}`);

  // One step as the article's text describes it: every gradient from the
  // weights before the step, then all eight weights moved at once, w ← w - 0.5 · ∂E/∂w.
  // The biases stay where they are, as in the article.
  const oneStep = trainArticleNetwork(1, "textbook", false);
  transcript.print();
  transcript.print(
    `After one step at learning rate ${ARTICLE_LEARNING_RATE}, to the decimals the article prints:`,
  );
  for (const name of Object.keys(ARTICLE_UPDATED_WEIGHTS) as WeightName[]) {
    const decimals = ARTICLE_UPDATED_WEIGHTS[name].split(".")[1].length;
    transcript.print(`${name}+ = ${formatFixed(oneStep.parameters[name].data, decimals)}`);
  }

  // 10,000 steps three ways: the textbook update, the output layer first, and
  // the textbook update with the biases moving too.
  const textbook = trainArticleNetwork(ARTICLE_STEPS, "textbook", false);
  const outputFirst = trainArticleNetwork(ARTICLE_STEPS, "output layer first", false);
  const withBiases = trainArticleNetwork(ARTICLE_STEPS, "textbook", true);

  transcript.print();
  transcript.print("E_total after each number of steps:");
  transcript.print("  steps  textbook      output layer first  textbook, biases too");
  for (const steps of CHECKPOINTS) {
    const row = [textbook, outputFirst, withBiases].map((run) =>
      formatFixed(run.losses[steps], 10)
    );
    transcript.print(`  ${String(steps).padStart(5)}  ${row[0]}  ${row[1]}        ${row[2]}`);
  }
  transcript.print();
  transcript.print(
    `Outputs after ${ARTICLE_STEPS.toLocaleString("en-US")} steps (targets 0.01 and 0.99):`,
  );
  for (
    const [name, run] of [["textbook", textbook], ["output layer first", outputFirst]] as const
  ) {
    transcript.print(
      `  ${name.padEnd(19)} out_o1 = ${formatFixed(run.outO1, 9)}, out_o2 = ${
        formatFixed(run.outO2, 9)
      }`,
    );
  }

  // The kit's explanation of the article's closing paragraph.
  transcript.print();
  transcript.print("The article's closing figures, and which update gives each:");
  transcript.print(
    `  E_total after 1 step        ${ARTICLE_ERROR_AFTER_ONE_STEP}   output layer first ` +
      `(textbook: ${formatFixed(textbook.losses[1], 9)})`,
  );
  transcript.print(
    `  E_total after 10,000 steps  ${ARTICLE_ERROR_AFTER_TRAINING}  textbook after 9,999 steps ` +
      `(after 10,000: ${formatFixed(textbook.losses[ARTICLE_STEPS], 10)})`,
  );
  transcript.print(
    `  out_o1 after 10,000 steps   ${ARTICLE_OUT_O1_AFTER_TRAINING}   output layer first`,
  );
  transcript.print(
    `  out_o2 after 10,000 steps   ${ARTICLE_OUT_O2_AFTER_TRAINING}   output layer first`,
  );
  transcript.print();
  transcript.print("The weights in the article's table all come from the textbook update:");
  transcript.print("every gradient from the weights before the step, then all weights at once.");
  transcript.print("Its error after one step and its final outputs come from another order:");
  transcript.print("move w5..w8 first, then compute the hidden layer's gradients with the");
  transcript.print("moved w5..w8, as a program that updates layer by layer would.");
  transcript.print("Its final error is the textbook update's one step short of 10,000, which is");
  transcript.print("what a loop reports if it prints the loss of its last forward pass, computed");
  transcript.print("before that step's update.");
  transcript.print(
    `Moving the biases too, which the article does not, ends at ${
      formatFixed(withBiases.losses[ARTICLE_STEPS], 10)
    }.`,
  );

  return { transcript, pass, chain, oneStep, textbook, outputFirst, withBiases };
}

/** Groups the parameters into two layers: w1..w4 and b1 into the hidden layer, w5..w8 and b2 out of it. */
function layersOf(parameters: Parameters): Layer[] {
  const { w1, w2, w3, w4, w5, w6, w7, w8, b1, b2 } = parameters;
  return [
    { weights: [w1, w2, w3, w4], biases: [b1] },
    { weights: [w5, w6, w7, w8], biases: [b2] },
  ];
}

/** Trains a fresh copy of the article's network and returns its losses, parameters and outputs. */
function trainArticleNetwork(steps: number, updateOrder: UpdateOrder, updateBiases: boolean) {
  const parameters = createParameters();
  const { losses } = train({
    // A new graph on every step, from the current weights, as PyTorch builds one.
    loss: () => forwardPass(parameters).errorTotal,
    layers: layersOf(parameters),
    learningRate: ARTICLE_LEARNING_RATE,
    steps,
    updateOrder,
    updateBiases,
  });
  const final = forwardPass(parameters);
  return { parameters, losses, outO1: final.outO1.data, outO2: final.outO2.data };
}

/** The factors of ∂E_total/∂w1 by the chain rule, computed by hand from a forward pass. */
interface ChainForW1 {
  dErrorDOutH1: number;
  dOutH1DNetH1: number;
  dNetH1DW1: number;
  dErrorDW1: number;
}

/**
 * Computes ∂E_total/∂w1 by hand, as the article does, from the values of a
 * forward pass with the article's wiring. It uses no gradient of the engine.
 */
function chainRuleForW1(pass: ForwardPass): ChainForW1 {
  // exercise chain-rule-dw1: dE_total/dw1 by the chain rule
  const { outH1, outO1, outO2, t1, t2, i1 } = pass;
  const { w5, w7 } = pass.parameters;

  // Each output's delta: ∂E/∂net_o = (out_o - target) · out_o · (1 - out_o).
  const deltaO1 = (outO1.data - t1.data) * outO1.data * (1 - outO1.data);
  const deltaO2 = (outO2.data - t2.data) * outO2.data * (1 - outO2.data);

  // out_h1 feeds both outputs, through w5 and w7, so both paths add up.
  const dErrorDOutH1 = deltaO1 * w5.data + deltaO2 * w7.data;
  // The sigmoid's derivative, out · (1 - out).
  const dOutH1DNetH1 = outH1.data * (1 - outH1.data);
  // net_h1 = w1 · i1 + w2 · i2 + b1, so ∂net_h1/∂w1 = i1.
  const dNetH1DW1 = i1.data;

  const dErrorDW1 = dErrorDOutH1 * dOutH1DNetH1 * dNetH1DW1;
  return { dErrorDOutH1, dOutH1DNetH1, dNetH1DW1, dErrorDW1 };
  // end exercise chain-rule-dw1
}

if (import.meta.main) {
  const lessonPath = "lessons/05_training.ts";
  const svgPath = svgPathOrExit(Deno.args, lessonPath);
  const lesson = runLesson();
  Deno.stdout.writeSync(new TextEncoder().encode(lesson.transcript.toString()));
  if (svgPath !== null) {
    const svg = lineChartSvg(
      [
        { label: "weights only (the article)", values: lesson.textbook.losses },
        { label: "weights and biases", values: lesson.withBiases.losses },
      ],
      {
        title: "E_total while training Mazur's network (learning rate 0.5, textbook update)",
        xLabel: "step",
        yLabel: "E_total (log scale)",
        yScale: "log",
      },
    );
    writeSvgOrExit(svgPath, svg, lessonPath);
    console.log(`Wrote ${svgPath}`);
  }
}

// The lesson trains three networks for 10,000 steps; the tests share one run.
let cachedLesson: ReturnType<typeof runLesson> | undefined;
function lesson() {
  cachedLesson ??= runLesson();
  return cachedLesson;
}

// Losses and outputs from tools/expected/mazur_training.py: plain Python float64
// arithmetic with hand-written derivatives, no kit code. The engine sums and
// rounds in another order, so they agree to a relative 1e-9, not to the last bit.
const SCRIPT_TOLERANCE = 1e-9;
const SCRIPT_LOSSES: Record<"textbook" | "outputFirst" | "withBiases", Record<number, number>> = {
  textbook: {
    0: 0.2983711087600027,
    1: 0.29102777369359933,
    10: 0.22091859205390404,
    100: 0.02004682824942521,
    1000: 0.001114349453733746,
    9999: 3.510854812251261e-05,
    10000: 3.510187782978859e-05,
  },
  outputFirst: {
    1: 0.29102792390544197,
    10: 0.22091633745848366,
    100: 0.02003975195077381,
    1000: 0.0011139404339445356,
    9999: 3.509145381072163e-05,
    10000: 3.5084786296312774e-05,
  },
  withBiases: {
    1: 0.2857508866992965,
    10: 0.1752380107751284,
    100: 0.00999716479409412,
    1000: 0.0003460750103483246,
    9999: 4.356536817666352e-06,
    10000: 4.355321066163751e-06,
  },
};
const SCRIPT_OUTPUTS = {
  textbook: { outO1: 0.01591362044355068, outO2: 0.9840642735146238 },
  outputFirst: { outO1: 0.0159121963260343, outO2: 0.9840657344856291 },
};

function assertRelativelyClose(actual: number, expected: number, what: string) {
  const gap = Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(gap <= SCRIPT_TOLERANCE, `${what}: got ${actual}, expected ${expected}`);
}

Deno.test("lesson 05 prints its golden transcript", () => {
  assert.equal(lesson().transcript.toString(), golden);
});

Deno.test("lesson 05 one step matches the article", async (t) => {
  const { pass, chain, oneStep } = lesson();

  await t.step("∂E_total/∂w5 is the article's 0.082167041", () => {
    assert.equal(formatFixed(pass.parameters.w5.grad, 9), "0.082167041");
  });

  await t.step("the chain for ∂E_total/∂w1 has the article's factors", () => {
    // The article: 0.036350306 · 0.241300709 · 0.05 = 0.000438568.
    assert.equal(formatFixed(chain.dErrorDOutH1, 9), "0.036350306");
    assert.equal(formatFixed(chain.dOutH1DNetH1, 9), "0.241300709");
    assert.equal(chain.dNetH1DW1, 0.05);
    assert.equal(formatFixed(chain.dErrorDW1, 9), "0.000438568");
    assert.equal(formatFixed(pass.parameters.w1.grad, 9), "0.000438568");
    const product = chain.dErrorDOutH1 * chain.dOutH1DNetH1 * chain.dNetH1DW1;
    assertRelativelyClose(product, pass.parameters.w1.grad, "the product of the factors");
  });

  await t.step("the hand chain rule agrees with backward()", () => {
    assertRelativelyClose(chain.dErrorDOutH1, pass.outH1.grad, "∂E_total/∂out_h1");
    assertRelativelyClose(
      chain.dOutH1DNetH1 * chain.dErrorDOutH1,
      pass.netH1.grad,
      "∂E_total/∂net_h1",
    );
    assertRelativelyClose(chain.dErrorDW1, pass.parameters.w1.grad, "∂E_total/∂w1");
  });

  await t.step("w1+ .. w8+ to the article's printed digits", () => {
    for (const [name, printed] of Object.entries(ARTICLE_UPDATED_WEIGHTS)) {
      const decimals = printed.split(".")[1].length;
      const updated = oneStep.parameters[name as WeightName].data;
      assert.equal(formatFixed(updated, decimals), printed, `${name}+`);
    }
  });

  await t.step("the biases did not move", () => {
    assert.equal(oneStep.parameters.b1.data, 0.35);
    assert.equal(oneStep.parameters.b2.data, 0.60);
  });
});

Deno.test("lesson 05 closing figures come from two updates", async (t) => {
  const { textbook, outputFirst, withBiases } = lesson();

  await t.step("all runs start at the article's 0.298371109", () => {
    for (const run of [textbook, outputFirst, withBiases]) {
      assert.equal(formatFixed(run.losses[0], 9), "0.298371109");
    }
  });

  await t.step("after one step: 0.291027924 is the output-layer-first error", () => {
    assert.equal(formatFixed(outputFirst.losses[1], 9), ARTICLE_ERROR_AFTER_ONE_STEP);
    assert.equal(formatFixed(textbook.losses[1], 9), "0.291027774");
  });

  await t.step("after 10,000 steps: 0.0000351085 is textbook's after 9,999", () => {
    assert.equal(formatFixed(textbook.losses[9_999], 10), ARTICLE_ERROR_AFTER_TRAINING);
    assert.equal(formatFixed(textbook.losses[10_000], 10), "0.0000351019");
    assert.equal(formatFixed(outputFirst.losses[10_000], 10), "0.0000350848");
  });

  await t.step("the final outputs are the output-layer-first ones", () => {
    assert.equal(formatFixed(outputFirst.outO1, 9), ARTICLE_OUT_O1_AFTER_TRAINING);
    assert.equal(formatFixed(outputFirst.outO2, 9), ARTICLE_OUT_O2_AFTER_TRAINING);
    assert.equal(formatFixed(textbook.outO1, 9), "0.015913620");
    assert.equal(formatFixed(textbook.outO2, 9), "0.984064274");
  });

  await t.step("moving the biases too ends at 0.0000043553", () => {
    assert.equal(formatFixed(withBiases.losses[10_000], 10), "0.0000043553");
  });
});

Deno.test("lesson 05 training agrees with the float64 script", () => {
  const runs = lesson();
  for (const [run, losses] of Object.entries(SCRIPT_LOSSES)) {
    const history = runs[run as keyof typeof SCRIPT_LOSSES].losses;
    assert.equal(history.length, ARTICLE_STEPS + 1, `${run} records every step`);
    for (const [steps, expected] of Object.entries(losses)) {
      assertRelativelyClose(history[Number(steps)], expected, `${run} after ${steps} steps`);
    }
  }
  for (const [run, outputs] of Object.entries(SCRIPT_OUTPUTS)) {
    const trained = runs[run as keyof typeof SCRIPT_OUTPUTS];
    assertRelativelyClose(trained.outO1, outputs.outO1, `${run} out_o1`);
    assertRelativelyClose(trained.outO2, outputs.outO2, `${run} out_o2`);
  }
});

Deno.test("lesson 05 printout explains the figures", () => {
  const text = lesson().transcript.toString();
  assert.match(text, /0\.291027924 {3}output layer first \(textbook: 0\.291027774\)/);
  assert.match(text, /0\.0000351085 {2}textbook after 9,999 steps/);
  assert.match(text, /as a program that updates layer by layer would/);
});
