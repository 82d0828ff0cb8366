/**
 * Benchmark 4, memory and phases: builds the 1,000,000-operation chain
 * several times and prints, as JSON, the medians of the build time, the
 * backward time, the plain loop's time (fastest of a few calls per run), and
 * the heap bytes the graph keeps alive per operation (heap in use after a
 * forced garbage collection, minus before).
 *
 * Run:  deno run --v8-flags=--expose-gc tools/bench/chain_memory.ts
 *
 * @module
 */

import { buildChain, chainByHand, OPERATIONS } from "./chain.ts";

/** Measured runs; the first is a warm-up and is not counted. */
const RUNS = 7;

/** Calls of the plain loop per run, of which the fastest counts. */
const PLAIN_CALLS = 10;

const collectGarbage = (globalThis as { gc?: () => void }).gc;
if (collectGarbage === undefined) {
  throw new Error(
    "Cannot measure heap bytes without a forced garbage collection: " +
      "run with --v8-flags=--expose-gc",
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Builds and differentiates one chain; nothing of it outlives the call. */
function measureOnce(collect: () => void) {
  collect();
  const before = Deno.memoryUsage().heapUsed;
  const start = performance.now();
  const { x, y } = buildChain();
  const built = performance.now();

  // The graph is measured between the phases, outside the timings.
  collect();
  const after = Deno.memoryUsage().heapUsed;

  const backwardStart = performance.now();
  y.backward();
  const done = performance.now();
  if (x.grad === 0) throw new Error("Cannot measure: backward left dy/dx at 0");
  return {
    build: built - start,
    backward: done - backwardStart,
    bytes: (after - before) / OPERATIONS,
  };
}

const build: number[] = [];
const backward: number[] = [];
const plain: number[] = [];
const bytes: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const measured = measureOnce(collectGarbage);

  // The plain loop is too short to time once; take the fastest of a few calls.
  let fastest = Infinity;
  for (let call = 0; call < PLAIN_CALLS; call++) {
    const plainStart = performance.now();
    chainByHand();
    fastest = Math.min(fastest, performance.now() - plainStart);
  }

  if (run === 0) continue;
  build.push(measured.build);
  backward.push(measured.backward);
  plain.push(fastest);
  bytes.push(measured.bytes);
}

const total = build.map((time, i) => time + backward[i]);
console.log(JSON.stringify({
  operations: OPERATIONS,
  runs: RUNS - 1,
  median_build_ms: Number(median(build).toFixed(1)),
  median_backward_ms: Number(median(backward).toFixed(1)),
  median_total_ms: Number(median(total).toFixed(1)),
  median_plain_ms: Number(median(plain).toFixed(2)),
  ratio: Number((median(total) / median(plain)).toFixed(1)),
  median_bytes_per_operation: Number(median(bytes).toFixed(1)),
}));
