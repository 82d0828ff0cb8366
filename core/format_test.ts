import assert from "node:assert/strict";
import { formatFixed, formatScientific } from "./format.ts";

// Expected texts printed by CPython 3.11: format(x, f".{decimals}f").
const FIXED_CASES: [number, number, string][] = [
  [0.5932699921071872, 8, "0.59326999"],
  [0.125, 2, "0.12"],
  [0.375, 2, "0.38"],
  [2.5, 0, "2"],
  [3.5, 0, "4"],
  [-1.5, 0, "-2"],
  [-0.001, 2, "-0.00"],
  [-0, 2, "-0.00"],
  [0, 0, "0"],
  [1e22, 2, "10000000000000000000000.00"],
  [123.456, 0, "123"],
  [0.08232969, 9, "0.082329690"],
  [0.000438205, 9, "0.000438205"],
  [5e-324, 3, "0.000"],
  [1 / 3, 20, "0.33333333333333331483"],
];

// Expected texts printed by CPython 3.11: format(x, f".{decimals}e").
const SCIENTIFIC_CASES: [number, number, string][] = [
  [123456, 4, "1.2346e+05"],
  [0, 2, "0.00e+00"],
  [-0, 1, "-0.0e+00"],
  [-2.5e-7, 4, "-2.5000e-07"],
  [9.99995, 4, "1.0000e+01"],
  [1e100, 2, "1.00e+100"],
  [5e-324, 4, "4.9407e-324"],
  [0.00012345, 2, "1.23e-04"],
  [1, 0, "1e+00"],
  [9.5, 0, "1e+01"],
  [8.5, 0, "8e+00"],
  [1e-5, 4, "1.0000e-05"],
  [99999.5, 3, "1.000e+05"],
];

Deno.test("formatFixed matches Python's f-format", () => {
  for (const [x, decimals, expected] of FIXED_CASES) {
    assert.equal(formatFixed(x, decimals), expected, `format(${x}, ".${decimals}f")`);
  }
});

Deno.test("formatFixed prints the largest double in full", () => {
  const text = formatFixed(Number.MAX_VALUE, 1);
  assert.equal(text.length, 311);
  assert.ok(text.startsWith("1797693134862315708145274237317043567980"));
  assert.ok(text.endsWith("4124858368.0"));
});

Deno.test("formatFixed prints non-finite values as Python does", () => {
  assert.equal(formatFixed(Infinity, 2), "inf");
  assert.equal(formatFixed(-Infinity, 2), "-inf");
  assert.equal(formatFixed(NaN, 2), "nan");
});

Deno.test("formatScientific matches Python's e-format", () => {
  for (const [x, decimals, expected] of SCIENTIFIC_CASES) {
    assert.equal(formatScientific(x, decimals), expected, `format(${x}, ".${decimals}e")`);
  }
});

Deno.test("formatFixed rejects bad decimals and non-numbers", () => {
  assert.throws(() => formatFixed(1, -1), {
    name: "RangeError",
    message: /Cannot format with -1 decimals/,
  });
  assert.throws(() => formatFixed(1, 2.5), {
    name: "RangeError",
    message: /expected an integer from 0 to 100/,
  });
  assert.throws(() => formatScientific(1, 101), {
    name: "RangeError",
    message: /Cannot format with 101 decimals/,
  });
  assert.throws(() => formatFixed("1" as unknown as number, 2), {
    name: "TypeError",
    message: /Cannot format 1: expected a number, got string/,
  });
});
