/**
 * Lesson 00: The homework's driving data, read from its own files into tensors
 *
 * Follows the course notebook's first cells (In [5] and In [6]): build the path
 * of the driving data's `val` split, load it, and print how many samples and
 * episodes it contains. Then it shows what one episode contains, and hands the first
 * batch of 32 locations to lesson 01's reshape.
 *
 * Print it:  deno run --allow-read lessons/00_road_data.ts [folder]
 * Check it:  deno test lessons/00_road_data.ts
 *
 * Without a folder it reads the kit's fixture, fixtures/drive_data/val, which
 * contains four small episodes in the course's layout. Pass the course's own
 * `homework_04/drive_data/val` to read the real data.
 *
 * @module
 */

import assert from "node:assert/strict";
import * as path from "node:path";
import {
  denoFileSystem,
  FileFormatError,
  type FileSystem,
  frameBatch,
  loadEpisodes,
  MemoryFileSystem,
  Tensor,
  Transcript,
} from "../mod.ts";
import { VAL_FILES } from "../fixtures/drive_data/val_files.ts";
import golden from "../fixtures/transcripts/00_road_data.txt" with { type: "text" };
// Counts, shapes and values NumPy 1.24 read from the fixture, and how PyTorch 1.13
// prints its first batch; written by tools/make_drive_fixture.py.
import expected from "../fixtures/drive_data/expected.json" with { type: "json" };

/** The course's DataLoader default: `load_data(..., batch_size=32)`. */
const BATCH_SIZE = 32;

/** Input folder, file system and transcript of a lesson run. */
export interface LessonOptions {
  /** The split folder; `fixtures/drive_data/val` under `cwd` by default. */
  folder?: string;
  /** The current directory the default path is built from; `Deno.cwd()` by default. */
  cwd?: string;
  /** File system to read from; Deno's (needs --allow-read) by default. */
  fileSystem?: FileSystem;
  /** Transcript the lesson prints to. */
  transcript?: Transcript;
}

/** Runs the lesson's steps in the notebook's order, printing as it goes, and returns what it computed. */
export async function runLesson(options: LessonOptions = {}) {
  const transcript = options.transcript ?? new Transcript();
  const cwd = options.cwd ?? Deno.cwd();

  // In [5]: path = Path().cwd().parent / "homework_04" / "drive_data" / "val"
  // The kit keeps its copy of the data at fixtures/drive_data/val, so the path
  // is built from the current directory itself, not its parent.
  const folder = options.folder ?? path.join(cwd, "fixtures", "drive_data", "val");
  // The notebook prints the absolute path (/home/student/deeplearning/...). The
  // lesson prints it relative to the current directory when it lies inside it,
  // so that the printout, and the golden transcript, are the same on every machine.
  const relative = path.relative(cwd, folder);
  const shownPath = relative === "" || relative.startsWith("..") || path.isAbsolute(relative)
    ? folder
    : relative;
  transcript.print(shownPath);

  // In [6]: data = road_dataset.load_data(path)
  // load_data takes the sub-folders in sorted order as episodes, reads each
  // info.npz, and prints the total.
  const loaded = await loadEpisodes(folder, { fileSystem: options.fileSystem });
  transcript.print(`Loaded ${loaded.sampleCount} samples from ${loaded.episodes.length} episodes`);

  // One sample per frame: the number of entries in frames["location"]. The
  // course's image loader reads one NNNNN_im.jpg for each.
  transcript.print("\nEpisodes:");
  for (const episode of loaded.episodes) {
    transcript.print(
      `  ${episode.name}: ${episode.sampleCount} samples, ${episode.imageFiles.length} images`,
    );
  }

  // The track is the road's centre line as segments; frames contains one entry
  // per frame, stacked as np.stack does into one array per key.
  const [first] = loaded.episodes;
  transcript.print(`\nArrays of ${first.name}:`);
  for (const part of ["track", "frames"] as const) {
    for (const [key, tensor] of Object.entries(first[part])) {
      transcript.print(`  ${part}['${key}']: [${tensor.shape.join(", ")}] ${tensor.dtype}`);
    }
  }

  // The DataLoader (shuffle=False) cuts all samples, across episodes, into
  // batches of 32: the first batch of locations is a [32, 3] tensor.
  const batch = frameBatch(loaded, "location", 0, BATCH_SIZE);
  transcript.print(`\nFirst batch of location: ${torchSize(batch)}`);
  // batch[:2], the first two samples: a view of the contiguous batch's first six elements.
  const firstTwo = Tensor.fromStorage(batch.storage, [2, 3], batch.dtype);
  transcript.print("Its first two rows, batch[:2]:");
  transcript.print(firstTwo.toString());

  // Lesson 01's reshape: -1 lets the size be inferred, here 32 * 3 = 96, and
  // the flattened tensor is a view of the same storage.
  const flattened = batch.reshape(-1);
  transcript.print(`Flattened with reshape(-1): ${torchSize(flattened)}`);

  return { transcript, folder, loaded, batch, firstTwo, flattened };
}

/** Formats a shape as PyTorch prints `tensor.shape`. */
function torchSize(tensor: Tensor): string {
  return `torch.Size([${tensor.shape.join(", ")}])`;
}

/**
 * Explains an error of the lesson in one line, or returns null for an
 * unexpected error, which is better shown with its stack trace.
 */
export function explainError(error: unknown): string | null {
  if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
    return "Reading the driving data needs read permission: run " +
      "deno run --allow-read lessons/00_road_data.ts [folder]";
  }
  // loadEpisodes reports a missing, empty or unreadable folder with a plain Error.
  if (error instanceof FileFormatError || error instanceof RangeError) return error.message;
  if (error instanceof Error && error.name === "Error") return error.message;
  return null;
}

if (import.meta.main) {
  const usage = "Usage: deno run --allow-read lessons/00_road_data.ts [folder]";
  if (Deno.args.length > 1 || Deno.args[0]?.startsWith("-")) {
    const problem = Deno.args.length > 1
      ? `Too many arguments (${Deno.args.length}): give at most one folder`
      : `Unknown option ${JSON.stringify(Deno.args[0])}: the only argument is a folder`;
    console.error(`${problem}\n${usage}`);
    Deno.exit(2);
  }
  try {
    const lesson = await runLesson({ folder: Deno.args[0], fileSystem: denoFileSystem });
    Deno.stdout.writeSync(new TextEncoder().encode(lesson.transcript.toString()));
  } catch (error) {
    const explanation = explainError(error);
    if (explanation === null) throw error;
    console.error(explanation);
    Deno.exit(1);
  }
}

/** The kit's folder, as it is on the in-memory file system the tests use. */
const TEST_KIT = "/kit";

function fixtureFileSystem(): MemoryFileSystem {
  const files: Record<string, Uint8Array> = {};
  for (const [relative, bytes] of Object.entries(VAL_FILES)) {
    files[`${TEST_KIT}/fixtures/drive_data/val/${relative}`] = bytes;
  }
  return new MemoryFileSystem(files);
}

function runOnFixture() {
  return runLesson({ cwd: TEST_KIT, fileSystem: fixtureFileSystem() });
}

Deno.test("lesson 00 prints the golden transcript", async () => {
  const { transcript } = await runOnFixture();
  assert.equal(transcript.toString(), golden);
});

Deno.test("lesson 00 follows the notebook's steps", async (t) => {
  const lesson = await runOnFixture();
  const lines = lesson.transcript.toString().split("\n");

  await t.step("builds the path from the current directory", () => {
    assert.equal(lesson.folder, "/kit/fixtures/drive_data/val");
    assert.equal(lines[0], "fixtures/drive_data/val");
  });

  await t.step("counts samples and episodes as load_data does", () => {
    // load_data prints f"Loaded {len(dataset)} samples from {len(datasets)} episodes".
    assert.equal(
      lines[1],
      `Loaded ${expected.sample_count} samples from ${expected.episode_count} episodes`,
    );
    for (const episode of expected.episodes) {
      const line =
        `  ${episode.name}: ${episode.sample_count} samples, ${episode.image_count} images`;
      assert.ok(lines.includes(line), line);
    }
  });

  await t.step("prints the first episode's shapes", () => {
    const numpy = expected.episodes[0];
    for (const part of ["track", "frames"] as const) {
      for (const [key, { shape, dtype }] of Object.entries(numpy[part])) {
        const line = `  ${part}['${key}']: [${shape.join(", ")}] ${dtype}`;
        assert.ok(lines.includes(line), line);
      }
    }
  });

  await t.step("batches 32 locations as PyTorch prints them", () => {
    assert.deepEqual(lesson.batch.shape, expected.batch.location_shape);
    assert.deepEqual((lesson.batch.toArray() as number[][])[0], expected.batch.location_first);
    assert.deepEqual((lesson.batch.toArray() as number[][])[31], expected.batch.location_last);
    assert.ok(lines.includes(`First batch of location: ${expected.batch.shape_text}`));
    assert.equal(lesson.firstTwo.toString(), expected.batch.first_two_text);
  });

  await t.step("flattens the batch as a view", () => {
    assert.deepEqual(lesson.flattened.shape, expected.batch.flattened_shape);
    assert.equal(lesson.flattened.storage, lesson.batch.storage);
    assert.deepEqual(
      (lesson.flattened.toArray() as number[]).slice(0, 4),
      expected.batch.flattened_first_four,
    );
    assert.ok(lines.includes(`Flattened with reshape(-1): ${expected.batch.flattened_shape_text}`));
  });
});

Deno.test("lesson 00 asks for --allow-read", () => {
  const denied = new Deno.errors.NotCapable('Requires read access to "fixtures"');
  assert.equal(
    explainError(denied),
    "Reading the driving data needs read permission: run deno run --allow-read lessons/00_road_data.ts [folder]",
  );
  assert.equal(explainError(new TypeError("a bug")), null);
});

Deno.test("lesson 00 explains a missing folder", async () => {
  const error = await runLesson({ folder: "/nowhere/val", fileSystem: fixtureFileSystem() })
    .then(() => null, (caught) => caught);
  assert.match(
    explainError(error) ?? "",
    /^Cannot load episodes from \/nowhere\/val: the folder does not exist/,
  );
});

Deno.test({
  name: "lesson 00 reads the disk (needs --allow-read)",
  ignore: Deno.permissions.querySync({ name: "read" }).state !== "granted",
  async fn() {
    const kit = path.dirname(path.dirname(decodeURIComponent(new URL(import.meta.url).pathname)));
    const { transcript } = await runLesson({ cwd: kit, fileSystem: denoFileSystem });
    assert.equal(transcript.toString(), golden);
  },
});
