/**
 * A seeded fuzzer for the file readers: it flips, truncates, overwrites and
 * splices bytes of the fixture `.npy`, `.npz` and pickle files, and checks
 * that every outcome is a well-formed result or the kit's own error.
 *
 * Allowed errors are `FileFormatError`, and the `RangeError` that the readers
 * document for an integer beyond ±(2^53 - 1). Anything else (a `TypeError`
 * from reading `undefined`, a `RangeError` from a `DataView` or a typed array
 * out of bounds, an allocation failure) fails the test with its seed.
 *
 * To catch a read past the buffer, each input is read twice: once as an exact
 * copy, and once as a window into a larger buffer whose bytes around the window
 * are filled with 0xA5. A reader that stays inside its `Uint8Array` gives the
 * same outcome for both.
 */
import assert from "node:assert/strict";
import { FileFormatError } from "./file_format_error.ts";
import { readNpy } from "./npy.ts";
import { readNpz } from "./npz.ts";
import { ObjectArray } from "./numpy_array.ts";
import { unpickle } from "./pickle.ts";
import { createRandom, type Random } from "./random_graph.ts";
import { Tensor } from "./tensor.ts";
import { readZip } from "./zip.ts";
import goodF8 from "../fixtures/readers/good_f8.npy" with { type: "bytes" };
import fortranF8 from "../fixtures/readers/fortran_f8.npy" with { type: "bytes" };
import f2Big from "../fixtures/readers/f2_big.npy" with { type: "bytes" };
import i8Little from "../fixtures/readers/i8_little.npy" with { type: "bytes" };
import u4Big from "../fixtures/readers/u4_big.npy" with { type: "bytes" };
import b1Byte from "../fixtures/readers/b1_byte.npy" with { type: "bytes" };
import scalarF8 from "../fixtures/readers/scalar_f8.npy" with { type: "bytes" };
import emptyF4 from "../fixtures/readers/empty_f4.npy" with { type: "bytes" };
import version2 from "../fixtures/readers/version_2.npy" with { type: "bytes" };
import version3 from "../fixtures/readers/version_3.npy" with { type: "bytes" };
import objectDict from "../fixtures/readers/object_dict.npy" with { type: "bytes" };
import stored from "../fixtures/readers/stored.npz" with { type: "bytes" };
import deflated from "../fixtures/readers/deflated.npz" with { type: "bytes" };
import protocol2 from "../fixtures/readers/sample_protocol_2.pkl" with { type: "bytes" };
import protocol3 from "../fixtures/readers/sample_protocol_3.pkl" with { type: "bytes" };
import protocol4 from "../fixtures/readers/sample_protocol_4.pkl" with { type: "bytes" };
import protocol5 from "../fixtures/readers/sample_protocol_5.pkl" with { type: "bytes" };

// Mutated inputs per fixture file; about 2,000 in all.
const ROUNDS_PER_FILE = 110;
// Fill byte of the buffer around a windowed input, so any read past the window returns it.
const POISON = 0xa5;
// Bytes of poison on each side of the window.
const MARGIN = 64;

const NPY_FILES: [string, Uint8Array][] = [
  ["good_f8.npy", goodF8],
  ["fortran_f8.npy", fortranF8],
  ["f2_big.npy", f2Big],
  ["i8_little.npy", i8Little],
  ["u4_big.npy", u4Big],
  ["b1_byte.npy", b1Byte],
  ["scalar_f8.npy", scalarF8],
  ["empty_f4.npy", emptyF4],
  ["version_2.npy", version2],
  ["version_3.npy", version3],
  ["object_dict.npy", objectDict],
];
const NPZ_FILES: [string, Uint8Array][] = [["stored.npz", stored], ["deflated.npz", deflated]];
const PICKLE_FILES: [string, Uint8Array][] = [
  ["sample_protocol_2.pkl", protocol2],
  ["sample_protocol_3.pkl", protocol3],
  ["sample_protocol_4.pkl", protocol4],
  ["sample_protocol_5.pkl", protocol5],
];

/** Returns a mutated copy of `bytes` and a description of the mutation. */
function mutate(random: Random, bytes: Uint8Array, donor: Uint8Array): [Uint8Array, string] {
  const at = (length: number) => Math.floor(random() * Math.max(length, 1));
  const kind = Math.floor(random() * 6);
  const copy = bytes.slice();
  switch (kind) {
    case 0: { // flip one to four bits
      const flips = 1 + at(4);
      const positions: number[] = [];
      for (let i = 0; i < flips; i++) {
        const position = at(copy.length);
        copy[position] ^= 1 << at(8);
        positions.push(position);
      }
      return [copy, `flip bits at ${positions.join(", ")}`];
    }
    case 1: { // truncate
      const length = at(bytes.length);
      return [bytes.slice(0, length), `truncate to ${length} bytes`];
    }
    case 2: { // overwrite a byte with an extreme value, where lengths and counts live
      const position = at(copy.length);
      const value = [0x00, 0xff, 0x7f, 0x80][at(4)];
      copy[position] = value;
      return [copy, `set byte ${position} to ${value}`];
    }
    case 3: { // splice in a chunk of another fixture
      const position = at(copy.length);
      const start = at(donor.length);
      const chunk = donor.subarray(start, start + 1 + at(32));
      const spliced = new Uint8Array([
        ...copy.subarray(0, position),
        ...chunk,
        ...copy.subarray(position),
      ]);
      return [spliced, `insert ${chunk.length} bytes of another file at ${position}`];
    }
    case 4: { // delete a chunk
      const position = at(copy.length);
      const length = 1 + at(16);
      const cut = new Uint8Array([
        ...copy.subarray(0, position),
        ...copy.subarray(position + length),
      ]);
      return [cut, `delete ${length} bytes at ${position}`];
    }
    default: { // duplicate a chunk of the file itself
      const position = at(copy.length);
      const start = at(copy.length);
      const chunk = copy.slice(start, start + 1 + at(24));
      const doubled = new Uint8Array([
        ...copy.subarray(0, position),
        ...chunk,
        ...copy.subarray(position),
      ]);
      return [doubled, `repeat ${chunk.length} bytes of itself at ${position}`];
    }
  }
}

/** Puts bytes in the middle of a larger buffer filled with poison. */
function windowed(bytes: Uint8Array): Uint8Array {
  const buffer = new Uint8Array(bytes.length + 2 * MARGIN).fill(POISON);
  buffer.set(bytes, MARGIN);
  return buffer.subarray(MARGIN, MARGIN + bytes.length);
}

/** Checks that a tensor's shape, strides and offset stay inside its storage. */
function assertWellFormedTensor(tensor: Tensor, what: string): void {
  const count = tensor.shape.reduce((product, dimension) => product * dimension, 1);
  assert.equal(tensor.numel(), count, what);
  if (count === 0) return;
  let last = tensor.offset;
  tensor.shape.forEach((size, d) => last += (size - 1) * tensor.strides[d]);
  assert.ok(last < tensor.storage.length, `${what}: addresses ${last} of ${tensor.storage.length}`);
  tensor.toArray();
}

function assertWellFormed(value: unknown, what: string): void {
  if (value instanceof Tensor) assertWellFormedTensor(value, what);
  else if (value instanceof ObjectArray) {
    const count = value.shape.reduce((product, dimension) => product * dimension, 1);
    assert.equal(value.items.length, count, what);
  } else if (value instanceof Map) {
    for (const [name, item] of value) assertWellFormed(item, `${what}, ${String(name)}`);
  }
}

/** What a reader did with an input: a result, or the class and message of its error. */
type Outcome = { result: unknown } | { error: unknown };

function isKitError(error: unknown): boolean {
  if (error instanceof FileFormatError) return true;
  // The documented RangeError for integers that a JavaScript number cannot hold exactly.
  return error instanceof RangeError && /2\^53/.test(error.message);
}

function describeOutcome(outcome: Outcome): string {
  if ("result" in outcome) return "a result";
  const error = outcome.error;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function run(read: (bytes: Uint8Array) => unknown, bytes: Uint8Array): Promise<Outcome> {
  try {
    return { result: await read(bytes) };
  } catch (error) {
    return { error };
  }
}

/** Fuzzes one reader over its fixture files; returns every unexpected outcome, described. */
async function fuzz(
  files: [string, Uint8Array][],
  read: (bytes: Uint8Array, file: string) => unknown,
  seedBase: number,
): Promise<string[]> {
  const problems: string[] = [];
  for (let f = 0; f < files.length; f++) {
    const [file, original] = files[f];
    const donor = files[(f + 1) % files.length][1];
    for (let round = 0; round < ROUNDS_PER_FILE; round++) {
      const seed = seedBase + f * 1000 + round;
      const [bytes, mutation] = mutate(createRandom(seed), original, donor);
      const what = `${file}, seed ${seed} (${mutation})`;
      const exact = await run((b) => read(b, file), bytes);
      const inWindow = await run((b) => read(b, file), windowed(bytes));

      if ("error" in exact && !isKitError(exact.error)) {
        problems.push(`${what}: ${describeOutcome(exact)}`);
        continue;
      }
      if (describeOutcome(exact) !== describeOutcome(inWindow)) {
        problems.push(
          `${what}: read past its bytes: ${describeOutcome(exact)} alone, ` +
            `${describeOutcome(inWindow)} inside a larger buffer`,
        );
        continue;
      }
      if ("result" in exact) {
        try {
          assertWellFormed(exact.result, what);
        } catch (error) {
          problems.push(`${what}: malformed result: ${error}`);
        }
      }
    }
  }
  return problems;
}

function report(problems: string[]): void {
  assert.equal(
    problems.length,
    0,
    `${problems.length} unexpected outcomes, the first ones:\n${problems.slice(0, 12).join("\n")}`,
  );
}

Deno.test("readNpy survives mutated files", async () => {
  const read = (bytes: Uint8Array, file: string) => readNpy(bytes, file, { allowPickle: true });
  report(await fuzz(NPY_FILES, read, 100_000));
});

Deno.test("readNpz survives mutated archives", async () => {
  const read = (bytes: Uint8Array, file: string) => readNpz(bytes, file, { allowPickle: true });
  report(await fuzz(NPZ_FILES, read, 200_000));
});

Deno.test("readZip survives mutated archives", async () => {
  report(await fuzz(NPZ_FILES, readZip, 300_000));
});

Deno.test("unpickle survives mutated pickles", async () => {
  report(await fuzz(PICKLE_FILES, unpickle, 400_000));
});

Deno.test("unmutated fixtures read without error", async () => {
  // A fuzzer whose inputs all raise errors would pass vacuously, so the originals must read.
  for (const [file, bytes] of NPY_FILES) {
    assertWellFormed(readNpy(bytes, file, { allowPickle: true }), file);
  }
  for (const [file, bytes] of NPZ_FILES) assertWellFormed(await readNpz(bytes, file), file);
  for (const [file, bytes] of PICKLE_FILES) unpickle(bytes, file);
});
