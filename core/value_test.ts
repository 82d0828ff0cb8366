import assert from "node:assert/strict";
import {
  add,
  div,
  exp,
  log,
  mul,
  neg,
  pow,
  relu,
  sigmoid,
  sub,
  tanh,
  topologicalOrder,
  Value,
  zeroGrads,
} from "./value.ts";

// Step of the central finite difference (f(x+h) - f(x-h)) / 2h. Its error is
// about h² times the third derivative plus rounding of ε/h; 1e-5 balances them.
const STEP = 1e-5;
// Largest relative gap allowed between autograd and the central difference.
const FINITE_DIFFERENCE_TOLERANCE = 1e-7;

function centralDifference(f: (x: number) => number, x: number): number {
  return (f(x + STEP) - f(x - STEP)) / (2 * STEP);
}

function assertClose(actual: number, expected: number, tolerance: number, what: string) {
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(
    Math.abs(actual - expected) <= tolerance * scale,
    `${what}: got ${actual}, expected ${expected} within ${tolerance}`,
  );
}

// Each unary operation with its hand-derived derivative and the points to check it at.
const UNARY_CASES: [
  string,
  (a: Value) => Value,
  (x: number) => number,
  (x: number) => number,
  number[],
][] = [
  ["neg", neg, (x) => -x, () => -1, [-2, 0.5, 3]],
  ["exp", exp, Math.exp, Math.exp, [-2, 0, 1.5]],
  ["log", log, Math.log, (x) => 1 / x, [0.1, 1, 7]],
  ["tanh", tanh, Math.tanh, (x) => 1 - Math.tanh(x) ** 2, [-2, 0, 0.7]],
  [
    "sigmoid",
    sigmoid,
    (x) => 1 / (1 + Math.exp(-x)),
    (x) => Math.exp(-x) / (1 + Math.exp(-x)) ** 2,
    [-3, 0, 2.5],
  ],
  ["relu", relu, (x) => Math.max(0, x), (x) => (x > 0 ? 1 : 0), [-1.5, 0.25, 4]],
  ["pow 3", (a) => pow(a, 3), (x) => x ** 3, (x) => 3 * x ** 2, [-2, 0.5, 1.5]],
  ["pow -1", (a) => pow(a, -1), (x) => 1 / x, (x) => -1 / x ** 2, [-2, 0.5, 4]],
  ["pow 0.5", (a) => pow(a, 0.5), Math.sqrt, (x) => 0.5 / Math.sqrt(x), [0.25, 2, 9]],
];

Deno.test("unary derivatives match hand-derived rules and finite differences", () => {
  for (const [name, operation, f, derivative, points] of UNARY_CASES) {
    for (const x of points) {
      const a = new Value(x);
      const out = operation(a);
      out.backward();
      assertClose(out.data, f(x), 1e-15, `${name}(${x})`);
      assertClose(a.grad, derivative(x), 1e-15, `d ${name}(${x}) by hand`);
      assertClose(
        a.grad,
        centralDifference(f, x),
        FINITE_DIFFERENCE_TOLERANCE,
        `d ${name}(${x}) numerically`,
      );
    }
  }
});

// Each binary operation with its hand-derived partial derivatives.
const BINARY_CASES: [
  string,
  (a: Value, b: Value) => Value,
  (x: number, y: number) => number,
  (x: number, y: number) => [number, number],
][] = [
  ["add", add, (x, y) => x + y, () => [1, 1]],
  ["sub", sub, (x, y) => x - y, () => [1, -1]],
  ["mul", mul, (x, y) => x * y, (x, y) => [y, x]],
  ["div", div, (x, y) => x / y, (x, y) => [1 / y, -x / y ** 2]],
];

Deno.test("binary derivatives match hand-derived rules and finite differences", () => {
  for (const [name, operation, f, partials] of BINARY_CASES) {
    for (const [x, y] of [[1.5, -2], [0.3, 0.7], [-4, 2.5]]) {
      const a = new Value(x);
      const b = new Value(y);
      const out = operation(a, b);
      out.backward();
      const [da, db] = partials(x, y);
      assertClose(out.data, f(x, y), 1e-15, `${name}(${x}, ${y})`);
      assertClose(a.grad, da, 1e-15, `d${name}/da by hand`);
      assertClose(b.grad, db, 1e-15, `d${name}/db by hand`);
      assertClose(
        a.grad,
        centralDifference((t) => f(t, y), x),
        FINITE_DIFFERENCE_TOLERANCE,
        `d${name}/da numerically`,
      );
      assertClose(
        b.grad,
        centralDifference((t) => f(x, t), y),
        FINITE_DIFFERENCE_TOLERANCE,
        `d${name}/db numerically`,
      );
    }
  }
});

Deno.test("binary operations take a plain number on either side", () => {
  const x = new Value(4);
  const cases: [Value, number, number][] = [
    // [result, value, d result / dx]
    [sub(1, x), -3, -1],
    [mul(0.5, x), 2, 0.5],
    [div(1, x), 0.25, -1 / 16],
    [add(x, 2), 6, 1],
    [div(x, 8), 0.5, 1 / 8],
  ];
  for (const [out, expected, derivative] of cases) {
    x.zeroGrad();
    out.backward();
    assert.equal(out.data, expected);
    assert.equal(x.grad, derivative);
  }
});

Deno.test("backward reuses a node used twice", () => {
  // z = (a² + b)³ at a = 3, b = 2: dz/da = 3(a² + b)²·2a = 2178, dz/db = 3(a² + b)² = 363.
  const a = new Value(3);
  const b = new Value(2);
  const c = add(mul(a, a), b);
  const z = mul(mul(c, c), c);
  z.backward();
  assert.equal(z.data, 1331);
  assert.equal(a.grad, 2178);
  assert.equal(b.grad, 363);
  assert.equal(c.grad, 363);
});

Deno.test("backward accumulates leaf gradients across calls", () => {
  const x = new Value(2);
  const y = mul(x, x);
  y.backward();
  y.backward();
  // PyTorch: calling y.backward(retain_graph=True) twice leaves x.grad = 2 * 4.
  assert.equal(x.grad, 8);
  // The interior node holds only the latest call's gradient.
  assert.equal(y.grad, 1);
  zeroGrads([x]);
  assert.equal(x.grad, 0);
});

Deno.test("backward survives a chain of 1,000,000 operations", () => {
  // A recursive graph walk runs out of call stack long before this depth.
  // Each step multiplies by 1 + 1e-6, so the graph is 1,000,000 nodes deep and
  // d(result)/dx = (1 + 1e-6)^1000000, about e.
  const x = new Value(1);
  let y = x;
  for (let i = 0; i < 1_000_000; i++) y = mul(y, 1 + 1e-6);
  y.backward();
  const expected = (1 + 1e-6) ** 1_000_000;
  assertClose(x.grad, expected, 1e-9, "derivative of the chain");
  assertClose(y.data, expected, 1e-9, "value of the chain");
});

Deno.test("topologicalOrder lists each node once, inputs first", () => {
  const a = new Value(1, { label: "a" });
  const b = add(a, a).named("b");
  const c = mul(b, a).named("c");
  assert.deepEqual(topologicalOrder(c).map((node) => node.label), ["a", "b", "c"]);
});

Deno.test("float32 mode rounds results and gradients like PyTorch", () => {
  // PyTorch 1.13: torch.tensor(0.1) * torch.tensor(3.0) is 0.30000001192092896 in float32.
  const x = new Value(0.1, { dtype: "float32" });
  const y = mul(x, 3);
  assert.equal(x.data, Math.fround(0.1));
  assert.equal(y.data, 0.30000001192092896);
  y.backward();
  assert.equal(x.grad, 3);
  assert.equal(y.dtype, "float32");
});

Deno.test("float32 and float64 operands give a float64 result", () => {
  // PyTorch promotes two 0-dimensional tensors of float32 and float64 to float64.
  const single = new Value(0.1, { dtype: "float32" });
  const double = new Value(0.1);
  const out = add(single, double);
  assert.equal(out.dtype, "float64");
  assert.equal(out.data, Math.fround(0.1) + 0.1);
  // A plain number keeps the Value's dtype, as a Python scalar does in PyTorch.
  assert.equal(mul(single, 0.5).dtype, "float32");
});

Deno.test("toString shows data, grad, label and dtype", () => {
  const w = new Value(0.4, { label: "w5" });
  assert.equal(w.toString(), 'Value(data=0.4, grad=0, label="w5")');
  assert.equal(
    new Value(1, { dtype: "float32" }).toString(),
    "Value(data=1, grad=0, dtype=float32)",
  );
});

Deno.test("Value rejects bad arguments with the value in the message", () => {
  assert.throws(() => new Value("1" as unknown as number), {
    name: "TypeError",
    message: 'Cannot create a Value from "1": expected a number, got string',
  });
  assert.throws(() => new Value(1, { dtype: "float16" as "float32" }), {
    name: "RangeError",
    message: 'Invalid dtype "float16": expected "float64" or "float32"',
  });
  assert.throws(() => add(1, 2), {
    name: "TypeError",
    message: /Cannot compute add\(1, 2\): at least one operand must be a Value/,
  });
  assert.throws(() => mul(new Value(1, { label: "w1" }), "2" as unknown as number), {
    name: "TypeError",
    message:
      /Cannot compute mul\("w1", "2"\): the second operand must be a Value or a number, got string/,
  });
  assert.throws(() => pow(new Value(2), new Value(3) as unknown as number), {
    name: "TypeError",
    message:
      /the exponent must be a number; for a Value exponent write exp\(mul\(exponent, log\(base\)\)\)/,
  });
  assert.throws(() => exp(2 as unknown as Value), {
    name: "TypeError",
    message:
      /Cannot compute exp\(2\): expected a Value, got number; wrap numbers with new Value\(x\)/,
  });
});

Deno.test("leaves made without requiresGrad get no gradient", () => {
  // PyTorch: x = torch.tensor(2.0) without requires_grad keeps x.grad None,
  // while w = torch.tensor(3.0, requires_grad=True) gets d(w·x)/dw = 2.
  const x = new Value(2, { label: "x", requiresGrad: false });
  const w = new Value(3, { label: "w" });
  const y = mul(w, x);
  y.backward();
  assert.equal(w.grad, 2);
  assert.equal(x.grad, 0);
  assert.equal(x.toString(), 'Value(data=2, requiresGrad=false, label="x")');
  assert.throws(() => new Value(1, { requiresGrad: "yes" as unknown as boolean }), {
    name: "TypeError",
    message: 'Invalid requiresGrad "yes": expected true or false',
  });
});

Deno.test("backward rejects a graph without gradients to compute", () => {
  // PyTorch 1.13: (torch.tensor(2.0) * 3).backward() raises "element 0 of
  // tensors does not require grad and does not have a grad_fn".
  const x = new Value(2, { label: "x", requiresGrad: false });
  assert.throws(() => mul(x, 3).backward(), {
    name: "TypeError",
    message:
      /Cannot run backward from \* node \(data=6\): it depends on no leaf that requires a gradient/,
  });
});
