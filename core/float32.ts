/**
 * Float32 arithmetic as PyTorch's CPU kernels do it, for the engine's float32 mode.
 *
 * Rounding a float64 result with `Math.fround` gives the correctly rounded
 * float32 result. PyTorch's `torch.exp` on float32 tensors does not always
 * return that: on x86-64 it calls SLEEF's `expf_u10` (error up to 1 ulp), whose
 * steps are reproduced here in float32 arithmetic with fused multiply-adds.
 * For the notebook's network the two differ by one ulp at exp(-1.1061176),
 * enough to change the 9th decimal of dE/dw5 that the notebook printed.
 *
 * @module
 */

import { describeArgument } from "./argument.ts";

// SLEEF's constants for expf (sleefsimdsp.c), each exactly a float32.
const LOG2_E = Math.fround(1.442695040888963407359924681001892137426645954152985934135449406931);
const LN2_HIGH = 0.693145751953125; // upper bits of ln 2; q·LN2_HIGH is exact
const LN2_LOW = Math.fround(1.428606765330187045e-06); // ln 2 - LN2_HIGH
const EXP_COEFFICIENTS = [
  0.000198527617612853646278381,
  0.00139304355252534151077271,
  0.00833336077630519866943359,
  0.0416664853692054748535156,
  0.166666671633720397949219,
  0.5,
].map(Math.fround);

/**
 * Computes e^x in float32 exactly as PyTorch 1.13's `torch.exp` does on x86-64 CPUs with AVX2.
 *
 * @param x A number; it is rounded to float32 first.
 * @returns The float32 result, as a JavaScript number.
 * @throws {TypeError} If `x` is not a number.
 *
 * @example Usage
 * ```ts
 * import { expFloat32 } from "./float32.ts";
 * import assert from "node:assert/strict";
 *
 * // torch.exp(torch.tensor(-1.106117606163025)).item() in PyTorch 1.13
 * assert.equal(expFloat32(-1.106117606163025), 0.33084094524383545);
 * assert.equal(Math.fround(Math.exp(-1.106117606163025)), 0.33084091544151306);
 * ```
 */
export function expFloat32(x: number): number {
  assertNumber(x, "x", "compute expFloat32");
  const d = Math.fround(x);
  if (Number.isNaN(d)) return NaN;
  if (d < -104) return 0;
  if (d > 100) return Infinity;

  // Reduce: d = q·ln 2 + s with |s| <= ln 2 / 2, so e^d = 2^q · e^s.
  const q = roundHalfToEven(Math.fround(d * LOG2_E));
  let s = fusedMultiplyAdd(q, -LN2_HIGH, d);
  s = fusedMultiplyAdd(q, -LN2_LOW, s);

  // e^s = 1 + s + s²·(1/2 + s/6 + ...), the polynomial by Horner's rule.
  let u = EXP_COEFFICIENTS[0];
  for (let i = 1; i < EXP_COEFFICIENTS.length; i++) {
    u = fusedMultiplyAdd(u, s, EXP_COEFFICIENTS[i]);
  }
  u = Math.fround(1 + fusedMultiplyAdd(Math.fround(s * s), u, s));

  return scaleByPowerOfTwo(u, q);
}

/**
 * Returns a·b + c rounded once to float32, like the fused multiply-add
 * instruction, for float32 inputs.
 *
 * The product of two float32 numbers is exact in float64. The sum may not be,
 * so it is rounded to odd: an inexact float64 sum gets an odd last bit, which
 * keeps the final rounding to float32 from rounding twice.
 */
function fusedMultiplyAdd(a: number, b: number, c: number): number {
  const product = a * b;
  const sum = product + c;
  // Knuth's two-sum: the exact error of the float64 addition.
  const bVirtual = sum - product;
  const error = (product - (sum - bVirtual)) + (c - bVirtual);
  if (error === 0 || !Number.isFinite(sum)) return Math.fround(sum);
  return Math.fround(roundToOdd(sum, error));
}

/** Returns `sum` with its last bit forced to 1 in the direction of `error`, if it is even. */
function roundToOdd(sum: number, error: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, sum);
  const low = view.getUint32(4);
  if ((low & 1) === 1) return sum;
  // Moving away from zero adds one unit in the last place, toward zero takes one away.
  const awayFromZero = (error > 0) === (sum > 0);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, awayFromZero ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  const difference = x - floor;
  if (difference > 0.5) return floor + 1;
  if (difference < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Returns u·2^q in float32, in two steps as SLEEF's ldexp2 does, so that no step overflows early. */
function scaleByPowerOfTwo(u: number, q: number): number {
  const half = q >> 1;
  return Math.fround(Math.fround(u * 2 ** half) * 2 ** (q - half));
}

/**
 * Counts the float32 values between two numbers: 0 when they round to the same
 * float32, 1 for neighbours. Both are rounded to float32 first.
 *
 * @param a A number.
 * @param b Another number.
 * @returns The distance in float32 units in the last place, or Infinity if either is NaN.
 * @throws {TypeError} If `a` or `b` is not a number.
 *
 * @example Usage
 * ```ts
 * import { float32UlpDistance } from "./float32.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(float32UlpDistance(1, 1 + 2 ** -23), 1);
 * assert.equal(float32UlpDistance(-0, 0), 0);
 * ```
 */
export function float32UlpDistance(a: number, b: number): number {
  assertNumber(a, "a", "compute float32UlpDistance");
  assertNumber(b, "b", "compute float32UlpDistance");
  if (Number.isNaN(a) || Number.isNaN(b)) return Infinity;
  return Math.abs(orderedBits(a) - orderedBits(b));
}

function assertNumber(value: unknown, name: string, action: string): void {
  if (typeof value !== "number") {
    throw new TypeError(
      `Cannot ${action} with ${name} ${describeArgument(value)}: expected a number; ` +
        `convert it first, e.g. with Number()`,
    );
  }
}

/** Maps a float32 to an integer so that neighbouring floats get neighbouring integers. */
function orderedBits(x: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, x);
  const bits = view.getInt32(0);
  // Negative floats count down from -0, which maps to the same integer as +0.
  return bits < 0 ? -(bits & 0x7fffffff) : bits;
}

/**
 * Computes `base ** exponent` the way PyTorch 1.13's `pow` kernel does, in
 * float32 or float64.
 *
 * PyTorch does not call `pow` for the common exponents: it multiplies for 2,
 * 3 and -2, and takes a square root or a reciprocal for 0.5, -0.5 and -1. Each
 * of those steps rounds on its own in float32, so the results can differ from
 * a correctly rounded power by one ulp. Any other exponent goes to the C
 * library's `pow` in float64, with the exponent kept as a float64 number.
 *
 * @param base The number to raise; in float32 mode, a float32 number.
 * @param exponent The exponent, used as given.
 * @param float32 Whether to round each step to float32.
 * @returns The power, rounded as PyTorch rounds it.
 * @throws {TypeError} If `base` or `exponent` is not a number.
 *
 * @example Usage
 * ```ts
 * import { powLikePyTorch } from "./float32.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(powLikePyTorch(3, 2, false), 9);
 * assert.equal(powLikePyTorch(4, -0.5, true), 0.5);
 * ```
 */
export function powLikePyTorch(base: number, exponent: number, float32: boolean): number {
  if (typeof base !== "number" || typeof exponent !== "number") {
    throw new TypeError(
      `Cannot compute pow(${describeArgument(base)}, ${
        describeArgument(exponent)
      }): expected two numbers`,
    );
  }
  const round = float32 ? Math.fround : unchanged;
  switch (exponent) {
    case 0:
      return 1;
    case 1:
      return base;
    case 2:
      return round(base * base);
    case 3:
      return round(round(base * base) * base);
    case -2:
      return round(1 / round(base * base));
    case 0.5:
      return round(Math.sqrt(base));
    case -0.5:
      return round(1 / round(Math.sqrt(base)));
    case -1:
      return round(1 / base);
    default:
      return round(base ** exponent);
  }
}

function unchanged(x: number): number {
  return x;
}
