/**
 * Reading the JUnit XML report of `deno test --reporter=junit`.
 *
 * Deno 2.9.6 writes one `<testsuite>` per file and one `<testcase>` per test
 * and per step, with steps named `parent > step`. A failing case contains a
 * `<failure message="...">` with the error and its stack as text. This reader
 * knows that shape only, not XML in general.
 *
 * @module
 */

/** The outcome of one test or test step. */
export interface TestResult {
  /** The test file, relative to the kit's root with `/` separators, as `core/value_test.ts`. */
  file: string;
  /** The test's name; a step's is `parent > step`. */
  name: string;
  /** True if it passed or was ignored. */
  passed: boolean;
  /** The failure's message and stack, empty when it passed. */
  failure: string;
}

/**
 * Returns the key that names a test across runs: `file::name`.
 *
 * @param file The test file.
 * @param name The test's name.
 * @returns The key.
 */
export function testKey(file: string, name: string): string {
  return `${file}::${name}`;
}

/**
 * Reads the results from a JUnit report of `deno test`.
 *
 * @param xml The report.
 * @returns One result per test case, in report order.
 *
 * @example Usage
 * ```ts
 * import { parseJunitReport } from "./junit.ts";
 * import assert from "node:assert/strict";
 *
 * const xml = `<testsuites><testsuite name="./a_test.ts">
 * <testcase name="adds" classname="./a_test.ts"></testcase>
 * <testcase name="x &amp; y" classname="./a_test.ts"><failure message="boom">Error: boom</failure></testcase>
 * </testsuite></testsuites>`;
 * assert.deepEqual(parseJunitReport(xml).map((r) => [r.name, r.passed]), [["adds", true], ["x & y", false]]);
 * ```
 */
export function parseJunitReport(xml: string): TestResult[] {
  const results: TestResult[] = [];
  const testCase = /<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const match of xml.matchAll(testCase)) {
    const attributes = parseAttributes(match[1]);
    const body = match[2] ?? "";
    const failure = /<(failure|error)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/.exec(body);
    let failureText = "";
    if (failure !== null) {
      const message = parseAttributes(failure[2]).message ?? "";
      const text = decodeEntities(failure[3] ?? "");
      // The attribute repeats the body's first line, with "Uncaught " in front.
      const repeated = text.includes(message.replace(/^Uncaught /, ""));
      failureText = repeated ? text : `${message}\n${text}`.trim();
    }
    results.push({
      file: (attributes.classname ?? "").replace(/^\.\//, ""),
      name: attributes.name ?? "",
      passed: failure === null,
      failure: failureText,
    });
  }
  return results;
}

function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(/([\w:-]+)="([^"]*)"/g)) {
    attributes[match[1]] = decodeEntities(match[2]);
  }
  return attributes;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    switch (entity) {
      case "amp":
        return "&";
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return '"';
      case "apos":
        return "'";
    }
    const code = entity.startsWith("#x")
      ? parseInt(entity.slice(2), 16)
      : parseInt(entity.slice(1), 10);
    return String.fromCodePoint(code);
  });
}
