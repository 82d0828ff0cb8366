/**
 * The homework manifest, and how the grader makes sure that only the code
 * inside exercise regions counts.
 *
 * `deno task homework` writes the manifest into the student copy. It contains the
 * exercises' points, a SHA-256 fingerprint of every file with the region
 * bodies left out, and which tests depend on which exercises. An instructor
 * keeps a copy of it, because a student can edit the one in their copy.
 *
 * @module
 */

import { placeholder, unfinishedExercisesIn } from "./blank.ts";
import type { Exercise } from "./catalog.ts";
import { testKey } from "./junit.ts";
import { findRegions, isModulePath, regionBodies, replaceBodies } from "./markers.ts";
import type { FileRun } from "./test_run.ts";

/** Path of the manifest in a student copy, relative to its root. */
export const MANIFEST_PATH = ".homework/manifest.json";

/** The manifest format this code reads and writes. */
const MANIFEST_FORMAT = 1;

/** Record that `deno task homework` writes about a student copy. */
export interface Manifest {
  /** The manifest format, 1. */
  format: number;
  /** Each exercise's id, lesson and points, in the catalog's order. */
  exercises: { id: string; lesson: string; points: number }[];
  /** SHA-256 (hex) of each file of the copy, region bodies left out, by path. */
  files: Record<string, string>;
  /** For each test (`file::name`), the exercises it depends on. */
  tests: Record<string, string[]>;
}

/** Files of a kit that differ from a manifest's fingerprints, by kind of change. */
export interface FileChanges {
  /** Files whose text outside the regions differs. */
  changed: string[];
  /** Files of the manifest that are gone. */
  missing: string[];
  /** Files that the manifest does not list. */
  added: string[];
}

/**
 * Returns the SHA-256 of each file, with the body of every region left out,
 * so that the fingerprint changes with any edit outside the regions and with
 * none inside them.
 *
 * A module file whose markers no longer parse is hashed whole, so it shows as
 * changed.
 *
 * @param files Each file's bytes by path.
 * @returns Each file's fingerprint in hex, by path.
 */
export async function fingerprintFiles(
  files: ReadonlyMap<string, Uint8Array>,
): Promise<Record<string, string>> {
  const fingerprints: Record<string, string> = {};
  for (const path of [...files.keys()].sort()) {
    fingerprints[path] = await sha256(outsideRegions(path, files.get(path)!));
  }
  return fingerprints;
}

/**
 * Compares a kit's fingerprints with the manifest's.
 *
 * @param expected The manifest's fingerprints.
 * @param actual The kit's, from {@linkcode fingerprintFiles}.
 * @returns The changed, missing and added files, each sorted.
 *
 * @example Usage
 * ```ts
 * import { compareFingerprints } from "./manifest.ts";
 * import assert from "node:assert/strict";
 *
 * const changes = compareFingerprints({ "a_test.ts": "01", "b.ts": "02" }, { "a_test.ts": "ff" });
 * assert.deepEqual(changes, { changed: ["a_test.ts"], missing: ["b.ts"], added: [] });
 * ```
 */
export function compareFingerprints(
  expected: Readonly<Record<string, string>>,
  actual: Readonly<Record<string, string>>,
): FileChanges {
  const changed = Object.keys(expected).filter((path) =>
    path in actual && actual[path] !== expected[path]
  );
  const missing = Object.keys(expected).filter((path) => !(path in actual));
  const added = Object.keys(actual).filter((path) => !(path in expected));
  return { changed: changed.sort(), missing: missing.sort(), added: added.sort() };
}

/**
 * Builds the kit to grade: the instructor's student copy, with the student's
 * region bodies put in. Nothing else of the submission is used, so edited
 * tests, fixtures or lessons outside the regions earn nothing.
 *
 * @param studentCopy The student copy made from the instructor's kit.
 * @param submission The student's files.
 * @param exercises The catalog, for the placeholder of a region the submission lost.
 * @returns The files to grade, and each region the submission lacks, as `path: id`.
 * @throws {MarkerError} If the student copy's markers are faulty.
 */
export function spliceSubmission(
  studentCopy: ReadonlyMap<string, Uint8Array>,
  submission: ReadonlyMap<string, Uint8Array>,
  exercises: readonly Exercise[],
): { files: Map<string, Uint8Array>; lostRegions: string[] } {
  const firstHint = new Map(exercises.map((exercise) => [exercise.id, exercise.hints[0]]));
  const files = new Map(studentCopy);
  const lostRegions: string[] = [];
  for (const [path, bytes] of studentCopy) {
    if (!isModulePath(path)) continue;
    const text = decode(bytes);
    const regions = findRegions(path, text);
    if (regions.length === 0) continue;

    let submitted = new Map<string, string>();
    const submittedBytes = submission.get(path);
    if (submittedBytes !== undefined) {
      const submittedText = decode(submittedBytes);
      try {
        submitted = regionBodies(submittedText, findRegions(path, submittedText));
      } catch {
        // Broken markers in the submission: every region of the file counts as lost.
      }
    }
    const spliced = replaceBodies(text, regions, (region) => {
      const body = submitted.get(region.id);
      if (body !== undefined) return body;
      lostRegions.push(`${path}: ${region.id}`);
      return placeholder(region, firstHint.get(region.id) ?? "", "\n");
    });
    files.set(path, new TextEncoder().encode(spliced));
  }
  return { files, lostRegions };
}

/**
 * Checks a parsed manifest file.
 *
 * @param json The parsed JSON.
 * @param source Where it came from, for error messages.
 * @returns The manifest.
 * @throws {TypeError} If it is not a manifest of format 1.
 */
export function parseManifest(json: unknown, source: string): Manifest {
  const manifest = json as Partial<Manifest> | null;
  if (
    typeof manifest !== "object" || manifest === null ||
    manifest.format !== MANIFEST_FORMAT || !Array.isArray(manifest.exercises) ||
    typeof manifest.files !== "object" || typeof manifest.tests !== "object"
  ) {
    throw new TypeError(
      `Cannot read the homework manifest ${source}: expected format ${MANIFEST_FORMAT} ` +
        `with "exercises", "files" and "tests"; write a new one with deno task homework`,
    );
  }
  return manifest as Manifest;
}

/**
 * Makes a manifest.
 *
 * @param exercises The catalog.
 * @param fingerprints The student copy's fingerprints.
 * @param tests Which tests depend on which exercises.
 * @returns The manifest.
 */
export function createManifest(
  exercises: readonly Exercise[],
  fingerprints: Record<string, string>,
  tests: Record<string, string[]>,
): Manifest {
  return {
    format: MANIFEST_FORMAT,
    exercises: exercises.map(({ id, lesson, points }) => ({ id, lesson, points })),
    files: fingerprints,
    tests,
  };
}

function outsideRegions(path: string, bytes: Uint8Array): Uint8Array {
  if (!isModulePath(path)) return bytes;
  let text: string;
  try {
    text = decode(bytes);
  } catch {
    return bytes;
  }
  try {
    const regions = findRegions(path, text);
    if (regions.length === 0) return bytes;
    return new TextEncoder().encode(replaceBodies(text, regions, () => ""));
  } catch {
    return bytes;
  }
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Map from tests to the exercises they depend on, and the problems found building it. */
export interface TestMap {
  /** For each test key that fails when some exercise is blanked, those exercises. */
  tests: Record<string, string[]>;
  /** Faults that make the kit unfit for homework, one sentence each. */
  problems: string[];
}

/**
 * Maps each test to the exercises it depends on, from runs of the solution
 * kit with one exercise blanked at a time.
 *
 * It also checks the kit. The solution must pass every test, and each blanked
 * exercise must fail at least one test. Each test that a blanked exercise fails
 * must show that exercise's message (or fail only in its steps), not a crash or
 * type error.
 *
 * @param solution The runs of the solution kit.
 * @param blanked For each exercise id, the runs with only that exercise blanked.
 * @returns The map and the problems found.
 */
export function mapTestsToExercises(
  solution: readonly FileRun[],
  blanked: ReadonlyMap<string, readonly FileRun[]>,
): TestMap {
  const problems: string[] = [];
  for (const run of solution) {
    if (run.error !== "") problems.push(`The solution kit's ${run.error}`);
    for (const result of run.results) {
      if (!result.passed) {
        problems.push(
          `The solution kit fails ${testKey(result.file, result.name)}: ${
            firstLine(result.failure)
          }`,
        );
      }
    }
  }

  const tests: Record<string, string[]> = {};
  for (const [id, runs] of blanked) {
    let failures = 0;
    for (const run of runs) {
      if (run.error !== "") {
        problems.push(`With only ${id} blanked, ${firstLine(run.error)}`);
        continue;
      }
      for (const result of run.results) {
        if (result.passed) continue;
        failures++;
        const key = testKey(result.file, result.name);
        (tests[key] ??= []).push(id);
        const onlyStepsFailed = FAILED_STEPS.test(result.failure.trim());
        if (!onlyStepsFailed && !unfinishedExercisesIn(result.failure).includes(id)) {
          problems.push(
            `With only ${id} blanked, ${key} fails without the exercise's message: ` +
              firstLine(result.failure),
          );
        }
      }
    }
    if (failures === 0) {
      problems.push(`No test depends on exercise ${id}: blanking it fails no test, so add one`);
    }
  }
  return { tests, problems };
}

/** Failure text of a test whose only fault is a failing step. */
const FAILED_STEPS = /^\d+ test steps? failed\.?$/;

function firstLine(text: string): string {
  return text.trim().split("\n")[0];
}
