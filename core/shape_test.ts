import assert from "node:assert/strict";
import {
  assertShape,
  contiguousStrides,
  formatShape,
  inferShape,
  isContiguousLayout,
  shapeSize,
  viewStrides,
  wrapDimension,
} from "./shape.ts";

Deno.test("formatShape writes brackets and commas", () => {
  assert.equal(formatShape([]), "[]");
  assert.equal(formatShape([12]), "[12]");
  assert.equal(formatShape([5, -1]), "[5, -1]");
});

Deno.test("shapeSize multiplies dimensions", () => {
  assert.equal(shapeSize([]), 1);
  assert.equal(shapeSize([2, 3, 4]), 24);
  assert.equal(shapeSize([3, 0, 2]), 0);
});

Deno.test("assertShape rejects bad dimensions", () => {
  assertShape([], "Cannot create tensor");
  assertShape([0, 3], "Cannot create tensor");
  assert.throws(() => assertShape([3, -4], "Cannot create tensor"), {
    name: "RangeError",
    message: "Cannot create tensor with shape [3, -4]: invalid shape dimension -4",
  });
  assert.throws(() => assertShape([2.5], "Cannot create tensor"), {
    name: "TypeError",
    message: "Cannot create tensor with shape [2.5]: dimension 2.5 at position 0 is not an integer",
  });
  assert.throws(() => assertShape("3" as unknown as number[], "Cannot create tensor"), {
    name: "TypeError",
    message: /expected the shape as an array of integers, got "3"/,
  });
});

// Expected strides printed by PyTorch 1.13.1: torch.zeros(shape).stride().
Deno.test("contiguousStrides match PyTorch", () => {
  const cases: [number[], number[]][] = [
    [[], []],
    [[1], [1]],
    [[2, 1, 3], [3, 3, 1]],
    [[0, 3], [3, 1]],
    [[3, 0, 2], [2, 2, 1]],
    [[2, 3, 4], [12, 4, 1]],
  ];
  for (const [shape, expected] of cases) {
    assert.deepEqual(contiguousStrides(shape), expected, `shape ${formatShape(shape)}`);
  }
});

// Expected by PyTorch 1.13.1's Tensor.is_contiguous() on the same layouts.
Deno.test("isContiguousLayout follows PyTorch's rules", () => {
  const cases: [number[], number[], boolean][] = [
    [[3, 4], [4, 1], true],
    [[4, 3], [1, 4], false], // torch.arange(12).view(3, 4).t()
    [[12, 1], [1, 12], true], // torch.arange(12).view(1, 12).t(): size-1 strides do not count
    [[1, 2, 12], [12, 12, 1], true], // torch.arange(24).view(2, 1, 12).transpose(0, 1)
    [[4, 2, 3], [1, 12, 4], false], // torch.arange(24).view(2, 3, 4).permute(2, 0, 1)
    [[0, 3], [7, 7], true], // an empty tensor is contiguous
    [[], [], true],
  ];
  for (const [shape, strides, expected] of cases) {
    assert.equal(
      isContiguousLayout(shape, strides),
      expected,
      `${formatShape(shape)} ${formatShape(strides)}`,
    );
  }
});

Deno.test("inferShape infers a single -1", () => {
  assert.deepEqual(inferShape([3, -1], 12), [3, 4]);
  assert.deepEqual(inferShape([-1], 12), [12]);
  assert.deepEqual(inferShape([-1, 2, 2], 12), [3, 2, 2]);
  assert.deepEqual(inferShape([3, 4], 12), [3, 4]);
  assert.deepEqual(inferShape([], 1), []);
  // torch.zeros(0, 3).reshape(-1) has shape [0] in PyTorch 1.13.1.
  assert.deepEqual(inferShape([-1], 0), [0]);
  assert.deepEqual(inferShape([3, -1], 0), [3, 0]);
});

// PyTorch 1.13.1 raises "shape '[5, -1]' is invalid for input of size 12", and the kit adds why.
Deno.test("inferShape rejects a shape that does not fit", () => {
  assert.throws(() => inferShape([5, -1], 12), {
    name: "RangeError",
    message: "Shape [5, -1] is invalid for input of size 12: " +
      "the other dimensions multiply to 5, which does not divide 12",
  });
  assert.throws(() => inferShape([5, 3], 12), {
    name: "RangeError",
    message: "Shape [5, 3] is invalid for input of size 12: its dimensions multiply to 15",
  });
  assert.throws(() => inferShape([0, -1], 12), {
    name: "RangeError",
    message: /^Shape \[0, -1\] is invalid for input of size 12/,
  });
});

Deno.test("inferShape rejects two -1s", () => {
  assert.throws(() => inferShape([-1, -1], 12), {
    name: "RangeError",
    message: /^Cannot reshape to \[-1, -1\]: only one dimension can be inferred/,
  });
});

Deno.test("inferShape rejects negative dimensions", () => {
  assert.throws(() => inferShape([-2, 6], 12), {
    name: "RangeError",
    message: /^Cannot reshape to \[-2, 6\]: invalid shape dimension -2/,
  });
});

Deno.test("inferShape rejects non-integer dimensions", () => {
  assert.throws(() => inferShape([2.5, 6], 12), {
    name: "TypeError",
    message: "Cannot reshape to [2.5, 6]: dimension 2.5 at position 0 is not an integer",
  });
  assert.throws(() => inferShape([NaN], 12), {
    name: "TypeError",
    message: /dimension NaN at position 0 is not an integer/,
  });
});

Deno.test("inferShape rejects an ambiguous -1", () => {
  // PyTorch 1.13.1: torch.zeros(0).reshape(0, -1).
  assert.throws(() => inferShape([0, -1], 0), {
    name: "RangeError",
    message: "Cannot reshape tensor of 0 elements into shape [0, -1] because the " +
      "unspecified dimension size -1 can be any value and is ambiguous",
  });
});

// Expected strides printed by PyTorch 1.13.1: tensor.view(*new_shape).stride(), or a
// RuntimeError ("view size is not compatible ...") where the expectation is undefined.
Deno.test("viewStrides matches PyTorch's view", () => {
  const cases: [number[], number[], number[], number[] | undefined][] = [
    [[24], [1], [2, 3, 4], [12, 4, 1]],
    [[24], [1], [4, 6], [6, 1]],
    [[2, 3, 4], [12, 4, 1], [6, 4], [4, 1]],
    [[2, 3, 4], [12, 4, 1], [2, 12], [12, 1]],
    [[3, 2, 4], [4, 12, 1], [3, 8], undefined], // view(2, 3, 4).transpose(0, 1)
    [[3, 2, 4], [4, 12, 1], [6, 4], undefined],
    [[2, 4, 3], [12, 1, 4], [2, 12], undefined], // view(2, 3, 4).transpose(1, 2)
    [[2, 4, 3], [12, 1, 4], [8, 3], undefined],
    [[2, 4, 3], [12, 1, 4], [2, 4, 3, 1], [12, 1, 4, 4]],
    [[4, 3], [1, 4], [12], undefined], // view(3, 4).t()
    [[12, 1], [1, 12], [3, 4], [4, 1]], // view(1, 12).t()
    [[2, 1, 3], [3, 3, 1], [6], [1]],
    [[1, 2, 3], [3, 3, 1], [6], [1]], // view(2, 1, 3).transpose(0, 1)
    [[4, 3], [1, 4], [2, 2, 3], [2, 1, 4]],
    [[4, 3], [1, 4], [4, 3, 1], [1, 4, 4]],
    [[4, 2, 3], [1, 12, 4], [4, 6], [1, 4]], // view(2, 3, 4).permute(2, 0, 1)
    [[], [], [1, 1], [1, 1]], // torch.tensor(5).view(1, 1)
    [[0, 3], [3, 1], [3, 0], [1, 1]],
    [[0, 3], [3, 1], [0, 3], [3, 1]],
  ];
  for (const [shape, strides, newShape, expected] of cases) {
    assert.deepEqual(
      viewStrides(shape, strides, newShape),
      expected,
      `${formatShape(shape)} ${formatShape(strides)} as ${formatShape(newShape)}`,
    );
  }
});

Deno.test("wrapDimension counts negatives from the end", () => {
  assert.equal(wrapDimension(0, 2), 0);
  assert.equal(wrapDimension(-1, 2), 1);
  assert.equal(wrapDimension(-2, 2), 0);
  // A 0-d tensor accepts 0 and -1, as torch.tensor(5).transpose(0, -1) does.
  assert.equal(wrapDimension(-1, 0), 0);
});

// PyTorch 1.13.1: torch.arange(12).reshape(3, 4).transpose(0, 2) raises this IndexError.
Deno.test("wrapDimension rejects dimensions out of range", () => {
  assert.throws(() => wrapDimension(2, 2), {
    name: "RangeError",
    message: "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
  });
  assert.throws(() => wrapDimension(-3, 2), {
    name: "RangeError",
    message: "Dimension out of range (expected to be in range of [-2, 1], but got -3)",
  });
  assert.throws(() => wrapDimension(0.5, 2), {
    name: "TypeError",
    message: "Invalid dimension 0.5: expected an integer",
  });
});
