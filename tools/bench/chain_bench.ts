/**
 * Benchmark 4, time: a chain of 1,000,000 operations built and run backward
 * through the engine, beside a plain loop that computes the same value and
 * derivative. Heap bytes per operation: `chain_memory.ts`.
 *
 * Run:  deno bench tools/bench/chain_bench.ts
 *
 * @module
 */

import { chainByHand, chainWithKit } from "./chain.ts";

// The two sides must compute the same numbers before they are compared.
const [kitValue, kitDerivative] = chainWithKit();
const [handValue, handDerivative] = chainByHand();
if (kitValue !== handValue || Math.abs(kitDerivative - handDerivative) > 1e-12) {
  throw new RangeError(
    `Cannot compare the chains: the kit gives ${kitValue} and ${kitDerivative}, ` +
      `the plain loop ${handValue} and ${handDerivative}`,
  );
}

Deno.bench("chain of 1,000,000 operations, plain loop", {
  group: "chain",
  baseline: true,
}, () => {
  chainByHand();
});

Deno.bench("chain of 1,000,000 operations, kit build and backward", { group: "chain" }, () => {
  chainWithKit();
});
