import assert from "node:assert/strict";
import { crc32 } from "./crc32.ts";
import { readNpz } from "./npz.ts";
import { Tensor } from "./tensor.ts";
import { readZip } from "./zip.ts";
import { flatValues, KIT_DTYPE_OF_NUMPY, type NdarrayDescription } from "./numpy_test_helpers.ts";
// What NumPy 1.24 read from each archive, written by tools/make_reader_fixtures.py.
import expected from "../fixtures/readers/expected.json" with { type: "json" };
import stored from "../fixtures/readers/stored.npz" with { type: "bytes" };
import deflated from "../fixtures/readers/deflated.npz" with { type: "bytes" };
import truncated from "../fixtures/readers/truncated.npz" with { type: "bytes" };
import notAZip from "../fixtures/readers/not_a_zip.npz" with { type: "bytes" };
import corruptDirectory from "../fixtures/readers/corrupt_directory.npz" with { type: "bytes" };
import badCrc from "../fixtures/readers/bad_crc.npz" with { type: "bytes" };
import evilMember from "../fixtures/readers/evil_member.npz" with { type: "bytes" };

const EXPECTED = expected as unknown as Record<string, Record<string, NdarrayDescription>>;

Deno.test("crc32 matches zlib", () => {
  // zlib.crc32 in CPython 3.11.
  const cases: [string, number][] = [
    ["", 0x00000000],
    ["a", 0xe8b7be43],
    ["123456789", 0xcbf43926],
    ["The quick brown fox jumps over the lazy dog", 0x414fa339],
  ];
  for (const [text, checksum] of cases) {
    assert.equal(crc32(new TextEncoder().encode(text)), checksum, text);
  }
});

Deno.test("readNpz reads stored and deflated archives", async () => {
  for (const [file, bytes] of [["stored.npz", stored], ["deflated.npz", deflated]] as const) {
    const arrays = await readNpz(bytes, file);
    assert.deepEqual([...arrays.keys()], Object.keys(EXPECTED[file]), file);
    for (const [name, numpy] of Object.entries(EXPECTED[file])) {
      const array = arrays.get(name);
      assert.ok(array instanceof Tensor, `${file}: ${name}`);
      assert.equal(array.dtype, KIT_DTYPE_OF_NUMPY[numpy.dtype], `${file}: ${name}`);
      assert.deepEqual(array.shape, numpy.shape, `${file}: ${name}`);
      assert.deepEqual(flatValues(array), numpy.values, `${file}: ${name}`);
    }
  }
});

Deno.test("readZip returns the same bytes both ways", async () => {
  const fromStored = await readZip(stored, "stored.npz");
  const fromDeflated = await readZip(deflated, "deflated.npz");
  assert.deepEqual([...fromStored.keys()], ["a.npy", "b.npy", "c.npy"]);
  assert.deepEqual(fromDeflated, fromStored);
});

Deno.test("readNpz rejects broken archives", async () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ["truncated.npz", truncated, /not a zip archive, or a truncated one/],
    ["not_a_zip.npz", notAZip, /not a zip archive, or a truncated one/],
    [
      "corrupt_directory.npz",
      corruptDirectory,
      /the archive is corrupt: central directory entry 2 at offset \d+ is invalid/,
    ],
    [
      "bad_crc.npz",
      badCrc,
      /member a\.npy is corrupt: its CRC-32 is 0x[0-9a-f]{8}, the archive records 0x[0-9a-f]{8}/,
    ],
  ];
  for (const [file, bytes, problem] of cases) {
    await assert.rejects(readNpz(bytes, file), {
      name: "FileFormatError",
      message: new RegExp(`^Cannot read ${file.replace(".", "\\.")}: ${problem.source}`),
    }, file);
  }
});

Deno.test("readNpz rejects corrupt deflate data", async () => {
  const corrupt = deflated.slice();
  // The first member's compressed data starts after its 30-byte local header,
  // its 5-byte name and its 20-byte Zip64 extra field.
  corrupt.fill(0xff, 55, 75);
  await assert.rejects(readNpz(corrupt, "deflated.npz"), {
    name: "FileFormatError",
    message: /^Cannot read deflated\.npz: member a\.npy contains corrupt deflate data$/,
  });
});

Deno.test("readNpz checks member offsets against the file", async () => {
  const moved = stored.slice();
  const view = new DataView(moved.buffer);
  const directory = new TextDecoder("latin1").decode(moved).lastIndexOf("PK\x01\x02");
  view.setUint32(directory + 42, moved.length - 10, true);
  await assert.rejects(readNpz(moved, "moved.npz"), {
    name: "FileFormatError",
    message:
      /^Cannot read moved\.npz: the archive is corrupt: the local header of member c\.npy at offset \d+ is invalid/,
  });
});

Deno.test("readNpz names the member in errors", async () => {
  await assert.rejects(readNpz(evilMember, "evil_member.npz", { allowPickle: true }), {
    name: "FileFormatError",
    message:
      /^Cannot read evil_member\.npz \(member frames\.npy\): the pickle names the global posix\.system/,
  });
});
