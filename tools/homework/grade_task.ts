/**
 * `deno task grade [dir]`: runs the kit's tests in a kit copy (the current
 * folder by default), one file at a time with a time limit, and prints the
 * grade table.
 *
 * Options:
 * - `--json FILE`: also write the grade as JSON.
 * - `--manifest FILE`: the manifest to trust (default: the copy's own
 *   `.homework/manifest.json`); files changed outside the regions are listed.
 * - `--original KIT`: grade the copy's region bodies inside a fresh student
 *   copy of the instructor's kit, so edits outside the regions cannot count.
 * - `--timeout SECONDS`: the time limit per test file.
 *
 * Exits 0 when every exercise passes, 1 when some fail, 2 on bad input.
 *
 * @module
 */

import { join, resolve } from "node:path";
import { makeStudentKit } from "./blank.ts";
import { loadCatalog } from "./catalog.ts";
import { parseCommandLine } from "./cli_options.ts";
import { formatGrade, type Grade, gradeRuns } from "./grade.ts";
import { readKit, testConfig, writeKit } from "./kit_files.ts";
import {
  compareFingerprints,
  fingerprintFiles,
  type Manifest,
  MANIFEST_PATH,
  parseManifest,
  spliceSubmission,
} from "./manifest.ts";
import { DEFAULT_TIMEOUT_SECONDS, runTestFiles, selectTestFiles } from "./test_run.ts";

/** The result of {@linkcode gradeKit}: the grade and the changes outside the regions. */
export interface GradeReport extends Grade {
  /** Files that differ from the manifest outside the regions, or that it lacks. */
  modifiedFiles: string[];
  /** Regions missing from the submission, as `path: id`, graded as unfinished. */
  lostRegions: string[];
}

/**
 * Grades a kit copy.
 *
 * @param dir The copy's root.
 * @param options The trusted manifest, the instructor's kit, and the time limit per file.
 * @returns The grade with the files changed outside regions.
 */
export async function gradeKit(
  dir: string,
  options: { manifest?: Manifest; original?: string; timeoutSeconds: number },
): Promise<GradeReport> {
  const submission = await readKit(dir);
  let manifest = options.manifest;
  if (manifest === undefined) {
    const bytes = await Deno.readFile(join(dir, MANIFEST_PATH)).catch(() => undefined);
    if (bytes !== undefined) {
      manifest = parseManifest(JSON.parse(new TextDecoder().decode(bytes)), MANIFEST_PATH);
    }
  }

  let modifiedFiles: string[] = [];
  if (manifest !== undefined) {
    const changes = compareFingerprints(manifest.files, await fingerprintFiles(submission));
    modifiedFiles = [...changes.changed, ...changes.missing.map((path) => `${path} (deleted)`)];
  }

  let root = dir;
  let files = submission;
  let lostRegions: string[] = [];
  let scratch: string | undefined;
  if (options.original !== undefined) {
    const originalFiles = await readKit(options.original);
    const exercises = loadCatalog(originalFiles);
    const spliced = spliceSubmission(
      makeStudentKit(originalFiles, exercises).files,
      submission,
      exercises,
    );
    files = spliced.files;
    lostRegions = spliced.lostRegions;
    scratch = await Deno.makeTempDir({ prefix: "homework-grade-" });
    await writeKit(scratch, files);
    root = scratch;
  }

  try {
    const exercises = options.original !== undefined || manifest === undefined
      ? loadCatalog(files)
      : manifest.exercises;
    const testFiles = selectTestFiles([...files.keys()], testConfig(files));
    const runs = await runTestFiles(root, testFiles, options);
    const grade = gradeRuns(exercises, runs, manifest?.tests ?? {});
    return { ...grade, modifiedFiles, lostRegions };
  } finally {
    if (scratch !== undefined) await Deno.remove(scratch, { recursive: true });
  }
}

if (import.meta.main) {
  let report: GradeReport;
  try {
    const line = parseCommandLine(Deno.args, ["json", "manifest", "original", "timeout"], []);
    if (line.positional.length > 1) {
      throw new RangeError(
        "Usage: deno task grade [dir] [--json FILE] [--manifest FILE] [--original KIT] [--timeout S]",
      );
    }
    const dir = resolve(line.positional[0] ?? ".");
    const manifestPath = line.options.get("manifest");
    const manifest = typeof manifestPath === "string"
      ? parseManifest(JSON.parse(await Deno.readTextFile(manifestPath)), manifestPath)
      : undefined;
    const original = line.options.get("original");
    report = await gradeKit(dir, {
      manifest,
      original: typeof original === "string" ? resolve(original) : undefined,
      timeoutSeconds: Number(line.options.get("timeout") ?? DEFAULT_TIMEOUT_SECONDS),
    });
    console.log(formatGrade(report).trimEnd());
    if (report.modifiedFiles.length > 0) {
      console.log(
        `\nChanged outside the exercise regions (${
          original === undefined ? "these changes count here, but not" : "ignored,"
        } in an instructor's grade with --original):`,
      );
      for (const path of report.modifiedFiles) console.log(`  ${path}`);
    }
    if (report.lostRegions.length > 0) {
      console.log("\nRegions missing from the submission, graded as unfinished:");
      for (const region of report.lostRegions) console.log(`  ${region}`);
    }
    const json = line.options.get("json");
    if (typeof json === "string") {
      await Deno.writeTextFile(json, JSON.stringify(report, null, 2) + "\n");
    }
  } catch (error) {
    console.error(`grade: ${(error as Error).message}`);
    Deno.exit(2);
  }
  Deno.exit(report.earned === report.total && report.otherFailures.length === 0 ? 0 : 1);
}
