/**
 * Exercise regions: the parts of the kit's source that students write.
 *
 * A region is a run of whole lines between two line comments:
 *
 * ```text
 *     // exercise backward-mul: the local derivative of a product
 *     ...the solution, whole statements...
 *     // end exercise backward-mul
 * ```
 *
 * The id is lowercase words joined by hyphens, and the title after the colon
 * describes what the student writes. `deno fmt` keeps line comments where they are
 * (it only re-indents them with the code), so the markers survive formatting,
 * and in the solution kit they read as headings. The body must be whole
 * statements, so that replacing it with a `throw` statement still type-checks.
 *
 * Markers are found line by line. A marker line inside a template literal or a
 * block comment counts as a marker too, so keep them out of such text.
 *
 * @module
 */

/** One exercise region in one file. */
export interface Region {
  /** The exercise id, such as `"backward-mul"`. */
  id: string;
  /** Description of what the student writes: the text after the colon of the opening marker. */
  title: string;
  /** The file, as a path relative to the kit's root with `/` separators. */
  path: string;
  /** Line number (from 1) of the opening marker. */
  startLine: number;
  /** Line number (from 1) of the closing marker. */
  endLine: number;
  /** Leading whitespace of the opening marker, used to indent replacement code. */
  indent: string;
  /** Offset of the body's first character: the start of the line after the opening marker. */
  bodyStart: number;
  /** Offset just past the body: the start of the closing marker's line. */
  bodyEnd: number;
}

/** A missing, unbalanced, nested, duplicated or malformed region marker. */
export class MarkerError extends Error {
  /** The file with the faulty marker. */
  readonly path: string;
  /** Line number (from 1) of the faulty marker. */
  readonly line: number;

  /**
   * Creates the error; the message starts with `path:line`.
   *
   * @param path The file.
   * @param line The line number, from 1.
   * @param detail What is wrong and what to do.
   */
  constructor(path: string, line: number, detail: string) {
    super(`${path}:${line}: ${detail}`);
    this.name = "MarkerError";
    this.path = path;
    this.line = line;
  }
}

/** Lowercase words of letters and digits, joined by single hyphens. */
const ID_PATTERN = "[a-z][a-z0-9]*(?:-[a-z0-9]+)*";
const OPENING_MARKER = new RegExp(`^([ \\t]*)// exercise (${ID_PATTERN}): (\\S.*?)[ \\t]*$`);
const CLOSING_MARKER = new RegExp(`^[ \\t]*// end exercise (${ID_PATTERN})[ \\t]*$`);

// Lines that were probably meant as markers but do not match either form, such
// as `// Exercise Mul: ...` or `// end exercise`. Prose that merely starts with
// the word "exercise" and has no colon after its next word does not match.
const NEAR_MARKER = /^[ \t]*\/\/\s*(?:end\s+exercise\b|exercise\s+[\w-]+\s*:)/i;

/**
 * Finds the exercise regions of one file.
 *
 * @param path The file's path, for error messages and the regions' `path`.
 * @param text The file's text; `\n` and `\r\n` line endings both work.
 * @returns The regions in the order they appear.
 * @throws {MarkerError} If a marker is malformed, a region opens inside
 *   another, a closing marker has no opening one or names another id, a region
 *   is never closed or has no body, or an id appears twice in the file.
 *
 * @example Usage
 * ```ts
 * import { findRegions } from "./markers.ts";
 * import assert from "node:assert/strict";
 *
 * const text = [
 *   "function double(x: number): number {",
 *   "  // exercise double: return twice the input",
 *   "  return 2 * x;",
 *   "  // end exercise double",
 *   "}",
 * ].join("\n");
 * const [region] = findRegions("double.ts", text);
 * assert.equal(region.id, "double");
 * assert.equal(text.slice(region.bodyStart, region.bodyEnd), "  return 2 * x;\n");
 * ```
 */
export function findRegions(path: string, text: string): Region[] {
  const regions: Region[] = [];
  const seen = new Map<string, number>();
  let open: { id: string; title: string; line: number; indent: string; bodyStart: number } | null =
    null;

  let lineStart = 0;
  let lineNumber = 0;
  while (lineStart < text.length) {
    lineNumber++;
    const newline = text.indexOf("\n", lineStart);
    const nextLineStart = newline === -1 ? text.length : newline + 1;
    const line = text.slice(lineStart, newline === -1 ? text.length : newline).replace(/\r$/, "");

    const opening = OPENING_MARKER.exec(line);
    const closing = CLOSING_MARKER.exec(line);
    if (opening !== null) {
      const [, indent, id, title] = opening;
      if (open !== null) {
        throw new MarkerError(
          path,
          lineNumber,
          `Exercise "${id}" opens inside exercise "${open.id}" (opened at line ${open.line}): ` +
            `regions cannot nest, so add "// end exercise ${open.id}" above this line`,
        );
      }
      const earlier = seen.get(id);
      if (earlier !== undefined) {
        throw new MarkerError(
          path,
          lineNumber,
          `Exercise "${id}" is marked twice, here and at line ${earlier}: give each region its own id`,
        );
      }
      seen.set(id, lineNumber);
      open = { id, title, line: lineNumber, indent, bodyStart: nextLineStart };
    } else if (closing !== null) {
      const id = closing[1];
      if (open === null) {
        throw new MarkerError(
          path,
          lineNumber,
          `"// end exercise ${id}" has no opening "// exercise ${id}: <title>" above it`,
        );
      }
      if (id !== open.id) {
        throw new MarkerError(
          path,
          lineNumber,
          `"// end exercise ${id}" closes a region that is not open: the open region is ` +
            `"${open.id}" (opened at line ${open.line}), so write "// end exercise ${open.id}"`,
        );
      }
      if (open.bodyStart === lineStart) {
        throw new MarkerError(
          path,
          open.line,
          `Exercise "${id}" has no body: put the solution's statements between its markers`,
        );
      }
      regions.push({
        id,
        title: open.title,
        path,
        startLine: open.line,
        endLine: lineNumber,
        indent: open.indent,
        bodyStart: open.bodyStart,
        bodyEnd: lineStart,
      });
      open = null;
    } else if (NEAR_MARKER.test(line)) {
      throw new MarkerError(
        path,
        lineNumber,
        `Malformed exercise marker ${JSON.stringify(line.trim())}: write ` +
          `"// exercise <id>: <title>" or "// end exercise <id>", with a lowercase id ` +
          `such as backward-mul`,
      );
    }
    lineStart = nextLineStart;
  }

  if (open !== null) {
    throw new MarkerError(
      path,
      open.line,
      `Exercise "${open.id}" is never closed: add "// end exercise ${open.id}" after its last line`,
    );
  }
  return regions;
}

/**
 * Finds the regions of every file of a kit and checks that each id is used once.
 *
 * @param files Each file's path and text; files are searched in path order.
 * @returns All regions, by path and then by position.
 * @throws {MarkerError} As {@linkcode findRegions} does, or if two files mark
 *   the same id; the message names the second one's file and line.
 */
export function findKitRegions(files: ReadonlyMap<string, string>): Region[] {
  const all: Region[] = [];
  const byId = new Map<string, Region>();
  for (const path of [...files.keys()].sort()) {
    for (const region of findRegions(path, files.get(path)!)) {
      const earlier = byId.get(region.id);
      if (earlier !== undefined) {
        throw new MarkerError(
          path,
          region.startLine,
          `Exercise "${region.id}" is marked twice, here and at ${earlier.path}:` +
            `${earlier.startLine}: give each region its own id`,
        );
      }
      byId.set(region.id, region);
      all.push(region);
    }
  }
  return all;
}

/**
 * Returns `text` with the body of each region replaced; the markers and every
 * character outside the bodies stay as they are.
 *
 * @param text The file's text.
 * @param regions The file's regions, from {@linkcode findRegions} on this text.
 * @param replacement Returns the new body of a region, ending with a line break.
 * @returns The new text.
 */
export function replaceBodies(
  text: string,
  regions: readonly Region[],
  replacement: (region: Region) => string,
): string {
  let result = "";
  let position = 0;
  for (const region of regions) {
    result += text.slice(position, region.bodyStart) + replacement(region);
    position = region.bodyEnd;
  }
  return result + text.slice(position);
}

/**
 * Returns the body of each region by id, as {@linkcode findRegions} located it.
 *
 * @param text The file's text.
 * @param regions The file's regions.
 * @returns The text between each region's markers.
 */
export function regionBodies(text: string, regions: readonly Region[]): Map<string, string> {
  return new Map(
    regions.map((region) => [region.id, text.slice(region.bodyStart, region.bodyEnd)]),
  );
}

/**
 * Returns whether a path is a TypeScript or JavaScript module, the only files
 * that may hold regions.
 *
 * @param path A file path.
 * @returns True for `.ts`, `.tsx`, `.mts`, `.js`, `.jsx` and `.mjs` files.
 */
export function isModulePath(path: string): boolean {
  return /\.(?:ts|tsx|mts|js|jsx|mjs)$/.test(path);
}
