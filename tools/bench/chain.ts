/**
 * The chain behind benchmark 4: 1,000,000 operations, each step of
 * `y ← y + y·1e-6` being two (a multiply, then an add), so d(result)/dx is
 * (1 + 1e-6)^500000. Shared by `chain_bench.ts` (time) and
 * `chain_memory.ts` (heap bytes per operation).
 *
 * @module
 */

import { add, mul, Value } from "../../core/value.ts";

/** Operations in the chain: one `Value` node each. */
export const OPERATIONS = 1_000_000;

/** Steps of `y ← y + y·1e-6`, two operations each. */
export const STEPS = OPERATIONS / 2;

/** The factor of each step. */
const RATE = 1e-6;

/** Builds the chain through the engine; returns its input and result before `backward()`. */
export function buildChain(): { x: Value; y: Value } {
  const x = new Value(1);
  let y = x;
  for (let i = 0; i < STEPS; i++) y = add(y, mul(y, RATE));
  return { x, y };
}

/** Builds the chain, runs backward, and returns the value and dy/dx. */
export function chainWithKit(): [number, number] {
  const { x, y } = buildChain();
  y.backward();
  return [y.data, x.grad];
}

/**
 * Computes the same value and derivative with a plain loop: the value and its
 * derivative carried forward side by side (forward-mode, by hand).
 */
export function chainByHand(): [number, number] {
  let y = 1;
  let derivative = 1;
  for (let i = 0; i < STEPS; i++) {
    derivative = derivative + derivative * RATE;
    y = y + y * RATE;
  }
  return [y, derivative];
}
