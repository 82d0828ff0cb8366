import assert from "node:assert/strict";
import { type Layer, train, type TrainingOptions } from "./training.ts";
import { add, mul, pow, sub, Value } from "./value.ts";

/**
 * Builds a two-layer chain y = w2 · (w1 · x) with loss E = ½(y - t)², x = 1,
 * t = 0, w1 = 1, w2 = 2, for learning rate 0.25. Every number below is exact in binary, so
 * the expected values are derived by hand:
 *   y = 2, dE/dy = 2, dE/dw2 = dE/dy · w1 · x = 2, so w2 moves to 2 - 0.25 · 2 = 1.5;
 *   dE/dw1 = dE/dy · w2 · x = 4 from the old w2 (textbook), so w1 moves to 0;
 *   dE/dw1 = 2 · 1.5 = 3 from the moved w2 (output layer first), so w1 moves to 0.25.
 */
function chain() {
  const w1 = new Value(1, { label: "w1" });
  const w2 = new Value(2, { label: "w2" });
  const loss = () => mul(0.5, pow(sub(mul(w2, mul(w1, 1)), 0), 2));
  const layers: Layer[] = [{ weights: [w1], biases: [] }, { weights: [w2], biases: [] }];
  return { w1, w2, loss, layers };
}

Deno.test("train textbook order uses old weights", () => {
  const { w1, w2, loss, layers } = chain();
  const history = train({ loss, layers, learningRate: 0.25, steps: 1 });
  assert.equal(w2.data, 1.5);
  assert.equal(w1.data, 0);
  // E before: ½ · 2² = 2; after: y = 1.5 · 0 = 0.
  assert.deepEqual(history.losses, [2, 0]);
});

Deno.test("train output layer first uses moved weights", () => {
  const { w1, w2, loss, layers } = chain();
  const history = train({
    loss,
    layers,
    learningRate: 0.25,
    steps: 1,
    updateOrder: "output layer first",
  });
  assert.equal(w2.data, 1.5);
  assert.equal(w1.data, 0.25);
  // After: y = 1.5 · 0.25 = 0.375, E = ½ · 0.375² = 0.0703125.
  assert.deepEqual(history.losses, [2, 0.0703125]);
});

Deno.test("train output layer first reaches every layer", () => {
  // y = w3 · w2 · w1 with x = 1, t = 0, all weights 1, learning rate 0.25:
  // dE/dy = 1, so w3 moves to 0.75; w2's gradient is w3' · w1 = 0.75, so w2
  // moves to 0.8125; w1's gradient is w3' · w2' = 0.609375, so w1 moves to
  // 0.84765625. The textbook order moves all three to 0.75.
  const w1 = new Value(1);
  const w2 = new Value(1);
  const w3 = new Value(1);
  const loss = () => mul(0.5, pow(mul(w3, mul(w2, w1)), 2));
  const layers = [w1, w2, w3].map((w) => ({ weights: [w], biases: [] }));
  train({ loss, layers, learningRate: 0.25, steps: 1, updateOrder: "output layer first" });
  assert.deepEqual([w1.data, w2.data, w3.data], [0.84765625, 0.8125, 0.75]);
});

Deno.test("train leaves biases unless asked", async (t) => {
  // E = ½(w · x + b - t)² with w = 1, x = 2, b = 1, t = 0: dE/dw = 3 · 2 = 6,
  // dE/db = 3. With learning rate 0.5, w moves to -2 and b to -0.5.
  const setup = () => {
    const w = new Value(1);
    const b = new Value(1);
    const loss = () => mul(0.5, pow(add(mul(w, 2), b), 2));
    return { w, b, loss, layers: [{ weights: [w], biases: [b] }] };
  };

  await t.step("by default only the weights move", () => {
    const { w, b, loss, layers } = setup();
    train({ loss, layers, learningRate: 0.5, steps: 1 });
    assert.equal(w.data, -2);
    assert.equal(b.data, 1);
  });

  await t.step("with updateBiases the biases move too", () => {
    const { w, b, loss, layers } = setup();
    train({ loss, layers, learningRate: 0.5, steps: 1, updateBiases: true });
    assert.equal(w.data, -2);
    assert.equal(b.data, -0.5);
  });
});

Deno.test("train records the loss after each step", () => {
  const w = new Value(3);
  const loss = () => mul(w, w);
  const layers = [{ weights: [w], biases: [] }];

  // E = w², dE/dw = 2w, learning rate 0.25 halves w each step: 3, 1.5, 0.75, 0.375.
  assert.deepEqual(train({ loss, layers, learningRate: 0.25, steps: 3 }).losses, [
    9,
    2.25,
    0.5625,
    0.140625,
  ]);

  // No steps: only the starting loss, and w stays where it was.
  assert.deepEqual(train({ loss, layers, learningRate: 0.25, steps: 0 }).losses, [0.140625]);
  assert.equal(w.data, 0.375);
});

Deno.test("train rounds float32 steps like PyTorch", () => {
  // PyTorch 1.13, float32: w = torch.tensor(0.1, requires_grad=True); for 3 steps
  // E = 0.5 * (w * 0.3 - 0.7) ** 2; E.backward(); with torch.no_grad(): w -= 0.1 * w.grad
  // (0.3 and 0.7 as float32 tensors; the losses are E.item() before each step and after the last).
  const w = new Value(0.1, { dtype: "float32" });
  const x = new Value(0.3, { dtype: "float32" });
  const target = new Value(0.7, { dtype: "float32" });
  const loss = () => mul(0.5, pow(sub(mul(w, x), target), 2));
  const history = train({
    loss,
    layers: [{ weights: [w], biases: [] }],
    learningRate: 0.1,
    steps: 3,
  });
  assert.equal(w.data, 0.15975892543792725);
  assert.deepEqual(history.losses, [
    0.2244499772787094,
    0.22042807936668396,
    0.21647822856903076,
    0.21259914338588715,
  ]);
});

Deno.test("train rejects invalid options", () => {
  const w = new Value(1, { label: "w" });
  const good: TrainingOptions = {
    loss: () => mul(w, w),
    layers: [{ weights: [w], biases: [] }],
    learningRate: 0.5,
    steps: 1,
  };
  const cases: [Partial<Record<keyof TrainingOptions, unknown>>, string, RegExp][] = [
    [
      { learningRate: 0 },
      "RangeError",
      /Invalid learning rate 0: expected a finite number above 0/,
    ],
    [{ learningRate: NaN }, "RangeError", /Invalid learning rate NaN/],
    [{ learningRate: "0.5" }, "TypeError", /Invalid learning rate "0.5": expected a number/],
    [{ steps: 1.5 }, "RangeError", /Invalid number of steps 1.5: expected an integer >= 0/],
    [{ steps: -1 }, "RangeError", /Invalid number of steps -1/],
    [{ steps: undefined }, "TypeError", /Invalid number of steps undefined: expected a number/],
    [{ updateOrder: "backwards" }, "RangeError", /Invalid update order "backwards"/],
    [{ updateBiases: 1 }, "TypeError", /Invalid updateBiases 1: expected true or false/],
    [{ loss: 3 }, "TypeError", /Cannot train with loss 3: expected a function/],
    [{ loss: () => 3 }, "TypeError", /the loss function returned 3, expected a Value/],
    [{ layers: [] }, "RangeError", /Cannot train without layers/],
    [{ layers: w }, "TypeError", /Cannot train layers an object: expected an array of layers/],
    [{ layers: [{ weights: [w] }] }, "TypeError", /Invalid layer 0: its biases must be an array/],
    [
      { layers: [{ weights: [0.5], biases: [] }] },
      "TypeError",
      /its weights must be Values, got 0.5/,
    ],
    [
      { layers: [{ weights: [mul(w, 2).named("2w")], biases: [] }] },
      "TypeError",
      /Cannot train "2w" in layer 0: it is the result of "\*", and only leaves can be parameters/,
    ],
    [
      { layers: [{ weights: [w], biases: [] }, { weights: [], biases: [w] }] },
      "RangeError",
      /Cannot train "w": it appears twice in the layers/,
    ],
  ];
  for (const [change, name, message] of cases) {
    assert.throws(() => train({ ...good, ...change } as TrainingOptions), { name, message });
  }
  assert.throws(() => train(null as unknown as TrainingOptions), {
    name: "TypeError",
    message: /Cannot train with options null: expected an object/,
  });
  assert.equal(w.data, 1, "no rejected call may move a parameter");
});

Deno.test("train rejects a parameter without requiresGrad", () => {
  // Such a leaf never gets a gradient, so training would silently leave it.
  const w = new Value(3, { label: "w", requiresGrad: false });
  const options: TrainingOptions = {
    layers: [{ weights: [w], biases: [] }],
    loss: () => mul(w, w),
    learningRate: 0.1,
    steps: 1,
  };
  assert.throws(() => train(options), {
    name: "TypeError",
    message: /Cannot train "w" in layer 0: it was made with requiresGrad: false/,
  });
});
