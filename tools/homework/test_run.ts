/**
 * Running a kit's tests in subprocesses, one `deno test` per file, each with
 * a time limit, so that a file that hangs or fails to load costs only its own
 * tests.
 *
 * Needs `--allow-run` (to start `deno`) and `--allow-read`.
 *
 * @module
 */

import { parseJunitReport, type TestResult } from "./junit.ts";

/** Seconds one test file may run before it is stopped; the slowest kit file takes about 2 s. */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** What running one test file gave. */
export interface FileRun {
  /** The test file, relative to the kit's root. */
  file: string;
  /** Its tests' results; empty if it timed out or did not load. */
  results: TestResult[];
  /** True if it was stopped at the time limit. */
  timedOut: boolean;
  /** Why it has no results: the time limit, or what `deno test` printed when it could not run it. */
  error: string;
}

/** Options for {@linkcode runTestFiles}. */
export interface RunOptions {
  /** Seconds before a file is stopped. */
  timeoutSeconds?: number;
  /** How many files run at once; the number of CPUs by default. */
  concurrency?: number;
}

/**
 * Returns the test files among a kit's paths, as `deno test` would pick them
 * from the `test.include` and `test.exclude` of the kit's deno.json: files
 * named `*_test.ts` (and the like) under an included folder, and files an
 * included pattern names directly.
 *
 * @param paths Every file of the kit, relative to its root.
 * @param config The `test` section of deno.json; everything when absent.
 * @returns The test files, sorted.
 *
 * @example Usage
 * ```ts
 * import { selectTestFiles } from "./test_run.ts";
 * import assert from "node:assert/strict";
 *
 * const paths = ["core/a.ts", "core/a_test.ts", "lessons/01_x.ts", "lessons/helper.ts"];
 * const config = { include: ["core/", "lessons/??_*.ts"] };
 * assert.deepEqual(selectTestFiles(paths, config), ["core/a_test.ts", "lessons/01_x.ts"]);
 * ```
 */
export function selectTestFiles(
  paths: readonly string[],
  config: { include?: string[]; exclude?: string[] } = {},
): string[] {
  const testName = /(?:^|\/)(?:[^/]*[_.])?test\.(?:ts|tsx|mts|js|mjs|jsx)$/;
  const include = (config.include ?? [""]).map(patternMatcher);
  const exclude = (config.exclude ?? []).map(patternMatcher);
  return paths.filter((path) => {
    if (exclude.some((matches) => matches(path) !== "no")) return false;
    return include.some((matches) => {
      const how = matches(path);
      return how === "file" || (how === "folder" && testName.test(path));
    });
  }).sort();
}

// Returns how a deno.json include or exclude entry matches a path: as the
// file itself (a glob or a file name), as a folder above it, or not at all.
function patternMatcher(pattern: string): (path: string) => "file" | "folder" | "no" {
  const clean = pattern.replace(/^\.\//, "");
  if (/[*?[]/.test(clean)) {
    const source = clean.split("**/").map((part) =>
      part.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")
    ).join("(?:.*/)?");
    const regex = new RegExp(`^${source}$`);
    return (path) => regex.test(path) ? "file" : "no";
  }
  const folder = clean === "" || clean.endsWith("/") ? clean : `${clean}/`;
  return (path) => path === clean ? "file" : path.startsWith(folder) ? "folder" : "no";
}

/**
 * Runs each test file in its own `deno test --reporter=junit` process, with no
 * permissions (as the README's plain `deno test`), from the kit's root, and
 * stops any that runs past the time limit.
 *
 * @param root The kit's root folder, holding its deno.json.
 * @param files The test files, relative to the root.
 * @param options The time limit and how many files run at once.
 * @returns One run per file, in the order given.
 */
export async function runTestFiles(
  root: string,
  files: readonly string[],
  options: RunOptions = {},
): Promise<FileRun[]> {
  const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const concurrency = Math.max(1, options.concurrency ?? navigator.hardwareConcurrency ?? 4);
  const runs: FileRun[] = new Array(files.length);
  let next = 0;
  async function worker() {
    while (next < files.length) {
      const index = next++;
      runs[index] = await runTestFile(root, files[index], timeoutSeconds);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return runs;
}

async function runTestFile(root: string, file: string, timeoutSeconds: number): Promise<FileRun> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["test", "--reporter=junit", "--no-prompt", file],
    cwd: root,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      child.kill("SIGKILL");
    } catch {
      // It ended between the timer firing and the kill.
    }
  }, timeoutSeconds * 1000);
  const output = await child.output();
  clearTimeout(timer);

  if (timedOut) {
    return {
      file,
      results: [],
      timedOut,
      error: `Timed out: ${file} was stopped after ${timeoutSeconds} s`,
    };
  }
  const results = parseJunitReport(new TextDecoder().decode(output.stdout));
  const stderr = new TextDecoder().decode(output.stderr).trim();
  const error = results.length === 0 && !output.success
    ? `${file} did not run: ${stderr || `deno test exited with code ${output.code}`}`
    : "";
  return { file, results, timedOut, error };
}
