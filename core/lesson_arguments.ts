/**
 * The lessons' command lines: no arguments for most, and the `--svg FILE`
 * option of the lessons that draw a picture.
 *
 * `deno run --allow-write lessons/05_training.ts --svg loss.svg` prints the
 * lesson and writes the picture; without the option nothing is written. The
 * parsing and the messages are plain functions, so tests check them without
 * permissions. The two `...OrExit` functions are for a lesson's
 * `import.meta.main` block only. There a one-line message and an exit code
 * serve a student better than a stack trace.
 *
 * @module
 */

import { describeArgument } from "./argument.ts";

/** Exit code for a wrong command line: 2, as grep, diff and Python's argparse use. */
const USAGE_EXIT_CODE = 2;

/** Exit code when the file cannot be written. */
const WRITE_FAILED_EXIT_CODE = 1;

/**
 * Returns the usage line of a lesson that accepts `--svg FILE`.
 *
 * @param lessonPath The lesson's path as a student types it, such as `"lessons/05_training.ts"`.
 * @returns One line, starting with `Usage:`.
 * @throws {TypeError} If `lessonPath` is not a string.
 */
export function svgUsage(lessonPath: string): string {
  assertString(lessonPath, "lessonPath", "write the usage line");
  return `Usage: deno run --allow-write ${lessonPath} [--svg FILE]`;
}

/**
 * Reads the lesson's command-line arguments: none, `--svg FILE` or `--svg=FILE`.
 *
 * @param args The arguments, usually `Deno.args`.
 * @returns The file name to write the SVG to, or `null` when `--svg` is not given.
 * @throws {TypeError} If `args` is not an array of strings.
 * @throws {RangeError} If an argument is unknown, `--svg` has no file name, or
 * `--svg` is given twice.
 *
 * @example Usage
 * ```ts
 * import { parseSvgArgument } from "./lesson_arguments.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(parseSvgArgument([]), null);
 * assert.equal(parseSvgArgument(["--svg", "graph.svg"]), "graph.svg");
 * assert.throws(() => parseSvgArgument(["--png"]), RangeError);
 * ```
 */
export function parseSvgArgument(args: readonly string[]): string | null {
  if (!Array.isArray(args as unknown)) {
    throw new TypeError(
      `Cannot parse the arguments ${
        describeArgument(args)
      }: expected an array of strings, such as Deno.args`,
    );
  }
  args.forEach((argument, index) =>
    assertString(argument, `argument ${index}`, "parse the arguments")
  );
  let path: string | null = null;
  for (let index = 0; index < args.length; index++) {
    const argument = args[index];
    let value: string | undefined;
    if (argument === "--svg") {
      value = args[index + 1];
      index++;
      if (value === undefined || value.startsWith("-")) {
        throw new RangeError("Missing file name after --svg: give one, as in --svg graph.svg");
      }
    } else if (argument.startsWith("--svg=")) {
      value = argument.slice("--svg=".length);
    } else {
      throw new RangeError(
        `Unknown argument ${JSON.stringify(argument)}: the only option is --svg FILE`,
      );
    }
    if (value === "") {
      throw new RangeError("Missing file name after --svg: give one, as in --svg graph.svg");
    }
    if (path !== null) {
      throw new RangeError(`--svg is given twice (${path} and ${value}): give it once`);
    }
    path = value;
  }
  return path;
}

/**
 * Returns the one line to print when writing the SVG failed.
 *
 * @param error What `Deno.writeTextFileSync` threw.
 * @param path The file it tried to write.
 * @param lessonPath The lesson's path, for the command to run instead.
 * @returns The message; for missing write permission it names the flag to add.
 * @throws {TypeError} If `path` or `lessonPath` is not a string.
 */
export function svgWriteFailure(error: unknown, path: string, lessonPath: string): string {
  assertString(path, "path", "describe the write failure");
  assertString(lessonPath, "lessonPath", "describe the write failure");
  if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
    return `Cannot write ${path}: no write permission; run deno run --allow-write ${lessonPath} --svg ${path}`;
  }
  if (error instanceof Deno.errors.NotFound) {
    return `Cannot write ${path}: its folder does not exist; create the folder first or choose another path`;
  }
  if (error instanceof Deno.errors.IsADirectory) {
    return `Cannot write ${path}: it is a folder; give a file name, as in --svg ${path}/graph.svg`;
  }
  // Deno's own message repeats the path after a colon; keep the reason only.
  const detail = error instanceof Error
    ? error.message.replace(/: [a-z]+ '.*'$/, "")
    : String(error);
  return `Cannot write ${path}: ${detail}`;
}

/**
 * Checks that a lesson without options was run without arguments; otherwise
 * prints the problem and the usage line to stderr and exits with code 2.
 *
 * @param args The arguments, usually `Deno.args`.
 * @param lessonPath The lesson's path, for the usage line.
 * @throws {TypeError} If `args` is not an array of strings or `lessonPath` is
 *   not a string; a program error, so it does not exit.
 */
export function noArgumentsOrExit(args: readonly string[], lessonPath: string): void {
  assertString(lessonPath, "lessonPath", "read the arguments");
  if (!Array.isArray(args as unknown)) {
    throw new TypeError(
      `Cannot read the arguments ${
        describeArgument(args)
      }: expected an array of strings, such as Deno.args`,
    );
  }
  if (args.length === 0) return;
  console.error(
    `Unknown argument ${JSON.stringify(args[0])}: this lesson takes no arguments
` +
      `Usage: deno run ${lessonPath}`,
  );
  Deno.exit(USAGE_EXIT_CODE);
}

/**
 * Reads `--svg FILE` from `Deno.args`; on a wrong command line prints the problem
 * and the usage line to stderr and exits with code 2.
 *
 * @param args The arguments, usually `Deno.args`.
 * @param lessonPath The lesson's path, for the usage line.
 * @returns The file name, or `null` when `--svg` is not given.
 * @throws {TypeError} If `args` is not an array of strings or `lessonPath` is
 *   not a string; a program error, so it does not exit.
 */
export function svgPathOrExit(args: readonly string[], lessonPath: string): string | null {
  assertString(lessonPath, "lessonPath", "read the --svg option");
  try {
    return parseSvgArgument(args);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    console.error(`${error.message}\n${svgUsage(lessonPath)}`);
    Deno.exit(USAGE_EXIT_CODE);
  }
}

/**
 * Writes the SVG file; if that fails, prints one line to stderr and exits with code 1.
 *
 * @param path The file to write.
 * @param svg The SVG text.
 * @param lessonPath The lesson's path, for the message.
 * @throws {TypeError} If an argument is not a string; a program error, so it
 *   does not exit.
 */
export function writeSvgOrExit(path: string, svg: string, lessonPath: string): void {
  assertString(path, "path", "write the SVG file");
  assertString(svg, "svg", "write the SVG file");
  assertString(lessonPath, "lessonPath", "write the SVG file");
  try {
    Deno.writeTextFileSync(path, svg);
  } catch (error) {
    console.error(svgWriteFailure(error, path, lessonPath));
    Deno.exit(WRITE_FAILED_EXIT_CODE);
  }
}

function assertString(value: unknown, name: string, action: string): void {
  if (typeof value !== "string") {
    throw new TypeError(
      `Cannot ${action}: ${name} is ${describeArgument(value)}, expected a string`,
    );
  }
}
