/**
 * Number formatting that matches Python's format specifications digit for digit.
 *
 * The notebook prints with f-strings such as `f"{out_h1:.8f}"`, and PyTorch
 * prints tensor elements with `"{:.4f}".format(value)`. JavaScript's
 * `toFixed` differs from Python in two places. It breaks exact ties away from
 * zero where Python rounds half to even: `0.125` to 2 decimals is `0.13` in
 * JavaScript and `0.12` in Python. And it switches to exponent notation from
 * 1e21 on. The functions here work on the exact binary value of the double, as
 * CPython does, so every printed digit agrees with Python.
 *
 * @module
 */

/** Largest number of decimals accepted, the same limit as `Number.prototype.toFixed`. */
const MAX_DECIMALS = 100;

/**
 * Formats a number with a fixed number of decimals, like Python's `f"{x:.{decimals}f}"`.
 *
 * Ties round half to even on the exact binary value, negative values that
 * round to zero keep their sign (`-0.00`), and non-finite values print as
 * Python prints them (`inf`, `-inf`, `nan`).
 *
 * @param x The number to format.
 * @param decimals Digits after the decimal point, an integer from 0 to 100.
 * @returns The formatted text.
 * @throws {TypeError} If `x` is not a number.
 * @throws {RangeError} If `decimals` is not an integer from 0 to 100.
 *
 * @example Usage
 * ```ts
 * import { formatFixed } from "./format.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatFixed(0.5932699921071872, 8), "0.59326999");
 * assert.equal(formatFixed(0.125, 2), "0.12");
 * ```
 */
export function formatFixed(x: number, decimals: number): string {
  if (typeof x !== "number") {
    throw new TypeError(`Cannot format ${String(x)}: expected a number, got ${typeof x}`);
  }
  checkDecimals(decimals);
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";

  const { negative, mantissa, exponent } = decompose(x);
  const scale = 10n ** BigInt(decimals);
  let digits: bigint;
  if (exponent >= 0) {
    digits = (mantissa << BigInt(exponent)) * scale;
  } else {
    digits = roundHalfToEven(mantissa * scale, BigInt(-exponent));
  }

  let text = digits.toString().padStart(decimals + 1, "0");
  if (decimals > 0) {
    const point = text.length - decimals;
    text = `${text.slice(0, point)}.${text.slice(point)}`;
  }
  return negative ? `-${text}` : text;
}

/**
 * Formats a number in exponent notation, like Python's `f"{x:.{decimals}e}"`.
 *
 * The mantissa has `decimals` digits after the point, rounded half to even on
 * the exact binary value, and the exponent has a sign and at least two digits
 * (`1.0000e+05`, `-2.5000e-07`).
 *
 * @param x The number to format.
 * @param decimals Digits after the decimal point of the mantissa, an integer from 0 to 100.
 * @returns The formatted text.
 * @throws {TypeError} If `x` is not a number.
 * @throws {RangeError} If `decimals` is not an integer from 0 to 100.
 *
 * @example Usage
 * ```ts
 * import { formatScientific } from "./format.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatScientific(123456, 4), "1.2346e+05");
 * assert.equal(formatScientific(0, 2), "0.00e+00");
 * ```
 */
export function formatScientific(x: number, decimals: number): string {
  if (typeof x !== "number") {
    throw new TypeError(`Cannot format ${String(x)}: expected a number, got ${typeof x}`);
  }
  checkDecimals(decimals);
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";

  const { negative, mantissa, exponent } = decompose(x);
  const sign = negative ? "-" : "";
  if (mantissa === 0n) {
    const zeros = decimals > 0 ? `.${"0".repeat(decimals)}` : "";
    return `${sign}0${zeros}e+00`;
  }

  // The value is mantissa * 2^exponent. Pick the power of ten p so that the
  // value / 10^p has decimals + 1 digits before the point, then round once.
  let power = Math.floor(Math.log10(Math.abs(x))) - decimals;
  let digits = scaledDigits(mantissa, exponent, power);
  const limit = 10n ** BigInt(decimals + 1);
  if (digits >= limit) {
    // The estimate of log10 was one too low, or rounding carried into a new digit.
    power += 1;
    digits = scaledDigits(mantissa, exponent, power);
  } else if (digits < limit / 10n) {
    power -= 1;
    digits = scaledDigits(mantissa, exponent, power);
  }

  const text = digits.toString();
  const body = decimals > 0 ? `${text[0]}.${text.slice(1)}` : text;
  const exponent10 = power + decimals;
  const exponentText = String(Math.abs(exponent10)).padStart(2, "0");
  return `${sign}${body}e${exponent10 < 0 ? "-" : "+"}${exponentText}`;
}

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) {
    throw new RangeError(
      `Cannot format with ${decimals} decimals: expected an integer from 0 to ${MAX_DECIMALS}`,
    );
  }
}

/** Splits a finite double into sign, integer mantissa and binary exponent, exactly. */
function decompose(x: number): { negative: boolean; mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const negative = high >>> 31 === 1;
  const biased = (high >>> 20) & 0x7ff;
  const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  if (biased === 0) {
    // Subnormal numbers (and zero) have no implicit leading bit.
    return { negative, mantissa: fraction, exponent: -1074 };
  }
  return { negative, mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/** Rounds mantissa * 2^exponent / 10^power to an integer, half to even. */
function scaledDigits(mantissa: bigint, exponent: number, power: number): bigint {
  let numerator = mantissa;
  let denominator = 1n;
  if (exponent >= 0) numerator <<= BigInt(exponent);
  else denominator <<= BigInt(-exponent);
  if (power >= 0) denominator *= 10n ** BigInt(power);
  else numerator *= 10n ** BigInt(-power);
  return divideHalfToEven(numerator, denominator);
}

/** Rounds value / 2^shift to an integer, half to even. */
function roundHalfToEven(value: bigint, shift: bigint): bigint {
  return divideHalfToEven(value, 1n << shift);
}

function divideHalfToEven(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const twiceRemainder = (numerator - quotient * denominator) * 2n;
  if (twiceRemainder > denominator) return quotient + 1n;
  if (twiceRemainder === denominator && quotient % 2n === 1n) return quotient + 1n;
  return quotient;
}

// Python's repr switches to exponent notation when the integer part would have
// more than 16 digits, or when 4 or more zeros would follow the decimal point:
// repr(1e16) is "1e+16" and repr(1e-05) is "1e-05" in CPython 3.11.
const REPR_MAX_POINT = 16;
const REPR_MIN_POINT = -4;

/**
 * Formats a number as Python's `repr(x)` and `str(x)` print a float.
 *
 * The digits are the shortest that read back as the same double, which
 * JavaScript's `Number.prototype.toString` also picks. The layout is Python's:
 * `2.0` for integers, `0.0001` but `1e-05`, `1000000000000000.0` but `1e+16`,
 * a signed exponent of at least two digits, and `inf`, `-inf`, `nan`, `-0.0`.
 * This is what Python prints for `f"{x.item()}"` of a PyTorch scalar.
 *
 * @param x The number to format.
 * @returns The text Python would print.
 * @throws {TypeError} If `x` is not a number.
 *
 * @example Usage
 * ```ts
 * import { formatRepr } from "./format.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatRepr(1331), "1331.0");
 * assert.equal(formatRepr(0.00001), "1e-05");
 * assert.equal(formatRepr(Math.fround(0.15)), "0.15000000596046448");
 * ```
 */
export function formatRepr(x: number): string {
  if (typeof x !== "number") {
    throw new TypeError(`Cannot format ${String(x)}: expected a number, got ${typeof x}`);
  }
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";

  // toExponential() without an argument gives the shortest round-trip digits,
  // as "d.ddde±n"; Python's decimal point position is n + 1.
  const sign = x < 0 ? "-" : "";
  const [mantissa, exponentText] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exponent = Number(exponentText);
  const point = exponent + 1;

  if (point > REPR_MAX_POINT || point <= REPR_MIN_POINT) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const magnitude = String(Math.abs(exponent)).padStart(2, "0");
    return `${sign}${digits[0]}${fraction}e${exponent < 0 ? "-" : "+"}${magnitude}`;
  }
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}.0`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
