/**
 * `deno task homework <dir>`: writes the student copy of the kit to `<dir>`,
 * checks it, and records its manifest in `<dir>/.homework/manifest.json`.
 *
 * Options: `--from KIT` (the solution kit, the current folder by default),
 * `--no-map` (skip the runs that find which tests depend on which exercise),
 * `--timeout SECONDS` (per test file).
 *
 * @module
 */

import { join, resolve } from "node:path";
import { makeStudentKit, placeholder } from "./blank.ts";
import { loadCatalog } from "./catalog.ts";
import { parseCommandLine } from "./cli_options.ts";
import { readKit, testConfig, writeKit } from "./kit_files.ts";
import {
  createManifest,
  fingerprintFiles,
  MANIFEST_PATH,
  mapTestsToExercises,
} from "./manifest.ts";
import { replaceBodies } from "./markers.ts";
import {
  DEFAULT_TIMEOUT_SECONDS,
  type FileRun,
  runTestFiles,
  selectTestFiles,
} from "./test_run.ts";
import { unfinishedExercisesIn } from "./blank.ts";

/**
 * Makes the student copy and returns the problems found; empty means ready to hand out.
 *
 * @param from The solution kit's root.
 * @param target The folder to write; it must not exist or be empty.
 * @param options Whether to map tests to exercises, and the time limit per file.
 * @returns The problems, one sentence each.
 */
export async function makeHomework(
  from: string,
  target: string,
  options: { map: boolean; timeoutSeconds: number; log: (line: string) => void },
): Promise<string[]> {
  const files = await readKit(from);
  const exercises = loadCatalog(files);
  const kit = makeStudentKit(files, exercises);
  const testFiles = selectTestFiles([...files.keys()], testConfig(files));
  const problems: string[] = [];

  try {
    for await (const _ of Deno.readDir(target)) {
      throw new RangeError(
        `Cannot write the student copy to ${target}: the folder is not empty; give a new folder`,
      );
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  await writeKit(target, kit.files);
  options.log(`Wrote ${kit.files.size} files with ${kit.regions.length} exercises to ${target}`);

  // The copy must type-check as a whole, or students meet type errors before any exercise.
  const check = await new Deno.Command(Deno.execPath(), {
    args: ["check", "."],
    cwd: target,
    env: { NO_COLOR: "1" },
    stdin: "null",
  }).output();
  if (!check.success) {
    problems.push(`deno check fails in the copy:\n${new TextDecoder().decode(check.stderr)}`);
  }

  // In the copy, every failing test must fail with an exercise's message.
  const studentRuns = await runTestFiles(target, testFiles, options);
  for (const run of studentRuns) {
    if (run.error !== "") problems.push(`In the copy, ${run.error.split("\n")[0]}`);
    for (const result of run.results) {
      if (!result.passed && !/^\d+ test steps? failed/.test(result.failure)) {
        if (unfinishedExercisesIn(result.failure).length === 0) {
          problems.push(
            `In the copy, ${result.file}::${result.name} fails without an exercise's message: ` +
              result.failure.split("\n")[0],
          );
        }
      }
    }
  }

  let tests: Record<string, string[]> = {};
  if (options.map) {
    options.log(`Running the tests with one exercise blanked at a time (${exercises.length} runs)`);
    const solution = await runTestFiles(from, testFiles, options);
    const blanked = new Map<string, FileRun[]>();
    const scratch = await Deno.makeTempDir({ prefix: "homework-map-" });
    try {
      await writeKit(scratch, files);
      for (const region of kit.regions) {
        const original = files.get(region.path)!;
        const text = new TextDecoder().decode(original);
        const hint = exercises.find((exercise) => exercise.id === region.id)!.hints[0];
        const one = replaceBodies(text, [region], () => placeholder(region, hint));
        await Deno.writeTextFile(join(scratch, region.path), one);
        blanked.set(region.id, await runTestFiles(scratch, testFiles, options));
        await Deno.writeFile(join(scratch, region.path), original);
      }
    } finally {
      await Deno.remove(scratch, { recursive: true });
    }
    const map = mapTestsToExercises(solution, blanked);
    tests = map.tests;
    problems.push(...map.problems);
  }

  const manifest = createManifest(exercises, await fingerprintFiles(kit.files), tests);
  await writeKit(
    target,
    new Map([[MANIFEST_PATH, new TextEncoder().encode(JSON.stringify(manifest, null, 2) + "\n")]]),
  );
  options.log(`Wrote ${join(target, MANIFEST_PATH)}: keep a copy to grade with --manifest`);
  return problems;
}

if (import.meta.main) {
  try {
    const line = parseCommandLine(Deno.args, ["from", "timeout"], ["no-map"]);
    if (line.positional.length !== 1) {
      throw new RangeError("Usage: deno task homework <dir> [--from KIT] [--no-map] [--timeout S]");
    }
    const from = resolve(String(line.options.get("from") ?? "."));
    const target = resolve(line.positional[0]);
    const timeoutSeconds = Number(line.options.get("timeout") ?? DEFAULT_TIMEOUT_SECONDS);
    const problems = await makeHomework(from, target, {
      map: !line.options.has("no-map"),
      timeoutSeconds,
      log: (text) => console.log(text),
    });
    if (problems.length > 0) {
      console.error(`The student copy has ${problems.length} problem(s):`);
      for (const problem of problems) console.error(`- ${problem}`);
      Deno.exit(1);
    }
    console.log("The copy type-checks, and every failing test fails on an exercise.");
  } catch (error) {
    console.error(`homework: ${(error as Error).message}`);
    Deno.exit(2);
  }
}
