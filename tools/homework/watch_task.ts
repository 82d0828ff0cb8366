/**
 * `deno task watch [dir]`: runs the kit's tests, then reruns the test files
 * that import a file when it is saved, and shows the next unfinished exercise
 * with its first hint.
 *
 * Where the file system cannot be watched (some network and container
 * mounts), it checks modification times every second instead; `--poll`
 * forces that. Pressing Enter reruns every test file.
 *
 * @module
 */

import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { moduleTexts } from "./blank.ts";
import { loadCatalog } from "./catalog.ts";
import { parseCommandLine } from "./cli_options.ts";
import { gradeRuns } from "./grade.ts";
import { readKit, testConfig } from "./kit_files.ts";
import { MANIFEST_PATH, parseManifest } from "./manifest.ts";
import { findKitRegions } from "./markers.ts";
import {
  DEFAULT_TIMEOUT_SECONDS,
  type FileRun,
  runTestFiles,
  selectTestFiles,
} from "./test_run.ts";
import { affectedTestFiles, formatProgress } from "./watch.ts";

/** Milliseconds between modification-time checks in polling mode. */
const POLL_INTERVAL_MS = 1000;
/** Milliseconds to wait for an editor's burst of writes to settle before rerunning. */
const SETTLE_MS = 200;

async function moduleGraph(root: string, file: string): Promise<Set<string>> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", file],
    cwd: root,
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  }).output();
  const graph = new Set([file]);
  if (!output.success) return graph;
  const info = JSON.parse(new TextDecoder().decode(output.stdout));
  for (const module of info.modules ?? []) {
    if (typeof module.specifier === "string" && module.specifier.startsWith("file:")) {
      graph.add(relative(root, fileURLToPath(module.specifier)).split(sep).join("/"));
    }
  }
  return graph;
}

async function modificationTimes(root: string, paths: Iterable<string>) {
  const times = new Map<string, number>();
  for (const path of paths) {
    const info = await Deno.stat(join(root, path)).catch(() => undefined);
    times.set(path, info?.mtime?.getTime() ?? 0);
  }
  return times;
}

if (import.meta.main) {
  let line: ReturnType<typeof parseCommandLine>;
  try {
    line = parseCommandLine(Deno.args, ["timeout"], ["poll"]);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    console.error(`${error.message}\nUsage: deno task watch [dir] [--poll] [--timeout S]`);
    Deno.exit(2);
  }
  const root = resolve(line.positional[0] ?? ".");
  const timeoutSeconds = Number(line.options.get("timeout") ?? DEFAULT_TIMEOUT_SECONDS);
  const files = await readKit(root);
  const exercises = loadCatalog(files);
  const manifestBytes = files.get(MANIFEST_PATH) ??
    await Deno.readFile(join(root, MANIFEST_PATH)).catch(() => undefined);
  const testMap = manifestBytes === undefined
    ? {}
    : parseManifest(JSON.parse(new TextDecoder().decode(manifestBytes)), MANIFEST_PATH).tests;
  const testFiles = selectTestFiles([...files.keys()], testConfig(files));
  const graphs = new Map<string, Set<string>>();
  for (const file of testFiles) graphs.set(file, await moduleGraph(root, file));
  const latest = new Map<string, FileRun>();

  const rerun = async (selected: string[]) => {
    console.log(`\nRunning ${selected.length} test file(s): ${selected.join(", ")}`);
    for (const run of await runTestFiles(root, selected, { timeoutSeconds })) {
      latest.set(run.file, run);
    }
    const kitFiles = await readKit(root);
    let regions: ReturnType<typeof findKitRegions> = [];
    try {
      regions = findKitRegions(moduleTexts(kitFiles));
    } catch (error) {
      console.log((error as Error).message);
    }
    const grade = gradeRuns(exercises, [...latest.values()], testMap);
    console.log(formatProgress(grade, exercises, regions).trimEnd());
    console.log("Save a file to rerun its tests, or press Enter to rerun them all.");
  };

  let pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = (path: string) => {
    if (!path.endsWith(".ts") && !path.endsWith(".json") && !path.endsWith(".txt")) return;
    pending.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const selected = affectedTestFiles([...pending], graphs);
      pending = new Set();
      if (selected.length > 0) rerun(selected);
    }, SETTLE_MS);
  };

  await rerun(testFiles);

  // Enter reruns everything, in both modes.
  (async () => {
    for await (const _ of Deno.stdin.readable) await rerun(testFiles);
  })();

  let watcher: Deno.FsWatcher | undefined;
  if (!line.options.has("poll")) {
    try {
      watcher = Deno.watchFs(root, { recursive: true });
    } catch (error) {
      console.log(`Cannot watch ${root} (${(error as Error).message}): checking every second`);
    }
  }
  if (watcher !== undefined) {
    for await (const event of watcher) {
      for (const path of event.paths) changed(relative(root, path).split(sep).join("/"));
    }
  } else {
    const watched = new Set([...graphs.values()].flatMap((graph) => [...graph]));
    let times = await modificationTimes(root, watched);
    while (true) {
      await new Promise((wake) => setTimeout(wake, POLL_INTERVAL_MS));
      const now = await modificationTimes(root, watched);
      for (const [path, time] of now) if (times.get(path) !== time) changed(path);
      times = now;
    }
  }
}
