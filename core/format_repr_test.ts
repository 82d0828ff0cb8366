import assert from "node:assert/strict";
import { formatRepr } from "./format.ts";

// Expected texts printed by CPython 3.11: repr(x), which str(x) matches for floats.
// The float32 case is torch.tensor(0.15).item() from PyTorch 1.13.
const REPR_CASES: [number, string][] = [
  [2, "2.0"],
  [1331, "1331.0"],
  [2178, "2178.0"],
  [100, "100.0"],
  [0, "0.0"],
  [-0, "-0.0"],
  [-2.5, "-2.5"],
  [0.1, "0.1"],
  [1 / 3, "0.3333333333333333"],
  [2 / 3, "0.6666666666666666"],
  [0.1 + 0.2, "0.30000000000000004"],
  [12345.678, "12345.678"],
  [Math.fround(0.15), "0.15000000596046448"],
  [1e15, "1000000000000000.0"],
  [9999999999999998, "9999999999999998.0"],
  [1e16, "1e+16"],
  [1.5e16, "1.5e+16"],
  [123456789012345680, "1.2345678901234568e+17"],
  [1e21, "1e+21"],
  [1e22, "1e+22"],
  [1.7976931348623157e308, "1.7976931348623157e+308"],
  [0.0001, "0.0001"],
  [0.00012345, "0.00012345"],
  [0.00001, "1e-05"],
  [1.5e-5, "1.5e-05"],
  [1e-7, "1e-07"],
  [123e-20, "1.23e-18"],
  [5e-324, "5e-324"],
];

Deno.test("formatRepr matches Python's float repr", () => {
  for (const [x, expected] of REPR_CASES) {
    assert.equal(formatRepr(x), expected, `repr(${x})`);
  }
});

Deno.test("formatRepr prints non-finite values as Python does", () => {
  // CPython 3.11: repr(float("inf")), repr(float("-inf")), repr(float("nan")).
  assert.equal(formatRepr(Infinity), "inf");
  assert.equal(formatRepr(-Infinity), "-inf");
  assert.equal(formatRepr(NaN), "nan");
});

Deno.test("formatRepr rejects non-numbers", () => {
  assert.throws(() => formatRepr("2" as unknown as number), {
    name: "TypeError",
    message: /Cannot format 2: expected a number, got string/,
  });
});
