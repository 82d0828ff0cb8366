/**
 * Blanking: turning the solution kit into the student copy, in which each
 * region's body becomes one statement that throws the exercise's message.
 *
 * @module
 */

import { checkCatalogCoversRegions, type Exercise } from "./catalog.ts";
import { findKitRegions, isModulePath, type Region, replaceBodies } from "./markers.ts";

/** The kit's `deno fmt` line width (deno.json), so that placeholders stay formatted. */
const LINE_WIDTH = 100;

/** Matches the message of an unfinished exercise; group 1 is the id. */
const UNFINISHED_PATTERN = /Exercise ([a-z][a-z0-9]*(?:-[a-z0-9]+)*) is not done yet/g;

/**
 * Returns the message a blanked exercise throws: the id, the first hint, and
 * the command that shows the next one.
 *
 * @param id The exercise id.
 * @param hint The exercise's first hint.
 * @returns The message.
 *
 * @example Usage
 * ```ts
 * import { unfinishedMessage } from "./blank.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   unfinishedMessage("double", "Add it to itself"),
 *   "Exercise double is not done yet: Add it to itself (more: deno task hint double)",
 * );
 * ```
 */
export function unfinishedMessage(id: string, hint: string): string {
  return `Exercise ${id} is not done yet: ${hint} (more: deno task hint ${id})`;
}

/**
 * Returns the ids of the unfinished exercises that a failure text mentions,
 * each once, in order of appearance.
 *
 * @param text A test failure's message and stack.
 * @returns The exercise ids.
 */
export function unfinishedExercisesIn(text: string): string[] {
  const ids = [...text.matchAll(UNFINISHED_PATTERN)].map((match) => match[1]);
  return [...new Set(ids)];
}

/**
 * Returns the statement that replaces a region's body, indented like its
 * opening marker, on one line when it fits in the kit's line width and
 * otherwise with the message on a line of its own, as `deno fmt` writes it.
 *
 * @param region The region.
 * @param hint The exercise's first hint.
 * @param newline The file's line ending.
 * @returns The statement and a final line ending.
 */
export function placeholder(region: Region, hint: string, newline = "\n"): string {
  const message = JSON.stringify(unfinishedMessage(region.id, hint));
  const oneLine = `${region.indent}throw new Error(${message});`;
  if (oneLine.length <= LINE_WIDTH) return oneLine + newline;
  return [
    `${region.indent}throw new Error(`,
    `${region.indent}  ${message},`,
    `${region.indent});`,
  ].join(newline) + newline;
}

/** A student copy of a kit, before it is written to disk. */
export interface StudentKit {
  /** Every file of the kit, with each region's body replaced in module files. */
  files: Map<string, Uint8Array>;
  /** Every region, located in the solution kit's files. */
  regions: Region[];
}

/**
 * Makes the student copy of a kit in memory: every file is copied byte for
 * byte, except that each region's body becomes a {@linkcode placeholder}.
 *
 * @param files The solution kit's files by path relative to its root.
 * @param exercises The catalog.
 * @returns The copy's files and the regions.
 * @throws {MarkerError} If a marker is malformed, unbalanced, nested or duplicated.
 * @throws {RangeError} If the catalog and the regions do not list the same exercises.
 *
 * @example Usage
 * ```ts
 * import { makeStudentKit } from "./blank.ts";
 * import assert from "node:assert/strict";
 *
 * const source = [
 *   "export function double(x: number): number {",
 *   "  // exercise double: return twice the input",
 *   "  return 2 * x;",
 *   "  // end exercise double",
 *   "}",
 *   "",
 * ].join("\n");
 * const kit = makeStudentKit(
 *   new Map([["double.ts", new TextEncoder().encode(source)]]),
 *   [{ id: "double", lesson: "00 intro", points: 1, hints: ["Add it to itself"] }],
 * );
 * const blanked = new TextDecoder().decode(kit.files.get("double.ts"));
 * assert.match(blanked, /"Exercise double is not done yet: Add it to itself/);
 * ```
 */
export function makeStudentKit(
  files: ReadonlyMap<string, Uint8Array>,
  exercises: readonly Exercise[],
): StudentKit {
  const texts = moduleTexts(files);
  const regions = findKitRegions(texts);
  checkCatalogCoversRegions(exercises, regions);
  const firstHint = new Map(exercises.map((exercise) => [exercise.id, exercise.hints[0]]));

  const copy = new Map(files);
  for (const [path, text] of texts) {
    const fileRegions = regions.filter((region) => region.path === path);
    if (fileRegions.length === 0) continue;
    const newline = text.includes("\r\n") ? "\r\n" : "\n";
    const blanked = replaceBodies(
      text,
      fileRegions,
      (region) => placeholder(region, firstHint.get(region.id)!, newline),
    );
    copy.set(path, new TextEncoder().encode(blanked));
  }
  return { files: copy, regions };
}

/**
 * Decodes the module files of a kit, the only ones that may hold regions.
 *
 * @param files The kit's files.
 * @returns The text of each module file by path.
 * @throws {TypeError} If a module file is not valid UTF-8.
 */
export function moduleTexts(files: ReadonlyMap<string, Uint8Array>): Map<string, string> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const texts = new Map<string, string>();
  for (const [path, bytes] of files) {
    if (!isModulePath(path)) continue;
    try {
      texts.set(path, decoder.decode(bytes));
    } catch {
      throw new TypeError(`Cannot read ${path}: it is not valid UTF-8`);
    }
  }
  return texts;
}
