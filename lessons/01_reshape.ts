/**
 * Lesson 01: Reshaping tensors
 *
 * Follows the course notebook's reshape cell (In [9]): `arange(12)` reshaped to
 * 3x4, 2x2x3 and 3x-1, each a view of the same storage. Then a section of the
 * kit's own: why `-1` can be inferred only once, the strides of each view, and
 * a transpose that `view` cannot flatten but `reshape` can, by copying.
 *
 * Print it:  deno run lessons/01_reshape.ts
 * Check it:  deno test lessons/01_reshape.ts
 *
 * @module
 */

import assert from "node:assert/strict";
import { noArgumentsOrExit, Tensor, Transcript } from "../mod.ts";
import golden from "../fixtures/transcripts/01_reshape.txt" with { type: "text" };

/** Runs the lesson's steps in the notebook's order, printing as it goes, and returns what it computed. */
export function runLesson(transcript = new Transcript()) {
  // Create a 1D tensor with 12 elements
  const originalTensor = Tensor.arange(12);
  transcript.print("Original Tensor:");
  transcript.print(originalTensor.toString());

  // Reshape the tensor into a 2D tensor of shape (3, 4)
  const reshapedTensor = originalTensor.reshape(3, 4);
  transcript.print("\nReshaped Tensor (3x4):");
  transcript.print(reshapedTensor.toString());

  // Reshape the tensor into a 3D tensor of shape (2, 2, 3)
  const reshapedTensor3d = originalTensor.reshape(2, 2, 3);
  transcript.print("\nReshaped Tensor (2x2x3):");
  transcript.print(reshapedTensor3d.toString());

  // Demonstrating that the original tensor remains unchanged
  transcript.print("\nOriginal Tensor After Reshaping:");
  transcript.print(originalTensor.toString());

  // What does -1 mean in reshape?
  // The -1 in reshape allows PyTorch to automatically calculate the size of
  // that dimension based on the other dimensions and the total number of
  // elements. For example, if we want to reshape the original tensor into a
  // shape of (3, -1), PyTorch will automatically determine the second dimension size.
  const reshapedTensorAuto = originalTensor.reshape(3, -1);
  transcript.print("\nReshaped Tensor with -1 (3x-1):");
  transcript.print(reshapedTensorAuto.toString());

  // Beyond the notebook. With one -1, the other dimensions fix it: 12 divided
  // by their product. Every row count that divides 12 works.
  transcript.print("\nWhy -1 can be inferred only once:");
  const fits: Tensor[] = [];
  for (let rows = 1; rows <= 12; rows++) {
    try {
      fits.push(originalTensor.reshape(rows, -1));
    } catch (error) {
      // A row count that does not divide 12 leaves no whole size for the -1.
      if (!(error instanceof RangeError)) throw error;
    }
  }
  const fitShapes = fits.map((tensor) => `[${tensor.shape.join(", ")}]`).join(", ");
  transcript.print(`reshape(rows, -1) fits 12 elements as ${fitShapes}`);

  // With two -1s, every one of those shapes fits, so no single shape is implied.
  const twoInferredError = throwsRangeError(() => originalTensor.reshape(-1, -1));
  transcript.print("so reshape(-1, -1) has no single answer, and it throws:");
  transcript.print(twoInferredError?.message);

  // A view reads the storage through strides: element [i, j] of
  // reshapedTensor is storage[offset + 4 * i + 1 * j]. All four tensors read
  // the same 12 numbers, only through different strides.
  transcript.print("\nStrides: storage elements skipped by one step along each dimension");
  const views = { originalTensor, reshapedTensor, reshapedTensor3d, reshapedTensorAuto };
  for (const [name, tensor] of Object.entries(views)) {
    const shape = `[${tensor.shape.join(", ")}]`;
    transcript.print(
      `${name.padEnd(19)} shape ${shape.padEnd(10)} strides [${tensor.strides.join(", ")}]`,
    );
  }

  // Transposing swaps the strides instead of moving elements, so reading the
  // transposed rows in order jumps around the storage.
  transcript.print("\nTranspose swaps the strides, so the rows are no longer contiguous:");
  const transposed = reshapedTensor.transpose(0, 1);
  transcript.print(transposed.toString());
  transcript.print(
    `shape [${transposed.shape.join(", ")}], strides [${transposed.strides.join(", ")}], ` +
      `contiguous: ${transposed.isContiguous()}`,
  );

  // A flat view of the transpose would need one stride that steps 0, 4, 8, 1,
  // 5, ... through the storage. No single stride does, so view refuses.
  transcript.print("\ntransposed.view(12) throws:");
  const viewError = throwsRangeError(() => transposed.view(12));
  transcript.print(viewError?.message);

  // reshape falls back to a copy in logical order, as PyTorch's does.
  transcript.print(
    "\ntransposed.reshape(12) copies the elements into new storage, in logical order:",
  );
  const flat = transposed.reshape(12);
  transcript.print(flat.toString());
  const sharesStorage = flat.storage === originalTensor.storage;
  transcript.print(
    `strides [${flat.strides.join(", ")}], shares storage with originalTensor: ${sharesStorage}`,
  );

  return {
    transcript,
    originalTensor,
    reshapedTensor,
    reshapedTensor3d,
    reshapedTensorAuto,
    fits,
    twoInferredError,
    transposed,
    viewError,
    flat,
  };
}

/** Runs `action` and returns the RangeError it throws, or `undefined` if it returns; other errors propagate. */
function throwsRangeError(action: () => unknown): RangeError | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof RangeError) return error;
    throw error;
  }
  return undefined;
}

if (import.meta.main) {
  noArgumentsOrExit(Deno.args, "lessons/01_reshape.ts");
  Deno.stdout.writeSync(new TextEncoder().encode(runLesson().transcript.toString()));
}

// Tensor texts printed by the notebook's In [9].
const NOTEBOOK_ORIGINAL = "tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11])";
const NOTEBOOK_3X4 = "tensor([[ 0,  1,  2,  3],\n" +
  "        [ 4,  5,  6,  7],\n" +
  "        [ 8,  9, 10, 11]])";
const NOTEBOOK_2X2X3 = "tensor([[[ 0,  1,  2],\n" +
  "         [ 3,  4,  5]],\n" +
  "\n" +
  "        [[ 6,  7,  8],\n" +
  "         [ 9, 10, 11]]])";

/** Builds nested arrays of `shape` whose entries are their row-major positions, as arange(n).reshape(shape). */
function rowMajorPositions(shape: number[], start = 0): unknown {
  if (shape.length === 0) return start;
  const [size, ...rest] = shape;
  const block = rest.reduce((product, dimension) => product * dimension, 1);
  return Array.from({ length: size }, (_, i) => rowMajorPositions(rest, start + i * block));
}

Deno.test("lesson 01 prints the notebook's transcript", () => {
  // The golden file contains In [9]'s printed lines as the notebook shows them,
  // then the kit's section as tools/expected/lesson_01_transcript.py prints it with PyTorch 1.13.1.
  assert.equal(runLesson().transcript.toString(), golden);
});

Deno.test("lesson 01 reshapes as the notebook did", async (t) => {
  const lesson = runLesson();

  await t.step("each printed tensor's text", () => {
    assert.equal(lesson.originalTensor.toString(), NOTEBOOK_ORIGINAL);
    assert.equal(lesson.reshapedTensor.toString(), NOTEBOOK_3X4);
    assert.equal(lesson.reshapedTensor3d.toString(), NOTEBOOK_2X2X3);
    assert.equal(lesson.reshapedTensorAuto.toString(), NOTEBOOK_3X4);
  });

  await t.step("shapes, with -1 inferred as 4", () => {
    assert.deepEqual(lesson.originalTensor.shape, [12]);
    assert.deepEqual(lesson.reshapedTensor.shape, [3, 4]);
    assert.deepEqual(lesson.reshapedTensor3d.shape, [2, 2, 3]);
    assert.deepEqual(lesson.reshapedTensorAuto.shape, [3, 4]);
  });

  await t.step("contents in row-major order", () => {
    assert.deepEqual(lesson.reshapedTensor.toArray(), rowMajorPositions([3, 4]));
    assert.deepEqual(lesson.reshapedTensor3d.toArray(), rowMajorPositions([2, 2, 3]));
    assert.deepEqual(lesson.reshapedTensorAuto.toArray(), rowMajorPositions([3, 4]));
    assert.equal(lesson.reshapedTensor3d.dtype, "int64");
  });

  await t.step("the original is unchanged", () => {
    assert.deepEqual(lesson.originalTensor.toArray(), rowMajorPositions([12]));
    assert.deepEqual(lesson.originalTensor.shape, [12]);
    assert.deepEqual(lesson.originalTensor.strides, [1]);
  });

  await t.step("the reshapes are views of one storage", () => {
    const { originalTensor, reshapedTensor, reshapedTensor3d, reshapedTensorAuto } = lesson;
    for (const view of [reshapedTensor, reshapedTensor3d, reshapedTensorAuto]) {
      assert.equal(view.storage, originalTensor.storage);
    }

    // Element 6 of the flat tensor is [1, 2] in 3x4 and [1, 0, 0] in 2x2x3.
    reshapedTensor.set([1, 2], 100);
    assert.equal(originalTensor.get(6), 100);
    assert.equal(reshapedTensor3d.get(1, 0, 0), 100);
    assert.equal(reshapedTensorAuto.get(1, 2), 100);

    originalTensor.set([11], -1);
    assert.equal(reshapedTensor.get(2, 3), -1);
    assert.equal(reshapedTensor3d.get(1, 1, 2), -1);
  });
});

Deno.test("lesson 01 explains views and copies", async (t) => {
  const lesson = runLesson();

  await t.step("-1 is inferred only once", () => {
    // Each shape [rows, 12 / rows] for the divisors of 12.
    const divisors = [1, 2, 3, 4, 6, 12];
    assert.deepEqual(
      lesson.fits.map((tensor) => tensor.shape),
      divisors.map((rows) => [rows, 12 / rows]),
    );
    // PyTorch 1.13.1: "only one dimension can be inferred".
    assert.match(
      lesson.twoInferredError?.message ?? "",
      /^Cannot reshape to \[-1, -1\]: only one dimension can be inferred/,
    );
  });

  await t.step("strides of each view", () => {
    // Tensor.stride() of the same tensors in PyTorch 1.13.1.
    assert.deepEqual(lesson.originalTensor.strides, [1]);
    assert.deepEqual(lesson.reshapedTensor.strides, [4, 1]);
    assert.deepEqual(lesson.reshapedTensor3d.strides, [6, 3, 1]);
    assert.deepEqual(lesson.reshapedTensorAuto.strides, [4, 1]);
  });

  await t.step("transpose swaps strides without copying", () => {
    const { transposed, originalTensor } = lesson;
    assert.deepEqual(transposed.shape, [4, 3]);
    assert.deepEqual(transposed.strides, [1, 4]);
    assert.equal(transposed.isContiguous(), false);
    assert.equal(transposed.storage, originalTensor.storage);
    assert.deepEqual(transposed.toArray(), [[0, 4, 8], [1, 5, 9], [2, 6, 10], [3, 7, 11]]);
  });

  await t.step("view of the transpose fails", () => {
    // RuntimeError message of transposed.view(12) in PyTorch 1.13.1, without its final period.
    const pytorch =
      "view size is not compatible with input tensor's size and stride (at least one " +
      "dimension spans across two contiguous subspaces). Use .reshape(...) instead";
    assert.ok(lesson.viewError instanceof RangeError);
    assert.ok(lesson.viewError.message.endsWith(`: ${pytorch}`), lesson.viewError.message);
  });

  await t.step("reshape of the transpose copies", () => {
    const { flat, originalTensor } = lesson;
    // transposed.reshape(12).tolist() in PyTorch 1.13.1.
    assert.deepEqual(flat.toArray(), [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
    assert.notEqual(flat.storage, originalTensor.storage);
    flat.set([1], 400);
    assert.equal(originalTensor.get(4), 4);
  });
});
