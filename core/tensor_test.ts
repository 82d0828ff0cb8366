import assert from "node:assert/strict";
import { Tensor } from "./tensor.ts";

// Unless a comment names another source, expected shapes, strides, values and
// messages below were printed by PyTorch 1.13.1 for the same operations.

Deno.test("Tensor.fromStorage wraps without copying", () => {
  const storage = new Float32Array([1, 2, 3, 4, 5, 6]);
  const tensor = Tensor.fromStorage(storage, [2, 3], "float32");
  assert.equal(tensor.storage, storage);
  assert.deepEqual(tensor.strides, [3, 1]);
  assert.equal(tensor.offset, 0);
  storage[4] = 50;
  assert.equal(tensor.get(1, 1), 50);
});

Deno.test("Tensor.fromStorage reads strides and offset", () => {
  // torch.arange(9).reshape(3, 3)[1:, ::2]: offset 3, strides [3, 2].
  const storage = new Float64Array([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  const tensor = Tensor.fromStorage(storage, [2, 2], "int64", [3, 2], 3);
  assert.deepEqual(tensor.toArray(), [[3, 5], [6, 8]]);
  assert.equal(tensor.isContiguous(), false);
});

Deno.test("Tensor.fromStorage accepts every dtype", () => {
  const storages = {
    float64: new Float64Array([1.5]),
    float32: new Float32Array([1.5]),
    int64: new Float64Array([-3]),
    int32: new Int32Array([-3]),
    int16: new Int16Array([-3]),
    int8: new Int8Array([-3]),
    uint8: new Uint8Array([3]),
    bool: new Uint8Array([1]),
  };
  for (const [dtype, storage] of Object.entries(storages)) {
    const tensor = Tensor.fromStorage(storage, [1], dtype as keyof typeof storages);
    assert.equal(tensor.dtype, dtype);
    assert.equal(tensor.get(0), storage[0]);
  }
});

Deno.test("Tensor.fromStorage rejects a mismatched storage", () => {
  assert.throws(() => Tensor.fromStorage(new Float32Array(4), [4], "float64"), {
    name: "TypeError",
    message: "Invalid storage for dtype float64: expected a Float64Array, got Float32Array",
  });
  assert.throws(() => Tensor.fromStorage(new Int32Array(4), [4], "int64"), {
    name: "TypeError",
    message: "Invalid storage for dtype int64: expected a Float64Array, got Int32Array",
  });
  assert.throws(
    () => Tensor.fromStorage(new Float64Array(4), [4], "float16" as unknown as "float32"),
    { name: "TypeError", message: /^Invalid dtype "float16": expected one of float64/ },
  );
});

Deno.test("Tensor.fromStorage rejects bad shapes", () => {
  const storage = new Float32Array(12);
  assert.throws(() => Tensor.fromStorage(storage, [3, -4], "float32"), {
    name: "RangeError",
    message: "Cannot create tensor with shape [3, -4]: invalid shape dimension -4",
  });
  assert.throws(() => Tensor.fromStorage(storage, [3, 1.5], "float32"), {
    name: "TypeError",
    message:
      "Cannot create tensor with shape [3, 1.5]: dimension 1.5 at position 1 is not an integer",
  });
});

Deno.test("Tensor.fromStorage rejects bad strides", () => {
  const storage = new Float32Array(12);
  assert.throws(() => Tensor.fromStorage(storage, [3, 4], "float32", [4]), {
    name: "RangeError",
    message:
      "Cannot create tensor with shape [3, 4] and strides [4]: expected one stride per dimension",
  });
  assert.throws(() => Tensor.fromStorage(storage, [3, 4], "float32", [4, -1]), {
    name: "RangeError",
    message: "Cannot create tensor with strides [4, -1]: stride -1 of dimension 1 is negative, " +
      "and PyTorch has no negative strides",
  });
  assert.throws(() => Tensor.fromStorage(storage, [3, 4], "float32", [4, 0.5]), {
    name: "TypeError",
    message:
      "Cannot create tensor with strides [4, 0.5]: stride 0.5 of dimension 1 is not an integer",
  });
});

Deno.test("Tensor.fromStorage rejects bad offsets", () => {
  const storage = new Float32Array(12);
  assert.throws(() => Tensor.fromStorage(storage, [12], "float32", [1], -1), {
    name: "RangeError",
    message: "Cannot create tensor: offset -1 is negative",
  });
  assert.throws(() => Tensor.fromStorage(storage, [12], "float32", [1], 0.5), {
    name: "TypeError",
    message: "Cannot create tensor: offset 0.5 is not an integer",
  });
});

Deno.test("Tensor.fromStorage rejects elements outside storage", () => {
  const storage = new Float32Array(12);
  assert.throws(() => Tensor.fromStorage(storage, [3, 5], "float32"), {
    name: "RangeError",
    message: "Cannot create tensor with shape [3, 5], strides [5, 1] and offset 0: " +
      "it addresses element 14 of a storage of 12 elements",
  });
  assert.throws(() => Tensor.fromStorage(storage, [12], "float32", [1], 1), {
    name: "RangeError",
    message: /it addresses element 12 of a storage of 12 elements/,
  });
  assert.throws(() => Tensor.fromStorage(storage, [0], "float32", [1], 13), {
    name: "RangeError",
    message: /offset 13: it addresses element 13 of a storage of 12 elements/,
  });
  // An empty tensor addresses nothing, so an offset at the end is fine.
  assert.equal(Tensor.fromStorage(storage, [0, 3], "float32", [3, 1], 12).numel(), 0);
  // Stride 0 repeats one element, as torch.Tensor.expand does.
  assert.deepEqual(Tensor.fromStorage(storage, [2, 3], "float32", [0, 1], 9).toArray(), [
    [0, 0, 0],
    [0, 0, 0],
  ]);
});

Deno.test("Tensor.fromStorage rejects impossible int64 and bool values", () => {
  assert.throws(() => Tensor.fromStorage(new Float64Array([1, 2.5]), [2], "int64"), {
    name: "RangeError",
    message: "Invalid value 2.5 at storage position 1 for dtype int64: expected an integer",
  });
  assert.throws(() => Tensor.fromStorage(new Float64Array([2 ** 60]), [1], "int64"), {
    name: "RangeError",
    message: /^Invalid value 1152921504606847000 at storage position 0 for dtype int64/,
  });
  assert.throws(() => Tensor.fromStorage(new Uint8Array([0, 2]), [2], "bool"), {
    name: "RangeError",
    message: "Invalid value 2 at storage position 1 for dtype bool: expected a value from 0 to 1",
  });
});

Deno.test("Tensor.from infers int64, float32 and bool", () => {
  // torch.tensor([[1, 2], [3, 4]]).dtype is torch.int64; floats give torch.float32.
  const integers = Tensor.from([[1, 2], [3, 4]]);
  assert.equal(integers.dtype, "int64");
  assert.deepEqual(integers.shape, [2, 2]);
  assert.deepEqual(integers.toArray(), [[1, 2], [3, 4]]);
  assert.equal(Tensor.from([1, 2.5]).dtype, "float32");
  assert.equal(Tensor.from([1, NaN]).dtype, "float32");
  assert.equal(Tensor.from([Infinity]).dtype, "float32");
  assert.equal(Tensor.from([true, false]).dtype, "bool");
  // -0 and integers beyond 2^53 cannot be int64 here, so they make the tensor floating.
  assert.equal(Tensor.from([-0, 1]).dtype, "float32");
  assert.equal(Tensor.from([1e20]).dtype, "float32");
});

Deno.test("Tensor.from builds 0-d and empty tensors", () => {
  const scalar = Tensor.from(7);
  assert.deepEqual(scalar.shape, []);
  assert.equal(scalar.toArray(), 7);
  assert.equal(scalar.get(), 7);
  // torch.tensor([]) has shape [0] and dtype float32; torch.tensor([[], []]) has shape [2, 0].
  const empty = Tensor.from([]);
  assert.deepEqual(empty.shape, [0]);
  assert.equal(empty.dtype, "float32");
  assert.deepEqual(Tensor.from([[], []]).shape, [2, 0]);
});

Deno.test("Tensor.from converts to the given dtype", () => {
  const float64 = Tensor.from([1, 2], "float64");
  assert.equal(float64.dtype, "float64");
  assert.ok(float64.storage instanceof Float64Array);
  // float32 storage rounds: 0.1 becomes 0.100000001490116..., as torch.tensor(0.1).item().
  assert.equal(Tensor.from([0.1]).get(0), 0.10000000149011612);
  assert.deepEqual(Tensor.from([2, 0, -1, true], "bool").toArray(), [1, 0, 1, 1]);
  assert.deepEqual(Tensor.from([true, false], "int32").toArray(), [1, 0]);
  assert.ok(Object.is(Tensor.from([-0], "int64").get(0), 0));
});

Deno.test("Tensor.from rejects values a dtype cannot hold", () => {
  // PyTorch 1.13.1 raises "value cannot be converted to type int8 without overflow".
  assert.throws(() => Tensor.from([[1, 2], [300, 4]], "int8"), {
    name: "RangeError",
    message: "Invalid value 300 at [1, 0] for dtype int8: expected a value from -128 to 127",
  });
  // PyTorch truncates 1.5 to 1; the kit rejects it.
  assert.throws(() => Tensor.from([1.5], "int64"), {
    name: "RangeError",
    message: "Invalid value 1.5 at [0] for dtype int64: expected an integer",
  });
  assert.throws(() => Tensor.from([1], "double" as "float64"), {
    name: "TypeError",
    message: /^Invalid dtype "double"/,
  });
});

Deno.test("Tensor.from rejects ragged arrays", () => {
  // PyTorch 1.13.1: "expected sequence of length 2 at dim 1 (got 1)".
  assert.throws(() => Tensor.from([[1, 2], [3]]), {
    name: "TypeError",
    message: "Cannot create tensor from a ragged array: " +
      "expected sequence of length 2 at dim 1 (got 1) at [1]",
  });
  assert.throws(() => Tensor.from([[1, 2], []]), {
    name: "TypeError",
    message: /expected sequence of length 2 at dim 1 \(got 0\) at \[1\]$/,
  });
  assert.throws(() => Tensor.from([[1], 2]), {
    name: "TypeError",
    message: "Cannot create tensor from a ragged array: " +
      "expected a sequence of length 1 at [1], got number 2",
  });
  assert.throws(() => Tensor.from([1, [2]]), {
    name: "TypeError",
    message: "Cannot create tensor from a ragged array: expected a number at [1], got an array",
  });
});

Deno.test("Tensor.from rejects non-numbers", () => {
  const cases: [unknown, string][] = [
    [
      [[1, "2"]],
      'Cannot create tensor: element at [0, 1] is the string "2", expected a number or boolean',
    ],
    [[1, null], "Cannot create tensor: element at [1] is null, expected a number or boolean"],
    [
      [undefined],
      "Cannot create tensor: element at [0] is undefined, expected a number or boolean",
    ],
    [[1n], "Cannot create tensor: element at [0] is bigint 1, expected a number or boolean"],
    ["7", 'Cannot create tensor: element at [] is the string "7", expected a number or boolean'],
  ];
  for (const [data, message] of cases) {
    assert.throws(() => Tensor.from(data as number[]), { name: "TypeError", message });
  }
  assert.throws(() => Tensor.from([true, 1]), {
    name: "TypeError",
    message: "Cannot create tensor from booleans mixed with numbers: pass a dtype to convert them",
  });
});

Deno.test("Tensor.arange picks int64 or float32", () => {
  const integers = Tensor.arange(12);
  assert.equal(integers.dtype, "int64");
  assert.deepEqual(integers.shape, [12]);
  assert.deepEqual(integers.toArray(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  const floats = Tensor.arange(0.5, 3);
  assert.equal(floats.dtype, "float32");
  assert.deepEqual(floats.toArray(), [0.5, 1.5, 2.5]);
});

// Values of torch.arange(start, end, step).tolist() in PyTorch 1.13.1.
Deno.test("Tensor.arange matches PyTorch's lengths and values", () => {
  const cases: [number, number, number, number[]][] = [
    [0, 10, 3, [0, 3, 6, 9]],
    [10, 0, -3, [10, 7, 4, 1]],
    [5, 5, 1, []],
    [1, 2.5, 0.25, [1, 1.25, 1.5, 1.75, 2, 2.25]],
    [0, -1, -0.3, [0, -0.30000001192092896, -0.6000000238418579, -0.8999999761581421]],
    [0, 1, 0.1, [
      0,
      0.10000000149011612,
      0.20000000298023224,
      0.30000001192092896,
      0.4000000059604645,
      0.5,
      0.6000000238418579,
      0.699999988079071,
      0.800000011920929,
      0.8999999761581421,
    ]],
    [1e6, 1e6 + 1, 0.1, [
      1000000,
      1000000.125,
      1000000.1875,
      1000000.3125,
      1000000.375,
      1000000.5,
      1000000.625,
      1000000.6875,
      1000000.8125,
      1000000.875,
    ]],
  ];
  for (const [start, end, step, expected] of cases) {
    assert.deepEqual(
      Tensor.arange(start, end, step).toArray(),
      expected,
      `${start}, ${end}, ${step}`,
    );
  }
});

Deno.test("Tensor.arange rejects impossible ranges", () => {
  assert.throws(() => Tensor.arange(0, 10, 0), {
    name: "RangeError",
    message: "Cannot create arange with step 0: step must be nonzero",
  });
  assert.throws(() => Tensor.arange(5, 1), {
    name: "RangeError",
    message: "Cannot create arange from 5 to 1 with step 1: " +
      "upper bound and larger bound inconsistent with step sign",
  });
  assert.throws(() => Tensor.arange(0, Infinity), {
    name: "RangeError",
    message: "Cannot create arange: unsupported range: 0 -> inf",
  });
  assert.throws(() => Tensor.arange(NaN), {
    name: "RangeError",
    message: "Cannot create arange: unsupported range: 0 -> nan",
  });
  assert.throws(() => Tensor.arange(0, "5" as unknown as number), {
    name: "TypeError",
    message: "Cannot create arange: end 5 is not a number",
  });
  assert.throws(() => Tensor.arange(2 ** 53 - 1, 2 ** 53 + 2), {
    name: "RangeError",
    message: /value 9007199254740992 is beyond 2\^53/,
  });
});

Deno.test("Tensor get reads with negative indices", () => {
  const matrix = Tensor.arange(12).reshape(3, 4);
  assert.equal(matrix.get(0, 0), 0);
  assert.equal(matrix.get(2, 1), 9);
  assert.equal(matrix.get(-1, -4), 8);
  assert.equal(matrix.transpose(0, 1).get(1, 2), 9);
});

Deno.test("Tensor get rejects bad indices", () => {
  const matrix = Tensor.arange(12).reshape(3, 4);
  // PyTorch 1.13.1: "index 4 is out of bounds for dimension 1 with size 4".
  assert.throws(() => matrix.get(0, 4), {
    name: "RangeError",
    message: "Cannot read element [0, 4]: index 4 is out of bounds for dimension 1 with size 4",
  });
  assert.throws(() => matrix.get(0, -5), {
    name: "RangeError",
    message: "Cannot read element [0, -5]: index -5 is out of bounds for dimension 1 with size 4",
  });
  assert.throws(() => matrix.get(1), {
    name: "RangeError",
    message: "Cannot read element [1] of a tensor of shape [3, 4]: " +
      "expected 2 indices, one per dimension",
  });
  assert.throws(() => matrix.get(0, 1.5), {
    name: "TypeError",
    message: "Cannot read element [0, 1.5]: index 1.5 is not an integer",
  });
});

Deno.test("Tensor set writes through views", () => {
  const original = Tensor.arange(6);
  const matrix = original.view(2, 3);
  const transposed = matrix.transpose(0, 1);
  transposed.set([2, 1], 50);
  assert.equal(original.get(5), 50);
  assert.equal(matrix.get(1, 2), 50);
  assert.throws(() => transposed.set([0, 0], 0.5), {
    name: "RangeError",
    message: "Invalid value 0.5 at [0, 0] for dtype int64: expected an integer",
  });
  assert.throws(() => transposed.set([3, 0], 1), {
    name: "RangeError",
    message: /index 3 is out of bounds for dimension 0 with size 3/,
  });
  assert.throws(() => transposed.set(0 as unknown as number[], 1), {
    name: "TypeError",
    message: "Cannot write element: expected the index as an array, got 0",
  });
});

Deno.test("Tensor shape and strides are frozen", () => {
  const matrix = Tensor.arange(12).reshape(3, 4);
  assert.ok(Object.isFrozen(matrix.shape));
  assert.ok(Object.isFrozen(matrix.strides));
  assert.equal(matrix.ndim, 2);
  assert.equal(matrix.numel(), 12);
  assert.equal(Tensor.from(3).numel(), 1);
  assert.equal(Tensor.from([[], []]).numel(), 0);
});

Deno.test("Tensor reshape returns a view when possible", () => {
  const original = Tensor.arange(24);
  const cube = original.reshape(2, 3, 4);
  assert.equal(cube.storage, original.storage);
  assert.deepEqual(cube.strides, [12, 4, 1]);
  const fromArray = original.reshape([4, -1]);
  assert.deepEqual(fromArray.shape, [4, 6]);
  // torch.arange(24).view(1, 24).t() is contiguous in effect, so reshape(4, 6) is a view.
  const column = original.reshape(1, 24).transpose(0, 1);
  const regrouped = column.reshape(4, 6);
  assert.equal(regrouped.storage, original.storage);
  assert.deepEqual(regrouped.strides, [6, 1]);
});

Deno.test("Tensor reshape copies non-contiguous data", () => {
  const original = Tensor.arange(24);
  const transposed = original.view(3, 8).transpose(0, 1);
  const flat = transposed.reshape(24);
  assert.notEqual(flat.storage, original.storage);
  assert.deepEqual((flat.toArray() as number[]).slice(0, 6), [0, 8, 16, 1, 9, 17]);
  flat.set([0], 100);
  assert.equal(original.get(0), 0);
});

Deno.test("Tensor reshape rejects impossible shapes", () => {
  const original = Tensor.arange(12);
  assert.throws(() => original.reshape(5, -1), {
    name: "RangeError",
    message: /^Shape \[5, -1\] is invalid for input of size 12/,
  });
  assert.throws(() => original.reshape(5, 3), {
    name: "RangeError",
    message: /^Shape \[5, 3\] is invalid for input of size 12/,
  });
  assert.throws(() => original.reshape(-1, -1), {
    name: "RangeError",
    message: /only one dimension can be inferred/,
  });
  assert.throws(() => original.reshape(-2, 6), {
    name: "RangeError",
    message: /invalid shape dimension -2/,
  });
  assert.throws(() => original.reshape(2.5, 6), {
    name: "TypeError",
    message: /dimension 2.5 at position 0 is not an integer/,
  });
});

Deno.test("Tensor view shares storage", () => {
  const original = Tensor.arange(12);
  const matrix = original.view(3, 4);
  assert.equal(matrix.storage, original.storage);
  assert.deepEqual(matrix.view(-1).shape, [12]);
  assert.deepEqual(Tensor.from(5).view(1, 1).strides, [1, 1]);
});

Deno.test("Tensor view fails across non-contiguous memory", () => {
  const transposed = Tensor.arange(12).view(3, 4).transpose(0, 1);
  assert.throws(() => transposed.view(12), {
    name: "RangeError",
    message: "Cannot view shape [4, 3] with strides [1, 4] as [12]: " +
      "view size is not compatible with input tensor's size and stride (at least one " +
      "dimension spans across two contiguous subspaces). Use .reshape(...) instead",
  });
  assert.throws(() => Tensor.arange(12).view(5, -1), {
    name: "RangeError",
    message: /^Shape \[5, -1\] is invalid for input of size 12/,
  });
});

Deno.test("Tensor transpose swaps shape and strides", () => {
  const cube = Tensor.arange(24).view(2, 3, 4);
  const swapped = cube.transpose(0, -1);
  assert.deepEqual(swapped.shape, [4, 3, 2]);
  assert.deepEqual(swapped.strides, [1, 4, 12]);
  assert.equal(swapped.storage, cube.storage);
  assert.deepEqual(cube.transpose(1, 1).strides, [12, 4, 1]);
  assert.deepEqual(Tensor.from(5).transpose(0, -1).shape, []);
  assert.throws(() => cube.transpose(0, 3), {
    name: "RangeError",
    message: "Dimension out of range (expected to be in range of [-3, 2], but got 3)",
  });
});

Deno.test("Tensor permute reorders dimensions", () => {
  const cube = Tensor.arange(24).view(2, 3, 4);
  const permuted = cube.permute(2, 0, 1);
  assert.deepEqual(permuted.shape, [4, 2, 3]);
  assert.deepEqual(permuted.strides, [1, 12, 4]);
  assert.deepEqual(cube.permute([-1, 0, 1]).strides, [1, 12, 4]);
  assert.deepEqual(permuted.get(3, 1, 2), 23);
});

Deno.test("Tensor permute rejects bad orders", () => {
  const matrix = Tensor.arange(12).view(3, 4);
  assert.throws(() => matrix.permute(0), {
    name: "RangeError",
    message: "Cannot permute with dims [0]: number of dimensions in the tensor input does not " +
      "match the length of the desired ordering of dimensions i.e. input.dim() = 2 is not " +
      "equal to len(dims) = 1",
  });
  assert.throws(() => matrix.permute(0, 0), {
    name: "RangeError",
    message: "Cannot permute with dims [0, 0]: duplicate dims are not allowed",
  });
  assert.throws(() => matrix.permute(1, -3), {
    name: "RangeError",
    message: "Dimension out of range (expected to be in range of [-2, 1], but got -3)",
  });
});

Deno.test("Tensor flatten views or copies", () => {
  const matrix = Tensor.arange(12).view(3, 4);
  const flat = matrix.flatten();
  assert.equal(flat.storage, matrix.storage);
  assert.deepEqual(flat.shape, [12]);
  const vector = Tensor.arange(3);
  assert.equal(vector.flatten(), vector);
  // torch.tensor(5).flatten() has shape [1].
  assert.deepEqual(Tensor.from(5).flatten().shape, [1]);
  // torch.arange(24).view(2, 3, 4).permute(2, 0, 1).flatten()[:8].tolist()
  const permuted = Tensor.arange(24).view(2, 3, 4).permute(2, 0, 1).flatten();
  assert.deepEqual((permuted.toArray() as number[]).slice(0, 8), [0, 4, 8, 12, 16, 20, 1, 5]);
});

Deno.test("Tensor contiguous copies only when needed", () => {
  const matrix = Tensor.arange(24).view(3, 8);
  assert.equal(matrix.contiguous(), matrix);
  const transposed = matrix.transpose(0, 1);
  const copy = transposed.contiguous();
  assert.notEqual(copy.storage, matrix.storage);
  assert.equal(copy.isContiguous(), true);
  // torch.arange(24).view(3, 8).t().contiguous(): strides (3, 1), first row [0, 8, 16].
  assert.deepEqual(copy.strides, [3, 1]);
  assert.deepEqual((copy.toArray() as number[][])[0], [0, 8, 16]);
  assert.equal(copy.dtype, "int64");
});

Deno.test("Tensor toArray follows logical order", () => {
  const transposed = Tensor.arange(6).view(2, 3).transpose(0, 1);
  assert.deepEqual(transposed.toArray(), [[0, 3], [1, 4], [2, 5]]);
  assert.deepEqual(Tensor.from([[], []]).toArray(), [[], []]);
  assert.deepEqual(Tensor.from([true, false]).toArray(), [1, 0]);
});
