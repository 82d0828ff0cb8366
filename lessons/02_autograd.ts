/**
 * Lesson 02: Scalar automatic differentiation
 *
 * Follows the notebook's "Simple Automatic Differentiation Example": y = x² at
 * x = 2, then z = (a² + b)³ at a = 3, b = 2, through the kit's engine instead of
 * PyTorch. Then it shows the graph the engine recorded, in the order backward
 * visits it, and checks each gradient against its formula and a finite difference.
 *
 * Print it:  deno run lessons/02_autograd.ts
 * Check it:  deno test lessons/02_autograd.ts
 *
 * @module
 */

import assert from "node:assert/strict";
import { formatGraph, formatRepr, noArgumentsOrExit, Transcript, Value } from "../mod.ts";
import golden from "../fixtures/transcripts/02_autograd.txt" with { type: "text" };

// Step of the central differences. Their error is about h²/6 · |f'''|, which
// is 612h² = 6.1e-6 for dz/da, plus rounding of about 2⁻⁵² · |z| / h = 3e-9.
const FINITE_DIFFERENCE_STEP = 1e-4;

/** Runs the lesson's steps in the notebook's order, printing as it goes, and returns what it computed. */
export function runLesson(transcript = new Transcript()) {
  // "This demonstrates how PyTorch calculates gradients behind the scenes
  // without knowing the form of the gradient beforehand."
  //
  // The cell makes its tensors with torch.tensor(2.0, requires_grad=True),
  // which are float32, so the engine works in float32 here too. Every value in
  // this example is a small integer, exact in float32.

  // Create a tensor with requires_grad=True
  const x = new Value(2.0, { label: "x", dtype: "float32" });
  transcript.print(`Initial x value: ${formatRepr(x.data)}`);

  // Step 1: Perform forward computation
  // Let's say we compute y = x^2
  const y = x.mul(x).named("y");
  transcript.print(`y = x^2 = ${formatRepr(y.data)}`);

  // Step 2: Call backward() to compute gradients
  y.backward();

  // Step 3: Access the computed gradient
  transcript.print(`Gradient of y with respect to x (dy/dx): ${formatRepr(x.grad)}`);
  transcript.print(`Expected value: 2x = 2*2 = 4`);
  transcript.print(
    "\nPyTorch calculated the correct gradient dy/dx = 4 without us specifying the formula dy/dx = 2x",
  );

  // Let's see a more complex example
  transcript.print("\n----- More Complex Example -----");
  const a = new Value(3.0, { label: "a", dtype: "float32" });
  const b = new Value(2.0, { label: "b", dtype: "float32" });

  // Complex computation: z = (a^2 + b)^3
  const c = a.mul(a).add(b).named("c");
  const z = c.mul(c).mul(c).named("z");
  transcript.print(`z = (a^2 + b)^3 = ${formatRepr(z.data)}`);

  // Compute gradients
  z.backward();

  // Access gradients
  transcript.print(`dz/da = ${formatRepr(a.grad)}`);
  transcript.print(`dz/db = ${formatRepr(b.grad)}`);
  transcript.print(
    "\nPyTorch correctly calculated these gradients through chain rule without us explicitly providing the formulas:",
  );
  transcript.print("dz/da = 3(a^2 + b)^2 * 2a");
  transcript.print("dz/db = 3(a^2 + b)^2");

  // Behind the scenes. Each operation recorded its operands, which makes a
  // graph, and backward() walks it from the result to the leaves. At each node it
  // multiplies the node's grad by the operation's local derivative and adds the
  // product to the operands' grads. No formula for dz/da is ever written down.
  transcript.print("\n----- Behind the scenes -----");
  transcript.print(
    "Each operation recorded its operands. backward() visited the nodes in this order,",
  );
  transcript.print("passing each node's grad on to its operands through the local derivative:");
  transcript.print();
  transcript.print(formatGraph(y));
  transcript.print();
  transcript.print(formatGraph(z));
  transcript.print();
  transcript.print("Nodes without a label are named by their step: #2 is c * c, #4 is a * a.");

  // c feeds z once and #2 twice, so backward adds three contributions into c.grad.
  const cSquared = z.left!;
  const fromZ = z.grad * cSquared.data;
  const fromCSquared = cSquared.grad * c.data;
  transcript.print(
    "c is used three times, once by z = #2 * c and twice by #2 = c * c, so its grad",
  );
  transcript.print(
    `is the sum ${formatRepr(z.grad)} * ${formatRepr(cSquared.data)} + 2 * ${
      formatRepr(cSquared.grad)
    } * ${formatRepr(c.data)} = ${formatRepr(fromZ + 2 * fromCSquared)}.`,
  );

  // Two independent checks of each gradient: the formula the cell states, and a
  // central difference (f(x + h) - f(x - h)) / 2h, which needs no derivative at
  // all. Both run in float64 plain arithmetic, outside the graph above.
  const h = FINITE_DIFFERENCE_STEP;
  const square = (x: number) => new Value(x).mul(new Value(x)).data;
  const cubeOfSum = (a: number, b: number) => {
    const av = new Value(a);
    const c = av.mul(av).add(new Value(b));
    return c.mul(c).mul(c).data;
  };
  const checks = [
    {
      name: "dy/dx",
      autograd: x.grad,
      formula: 2 * 2,
      formulaText: "2x",
      centralDifference: (square(2 + h) - square(2 - h)) / (2 * h),
    },
    {
      name: "dz/da",
      autograd: a.grad,
      formula: 3 * (3 ** 2 + 2) ** 2 * 2 * 3,
      formulaText: "3(a^2 + b)^2 * 2a",
      centralDifference: (cubeOfSum(3 + h, 2) - cubeOfSum(3 - h, 2)) / (2 * h),
    },
    {
      name: "dz/db",
      autograd: b.grad,
      formula: 3 * (3 ** 2 + 2) ** 2,
      formulaText: "3(a^2 + b)^2",
      centralDifference: (cubeOfSum(3, 2 + h) - cubeOfSum(3, 2 - h)) / (2 * h),
    },
  ];
  transcript.print(
    `\nEach gradient three ways (float64 central difference, h = ${formatRepr(h)}):`,
  );
  const rows = [["", "autograd", "formula", "central difference"]];
  for (const check of checks) {
    rows.push([
      check.name,
      formatRepr(check.autograd),
      `${check.formulaText} = ${formatRepr(check.formula)}`,
      formatRepr(check.centralDifference),
    ]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) {
    transcript.print(row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd());
  }
  transcript.print("The central differences come close but are not exact, and each needs two");
  transcript.print(
    "evaluations of the function per input; backward() gives every gradient in one pass.",
  );

  return { transcript, x, y, a, b, c, z, cSquared, checks };
}

if (import.meta.main) {
  noArgumentsOrExit(Deno.args, "lessons/02_autograd.ts");
  Deno.stdout.writeSync(new TextEncoder().encode(runLesson().transcript.toString()));
}

// The cell's output, printed by /usr/bin/python3 (Python 3.11, PyTorch 1.13)
// running the cell unchanged; tools/expected/notebook_cells.py prints it again.
const PYTORCH_CELL_OUTPUT = `Initial x value: 2.0
y = x^2 = 4.0
Gradient of y with respect to x (dy/dx): 4.0
Expected value: 2x = 2*2 = 4

PyTorch calculated the correct gradient dy/dx = 4 without us specifying the formula dy/dx = 2x

----- More Complex Example -----
z = (a^2 + b)^3 = 1331.0
dz/da = 2178.0
dz/db = 363.0

PyTorch correctly calculated these gradients through chain rule without us explicitly providing the formulas:
dz/da = 3(a^2 + b)^2 * 2a
dz/db = 3(a^2 + b)^2
`;

// Central differences with h = 1e-4 computed by Python 3.11 in float64 with the
// same operations (tools/expected/notebook_cells.py), as repr() prints them.
const PYTHON_CENTRAL_DIFFERENCES: Record<string, number> = {
  "dy/dx": 4.000000000004,
  "dz/da": 2178.000006124421,
  "dz/db": 363.00000000892396,
};

// Largest relative distance of a central difference from the exact gradient:
// above the estimate next to FINITE_DIFFERENCE_STEP, 6.1e-6 / 2178 = 2.8e-9.
const MAX_FINITE_DIFFERENCE_ERROR = 1e-8;

Deno.test("lesson 02 prints the cell's output, then the graph", () => {
  const printed = runLesson().transcript.toString();
  assert.ok(
    printed.startsWith(PYTORCH_CELL_OUTPUT),
    "the printout must begin with the cell's output exactly as PyTorch 1.13 printed it",
  );
  assert.equal(printed, golden);
});

Deno.test("lesson 02 values and gradients match PyTorch", async (t) => {
  const { x, y, a, b, c, z } = runLesson();

  await t.step("y = x² at x = 2", () => {
    // Printed by the cell under PyTorch 1.13: x.item(), y.item(), x.grad.item().
    assert.equal(x.data, 2.0);
    assert.equal(y.data, 4.0);
    assert.equal(x.grad, 4.0);
  });

  await t.step("z = (a² + b)³ at a = 3, b = 2", () => {
    // Printed by the cell under PyTorch 1.13: z.item(), a.grad.item(), b.grad.item().
    assert.equal(z.data, 1331.0);
    assert.equal(a.grad, 2178.0);
    assert.equal(b.grad, 363.0);
  });

  await t.step("interior gradients follow the chain rule", () => {
    // dz/dc = 3c² = 3 · 11² for c = a² + b = 11.
    assert.equal(c.data, 11);
    assert.equal(c.grad, 363);
  });

  await t.step("float32, as PyTorch's default dtype", () => {
    for (const node of [x, y, a, b, c, z]) assert.equal(node.dtype, "float32", node.label);
  });
});

Deno.test("lesson 02 checks each gradient two more ways", async (t) => {
  const { checks } = runLesson();

  await t.step("the formulas the cell states", () => {
    // dy/dx = 2x = 4; dz/da = 3(a² + b)² · 2a = 3 · 121 · 6 = 2178; dz/db = 3 · 121 = 363.
    const expected: Record<string, number> = { "dy/dx": 4, "dz/da": 2178, "dz/db": 363 };
    for (const check of checks) {
      assert.equal(check.formula, expected[check.name], check.name);
      assert.equal(check.autograd, check.formula, check.name);
    }
  });

  await t.step(`central differences within ${MAX_FINITE_DIFFERENCE_ERROR} relative`, () => {
    for (const check of checks) {
      const error = Math.abs(check.centralDifference - check.formula) / check.formula;
      assert.ok(error < MAX_FINITE_DIFFERENCE_ERROR, `${check.name} is off by ${error} relative`);
    }
  });

  await t.step("central differences equal Python's", () => {
    for (const check of checks) {
      assert.equal(check.centralDifference, PYTHON_CENTRAL_DIFFERENCES[check.name], check.name);
    }
  });
});

Deno.test("lesson 02 shows the graph backward visits", async (t) => {
  const { transcript } = runLesson();
  const text = transcript.toString();

  await t.step("the graph of y = x * x", () => {
    // y = 4, dy/dy = 1, dy/dx = 2x = 4.
    assert.ok(
      text.includes(
        [
          "step  node  operation  data  grad",
          "   1  y     x * x       4.0   1.0",
          "   2  x     leaf        2.0   4.0",
        ].join("\n"),
      ),
    );
  });

  await t.step("the graph of z = c * c * c", () => {
    // Data by arithmetic; grads by calculus: dz/d(c²) = c = 11, dz/dc = 3c² = 363,
    // dz/d(a²) = dz/dc, dz/da = 363 · 2a = 2178, dz/db = dz/dc.
    assert.ok(
      text.includes(
        [
          "step  node  operation    data    grad",
          "   1  z     #2 * c     1331.0     1.0",
          "   2  #2    c * c       121.0    11.0",
          "   3  c     #4 + b       11.0   363.0",
          "   4  #4    a * a         9.0   363.0",
          "   5  a     leaf          3.0  2178.0",
          "   6  b     leaf          2.0   363.0",
        ].join("\n"),
      ),
    );
  });

  await t.step("the three contributions to dz/dc", () => {
    const { z, cSquared, c } = runLesson();
    // z = (c·c)·c with c = 11: dz/dz = 1, c·c = 121, dz/d(c·c) = c = 11, and
    // dz/dc = 3c² = 363.
    assert.equal(z.grad, 1);
    assert.equal(cSquared.data, 121);
    assert.equal(cSquared.grad, 11);
    assert.equal(c.data, 11);
    assert.match(text, /its grad\nis the sum 1\.0 \* 121\.0 \+ 2 \* 11\.0 \* 11\.0 = 363\.0\./);
  });
});
