import assert from "node:assert/strict";
import { type EpisodeSet, frameBatch, loadEpisodes, stackFrames } from "./episodes.ts";
import { denoFileSystem, MemoryFileSystem } from "./file_system.ts";
import { Tensor } from "./tensor.ts";
import { VAL_FILES } from "../fixtures/drive_data/val_files.ts";
// Counts, shapes and values NumPy 1.24 read from the fixture, written by tools/make_drive_fixture.py.
import expected from "../fixtures/drive_data/expected.json" with { type: "json" };
import badCrc from "../fixtures/readers/bad_crc.npz" with { type: "bytes" };
import evilMember from "../fixtures/readers/evil_member.npz" with { type: "bytes" };
import stored from "../fixtures/readers/stored.npz" with { type: "bytes" };

const VAL = "/kit/fixtures/drive_data/val";

/**
 * Builds an in-memory file system with the fixture's files under VAL, plus any
 * extra files and folders.
 */
function fixtureFileSystem(
  extra: Record<string, Uint8Array> = {},
  emptyFolders: string[] = [],
): MemoryFileSystem {
  const files: Record<string, Uint8Array> = {};
  for (const [relative, bytes] of Object.entries(VAL_FILES)) files[`${VAL}/${relative}`] = bytes;
  return new MemoryFileSystem({ ...files, ...extra }, emptyFolders);
}

function loadFixture(): Promise<EpisodeSet> {
  return loadEpisodes(VAL, { fileSystem: fixtureFileSystem() });
}

function rowOf(tensor: Tensor | undefined, index: number): number[] {
  assert.ok(tensor !== undefined);
  return (tensor.toArray() as number[][])[index];
}

Deno.test("loadEpisodes counts episodes and samples", async () => {
  const loaded = await loadFixture();
  assert.equal(loaded.episodes.length, expected.episode_count);
  assert.equal(loaded.sampleCount, expected.sample_count);
  assert.deepEqual(
    loaded.episodes.map((
      episode,
    ) => [episode.name, episode.sampleCount, episode.imageFiles.length]),
    expected.episodes.map((episode) => [episode.name, episode.sample_count, episode.image_count]),
  );
});

Deno.test("loadEpisodes stacks frames with NumPy's shapes", async () => {
  const loaded = await loadFixture();
  loaded.episodes.forEach((episode, index) => {
    const numpy = expected.episodes[index];
    for (const part of ["track", "frames"] as const) {
      const described = Object.fromEntries(
        Object.entries(episode[part]).map((
          [key, tensor],
        ) => [key, { shape: tensor.shape, dtype: tensor.dtype }]),
      );
      assert.deepEqual(described, numpy[part], `${episode.name} ${part}`);
    }
  });
});

Deno.test("loadEpisodes reads the values NumPy wrote", async () => {
  const loaded = await loadFixture();
  loaded.episodes.forEach((episode, index) => {
    const values = expected.episodes[index].values;
    const frames = episode.frames;
    const last = episode.sampleCount - 1;
    assert.deepEqual(rowOf(frames.location, 0), values.location_first, episode.name);
    assert.deepEqual(rowOf(frames.location, last), values.location_last, episode.name);
    assert.deepEqual(rowOf(frames.velocity, 0), values.velocity_first, episode.name);
    assert.equal(
      frames.distance_down_track.get(last),
      values.distance_down_track_last,
      episode.name,
    );
    assert.deepEqual(
      (episode.track.path_nodes.toArray() as number[][][])[1],
      values.path_nodes_1,
      episode.name,
    );
    assert.equal(episode.track.path_width.get(0, 0), values.path_width_first, episode.name);
  });
});

Deno.test("loadEpisodes keeps the fixture's layouts", async () => {
  const loaded = await loadFixture();
  const byVariant = Object.fromEntries(
    expected.episodes.map((numpy, index) => [numpy.variant, loaded.episodes[index]]),
  );
  // zengarden_00 stores path_nodes in Fortran order: a view with column-major strides.
  assert.deepEqual(byVariant.fortran.track.path_nodes.strides, [1, 9, 18]);
  assert.deepEqual(byVariant.stored.track.path_nodes.strides, [6, 3, 1]);
  // hacienda_01 pickles distance_down_track as np.float32 scalars.
  assert.equal(byVariant.deflated.frames.distance_down_track.dtype, "float32");
});

Deno.test("loadEpisodes reads a single episode folder", async () => {
  const loaded = await loadEpisodes(`${VAL}/hacienda_01`, { fileSystem: fixtureFileSystem() });
  assert.deepEqual(loaded.episodes.map((episode) => episode.name), ["hacienda_01"]);
  assert.equal(loaded.sampleCount, expected.episodes[1].sample_count);
});

Deno.test("loadEpisodes rejects missing and empty folders", async () => {
  const fileSystem = fixtureFileSystem({}, ["/kit/empty"]);
  const cases: [string, RegExp][] = [
    ["/kit/missing", /^Cannot load episodes from \/kit\/missing: the folder does not exist/],
    ["/kit/empty", /^Cannot load episodes from \/kit\/empty: the folder is empty/],
    [
      `${VAL}/hacienda_01/info.npz`,
      /^Cannot load episodes from .*info\.npz: it is a file, not a folder/,
    ],
  ];
  for (const [folder, message] of cases) {
    await assert.rejects(loadEpisodes(folder, { fileSystem }), { name: "Error", message }, folder);
  }
});

Deno.test("loadEpisodes rejects an episode without info.npz", async () => {
  const fileSystem = fixtureFileSystem({ [`${VAL}/lost_episode/00000_im.jpg`]: new Uint8Array(4) });
  await assert.rejects(loadEpisodes(VAL, { fileSystem }), {
    name: "Error",
    message:
      /^Cannot load episode \/kit\/fixtures\/drive_data\/val\/lost_episode: info\.npz is missing/,
  });
});

Deno.test("loadEpisodes names the split folder when given its parent", async () => {
  // drive_data instead of drive_data/val: its one sub-folder, val, looks like
  // an episode without info.npz.
  const fileSystem = fixtureFileSystem();
  await assert.rejects(loadEpisodes("/kit/fixtures/drive_data", { fileSystem }), {
    name: "Error",
    message: "Cannot load episode /kit/fixtures/drive_data/val: info.npz is missing; " +
      "it contains folders (cornfield_crossing_04, hacienda_01, lighthouse_02, ...), " +
      "so it looks like a split folder: pass /kit/fixtures/drive_data/val itself",
  });
});

Deno.test("loadEpisodes rejects unreadable info.npz files", async () => {
  const file = `${VAL}/zz_broken/info.npz`;
  const cases: [Uint8Array, RegExp][] = [
    [badCrc, /member a\.npy is corrupt: its CRC-32 is/],
    [stored, /the member 'track' is missing/],
    [evilMember, /\(member frames\.npy\): the pickle names the global posix\.system/],
    [badCrc.subarray(0, 100), /not a zip archive, or a truncated one/],
  ];
  for (const [bytes, problem] of cases) {
    const fileSystem = fixtureFileSystem({ [file]: bytes });
    await assert.rejects(loadEpisodes(VAL, { fileSystem }), {
      name: "FileFormatError",
      message: new RegExp(`^Cannot read ${file.replaceAll(".", "\\.")}.*${problem.source}`),
    }, problem.source);
  }
});

Deno.test("stackFrames rejects unequal shapes", () => {
  const frames = [Tensor.from([1, 2, 3]), Tensor.from([1, 2])];
  assert.throws(() => stackFrames(frames, "frames['location']", "info.npz"), {
    name: "FileFormatError",
    message:
      /^Cannot read info\.npz: frames\['location'\]: all input arrays must have the same shape, entry 1 is \[2\]/,
  });
});

Deno.test("frameBatch collects samples across episodes", async () => {
  const loaded = await loadFixture();
  const batch = frameBatch(loaded, "location", 0, expected.batch.size);
  assert.deepEqual(batch.shape, expected.batch.location_shape);
  assert.deepEqual(rowOf(batch, 0), expected.batch.location_first);
  assert.deepEqual(rowOf(batch, expected.batch.size - 1), expected.batch.location_last);

  // 42 samples make a full batch and one of the remaining 10.
  const lastBatch = frameBatch(loaded, "location", expected.batch.count - 1, expected.batch.size);
  assert.deepEqual(lastBatch.shape, [expected.sample_count - expected.batch.size, 3]);
  assert.throws(() => frameBatch(loaded, "location", expected.batch.count, expected.batch.size), {
    name: "RangeError",
    message: /^Invalid batch index 2: 42 samples make 2 batches of 32/,
  });
});

const canRead = Deno.permissions.querySync({ name: "read" }).state === "granted";

Deno.test({
  name: "loadEpisodes reads the disk (needs --allow-read)",
  ignore: !canRead,
  async fn() {
    const folder = decodeURIComponent(
      new URL("../fixtures/drive_data/val", import.meta.url).pathname,
    );
    const loaded = await loadEpisodes(folder, { fileSystem: denoFileSystem });
    assert.equal(loaded.sampleCount, expected.sample_count);
    assert.deepEqual(
      loaded.episodes.map((episode) => episode.name),
      expected.episodes.map((e) => e.name),
    );
  },
});
