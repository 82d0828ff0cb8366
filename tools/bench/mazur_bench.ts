/**
 * Benchmark 1: 10,000 steps of gradient descent on Mazur's network, through
 * the kit's autograd and through hand-derived gradients in plain TypeScript.
 *
 * The kit trains exactly as the lessons do: `forwardPass` with the fused
 * sigmoid, `backward()`, `p.data -= rate * p.grad`, then `zeroGrads`. Before
 * anything is timed, both loops run once and must agree on every parameter to
 * {@linkcode AGREEMENT}, so the two sides compute the same numbers.
 *
 * Run:  deno bench tools/bench/mazur_bench.ts
 *
 * @module
 */

import {
  ARTICLE_EXAMPLE,
  ARTICLE_LEARNING_RATE,
  ARTICLE_PARAMETERS,
  createParameters,
  forwardPass,
  parameterList,
  type ParameterName,
} from "../../core/mazur_network.ts";
import { zeroGrads } from "../../core/value.ts";

/** Training steps per timed run. */
export const STEPS = 10_000;

/** Largest difference allowed between the two loops' parameters after training. */
export const AGREEMENT = 1e-12;

/** Trains through the kit's engine and returns the final parameters. */
export function trainWithKit(steps: number): Record<ParameterName, number> {
  const parameters = createParameters();
  const list = parameterList(parameters);
  for (let step = 0; step < steps; step++) {
    const pass = forwardPass(parameters, { sigmoid: "fused" });
    pass.errorTotal.backward();
    for (const p of list) p.data -= ARTICLE_LEARNING_RATE * p.grad;
    zeroGrads(list);
  }
  const result = {} as Record<ParameterName, number>;
  for (const p of list) result[p.label as ParameterName] = p.data;
  return result;
}

/**
 * Trains with gradients derived by hand: the chain rule written out once for
 * this network, in plain numbers. This is the speed limit for the job.
 */
export function trainByHand(steps: number): Record<ParameterName, number> {
  let { w1, w2, w3, w4, w5, w6, w7, w8, b1, b2 } = ARTICLE_PARAMETERS;
  const { i1, i2, t1, t2 } = ARTICLE_EXAMPLE;
  const rate = ARTICLE_LEARNING_RATE;
  for (let step = 0; step < steps; step++) {
    const outH1 = sigmoid(w1 * i1 + w2 * i2 + b1);
    const outH2 = sigmoid(w3 * i1 + w4 * i2 + b1);
    const outO1 = sigmoid(w5 * outH1 + w6 * outH2 + b2);
    const outO2 = sigmoid(w7 * outH1 + w8 * outH2 + b2);

    // dE/dnet for each unit: the error's slope times the sigmoid's, σ(1 - σ).
    const deltaO1 = -(t1 - outO1) * (1 - outO1) * outO1;
    const deltaO2 = -(t2 - outO2) * (1 - outO2) * outO2;
    const deltaH1 = (deltaO1 * w5 + deltaO2 * w7) * (1 - outH1) * outH1;
    const deltaH2 = (deltaO1 * w6 + deltaO2 * w8) * (1 - outH2) * outH2;

    w1 -= rate * deltaH1 * i1;
    w2 -= rate * deltaH1 * i2;
    w3 -= rate * deltaH2 * i1;
    w4 -= rate * deltaH2 * i2;
    w5 -= rate * deltaO1 * outH1;
    w6 -= rate * deltaO1 * outH2;
    w7 -= rate * deltaO2 * outH1;
    w8 -= rate * deltaO2 * outH2;
    b1 -= rate * (deltaH1 + deltaH2);
    b2 -= rate * (deltaO1 + deltaO2);
  }
  return { w1, w2, w3, w4, w5, w6, w7, w8, b1, b2 };
}

/** Computes the float64 sigmoid as the engine does. */
function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * Trains both ways and returns the largest difference between their parameters.
 *
 * @throws {RangeError} If the two loops differ by more than {@linkcode AGREEMENT}.
 */
export function checkAgreement(steps = STEPS): number {
  const kit = trainWithKit(steps);
  const hand = trainByHand(steps);
  let largest = 0;
  for (const name of Object.keys(hand) as ParameterName[]) {
    const difference = Math.abs(kit[name] - hand[name]);
    largest = Math.max(largest, difference);
    if (!(difference <= AGREEMENT)) {
      throw new RangeError(
        `Cannot compare the loops: after ${steps} steps ${name} is ${kit[name]} through the kit ` +
          `and ${hand[name]} by hand, ${difference} apart; the limit is ${AGREEMENT}`,
      );
    }
  }
  return largest;
}

checkAgreement();

Deno.bench("mazur 10,000 steps, hand-derived gradients", {
  group: "mazur",
  baseline: true,
}, () => {
  trainByHand(STEPS);
});

Deno.bench("mazur 10,000 steps, kit autograd", { group: "mazur" }, () => {
  trainWithKit(STEPS);
});
