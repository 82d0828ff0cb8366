import assert from "node:assert/strict";
import { expFloat32, float32UlpDistance, powLikePyTorch } from "./float32.ts";

// torch.exp(torch.tensor(x)).item() in PyTorch 1.13 (float32, x86-64 with AVX2).
// The first row is the notebook's exp(-net_o1). Rows marked "fround" are those
// where the correctly rounded Math.fround(Math.exp(x)) is one ulp away.
const PYTORCH_EXP_CASES: [number, number][] = [
  [-1.106117606163025, 0.33084094524383545], // fround
  [10.30526351928711, 29889.529296875],
  [-8.827564239501953, 0.00014663496403954923], // fround
  [-3.877229690551758, 0.0207081139087677],
  [9.387378692626953, 11936.7685546875],
  [-18.828737258911133, 6.6494130201988355e-09],
  [11.994344711303711, 161836.96875],
  [-4.114506244659424, 0.01633400283753872],
  [0.986635684967041, 2.6821956634521484], // fround
  [-1.4581751823425293, 0.2326604425907135], // fround
  [10.870733261108398, 52613.7734375], // fround
  [5.882093906402588, 358.55926513671875], // fround
  [10.852680206298828, 51672.4609375], // fround
];

Deno.test("expFloat32 matches PyTorch's float32 exp", () => {
  for (const [x, expected] of PYTORCH_EXP_CASES) {
    assert.equal(expFloat32(x), expected, `exp(${x})`);
  }
});

Deno.test("expFloat32 handles the edges as PyTorch does", () => {
  assert.equal(expFloat32(0), 1);
  assert.ok(Number.isNaN(expFloat32(NaN)));
  assert.equal(expFloat32(1000), Infinity);
  assert.equal(expFloat32(-1000), 0);
});

Deno.test("float32UlpDistance counts float32 steps", () => {
  assert.equal(float32UlpDistance(1, 1), 0);
  assert.equal(float32UlpDistance(1, 1 + 2 ** -23), 1);
  assert.equal(float32UlpDistance(-(2 ** -149), 2 ** -149), 2);
  assert.equal(float32UlpDistance(0.1, 0.1 + 1e-12), 0);
  assert.equal(float32UlpDistance(NaN, 1), Infinity);
});

Deno.test("powLikePyTorch multiplies for an exponent of 3", () => {
  // PyTorch 1.13: torch.tensor(1.003411, dtype=torch.float64) ** 3 is
  // 1.0102679444497156, the product (x·x)·x; Python's 1.003411 ** 3 and
  // JavaScript's Math.pow give 1.0102679444497158.
  assert.equal(powLikePyTorch(1.003411, 3, false), 1.0102679444497156);
  assert.equal(1.003411 ** 3, 1.0102679444497158);
});

Deno.test("powLikePyTorch handles exponents 0 and 1 as PyTorch does", () => {
  // torch.pow(x, 0) is 1 even for NaN, and torch.pow(x, 1) is x itself.
  assert.equal(powLikePyTorch(NaN, 0, true), 1);
  assert.ok(Number.isNaN(powLikePyTorch(NaN, 1, true)));
  assert.equal(powLikePyTorch(-0, 1, false), -0);
});

Deno.test("powLikePyTorch rejects non-numbers", () => {
  assert.throws(() => powLikePyTorch("2" as unknown as number, 2, false), {
    name: "TypeError",
    message: 'Cannot compute pow("2", 2): expected two numbers',
  });
});
