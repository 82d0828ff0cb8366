/**
 * Properties of tensor views over seeded random shapes: `-1` inference,
 * reshape and view round trips, strides that agree with the element order,
 * transposes and permutations that undo each other, and `contiguous()`.
 *
 * Each random tensor is checked against a plain model that has no strides: its
 * shape and its elements as a flat list in logical (row-major) order.
 */
import assert from "node:assert/strict";
import { createRandom, type Random } from "./random_graph.ts";
import { type NestedArray, Tensor } from "./tensor.ts";

// Random cases per property.
const CASES = 400;
// Largest number of dimensions and largest dimension of a random shape.
const MAX_NDIM = 5;
const MAX_DIMENSION = 4;

/** A tensor's expected content: shape and elements in row-major order. */
interface Model {
  shape: number[];
  elements: number[];
}

function randomInteger(random: Random, below: number): number {
  return Math.floor(random() * below);
}

/** Returns a random shape. A dimension is 0 one time in 20, so some tensors are empty. */
function randomShape(random: Random): number[] {
  const ndim = randomInteger(random, MAX_NDIM + 1);
  return Array.from(
    { length: ndim },
    () => random() < 0.05 ? 0 : 1 + randomInteger(random, MAX_DIMENSION),
  );
}

function size(shape: readonly number[]): number {
  return shape.reduce((product, dimension) => product * dimension, 1);
}

/** Returns a random shape with `count` elements, built from its prime factors and some 1s. */
function randomShapeOfSize(random: Random, count: number): number[] {
  if (count === 0) return [...randomShape(random).filter((d) => d > 0), 0];
  const factors: number[] = [];
  let rest = count;
  for (let p = 2; rest > 1; p++) {
    while (rest % p === 0) {
      factors.push(p);
      rest /= p;
    }
  }
  const ndim = 1 + randomInteger(random, MAX_NDIM);
  const shape = new Array<number>(ndim).fill(1);
  for (const factor of factors) shape[randomInteger(random, ndim)] *= factor;
  return shape;
}

function randomPermutation(random: Random, n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = randomInteger(random, i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Returns every index of a shape, in row-major order. */
function allIndices(shape: readonly number[]): number[][] {
  let indices: number[][] = [[]];
  for (const dimension of shape) {
    const next: number[][] = [];
    for (const prefix of indices) {
      for (let i = 0; i < dimension; i++) next.push([...prefix, i]);
    }
    indices = next;
  }
  return indices;
}

/** Builds the nested arrays of a model, the form `toArray` returns. */
function nested(model: Model): NestedArray {
  let position = 0;
  const build = (dimension: number): NestedArray => {
    if (dimension === model.shape.length) return model.elements[position++];
    return Array.from({ length: model.shape[dimension] }, () => build(dimension + 1));
  };
  return build(0);
}

/** Applies a reordering of dimensions to a model: result dimension i is dimension order[i]. */
function permuteModel(model: Model, order: readonly number[]): Model {
  const shape = order.map((d) => model.shape[d]);
  const sourceStrides = contiguousStridesOf(model.shape);
  const elements = allIndices(shape).map((index) => {
    let position = 0;
    index.forEach((i, d) => position += i * sourceStrides[order[d]]);
    return model.elements[position];
  });
  return { shape, elements };
}

/** Row-major strides computed here, not by the code under test. */
function contiguousStridesOf(shape: readonly number[]): number[] {
  const strides: number[] = [];
  let step = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = step;
    step *= shape[d];
  }
  return strides;
}

/**
 * Builds a random view and returns it with its model and the operations that
 * produced it, which failure messages print.
 */
function randomView(random: Random): { tensor: Tensor; model: Model; steps: string[] } {
  const shape = randomShape(random);
  const count = size(shape);
  let tensor = Tensor.arange(count).reshape(shape);
  let model: Model = { shape, elements: Array.from({ length: count }, (_, i) => i) };
  const steps = [`arange(${count}).reshape(${JSON.stringify(shape)})`];
  const operations = 1 + randomInteger(random, 4);
  for (let k = 0; k < operations; k++) {
    const ndim = model.shape.length;
    const choice = random();
    if (choice < 0.35 && ndim > 0) {
      const first = randomInteger(random, ndim);
      const second = randomInteger(random, ndim);
      // Negative dimensions count from the end.
      const dim0 = random() < 0.5 ? first : first - ndim;
      tensor = tensor.transpose(dim0, second);
      const order = model.shape.map((_, i) => i);
      [order[first], order[second]] = [order[second], order[first]];
      model = permuteModel(model, order);
      steps.push(`transpose(${dim0}, ${second})`);
    } else if (choice < 0.7) {
      const order = randomPermutation(random, ndim);
      tensor = tensor.permute(order);
      model = permuteModel(model, order);
      steps.push(`permute(${order.join(", ")})`);
    } else {
      const newShape = randomShapeOfSize(random, model.elements.length);
      tensor = tensor.reshape(newShape);
      model = { shape: newShape, elements: model.elements };
      steps.push(`reshape(${JSON.stringify(newShape)})`);
    }
  }
  return { tensor, model, steps };
}

function describe(seed: number, steps: string[]): string {
  return `seed ${seed}: ${steps.join(".")}`;
}

Deno.test("reshape infers a random -1", () => {
  const random = createRandom(1);
  for (let i = 0; i < CASES; i++) {
    const count = randomInteger(random, 121);
    const shape = randomShapeOfSize(random, count);
    const requested = [...shape];
    const unknown = randomInteger(random, shape.length);
    requested[unknown] = -1;
    const original = Tensor.arange(count);
    if (count === 0) {
      // PyTorch 1.13: a -1 is ambiguous for 0 elements when another dimension is 0.
      const others = requested.filter((_, d) => d !== unknown);
      if (others.some((d) => d === 0)) {
        assert.throws(() => original.reshape(requested), {
          name: "RangeError",
          message: /ambiguous/,
        });
        continue;
      }
    }
    const reshaped = original.reshape(requested);
    assert.deepEqual(reshaped.shape, shape, `reshape(${JSON.stringify(requested)}) of ${count}`);
    assert.equal(reshaped.storage, original.storage, "a contiguous reshape is a view");
  }
});

Deno.test("reshape rejects a -1 that cannot fit", () => {
  const random = createRandom(2);
  for (let i = 0; i < CASES; i++) {
    const count = 1 + randomInteger(random, 60);
    const known = 2 + randomInteger(random, 6);
    if (count % known === 0) continue;
    // PyTorch 1.13: "shape '[5, -1]' is invalid for input of size 12".
    assert.throws(() => Tensor.arange(count).reshape(known, -1), {
      name: "RangeError",
      message: new RegExp(`^Shape \\[${known}, -1\\] is invalid for input of size ${count}`),
    });
  }
});

Deno.test("reshape and view round trip", () => {
  for (let seed = 1; seed <= CASES; seed++) {
    const random = createRandom(seed);
    const { tensor, model, steps } = randomView(random);
    const other = randomShapeOfSize(random, model.elements.length);
    const there = tensor.reshape(other);
    const back = there.reshape(model.shape);
    assert.deepEqual(back.shape, model.shape, describe(seed, steps));
    assert.deepEqual(back.toArray(), nested(model), describe(seed, steps));

    // view never copies: it either shares the storage or throws, and a
    // contiguous tensor can always be viewed.
    const contiguous = tensor.contiguous();
    const viewed = contiguous.view(other);
    assert.equal(viewed.storage, contiguous.storage, describe(seed, steps));
    assert.deepEqual(viewed.view(model.shape).toArray(), nested(model), describe(seed, steps));
    try {
      const direct = tensor.view(other);
      assert.equal(direct.storage, tensor.storage, describe(seed, steps));
      assert.deepEqual(direct.toArray(), nested({ shape: other, elements: model.elements }));
    } catch (error) {
      assert.ok(error instanceof RangeError, `${describe(seed, steps)}: ${error}`);
      assert.match(error.message, /view size is not compatible/);
    }
  }
});

Deno.test("strides agree with element order", () => {
  for (let seed = 1; seed <= CASES; seed++) {
    const { tensor, model, steps } = randomView(createRandom(seed));
    const what = describe(seed, steps);
    assert.deepEqual(tensor.shape, model.shape, what);
    assert.deepEqual(tensor.toArray(), nested(model), what);
    allIndices(model.shape).forEach((index, position) => {
      let address = tensor.offset;
      index.forEach((i, d) => address += i * tensor.strides[d]);
      assert.equal(tensor.storage[address], model.elements[position], `${what} at [${index}]`);
      assert.equal(tensor.get(...index), model.elements[position], `${what}: get(${index})`);
      // Negative indices address the same element.
      const negative = index.map((i, d) => i - model.shape[d]);
      assert.equal(tensor.get(...negative), model.elements[position], `${what}: get(${negative})`);
    });
  }
});

Deno.test("set through a view writes one element", () => {
  for (let seed = 1; seed <= CASES / 4; seed++) {
    const random = createRandom(seed);
    const { tensor, model, steps } = randomView(random);
    if (model.elements.length === 0) continue;
    const position = randomInteger(random, model.elements.length);
    const index = allIndices(model.shape)[position];
    tensor.set(index, -7);
    let address = tensor.offset;
    index.forEach((i, d) => address += i * tensor.strides[d]);
    assert.equal(tensor.storage[address], -7, describe(seed, steps));
    assert.equal(tensor.get(...index), -7, describe(seed, steps));
    // Exactly one element changed: the storage contains no other -7.
    const written = Array.from(tensor.storage).filter((element) => element === -7);
    assert.equal(written.length, 1, describe(seed, steps));
  }
});

Deno.test("transpose twice is the identity", () => {
  for (let seed = 1; seed <= CASES; seed++) {
    const random = createRandom(seed);
    const { tensor, steps } = randomView(random);
    if (tensor.ndim === 0) continue;
    const dim0 = randomInteger(random, tensor.ndim);
    const dim1 = randomInteger(random, tensor.ndim);
    const twice = tensor.transpose(dim0, dim1).transpose(dim0, dim1);
    const what = `${describe(seed, steps)}.transpose(${dim0}, ${dim1}) twice`;
    assert.deepEqual(twice.shape, tensor.shape, what);
    assert.deepEqual(twice.strides, tensor.strides, what);
    assert.equal(twice.offset, tensor.offset, what);
    assert.equal(twice.storage, tensor.storage, what);
    assert.deepEqual(twice.toArray(), tensor.toArray(), what);
  }
});

Deno.test("permute then inverse is the identity", () => {
  for (let seed = 1; seed <= CASES; seed++) {
    const random = createRandom(seed);
    const { tensor, steps } = randomView(random);
    const order = randomPermutation(random, tensor.ndim);
    const inverse: number[] = [];
    order.forEach((d, i) => inverse[d] = i);
    const back = tensor.permute(order).permute(inverse);
    const what = `${describe(seed, steps)}.permute(${order}).permute(${inverse})`;
    assert.deepEqual(back.shape, tensor.shape, what);
    assert.deepEqual(back.strides, tensor.strides, what);
    assert.equal(back.storage, tensor.storage, what);
    assert.deepEqual(back.toArray(), tensor.toArray(), what);
  }
});

Deno.test("contiguous copies views in order", () => {
  for (let seed = 1; seed <= CASES; seed++) {
    const { tensor, model, steps } = randomView(createRandom(seed));
    const what = describe(seed, steps);
    const copy = tensor.contiguous();
    assert.equal(copy.isContiguous(), true, what);
    assert.deepEqual(copy.toArray(), nested(model), what);
    if (tensor.isContiguous()) {
      // PyTorch's contiguous() returns the tensor itself when it already is.
      assert.equal(copy, tensor, what);
    } else {
      assert.deepEqual(copy.strides, contiguousStridesOf(model.shape), what);
      assert.notEqual(copy.storage, tensor.storage, what);
    }
    // A copy contains exactly the elements in logical order from its offset.
    const stored = Array.from(
      copy.storage.subarray(copy.offset, copy.offset + model.elements.length),
    );
    assert.deepEqual(stored, model.elements, what);
    assert.deepEqual(tensor.flatten().toArray(), model.elements, what);
  }
});
