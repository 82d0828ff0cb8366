/**
 * `deno task hint <exercise> [level]`: prints one hint of an exercise, level 1
 * by default, and how to get the next. Option `--kit DIR` reads another kit
 * than the current folder.
 *
 * @module
 */

import { resolve } from "node:path";
import { moduleTexts } from "./blank.ts";
import { loadCatalog } from "./catalog.ts";
import { parseCommandLine } from "./cli_options.ts";
import { formatHint } from "./hint.ts";
import { readKit } from "./kit_files.ts";
import { findKitRegions } from "./markers.ts";

if (import.meta.main) {
  try {
    const line = parseCommandLine(Deno.args, ["kit"], []);
    const [id, level = "1"] = line.positional;
    if (id === undefined || line.positional.length > 2) {
      throw new RangeError("Usage: deno task hint <exercise> [level]");
    }
    const files = await readKit(resolve(String(line.options.get("kit") ?? ".")));
    const exercises = loadCatalog(files);
    const regions = findKitRegions(moduleTexts(files));
    const region = regions.find((candidate) => candidate.id === id);
    // A level that is not a number is passed on as NaN, and formatHint names it.
    const parsed = /^\d+$/.test(level) ? Number(level) : NaN;
    if (Number.isNaN(parsed)) {
      throw new RangeError(`Invalid hint level ${JSON.stringify(level)}: give 1, 2 or 3`);
    }
    console.log(formatHint(exercises, id, parsed, region).trimEnd());
  } catch (error) {
    console.error(`hint: ${(error as Error).message}`);
    Deno.exit(2);
  }
}
