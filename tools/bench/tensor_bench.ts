/**
 * Benchmark 5: reshaping without copying, and the paths that must copy.
 *
 * `view` and `reshape` of a contiguous tensor only compute new strides, so a
 * 10,000,000-element tensor should take as long as a 10-element one. A
 * transposed tensor cannot be reshaped without copying; `contiguous()` and
 * `reshape` then gather every element, and are compared with the same gather
 * written as two plain loops over typed arrays, and with a straight typed-array
 * copy (`slice`), the floor for any copy.
 *
 * Run:  deno bench tools/bench/tensor_bench.ts
 *
 * @module
 */

import { Tensor } from "../../core/tensor.ts";

/** Rows and columns of the large tensor: 10,000,000 elements. */
const ROWS = 1_000;
const COLUMNS = 10_000;

const small = Tensor.arange(10);
const large = Tensor.arange(ROWS * COLUMNS);
const transposed = large.view(ROWS, COLUMNS).transpose(0, 1);

Deno.bench("view of 10 elements", { group: "no copy", baseline: true }, () => {
  small.view(2, 5);
});

Deno.bench("view of 10,000,000 elements", { group: "no copy" }, () => {
  large.view(ROWS, COLUMNS);
});

Deno.bench("reshape of 10 elements", { group: "no copy" }, () => {
  small.reshape(5, -1);
});

Deno.bench("reshape of 10,000,000 elements", { group: "no copy" }, () => {
  large.reshape(ROWS, -1);
});

Deno.bench("typed-array copy of 10,000,000 elements (slice)", {
  group: "copy",
  baseline: true,
}, () => {
  large.storage.slice();
});

Deno.bench("typed-array transposed gather, two plain loops", { group: "copy" }, () => {
  const source = large.storage as Float64Array;
  const target = new Float64Array(ROWS * COLUMNS);
  let next = 0;
  for (let column = 0; column < COLUMNS; column++) {
    for (let row = 0; row < ROWS; row++) target[next++] = source[row * COLUMNS + column];
  }
});

Deno.bench("contiguous() of the transposed tensor", { group: "copy" }, () => {
  transposed.contiguous();
});

Deno.bench("reshape(-1) of the transposed tensor", { group: "copy" }, () => {
  transposed.reshape(-1);
});
