/**
 * Command-line options of the homework tasks: positional arguments and
 * `--name value` or `--flag` options.
 *
 * @module
 */

/** Parsed command-line arguments. */
export interface CommandLine {
  /** Arguments that are not options, in order. */
  positional: string[];
  /** Option values by name without the dashes; `true` for a flag. */
  options: Map<string, string | true>;
}

/**
 * Parses arguments against the options a task accepts.
 *
 * @param args The arguments, as `Deno.args`.
 * @param valued Options that take a value, such as `json`.
 * @param flags Options that take none, such as `poll`.
 * @returns The positional arguments and the options.
 * @throws {RangeError} If an option is unknown or lacks its value.
 *
 * @example Usage
 * ```ts
 * import { parseCommandLine } from "./cli_options.ts";
 * import assert from "node:assert/strict";
 *
 * const line = parseCommandLine(["copy", "--json", "grade.json"], ["json"], []);
 * assert.deepEqual(line.positional, ["copy"]);
 * assert.equal(line.options.get("json"), "grade.json");
 * ```
 */
export function parseCommandLine(
  args: readonly string[],
  valued: readonly string[],
  flags: readonly string[],
): CommandLine {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s);
    if (flags.includes(name)) {
      options.set(name, true);
    } else if (valued.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new RangeError(`Option --${name} needs a value`);
      options.set(name, value);
    } else {
      const known = [...valued, ...flags].map((option) => `--${option}`).join(", ");
      throw new RangeError(`Unknown option ${arg}: the options are ${known || "none"}`);
    }
  }
  return { positional, options };
}
