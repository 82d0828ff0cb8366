/**
 * The engine's behaviour at the edges, one PyTorch semantic a test: repeated
 * backward calls, kinks, overflow, logarithms of 0 and negatives, NaN,
 * saturation, division by zero and mixed precision.
 *
 * Every expected value was printed by PyTorch 1.13 (CPU, x86-64) for a 0-d
 * tensor with `requires_grad=True`, for example:
 *
 *     a = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
 *     y = torch.relu(a); y.backward(); print(y.item(), a.grad.item())
 *
 * Values are compared with `Object.is`, so NaN equals NaN and -0 differs from 0.
 */
import assert from "node:assert/strict";
import {
  add,
  div,
  exp,
  type FloatDType,
  log,
  mul,
  neg,
  pow,
  relu,
  sigmoid,
  sub,
  tanh,
  Value,
} from "./value.ts";

const NAN = NaN;
const INF = Infinity;

function assertSame(actual: number, expected: number, what: string): void {
  assert.ok(
    Object.is(actual, expected),
    `${what}: got ${formatNumber(actual)}, expected ${formatNumber(expected)}`,
  );
}

/** Writes -0 as "-0", which String() writes as "0". */
function formatNumber(x: number): string {
  return Object.is(x, -0) ? "-0" : String(x);
}

type Unary = (a: Value) => Value;

/** Runs `operation` on one leaf and checks the output and the leaf's gradient. */
function checkUnary(
  name: string,
  operation: Unary,
  x: number,
  expectedOutput: number,
  expectedGradient: number,
  dtype: FloatDType = "float64",
): void {
  const a = new Value(x, { dtype });
  const out = operation(a);
  out.backward();
  assertSame(out.data, expectedOutput, `${name}(${formatNumber(x)}) in ${dtype}`);
  assertSame(a.grad, expectedGradient, `d ${name}(${formatNumber(x)}) in ${dtype}`);
}

/** Runs `operation` on two leaves and checks the output and both gradients. */
function checkBinary(
  name: string,
  operation: (a: Value, b: Value) => Value,
  [x, y]: [number, number],
  [expectedOutput, expectedLeft, expectedRight]: [number, number, number],
  dtype: FloatDType = "float64",
): void {
  const a = new Value(x, { dtype });
  const b = new Value(y, { dtype });
  const out = operation(a, b);
  out.backward();
  const call = `${name}(${formatNumber(x)}, ${formatNumber(y)}) in ${dtype}`;
  assertSame(out.data, expectedOutput, call);
  assertSame(a.grad, expectedLeft, `d ${call} / da`);
  assertSame(b.grad, expectedRight, `d ${call} / db`);
}

Deno.test("backward accumulates over repeated calls", () => {
  // PyTorch 1.13: y = x * x at x = 3; y.backward(retain_graph=True); y.backward() gives 12.0.
  for (const dtype of ["float64", "float32"] as const) {
    const x = new Value(3, { dtype });
    const y = mul(x, x);
    y.backward();
    assertSame(x.grad, 6, `x.grad after one call in ${dtype}`);
    y.backward();
    assertSame(x.grad, 12, `x.grad after two calls in ${dtype}`);
    y.backward();
    assertSame(x.grad, 18, `x.grad after three calls in ${dtype}`);
  }
});

Deno.test("backward accumulates through shared nodes", () => {
  // z = s * s + s with s = a * b shared; dz/da = (2s + 1) * b. At a = 2, b = 3:
  // s = 6, dz/da = 39, dz/db = 26. Calling backward twice doubles them, and
  // PyTorch 1.13 with retain_graph=True gives 78.0 and 52.0.
  const a = new Value(2);
  const b = new Value(3);
  const s = mul(a, b);
  const z = add(mul(s, s), s);
  z.backward();
  z.backward();
  assertSame(a.grad, 78, "a.grad");
  assertSame(b.grad, 52, "b.grad");
  // An interior node keeps only the latest call's gradient (PyTorch keeps none).
  assertSame(s.grad, 13, "s.grad");
});

Deno.test("relu gradient at zero is zero", () => {
  // PyTorch 1.13: relu(0.0) = 0.0, grad 0.0; relu(-0.0) grad 0.0; relu(1e-300) grad 1.0.
  for (const dtype of ["float64", "float32"] as const) {
    checkUnary("relu", relu, 0, 0, 0, dtype);
    const negativeZero = new Value(-0, { dtype });
    const out = relu(negativeZero);
    out.backward();
    assertSame(negativeZero.grad, 0, `d relu(-0) in ${dtype}`);
  }
  checkUnary("relu", relu, 1e-300, 1e-300, 1);
  checkUnary("relu", relu, -1e-300, 0, 0);
});

Deno.test("relu keeps negative zero", () => {
  // PyTorch 1.13: torch.relu(torch.tensor(-0.0)).item() is -0.0 (relu is clamp_min(x, 0)).
  const out = relu(new Value(-0));
  assertSame(out.data, -0, "relu(-0)");
});

Deno.test("exp overflow gives Infinity", () => {
  // PyTorch 1.13, [x, exp(x), d exp(x) / dx].
  const float64: [number, number, number][] = [
    [709, 8.218407461554972e+307, 8.218407461554972e+307],
    [710, INF, INF],
    [1000, INF, INF],
    [INF, INF, INF],
    [-1000, 0, 0],
    [-INF, 0, 0],
  ];
  for (const [x, output, gradient] of float64) checkUnary("exp", exp, x, output, gradient);

  // float32 overflows past about 88.72 and underflows below about -103.97.
  const float32: [number, number, number][] = [
    [88.72, 3.3931806003874245e+38, 3.3931806003874245e+38],
    [88.73, INF, INF],
    [89, INF, INF],
    [-87.5, 9.982351397596697e-39, 9.982351397596697e-39],
    [-103.9, 1.401298464324817e-45, 1.401298464324817e-45],
    [-104, 0, 0],
    [-110, 0, 0],
  ];
  for (const [x, output, gradient] of float32) {
    checkUnary("exp", exp, x, output, gradient, "float32");
  }
});

Deno.test("log of zero and negatives", () => {
  // PyTorch 1.13, [x, log(x), d log(x) / dx = 1 / x]; the same in float32.
  const cases: [number, number, number][] = [
    [0, -INF, INF],
    [-0, -INF, -INF],
    [-1, NAN, -1],
    [INF, INF, 0],
  ];
  for (const dtype of ["float64", "float32"] as const) {
    for (const [x, output, gradient] of cases) checkUnary("log", log, x, output, gradient, dtype);
  }
});

Deno.test("NaN propagates through unary operations", () => {
  // PyTorch 1.13, [name, operation, output at NaN, gradient at NaN]. The
  // gradient is NaN only where the local derivative reads the input.
  const cases: [string, Unary, number, number][] = [
    ["neg", neg, NAN, -1],
    ["exp", exp, NAN, NAN],
    ["log", log, NAN, NAN],
    ["tanh", tanh, NAN, NAN],
    ["sigmoid", sigmoid, NAN, NAN],
    ["pow 2", (a) => pow(a, 2), NAN, NAN],
    ["pow 0", (a) => pow(a, 0), 1, 0],
    ["pow 1", (a) => pow(a, 1), NAN, 1],
    ["pow -1", (a) => pow(a, -1), NAN, NAN],
    ["pow 0.5", (a) => pow(a, 0.5), NAN, NAN],
    ["x + 2", (a) => add(a, 2), NAN, 1],
    ["2 + x", (a) => add(2, a), NAN, 1],
    ["x - 2", (a) => sub(a, 2), NAN, 1],
    ["2 - x", (a) => sub(2, a), NAN, -1],
    ["x * 2", (a) => mul(a, 2), NAN, 2],
    ["x * 0", (a) => mul(a, 0), NAN, 0],
    ["0 * x", (a) => mul(0, a), NAN, 0],
    ["x / 2", (a) => div(a, 2), NAN, 0.5],
    ["2 / x", (a) => div(2, a), NAN, NAN],
    ["0 / x", (a) => div(0, a), NAN, NAN],
  ];
  for (const dtype of ["float64", "float32"] as const) {
    for (const [name, operation, output, gradient] of cases) {
      checkUnary(name, operation, NAN, output, gradient, dtype);
    }
  }
});

Deno.test("NaN propagates through binary operations", () => {
  // PyTorch 1.13, [operation, [a, b], [a op b, d/da, d/db]].
  const cases: [
    string,
    (a: Value, b: Value) => Value,
    [number, number],
    [number, number, number],
  ][] = [
    ["add", add, [NAN, 1.5], [NAN, 1, 1]],
    ["add", add, [0, NAN], [NAN, 1, 1]],
    ["sub", sub, [NAN, 1.5], [NAN, 1, -1]],
    ["sub", sub, [0, NAN], [NAN, 1, -1]],
    ["mul", mul, [NAN, 1.5], [NAN, 1.5, NAN]],
    ["mul", mul, [1.5, NAN], [NAN, NAN, 1.5]],
    ["mul", mul, [NAN, 0], [NAN, 0, NAN]],
    ["mul", mul, [0, NAN], [NAN, NAN, 0]],
    ["div", div, [NAN, 1.5], [NAN, 0.6666666666666666, NAN]],
    ["div", div, [1.5, NAN], [NAN, NAN, NAN]],
    ["div", div, [NAN, 0], [NAN, INF, NAN]],
    ["div", div, [0, NAN], [NAN, NAN, NAN]],
  ];
  for (const [name, operation, inputs, expected] of cases) {
    checkBinary(name, operation, inputs, expected);
  }
});

Deno.test("relu passes gradient through NaN", () => {
  // PyTorch 1.13: relu(nan) = nan with gradient 1.0, because its backward
  // zeroes the gradient only where the output is <= 0, and NaN <= 0 is false.
  checkUnary("relu", relu, NAN, NAN, 1);
  checkUnary("relu", relu, NAN, NAN, 1, "float32");
});

Deno.test("sigmoid and tanh saturate finitely", () => {
  // PyTorch 1.13, [x, sigmoid(x), its gradient, tanh(x), its gradient], the
  // same in float32.
  const cases: [number, number, number, number, number][] = [
    [1000, 1, 0, 1, 0],
    [-1000, 0, 0, -1, 0],
    [710, 1, 0, 1, 0],
    [40, 1, 0, 1, 0],
    [INF, 1, 0, 1, 0],
    [-INF, 0, 0, -1, 0],
  ];
  for (const dtype of ["float64", "float32"] as const) {
    for (const [x, sigmoidOutput, sigmoidGradient, tanhOutput, tanhGradient] of cases) {
      checkUnary("sigmoid", sigmoid, x, sigmoidOutput, sigmoidGradient, dtype);
      checkUnary("tanh", tanh, x, tanhOutput, tanhGradient, dtype);
    }
  }
  // Far out on the left, sigmoid is tiny but not 0, and so is its gradient.
  checkUnary("sigmoid", sigmoid, -40, 4.248354255291589e-18, 4.248354255291589e-18);
  checkUnary("sigmoid", sigmoid, -40, 4.24835413113866e-18, 4.24835413113866e-18, "float32");
  checkUnary("tanh", tanh, -40, -1, 0);
  checkUnary("tanh", tanh, -710, -1, 0);
  checkUnary("sigmoid", sigmoid, -710, 0, 0, "float32");
});

Deno.test("sigmoid underflows like PyTorch", () => {
  // PyTorch 1.13 computes 1 / (1 + exp(-x)) in float64, so exp(710) = inf
  // gives exactly 0, not the subnormal that exp(x) / (1 + exp(x)) gives.
  checkUnary("sigmoid", sigmoid, -710, 0, 0);
  checkUnary("sigmoid", sigmoid, -718.4872943178866, 0, 0);
});

Deno.test("float32 sigmoid matches PyTorch bitwise", () => {
  // PyTorch 1.13 float32 torch.sigmoid of 0-d tensors on random inputs where a
  // float64 result rounded to float32 differs by one float32 step: [x,
  // sigmoid(x), gradient]. PyTorch computes 1 / (1 + exp(-x)) in float32.
  const cases: [number, number, number][] = [
    [12.290169715881348, 0.9999953508377075, 4.649140464607626e-06],
    [4.3760857582092285, 0.987581729888916, 0.01226405706256628],
    [7.394118785858154, 0.9993854761123657, 0.0006141462363302708],
    [-28.3270206451416, 4.985758442384303e-13, 4.985758442384303e-13],
    [-36.12325668334961, 2.0505434161297172e-16, 2.0505434161297172e-16],
    [11.745251655578613, 0.9999921321868896, 7.867751264711842e-06],
  ];
  for (const [x, output, gradient] of cases) {
    checkUnary("sigmoid", sigmoid, x, output, gradient, "float32");
  }
});

Deno.test("float32 pow and tanh match PyTorch bitwise", () => {
  // PyTorch 1.13, 0-d float32 tensors: [operation, x, y, dx] where y = op(x)
  // and dx is the gradient of 0.7 · y. PyTorch multiplies for exponents 3 and
  // -2, takes square roots for ±0.5, and rounds 1 - tanh² once. Most rows are
  // inputs where a correctly rounded power differs from PyTorch's by one ulp.
  const cases: [string, number, number, number][] = [
    ["pow 3", -0.031462933868169785, -3.114566789008677e-05, 0.002078823745250702],
    ["pow 3", 0.006896810606122017, 3.280536873262463e-07, 9.988860256271437e-05],
    ["pow 3", 0.1812860369682312, 0.005957897752523422, 0.06901571154594421],
    ["pow 0.5", 0.10569071024656296, 0.3251010775566101, 1.0765881538391113],
    ["pow -0.5", 0.10569071024656296, 3.0759663581848145, -10.186214447021484],
    ["pow -0.5", 0.9615620374679565, 1.0197914838790894, -0.3711949586868286],
    ["pow -0.5", 21.167097091674805, 0.21735484898090363, -0.0035939833614975214],
    ["pow -1", -0.031462933868169785, -31.783432006835938, -707.130615234375],
    ["pow -2", -0.031462933868169785, 1010.1865844726562, 44950.0703125],
    ["pow -2", 0.10569071024656296, 89.52130126953125, -1185.8167724609375],
    ["pow -2", 0.9615620374679565, 1.0815469026565552, -1.5746936798095703],
    ["pow 1.7", 0.10569071024656296, 0.02192111313343048, 0.24681568145751953],
    ["tanh", -0.031462933868169785, -0.03145255520939827, 0.6993075013160706],
    ["tanh", 0.10569071024656296, 0.10529892146587372, 0.6922385096549988],
    ["tanh", 0.006896810606122017, 0.0068967011757195, 0.6999666690826416],
  ];
  for (const [operation, x, output, gradient] of cases) {
    const a = new Value(x, { dtype: "float32" });
    const y = operation === "tanh" ? tanh(a) : pow(a, Number(operation.split(" ")[1]));
    mul(y, 0.7).backward();
    assert.equal(y.data, output, `${operation}(${x})`);
    assert.equal(a.grad, gradient, `d ${operation}(${x})`);
  }
});

Deno.test("division by zero follows IEEE", () => {
  // PyTorch 1.13, [[a, b], [a / b, d/da = 1 / b, d/db = -a / b²]]; the same in float32.
  const cases: [[number, number], [number, number, number]][] = [
    [[1, 0], [INF, INF, -INF]],
    [[-1, 0], [-INF, INF, INF]],
    [[0, 0], [NAN, INF, NAN]],
    [[1, -0], [-INF, -INF, -INF]],
    [[-1, -0], [INF, -INF, INF]],
    [[0, -0], [NAN, -INF, NAN]],
    [[INF, 0], [INF, INF, -INF]],
    [[INF, INF], [NAN, 0, NAN]],
  ];
  for (const dtype of ["float64", "float32"] as const) {
    for (const [inputs, expected] of cases) checkBinary("div", div, inputs, expected, dtype);
  }
});

Deno.test("division by a zero constant follows IEEE", () => {
  // PyTorch 1.13, [name, operation, x, output, gradient]; `c / x` is
  // reciprocal(x) * c there, as in the engine.
  const cases: [string, Unary, number, number, number][] = [
    ["1 / x", (a) => div(1, a), 0, INF, -INF],
    ["1 / x", (a) => div(1, a), -0, -INF, -INF],
    ["-1 / x", (a) => div(-1, a), 0, -INF, INF],
    ["-1 / x", (a) => div(-1, a), -0, INF, INF],
    ["2 / x", (a) => div(2, a), 0, INF, -INF],
    ["0 / x", (a) => div(0, a), 0, NAN, NAN],
    ["0 / x", (a) => div(0, a), -0, NAN, NAN],
    ["x / 0", (a) => div(a, 0), 1, INF, INF],
    ["x / 0", (a) => div(a, 0), 0, NAN, INF],
    ["x / -0", (a) => div(a, -0), 1, -INF, -INF],
    ["x / 1", (a) => div(a, 1), -0, -0, 1],
    ["x / -1", (a) => div(a, -1), 0, -0, -1],
  ];
  for (const dtype of ["float64", "float32"] as const) {
    for (const [name, operation, x, output, gradient] of cases) {
      checkUnary(name, operation, x, output, gradient, dtype);
    }
  }
});

Deno.test("gradients keep the sign of zero", () => {
  // PyTorch 1.13 assigns a leaf's first gradient, so a -0.0 contribution stays
  // -0.0; adding it to a starting +0 would give +0 in IEEE 754.
  checkUnary("log", log, -INF, NAN, -0);
  checkBinary("div", div, [1, INF], [0, 0, -0]);
  checkBinary("div", div, [0, INF], [0, 0, -0]);
  checkUnary("x * -1", (a) => mul(a, -1), 0, -0, -1);
  checkBinary("mul", mul, [-0, 5], [-0, 5, -0]);
});

Deno.test("pow at zero follows PyTorch", () => {
  // PyTorch 1.13, [exponent, base, output, gradient].
  const cases: [number, number, number, number][] = [
    [0, 0, 1, 0],
    [1, 0, 0, 1],
    [-1, 0, INF, -INF],
    [0.5, 0, 0, INF],
    [1.5, 0, 0, 0],
    [-0.5, 0, INF, -INF],
    [0.5, -1, NAN, NAN],
    [2, INF, INF, INF],
  ];
  for (const [exponent, x, output, gradient] of cases) {
    checkUnary(`pow ${exponent}`, (a) => pow(a, exponent), x, output, gradient);
  }
});

Deno.test("float32 and float64 mix by promotion", () => {
  // The rule in Value's documentation: a result is float32 only when every
  // Value operand is float32, and a plain number takes the Value's dtype.
  // Each leaf keeps its gradient in its own dtype. PyTorch 1.13:
  //   a = tensor(0.1, float32), b = tensor(0.1, float64); z = a * b
  //   z: float64 0.010000000149011612; a.grad: float32 0.10000000149011612;
  //   b.grad: 0.10000000149011612.
  const single = new Value(0.1, { dtype: "float32" });
  const double = new Value(0.1);
  const product = mul(single, double);
  assert.equal(product.dtype, "float64");
  assertSame(product.data, 0.010000000149011612, "float32 * float64");
  product.backward();
  assertSame(single.grad, 0.10000000149011612, "gradient of the float32 leaf");
  assertSame(double.grad, 0.10000000149011612, "gradient of the float64 leaf");

  // PyTorch 1.13: tensor(0.1, float32) + 0.1 is float32 0.20000000298023224.
  const sum = add(new Value(0.1, { dtype: "float32" }), 0.1);
  assert.equal(sum.dtype, "float32");
  assertSame(sum.data, 0.20000000298023224, "float32 + number");

  // PyTorch 1.13: tensor(0.1, float32) + tensor(0.3, float64) is float64 0.4000000014901161.
  const mixed = add(new Value(0.1, { dtype: "float32" }), new Value(0.3));
  assert.equal(mixed.dtype, "float64");
  assertSame(mixed.data, 0.4000000014901161, "float32 + float64");

  // A float64 gradient flowing into a float32 leaf is rounded to float32.
  const leaf = new Value(1, { dtype: "float32" });
  const scaled = mul(leaf, new Value(0.1));
  scaled.backward();
  assertSame(leaf.grad, Math.fround(0.1), "float64 gradient rounded into a float32 leaf");
});
