/**
 * Describing and checking the arguments of the kit's public functions, for
 * callers in plain JavaScript, where the types are not checked.
 *
 * @module
 */

import { Value } from "./value.ts";

/**
 * Describes any value for an error message: strings quoted, numbers as
 * written, objects by their constructor.
 *
 * @param value Any value a caller passed.
 * @returns A short description such as `"abc"`, `-0`, `1n`, `null` or `a Map`.
 *
 * @example Usage
 * ```ts
 * import { describeArgument } from "./argument.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(describeArgument("abc"), '"abc"');
 * assert.equal(describeArgument(NaN), "NaN");
 * assert.equal(describeArgument([1, 2]), "an Array");
 * ```
 */
export function describeArgument(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (Object.is(value, -0)) return "-0";
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return value.toString();
  if (value === null || typeof value !== "object") return String(value);

  const name = Object.getPrototypeOf(value)?.constructor?.name;
  if (typeof name !== "string" || name === "" || name === "Object") return "an object";
  return /^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
}

/**
 * Checks that an options argument is an object, so that reading an option
 * from it cannot fail. Callers treat `undefined` as "no options" before this.
 *
 * @param options The argument.
 * @param action What failed, as the start of the message, e.g. `Cannot train`.
 * @returns Nothing; returns normally for a plain object.
 * @throws {TypeError} If `options` is null, an array or not an object.
 *
 * @example Usage
 * ```ts
 * import { assertOptions } from "./argument.ts";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => assertOptions(null, "Cannot train"), {
 *   name: "TypeError",
 *   message: "Cannot train with options null: expected an object of options; omit it for the defaults",
 * });
 * ```
 */
export function assertOptions(options: unknown, action: string): asserts options is object {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(
      `${action} with options ${
        describeArgument(options)
      }: expected an object of options; omit it for the defaults`,
    );
  }
}

/**
 * Checks the arguments every graph printer takes (a root `Value` and its
 * options) and returns the number formatter to use.
 *
 * @param root The graph's root, as the caller passed it.
 * @param options The options, as the caller passed them.
 * @param verb What the printer does, as in "Cannot draw the graph".
 * @param fallback The formatter when the options name none.
 * @returns `options.formatNumber`, or `fallback`.
 * @throws {TypeError} If `root` is not a `Value`, `options` is not an object,
 *   or `formatNumber` is not a function.
 */
export function graphNumberFormat(
  root: unknown,
  options: unknown,
  verb: string,
  fallback: (x: number) => string,
): (x: number) => string {
  if (!(root instanceof Value)) {
    throw new TypeError(`Cannot ${verb} the graph of ${String(root)}: expected a Value`);
  }
  assertOptions(options, `Cannot ${verb} the graph`);
  const formatNumber = (options as { formatNumber?: unknown }).formatNumber ?? fallback;
  if (typeof formatNumber !== "function") {
    throw new TypeError(
      `Cannot ${verb} the graph with formatNumber ${
        String(formatNumber)
      }: expected a function from number to string`,
    );
  }
  return formatNumber as (x: number) => string;
}
