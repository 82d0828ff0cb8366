/**
 * Loading the course's driving data: a split folder of episodes, each an
 * `info.npz` and one camera image per frame.
 *
 * The course's `road_dataset.load_data(path)` takes the sub-folders of `path`
 * in sorted order as episodes (or `path` itself when it has no sub-folders),
 * reads each episode's `info.npz` with `np.load(..., allow_pickle=True)`, and
 * stacks each per-frame list with `np.stack`. An episode has one sample per
 * entry of `frames["location"]`. {@linkcode loadEpisodes} does the same and
 * returns tensors.
 *
 * ```text
 * val/
 *   cornfield_crossing_04/
 *     info.npz        track: dict of arrays; frames: dict of per-frame lists
 *     00000_im.jpg    one image per frame
 *     00001_im.jpg
 *   hacienda_01/
 *     ...
 * ```
 *
 * @module
 */

import * as path from "node:path";
import { assertOptions, describeArgument } from "./argument.ts";
import { allocateStorage, type DType } from "./dtype.ts";
import { FileFormatError } from "./file_format_error.ts";
import { denoFileSystem, type FileSystem } from "./file_system.ts";
import { ObjectArray } from "./numpy_array.ts";
import { readNpz } from "./npz.ts";
import { Tensor } from "./tensor.ts";

/** One episode: a drive along one track. */
export interface Episode {
  /** The episode folder's name, such as `cornfield_crossing_04`. */
  readonly name: string;
  /** The episode folder's path. */
  readonly path: string;
  /** Number of samples: the number of frames in `frames.location`. */
  readonly sampleCount: number;
  /** The track's centre line: `path_distance` [n, 2], `path_nodes` [n, 2, 3], `path_width` [n, 1]. */
  readonly track: Readonly<Record<string, Tensor>>;
  /** Each per-frame list stacked into one tensor, first dimension the frame, as `np.stack` does. */
  readonly frames: Readonly<Record<string, Tensor>>;
  /** Names of the frame images (`00000_im.jpg`, ...), sorted. */
  readonly imageFiles: readonly string[];
}

/** The episodes of a split folder. */
export interface EpisodeSet {
  /** The folder that was loaded. */
  readonly path: string;
  /** The episodes, sorted by folder name. */
  readonly episodes: readonly Episode[];
  /** Samples in all episodes together, as `len(ConcatDataset(...))` counts them. */
  readonly sampleCount: number;
}

/** Options of {@linkcode loadEpisodes}. */
export interface LoadEpisodesOptions {
  /** File system to read from; Deno's (needs `--allow-read`) by default. */
  fileSystem?: FileSystem;
}

/** The course names each frame's image `{index:05d}_im.jpg`. */
const IMAGE_FILE = /^\d{5}_im\.jpg$/;

/** The keys of the course's `Track(path_distance, path_nodes, path_width)` and their trailing dimensions. */
const TRACK_SHAPES: Record<string, readonly number[]> = {
  path_distance: [2],
  path_nodes: [2, 3],
  path_width: [1],
};

/**
 * Loads the episodes of a split folder such as `drive_data/val`.
 *
 * @param folder The split folder, or one episode folder.
 * @param options Where to read files.
 * @returns The episodes and their total sample count.
 * @throws {Error} If the folder does not exist, is not a folder, is empty, or
 *   an episode has no `info.npz`; the message names the path.
 * @throws {FileFormatError} If an `info.npz` cannot be read or lacks `track`,
 *   `frames` or `frames["location"]`, or a per-frame list cannot be stacked.
 * @throws {RangeError} If an integer in an `info.npz` lies beyond ±(2^53 - 1),
 *   or `folder` is empty.
 * @throws {TypeError} If `folder` is not a string, `options` is not an object,
 *   or `fileSystem` lacks `stat`, `readDir` or `readFile`.
 *
 * @example Usage
 * ```ts
 * import { loadEpisodes } from "./episodes.ts";
 * import { MemoryFileSystem } from "./file_system.ts";
 * import assert from "node:assert/strict";
 *
 * const fileSystem = new MemoryFileSystem({}, ["/data/val"]);
 * await assert.rejects(loadEpisodes("/data/val", { fileSystem }), /the folder is empty/);
 * ```
 */
export async function loadEpisodes(
  folder: string,
  options: LoadEpisodesOptions = {},
): Promise<EpisodeSet> {
  if (typeof folder !== "string") {
    throw new TypeError(
      `Cannot load episodes from ${
        describeArgument(folder)
      }: expected a folder path such as drive_data/val`,
    );
  }
  if (folder === "") {
    throw new RangeError(
      `Cannot load episodes from "": expected a folder path such as drive_data/val`,
    );
  }
  assertOptions(options, "Cannot load episodes");
  const fileSystem = options.fileSystem ?? denoFileSystem;
  for (const method of ["stat", "readDir", "readFile"] as const) {
    if (typeof fileSystem?.[method] !== "function") {
      throw new TypeError(
        `Cannot load episodes with fileSystem ${
          describeArgument(fileSystem)
        }: it has no ${method} method; pass a MemoryFileSystem or omit it for Deno's`,
      );
    }
  }
  const info = await fileSystem.stat(folder);
  if (info === null) {
    throw new Error(
      `Cannot load episodes from ${folder}: the folder does not exist; pass the path of a split folder such as drive_data/val`,
    );
  }
  if (!info.isDirectory) {
    throw new Error(`Cannot load episodes from ${folder}: it is a file, not a folder`);
  }

  const entries = await fileSystem.readDir(folder);
  if (entries.length === 0) {
    throw new Error(
      `Cannot load episodes from ${folder}: the folder is empty; expected episode folders, each with an info.npz`,
    );
  }
  // Python's sorted() orders names by code point. JavaScript's default sort
  // compares UTF-16 code units, which agrees for names within the BMP.
  const subfolders = entries.filter((entry) => entry.isDirectory).map((entry) => entry.name)
    .sort();
  const episodePaths = subfolders.length > 0
    ? subfolders.map((name) => path.join(folder, name))
    : [folder];

  const episodes: Episode[] = [];
  for (const episodePath of episodePaths) {
    episodes.push(await loadEpisode(episodePath, fileSystem));
  }
  const sampleCount = episodes.reduce((total, episode) => total + episode.sampleCount, 0);
  return { path: folder, episodes, sampleCount };
}

async function loadEpisode(episodePath: string, fileSystem: FileSystem): Promise<Episode> {
  const entries = await fileSystem.readDir(episodePath);
  const names = entries.filter((entry) => !entry.isDirectory).map((entry) => entry.name);
  if (!names.includes("info.npz")) {
    // A folder two levels above the episodes, such as drive_data instead of
    // drive_data/val, shows up here as episodes that hold folders.
    const folders = entries.filter((entry) => entry.isDirectory).map((entry) => entry.name).sort();
    const shown = folders.length > 3 ? [...folders.slice(0, 3), "..."] : folders;
    const hint = folders.length === 0
      ? "each episode folder needs an info.npz next to its images"
      : `it contains folders (${shown.join(", ")}), so it looks like a split folder: ` +
        `pass ${episodePath} itself`;
    throw new Error(`Cannot load episode ${episodePath}: info.npz is missing; ${hint}`);
  }

  const file = path.join(episodePath, "info.npz");
  const arrays = await readNpz(await fileSystem.readFile(file), file, { allowPickle: true });
  const track = readDict(arrays.get("track"), "track", file);
  const frames = readDict(arrays.get("frames"), "frames", file);

  const trackTensors: Record<string, Tensor> = {};
  for (const [key, trailing] of Object.entries(TRACK_SHAPES)) {
    const value = track.get(key);
    if (!(value instanceof Tensor) || !hasTrailingShape(value, trailing)) {
      throw new FileFormatError(
        file,
        `track['${key}'] should be an array of shape [n, ${trailing.join(", ")}]`,
      );
    }
    trackTensors[key] = value;
  }

  const frameEntries: [string, Tensor][] = [];
  for (const [key, value] of frames) {
    if (typeof key !== "string") {
      throw new FileFormatError(file, `frames has the key ${String(key)}, expected only strings`);
    }
    frameEntries.push([key, stackFrames(value, `frames['${key}']`, file)]);
  }
  const frameTensors = Object.fromEntries(frameEntries);
  if (frameTensors.location === undefined) {
    throw new FileFormatError(
      file,
      "frames['location'] is missing; it gives the number of samples",
    );
  }

  return {
    name: path.basename(episodePath),
    path: episodePath,
    sampleCount: frameTensors.location.shape[0],
    track: Object.freeze(Object.fromEntries(Object.entries(trackTensors))),
    frames: Object.freeze(frameTensors),
    imageFiles: names.filter((name) => IMAGE_FILE.test(name)).sort(),
  };
}

/** Unwraps a member that contains a pickled dict in a 0-d object array, as `info["track"].item()` does. */
function readDict(member: unknown, name: string, file: string): Map<unknown, unknown> {
  if (member === undefined) {
    throw new FileFormatError(
      file,
      `the member '${name}' is missing; the course's info.npz holds 'track' and 'frames'`,
    );
  }
  const value = member instanceof ObjectArray && member.items.length === 1 ? member.item() : member;
  if (!(value instanceof Map)) {
    throw new FileFormatError(file, `the member '${name}' should hold a pickled dict`);
  }
  return value;
}

function hasTrailingShape(tensor: Tensor, trailing: readonly number[]): boolean {
  return tensor.shape.length === trailing.length + 1 &&
    trailing.every((size, i) => tensor.shape[i + 1] === size);
}

/**
 * Stacks a per-frame list into one tensor whose first dimension is the frame,
 * as `np.stack` does.
 *
 * @param value A list of equally shaped tensors, or of numbers, or of booleans;
 *   or an array that is already stacked.
 * @param where Which entry this is, for error messages (such as `frames['location']`).
 * @param file Name of the file, for error messages.
 * @returns The stacked tensor.
 * @throws {FileFormatError} If the entries differ in shape or dtype, or are of
 *   a kind that cannot be stacked.
 * @throws {TypeError} If `where` or `file` is not a string.
 *
 * @example Usage
 * ```ts
 * import { stackFrames } from "./episodes.ts";
 * import { Tensor } from "./tensor.ts";
 * import assert from "node:assert/strict";
 *
 * const rows = [Tensor.from([1, 2], "float32"), Tensor.from([3, 4], "float32")];
 * assert.deepEqual(stackFrames(rows, "rows", "x.npz").toArray(), [[1, 2], [3, 4]]);
 * ```
 */
export function stackFrames(value: unknown, where: string, file: string): Tensor {
  assertNames(where, file, "stack frames");
  if (value instanceof Tensor) return value;
  if (!Array.isArray(value) || value.length === 0) {
    throw new FileFormatError(file, `${where} should be a non-empty list of per-frame values`);
  }

  // Python numbers and bools carry no dtype; np.stack gives float64 and bool.
  // NOTE: JavaScript cannot tell Python's int 3 from float 3.0, so a list of
  // Python ints stacks as float64 here, where np.stack gives int64.
  if (value.every((item) => typeof item === "number")) {
    return Tensor.fromStorage(Float64Array.from(value), [value.length], "float64");
  }
  if (value.every((item) => typeof item === "boolean")) {
    return Tensor.fromStorage(Uint8Array.from(value, Number), [value.length], "bool");
  }
  if (!value.every((item) => item instanceof Tensor)) {
    throw new FileFormatError(file, `${where} should hold only arrays, only numbers or only bools`);
  }
  return stackTensors(value, where, file);
}

/**
 * Stacks equally shaped tensors along a new first dimension, copying their elements.
 *
 * @param tensors The tensors, at least one, all of one shape and dtype.
 * @param where What is being stacked, for error messages.
 * @param file Name of the file, for error messages.
 * @returns A new contiguous tensor of shape `[tensors.length, ...shape]`.
 * @throws {FileFormatError} If the tensors differ in shape or dtype.
 * @throws {TypeError} If `tensors` is not an array of tensors, or `where` or
 *   `file` is not a string.
 * @throws {RangeError} If `tensors` is empty.
 *
 * @example Usage
 * ```ts
 * import { stackTensors } from "./episodes.ts";
 * import { Tensor } from "./tensor.ts";
 * import assert from "node:assert/strict";
 *
 * const stacked = stackTensors([Tensor.from([1, 2]), Tensor.from([3, 4])], "rows", "x.npz");
 * assert.deepEqual(stacked.shape, [2, 2]);
 * ```
 */
export function stackTensors(tensors: readonly Tensor[], where: string, file: string): Tensor {
  assertNames(where, file, "stack tensors");
  if (!Array.isArray(tensors)) {
    throw new TypeError(
      `Cannot stack tensors ${
        describeArgument(tensors)
      } for ${where}: expected an array of tensors`,
    );
  }
  if (tensors.length === 0) {
    throw new RangeError(
      `Cannot stack tensors for ${where}: the array is empty; np.stack needs at least one array`,
    );
  }
  tensors.forEach((tensor, index) => {
    if (!(tensor instanceof Tensor)) {
      throw new TypeError(
        `Cannot stack tensors for ${where}: entry ${index} is ${
          describeArgument(tensor)
        }, not a Tensor`,
      );
    }
  });
  const [first] = tensors;
  const dtype: DType = first.dtype;
  const size = first.numel();
  const storage = allocateStorage(dtype, tensors.length * size);
  tensors.forEach((tensor, index) => {
    if (tensor.shape.join() !== first.shape.join()) {
      throw new FileFormatError(
        file,
        `${where}: all input arrays must have the same shape, entry ${index} is` +
          ` [${tensor.shape.join(", ")}] and entry 0 is [${first.shape.join(", ")}]`,
      );
    }
    if (tensor.dtype !== dtype) {
      // NOTE: np.stack would promote mixed dtypes (float32 and float64 to float64); the kit rejects them.
      throw new FileFormatError(
        file,
        `${where}: entry ${index} is ${tensor.dtype} and entry 0 is ${dtype}; the kit stacks one dtype only`,
      );
    }
    const contiguous = tensor.contiguous();
    const elements = contiguous.storage.subarray(contiguous.offset, contiguous.offset + size);
    storage.set(elements, index * size);
  });
  return Tensor.fromStorage(storage, [tensors.length, ...first.shape], dtype);
}

/**
 * Collects one batch of a frame entry across episodes, as the course's
 * `DataLoader(ConcatDataset(episodes), batch_size, shuffle=False)` does: the
 * samples of all episodes in order, cut into batches that may span episodes.
 *
 * @param episodes The loaded episodes.
 * @param key The frame entry, such as `location`.
 * @param batchIndex Which batch, from 0.
 * @param batchSize Samples per batch; the last batch may be smaller.
 * @returns The batch, of shape `[size, ...frame shape]`.
 * @throws {TypeError} If `episodes` is not what {@linkcode loadEpisodes}
 *   returns, `key` is not a string, or the batch index or size is not a number.
 * @throws {RangeError} If the batch index or size is out of range, or an
 *   episode lacks the entry.
 *
 * @example Usage
 * ```ts ignore
 * const batch = frameBatch(loaded, "location", 0, 32); // shape [32, 3]
 * ```
 */
export function frameBatch(
  episodes: EpisodeSet,
  key: string,
  batchIndex: number,
  batchSize: number,
): Tensor {
  if (
    typeof episodes !== "object" || episodes === null || !Array.isArray(episodes.episodes) ||
    typeof episodes.sampleCount !== "number" || typeof episodes.path !== "string"
  ) {
    throw new TypeError(
      `Cannot collect a batch from ${
        describeArgument(episodes)
      }: expected the episode set that loadEpisodes returns`,
    );
  }
  if (typeof key !== "string") {
    throw new TypeError(
      `Cannot collect a batch of frame entry ${
        describeArgument(key)
      }: expected a name such as "location"`,
    );
  }
  for (const [name, value] of [["batch index", batchIndex], ["batch size", batchSize]] as const) {
    if (typeof value !== "number") {
      throw new TypeError(`Invalid ${name} ${describeArgument(value)}: expected a number`);
    }
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`Invalid batch size ${batchSize}: expected a positive integer`);
  }
  const batchCount = Math.ceil(episodes.sampleCount / batchSize);
  if (!Number.isInteger(batchIndex) || batchIndex < 0 || batchIndex >= batchCount) {
    throw new RangeError(
      `Invalid batch index ${batchIndex}: ${episodes.sampleCount} samples make ${batchCount} batches of ${batchSize}`,
    );
  }

  const start = batchIndex * batchSize;
  const end = Math.min(start + batchSize, episodes.sampleCount);
  const rows: Tensor[] = [];
  let episodeStart = 0;
  for (const episode of episodes.episodes) {
    const entry = episode.frames[key];
    if (entry === undefined) {
      throw new RangeError(
        `Invalid frame entry '${key}': episode ${episode.name} has no such entry`,
      );
    }
    for (
      let sample = Math.max(start, episodeStart);
      sample < Math.min(end, episodeStart + episode.sampleCount);
      sample++
    ) {
      rows.push(frameAt(entry, sample - episodeStart));
    }
    episodeStart += episode.sampleCount;
  }
  return stackTensors(rows, `batch ${batchIndex} of frames['${key}']`, episodes.path);
}

function assertNames(where: unknown, file: unknown, action: string): void {
  for (const [name, value] of [["where", where], ["file", file]] as const) {
    if (typeof value !== "string") {
      throw new TypeError(
        `Cannot ${action} with ${name} ${describeArgument(value)}: expected a string, for messages`,
      );
    }
  }
}

/** Returns the sub-tensor at `index` along the first dimension, as a view. */
function frameAt(tensor: Tensor, index: number): Tensor {
  const [, ...rest] = tensor.shape;
  const [first, ...restStrides] = tensor.strides;
  return Tensor.fromStorage(
    tensor.storage,
    rest,
    tensor.dtype,
    restStrides,
    tensor.offset + index * first,
  );
}
