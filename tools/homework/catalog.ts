/**
 * The exercise catalog: for each exercise id, the lesson it belongs to, its
 * points and its hints. It is stored in `tools/homework/exercises.json`, and
 * the regions in the source mark where each exercise is.
 *
 * @module
 */

import type { Region } from "./markers.ts";

/** The catalog's path, relative to the kit's root. */
export const CATALOG_PATH = "tools/homework/exercises.json";

/** One exercise of the catalog. */
export interface Exercise {
  /** The id its region markers carry, such as `"backward-mul"`. */
  id: string;
  /** The lesson that teaches it, for the grade table, such as `"02 autograd"`. */
  lesson: string;
  /** Points for passing all of its tests, a positive integer. */
  points: number;
  /** Hints from the idea to nearly the answer, at least one. */
  hints: string[];
}

/**
 * Checks the parsed catalog file and returns its exercises, in the order students work through them.
 *
 * @param json The parsed JSON: `{ "exercises": [{ "id", "lesson", "points", "hints" }, ...] }`.
 * @param source Where it came from, for error messages.
 * @returns The exercises.
 * @throws {TypeError} If the shape or a field's type is wrong.
 * @throws {RangeError} If an id repeats, points are not a positive integer, or
 *   an exercise has no hints or an empty one.
 *
 * @example Usage
 * ```ts
 * import { parseCatalog } from "./catalog.ts";
 * import assert from "node:assert/strict";
 *
 * const [exercise] = parseCatalog({
 *   exercises: [{ id: "double", lesson: "00 intro", points: 1, hints: ["Add it to itself"] }],
 * }, "exercises.json");
 * assert.equal(exercise.points, 1);
 * ```
 */
export function parseCatalog(json: unknown, source: string): Exercise[] {
  const list = typeof json === "object" && json !== null
    ? (json as { exercises?: unknown }).exercises
    : undefined;
  if (!Array.isArray(list)) {
    throw new TypeError(
      `Cannot read the exercise catalog ${source}: expected an object with an "exercises" array`,
    );
  }
  const seen = new Set<string>();
  return (list as unknown[]).map((entry, index) => {
    const where = `${source}, exercise ${index + 1}`;
    if (typeof entry !== "object" || entry === null) {
      throw new TypeError(`Cannot read ${where}: expected an object`);
    }
    const { id, lesson, points, hints } = entry as Record<string, unknown>;
    if (typeof id !== "string" || !/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(id)) {
      throw new TypeError(
        `Cannot read ${where}: "id" must be lowercase words joined by hyphens, got ${
          JSON.stringify(id)
        }`,
      );
    }
    if (seen.has(id)) {
      throw new RangeError(`Cannot read ${where}: exercise "${id}" is listed twice`);
    }
    seen.add(id);
    if (typeof lesson !== "string" || lesson === "") {
      throw new TypeError(`Cannot read ${where} ("${id}"): "lesson" must be a non-empty string`);
    }
    if (typeof points !== "number" || !Number.isInteger(points) || points < 1) {
      throw new RangeError(
        `Cannot read ${where} ("${id}"): "points" must be a positive integer, got ${
          JSON.stringify(points)
        }`,
      );
    }
    if (!Array.isArray(hints) || hints.length === 0) {
      throw new RangeError(`Cannot read ${where} ("${id}"): "hints" must be a non-empty array`);
    }
    hints.forEach((hint, level) => {
      if (typeof hint !== "string" || hint.trim() === "") {
        throw new RangeError(
          `Cannot read ${where} ("${id}"): hint ${level + 1} must be a non-empty string`,
        );
      }
    });
    return { id, lesson, points, hints: hints as string[] };
  });
}

/**
 * Checks that every region has a catalog entry and every entry a region.
 *
 * @param exercises The catalog.
 * @param regions Every region of the kit.
 * @throws {RangeError} Naming the region's file and line for an id missing from
 *   the catalog, or the id of a catalog entry that no region marks.
 */
export function checkCatalogCoversRegions(
  exercises: readonly Exercise[],
  regions: readonly Region[],
): void {
  const listed = new Set(exercises.map((exercise) => exercise.id));
  for (const region of regions) {
    if (!listed.has(region.id)) {
      throw new RangeError(
        `${region.path}:${region.startLine}: Exercise "${region.id}" is not in ${CATALOG_PATH}: ` +
          `add it there with its lesson, points and hints`,
      );
    }
  }
  const marked = new Set(regions.map((region) => region.id));
  const unmarked = exercises.filter((exercise) => !marked.has(exercise.id));
  if (unmarked.length > 0) {
    throw new RangeError(
      `${CATALOG_PATH} lists exercises that no region marks: ${
        unmarked.map((exercise) => exercise.id).join(", ")
      }; mark them in the source with "// exercise <id>: <title>" ... "// end exercise <id>", ` +
        `or remove them from the catalog`,
    );
  }
}

/**
 * Reads the catalog from a kit's files.
 *
 * @param files The kit's files by path.
 * @returns The exercises.
 * @throws {RangeError} If the kit has no catalog.
 * @throws {TypeError} If the catalog is not valid JSON or not a valid catalog.
 */
export function loadCatalog(files: ReadonlyMap<string, Uint8Array>): Exercise[] {
  const bytes = files.get(CATALOG_PATH);
  if (bytes === undefined) {
    throw new RangeError(
      `Cannot find ${CATALOG_PATH} in the kit: run the command from the kit's root or give its folder`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new TypeError(`Cannot read ${CATALOG_PATH}: ${(error as Error).message}`);
  }
  return parseCatalog(json, CATALOG_PATH);
}
