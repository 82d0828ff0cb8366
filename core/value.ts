/**
 * Scalar reverse-mode automatic differentiation: the engine behind every lesson.
 *
 * A `Value` stores one number (`data`), the derivative of the final result
 * with respect to it (`grad`), and the operation and operands that produced it. Each
 * operation computes its output and records its operands. `backward()` then
 * walks the recorded graph from the result back to the inputs and applies each
 * operation's local derivative, the chain rule one node at a time.
 *
 * How it gets its speed, without giving up readability:
 * - A node stores its operation as a short name (`"*"`, `"exp"`) and at most two
 *   operands, with no closure per node. Every local backward rule sits in one
 *   `switch` in {@linkcode propagate}, so a 1,000,000-node graph costs one
 *   small object a node, and V8 compiles the loop over it once.
 * - A plain number operand (`0.5` in `0.5 * e`) is stored in the node itself,
 *   not wrapped in a `Value` of its own.
 * - The topological order is found with an explicit stack and a visit mark on
 *   each node, so there is no recursion and no `Set`: deep graphs cannot
 *   overflow the call stack, and each node is visited once.
 *
 * @module
 */

import { expFloat32, powLikePyTorch } from "./float32.ts";

/** Floating-point precision of a `Value`, named as PyTorch names its dtypes. */
export type FloatDType = "float64" | "float32";

/** An operand: a `Value`, or a plain number that takes part as a constant. */
export type Operand = Value | number;

/** The operation that produced a `Value`; `"leaf"` for inputs and parameters. */
export type Operation =
  | "leaf"
  | "+"
  | "-"
  | "*"
  | "/"
  | "neg"
  | "pow"
  | "exp"
  | "log"
  | "tanh"
  | "sigmoid"
  | "relu";

/** Options for a new leaf `Value`. */
export interface ValueOptions {
  /** A name for printing and error messages, such as `"w5"` or `"E_total"`. */
  label?: string;
  /** `"float64"` (the default) or `"float32"`, which rounds like a PyTorch float32 tensor. */
  dtype?: FloatDType;
  /**
   * Whether `backward()` computes this leaf's gradient: true by default, false
   * for inputs and targets, like a PyTorch tensor made without `requires_grad=True`.
   */
  requiresGrad?: boolean;
}

// Each backward() call uses two fresh mark numbers, so marks left by an earlier
// call never need clearing: a node is "expanded" or "finished" only if its mark
// equals this call's numbers.
let nextMark = 1;

// Numbers the backward calls, so that a node can tell whether it has had its
// first gradient contribution of the running call.
let backwardCall = 0;

/**
 * A scalar in a computation graph, with its gradient.
 *
 * In `"float32"` mode every result and every gradient is rounded to the nearest
 * float32 (`Math.fround`) after each operation, as PyTorch rounds the float32
 * tensors it computes with. That reproduces figures that PyTorch printed from
 * float32 tensors, which can differ from float64 in the 8th significant digit.
 * Where PyTorch 1.13's CPU kernels round differently (its own exp, pow by
 * multiplication or square root, 1 - tanh² rounded once), the engine follows
 * them, so results equal PyTorch's for 0-dimensional tensors bit for bit. The
 * one exception is tanh itself (see {@linkcode tanh}). Plain number operands
 * are rounded to float32 first, as PyTorch converts a Python scalar to the
 * tensor's dtype, but a `pow` exponent stays float64, as in PyTorch. When a float32 and a
 * float64 `Value` meet, the result is float64, PyTorch's type promotion for two
 * 0-dimensional tensors.
 *
 * @example Usage
 * ```ts
 * import { Value } from "./value.ts";
 * import assert from "node:assert/strict";
 *
 * const x = new Value(2, { label: "x" });
 * const y = x.mul(x); // y = x²
 * y.backward();
 * assert.equal(y.data, 4);
 * assert.equal(x.grad, 4); // dy/dx = 2x
 * ```
 */
export class Value {
  /** Number stored in this node. */
  data: number;
  /** dResult/dThis after `backward()`. Leaves accumulate it over calls, like PyTorch's `.grad`. */
  grad = 0;
  /** A name for printing, empty when none was given. */
  label: string;
  /** Precision of `data` and `grad`. */
  dtype: FloatDType;
  /** The operation that produced this node. */
  op: Operation = "leaf";
  /** First operand, or null for a leaf or a number on the left (`1 - x`). */
  left: Value | null = null;
  /** Second operand, or null for a unary operation or a number on the right (`x * 0.5`). */
  right: Value | null = null;
  /** The number operand of a binary operation, or the exponent of `pow`. */
  constant = 0;
  /** Visit mark of the latest topological sort; see `nextMark`. */
  mark = 0;
  /** Number of the backward call that first gave `grad` a value; 0 while it has none. */
  gradCall = 0;
  /** Whether `backward()` fills in `grad`; false only for leaves made with `requiresGrad: false`. */
  requiresGrad = true;

  /**
   * Creates a leaf: an input or a parameter.
   *
   * @param data The number to store.
   * @param options A label and a dtype.
   * @throws {TypeError} If `data` is not a number or the options are not an object.
   * @throws {RangeError} If the dtype is not `"float64"` or `"float32"`.
   */
  constructor(data: number, options?: ValueOptions) {
    if (typeof data !== "number") {
      throw new TypeError(
        `Cannot create a Value from ${describe(data)}: expected a number, got ${typeof data}`,
      );
    }
    let label = "";
    let dtype: FloatDType = "float64";
    if (options !== undefined) {
      if (typeof options !== "object" || options === null) {
        throw new TypeError(`Cannot create a Value with options ${describe(options)}`);
      }
      label = checkLabel(options.label ?? "");
      dtype = checkDType(options.dtype ?? "float64");
      if (options.requiresGrad !== undefined && typeof options.requiresGrad !== "boolean") {
        throw new TypeError(
          `Invalid requiresGrad ${describe(options.requiresGrad)}: expected true or false`,
        );
      }
      this.requiresGrad = options.requiresGrad ?? true;
    }
    this.data = dtype === "float32" ? Math.fround(data) : data;
    this.label = label;
    this.dtype = dtype;
  }

  /** Returns `this + other`. */
  add(other: Operand): Value {
    return add(this, other);
  }

  /** Returns `this - other`. */
  sub(other: Operand): Value {
    return sub(this, other);
  }

  /** Returns `this * other`. */
  mul(other: Operand): Value {
    return mul(this, other);
  }

  /** Returns `this / other`. */
  div(other: Operand): Value {
    return div(this, other);
  }

  /** Returns `-this`. */
  neg(): Value {
    return neg(this);
  }

  /** Returns `this ** exponent` for a number exponent. */
  pow(exponent: number): Value {
    return pow(this, exponent);
  }

  /** Returns `e ** this`. */
  exp(): Value {
    return exp(this);
  }

  /** Returns the natural logarithm of this. */
  log(): Value {
    return log(this);
  }

  /** Returns the hyperbolic tangent of this. */
  tanh(): Value {
    return tanh(this);
  }

  /** Returns `1 / (1 + e ** -this)`. */
  sigmoid(): Value {
    return sigmoid(this);
  }

  /** Returns `max(0, this)`. */
  relu(): Value {
    return relu(this);
  }

  /** Sets this node's gradient to zero, like PyTorch's `x.grad.zero_()`. */
  zeroGrad(): void {
    this.grad = 0;
  }

  /** Names this node for printing, and returns it, so that `.label = ` fits in an expression. */
  named(label: string): Value {
    this.label = checkLabel(label);
    return this;
  }

  /**
   * Computes the gradient of this value with respect to every node it depends on.
   *
   * Leaves add the new gradient to their stored one, as PyTorch's leaf tensors
   * do, so call {@linkcode zeroGrads} (or `zeroGrad()`) between independent
   * passes. Interior nodes keep the gradient of the latest call that reached
   * them, but PyTorch keeps none for them unless requested with `retain_grad()`. Each call
   * reads the operands' `data` as they are when it runs.
   *
   * @param seed dResult/dThis to start from, 1 by default.
   * @throws {TypeError} If the seed is not a number, or if no leaf this value
   * depends on requires a gradient, where PyTorch raises an error too.
   *
   * @example Gradients add up over calls
   * ```ts
   * import { Value } from "./value.ts";
   * import assert from "node:assert/strict";
   *
   * const x = new Value(3);
   * const y = x.mul(x);
   * y.backward();
   * y.backward();
   * assert.equal(x.grad, 12); // 2 * (dy/dx = 6)
   * ```
   */
  backward(seed = 1): void {
    if (typeof seed !== "number") {
      throw new TypeError(
        `Cannot run backward from ${this.describe()} with seed ${
          describe(seed)
        }: expected a number`,
      );
    }
    const order = topologicalOrder(this);
    if (!order.some((node) => node.op === "leaf" && node.requiresGrad)) {
      throw new TypeError(
        `Cannot run backward from ${this.describe()}: it depends on no leaf that requires a ` +
          `gradient (PyTorch: "element 0 of tensors does not require grad and does not have a ` +
          `grad_fn"); make at least one input without requiresGrad: false`,
      );
    }
    backwardCall++;
    accumulate(this, seed);

    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i];
      if (node.op !== "leaf") propagate(node);
    }
  }

  /** Returns a short description such as `Value(data=0.4, grad=0.08216704056423077, label="w5")`. */
  toString(): string {
    const label = this.label === "" ? "" : `, label=${JSON.stringify(this.label)}`;
    const dtype = this.dtype === "float32" ? ", dtype=float32" : "";
    const grad = this.requiresGrad ? `grad=${this.grad}` : "requiresGrad=false";
    return `Value(data=${this.data}, ${grad}${label}${dtype})`;
  }

  /** Returns the label, or the operation and data for an unlabelled node, for error messages. */
  describe(): string {
    return this.label === "" ? `${this.op} node (data=${this.data})` : `"${this.label}"`;
  }
}

/**
 * Returns every node that `root` depends on, inputs first and `root` last.
 *
 * This is the order of the forward computation; `backward()` walks it in
 * reverse. Each node appears once, however many paths lead to it.
 *
 * @param root The node to start from.
 * @returns The nodes in topological order.
 * @throws {TypeError} If `root` is not a `Value`.
 *
 * @example Usage
 * ```ts
 * import { topologicalOrder, Value } from "./value.ts";
 * import assert from "node:assert/strict";
 *
 * const a = new Value(3, { label: "a" });
 * const c = a.mul(a).named("c");
 * assert.deepEqual(topologicalOrder(c).map((node) => node.label), ["a", "c"]);
 * ```
 */
export function topologicalOrder(root: Value): Value[] {
  if (!(root instanceof Value)) {
    throw new TypeError(`Cannot sort the graph of ${describe(root)}: expected a Value`);
  }
  const expanded = nextMark;
  const finished = nextMark + 1;
  nextMark += 2;

  // Depth-first search with an explicit stack. A node is expanded (its operands
  // pushed) the first time it is on top, and finished the second time, after
  // all its operands are finished: that is post-order, a topological order.
  // exercise topological-order: a topological order without recursion
  const order: Value[] = [];
  const stack: Value[] = [root];
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (node.mark < expanded) {
      node.mark = expanded;
      if (node.left !== null && node.left.mark < expanded) stack.push(node.left);
      if (node.right !== null && node.right.mark < expanded) stack.push(node.right);
    } else {
      stack.pop();
      // A node pushed by two parents is popped twice, and only the first pop counts.
      if (node.mark === expanded) {
        node.mark = finished;
        order.push(node);
      }
    }
  }
  return order;
  // end exercise topological-order
}

/**
 * Sets the gradient of every given value to zero, like PyTorch's `optimizer.zero_grad()`.
 *
 * @param values The values, usually a model's parameters.
 * @throws {TypeError} If `values` is not iterable or an element is not a `Value`.
 */
export function zeroGrads(values: Iterable<Value>): void {
  if (
    values === null || typeof values !== "object" ||
    typeof (values as Iterable<Value>)[Symbol.iterator] !== "function"
  ) {
    throw new TypeError(
      `Cannot zero the gradients of ${describe(values)}: expected an iterable of Values`,
    );
  }
  for (const value of values) {
    if (!(value instanceof Value)) {
      throw new TypeError(`Cannot zero the gradient of ${describe(value)}: expected a Value`);
    }
    value.grad = 0;
  }
}

// The operations. Each computes its output from the operands' data and records
// the operands. Its local derivative is applied later, in propagate().

/**
 * Returns `a + b`. Either side may be a plain number.
 *
 * @example Usage
 * ```ts
 * import { add, Value } from "./value.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(add(1, new Value(2)).data, 3);
 * ```
 */
export function add(a: Operand, b: Operand): Value {
  const dtype = resultDType("add", a, b);
  return binary("+", dataOf(a, dtype) + dataOf(b, dtype), a, b, dtype);
}

/** Returns `a - b`. Either side may be a plain number, as in `1 - x`. */
export function sub(a: Operand, b: Operand): Value {
  const dtype = resultDType("sub", a, b);
  return binary("-", dataOf(a, dtype) - dataOf(b, dtype), a, b, dtype);
}

/** Returns `a * b`. Either side may be a plain number, as in `0.5 * e`. */
export function mul(a: Operand, b: Operand): Value {
  const dtype = resultDType("mul", a, b);
  return binary("*", dataOf(a, dtype) * dataOf(b, dtype), a, b, dtype);
}

/**
 * Returns `a / b`. Either side may be a plain number, as in `1 / u`.
 *
 * Division by zero follows IEEE 754, as PyTorch's does: `1 / 0` is Infinity.
 */
export function div(a: Operand, b: Operand): Value {
  const dtype = resultDType("div", a, b);
  if (typeof a === "number") {
    // PyTorch computes `number / tensor` as reciprocal(tensor) * number. Doing
    // the same keeps float32 results equal to PyTorch's to the last bit.
    const reciprocal = round(1 / dataOf(b, dtype), dtype);
    return binary("/", reciprocal * dataOf(a, dtype), a, b, dtype);
  }
  return binary("/", dataOf(a, dtype) / dataOf(b, dtype), a, b, dtype);
}

/** Returns `-a`. */
export function neg(a: Value): Value {
  return unary("neg", -checkValue("neg", a).data, a);
}

/**
 * Returns `a ** exponent` for a number exponent.
 *
 * @throws {TypeError} If the exponent is not a number; for a `Value` exponent,
 * write `exp(mul(exponent, log(a)))`.
 */
export function pow(a: Value, exponent: number): Value {
  checkValue("pow", a);
  if (typeof exponent !== "number") {
    throw new TypeError(
      `Cannot compute pow(${a.describe()}, ${
        describe(exponent)
      }): the exponent must be a number; ` +
        `for a Value exponent write exp(mul(exponent, log(base)))`,
    );
  }
  // The exponent stays a float64 number in float32 mode too, as in PyTorch.
  const out = unary("pow", powLikePyTorch(a.data, exponent, a.dtype === "float32"), a);
  out.constant = exponent;
  return out;
}

/** Returns `e ** a`; overflows to Infinity past about 709.78 (88.72 in float32), as IEEE 754 does. */
export function exp(a: Value): Value {
  const x = checkValue("exp", a).data;
  // float32 follows PyTorch's own exp, which is not always correctly rounded.
  return unary("exp", a.dtype === "float32" ? expFloat32(x) : Math.exp(x), a);
}

/** Returns the natural logarithm of `a`: -Infinity at 0 and NaN below 0, as PyTorch's `log`. */
export function log(a: Value): Value {
  return unary("log", Math.log(checkValue("log", a).data), a);
}

/**
 * Returns the hyperbolic tangent of `a`.
 *
 * NOTE: in float32 this is the correctly rounded tanh. PyTorch's comes from the
 * C library's `tanhf`, which is one ulp away on about 0.4 % of inputs.
 */
export function tanh(a: Value): Value {
  return unary("tanh", Math.tanh(checkValue("tanh", a).data), a);
}

/**
 * Returns the logistic sigmoid `1 / (1 + e ** -a)` as one operation.
 *
 * It is computed as PyTorch computes it for a 0-dimensional tensor, in the
 * Value's own precision: for float32, exp (the C library's), the sum and the
 * reciprocal are each rounded to float32. It is NaN only for NaN: `e ** -a`
 * overflows to Infinity below about -709.78 (-88.72 in float32) and the
 * result is then exactly 0, as in PyTorch.
 */
export function sigmoid(a: Value): Value {
  const x = checkValue("sigmoid", a).data;
  if (a.dtype === "float32") {
    const denominator = Math.fround(1 + Math.fround(Math.exp(-x)));
    return unary("sigmoid", 1 / denominator, a);
  }
  return unary("sigmoid", 1 / (1 + Math.exp(-x)), a);
}

/** Returns `max(0, a)` as PyTorch's `clamp_min(a, 0)`: NaN stays NaN and -0 stays -0. */
export function relu(a: Value): Value {
  const x = checkValue("relu", a).data;
  return unary("relu", x < 0 ? 0 : x, a);
}

/**
 * Applies the local derivative of `node`'s operation: adds dResult/dOperand to
 * each operand's grad, given dResult/dNode in `node.grad`.
 */
function propagate(node: Value): void {
  // round(x, dtype) rounds to float32 in float32 mode and returns x unchanged in
  // float64, so each rule reads as its textbook formula: for "*", g · b and g · a.
  const g = node.grad;
  const dtype = node.dtype;
  const left = node.left;
  const right = node.right;
  const a = left === null ? node.constant : left.data;
  const b = right === null ? node.constant : right.data;

  switch (node.op) {
    case "+": // d(a+b)/da = 1, d(a+b)/db = 1
      // exercise backward-add: the local derivative of a sum
      if (left !== null) accumulate(left, g);
      if (right !== null) accumulate(right, g);
      return;
      // end exercise backward-add

    case "-": // d(a-b)/da = 1, d(a-b)/db = -1
      // exercise backward-sub: the local derivative of a difference
      if (left !== null) accumulate(left, g);
      if (right !== null) accumulate(right, -g);
      return;
      // end exercise backward-sub

    case "*": // d(a·b)/da = b, d(a·b)/db = a
      // exercise backward-mul: the local derivative of a product
      if (left !== null) accumulate(left, round(g * b, dtype));
      if (right !== null) accumulate(right, round(g * a, dtype));
      return;
      // end exercise backward-mul

    case "/": // d(a/b)/da = 1/b, d(a/b)/db = -a/b²
      // exercise backward-div: the local derivative of a quotient
      if (left !== null) {
        accumulate(left, round(g / b, dtype));
        // PyTorch's rounding order for a tensor numerator: -g · ((a/b) / b).
        if (right !== null) accumulate(right, round(-g * round(node.data / b, dtype), dtype));
      } else {
        // PyTorch's rounding order for a number numerator, reciprocal then
        // multiply: -(g·a) · (1/b)².
        const reciprocal = round(1 / b, dtype);
        accumulate(
          right!,
          round(-round(g * a, dtype) * round(reciprocal * reciprocal, dtype), dtype),
        );
      }
      return;
      // end exercise backward-div

    case "neg": // d(-a)/da = -1
      // exercise backward-neg: the local derivative of a negation
      accumulate(left!, -g);
      return;
      // end exercise backward-neg

    case "pow": { // d(aⁿ)/da = n·aⁿ⁻¹
      // exercise backward-pow: the power rule
      const n = node.constant;
      // a⁰ is the constant 1, so its derivative is 0, even at a = 0 where
      // 0 · 0⁻¹ would be NaN.
      const local = n === 0
        ? 0
        : round(round(n, dtype) * powLikePyTorch(a, n - 1, dtype === "float32"), dtype);
      accumulate(left!, round(g * local, dtype));
      return;
      // end exercise backward-pow
    }

    case "exp": // d(eᵃ)/da = eᵃ, the output itself
      // exercise backward-exp: the local derivative of exp
      accumulate(left!, round(g * node.data, dtype));
      return;
      // end exercise backward-exp

    case "log": // d(ln a)/da = 1/a
      // exercise backward-log: the local derivative of log
      accumulate(left!, round(g / a, dtype));
      return;
      // end exercise backward-log

    case "tanh": { // d(tanh a)/da = 1 - tanh²a
      // exercise backward-tanh: the local derivative of tanh
      const t = node.data;
      // PyTorch rounds 1 - t² once, as a fused multiply-add.
      accumulate(left!, round(g * round(1 - t * t, dtype), dtype));
      return;
      // end exercise backward-tanh
    }

    case "sigmoid": { // dσ(a)/da = σ(a)·(1 - σ(a))
      // exercise backward-sigmoid: the local derivative of the sigmoid
      const s = node.data;
      accumulate(left!, round(round(g * round(1 - s, dtype), dtype) * s, dtype));
      return;
      // end exercise backward-sigmoid
    }

    case "relu": // d(relu a)/da = 0 where the output is <= 0, else 1 (PyTorch's rule; NaN passes)
      // exercise backward-relu: the local derivative of relu
      accumulate(left!, node.data <= 0 ? 0 : g);
      return;
      // end exercise backward-relu
  }
}

/**
 * Adds a gradient contribution to a node, rounding to the node's dtype.
 *
 * The first contribution is assigned, not added, as PyTorch assigns a fresh
 * gradient: an interior node starts anew in every backward call, and a leaf
 * that has no gradient yet takes the contribution as it is (-0 stays -0).
 */
function accumulate(node: Value, contribution: number): void {
  if (!node.requiresGrad) return;
  const value = round(contribution, node.dtype);
  const first = node.op === "leaf" ? node.gradCall === 0 : node.gradCall !== backwardCall;
  if (first) {
    node.grad = value;
    node.gradCall = backwardCall;
  } else {
    node.grad = round(node.grad + value, node.dtype);
  }
}

function round(x: number, dtype: FloatDType): number {
  return dtype === "float32" ? Math.fround(x) : x;
}

function unary(op: Operation, data: number, a: Value): Value {
  const out = new Value(a.dtype === "float32" ? Math.fround(data) : data);
  out.dtype = a.dtype;
  out.op = op;
  out.left = a;
  return out;
}

function binary(op: Operation, data: number, a: Operand, b: Operand, dtype: FloatDType): Value {
  const out = new Value(dtype === "float32" ? Math.fround(data) : data);
  out.dtype = dtype;
  out.op = op;
  if (typeof a === "number") out.constant = dtype === "float32" ? Math.fround(a) : a;
  else out.left = a;
  if (typeof b === "number") out.constant = dtype === "float32" ? Math.fround(b) : b;
  else out.right = b;
  return out;
}

/**
 * Checks the operands of a binary operation and returns the result's dtype:
 * float32 only when every `Value` operand is float32.
 */
function resultDType(name: string, a: Operand, b: Operand): FloatDType {
  const aIsValue = a instanceof Value;
  const bIsValue = b instanceof Value;
  if (!aIsValue && typeof a !== "number") {
    throw new TypeError(
      `Cannot compute ${name}(${describe(a)}, ${
        describe(b)
      }): the first operand must be a Value or a number, got ${typeof a}`,
    );
  }
  if (!bIsValue && typeof b !== "number") {
    throw new TypeError(
      `Cannot compute ${name}(${describe(a)}, ${
        describe(b)
      }): the second operand must be a Value or a number, got ${typeof b}`,
    );
  }
  if (!aIsValue && !bIsValue) {
    throw new TypeError(
      `Cannot compute ${name}(${a}, ${b}): at least one operand must be a Value; for two numbers use plain arithmetic`,
    );
  }
  if (aIsValue && bIsValue) {
    return (a as Value).dtype === "float32" && (b as Value).dtype === "float32"
      ? "float32"
      : "float64";
  }
  return aIsValue ? (a as Value).dtype : (b as Value).dtype;
}

function dataOf(x: Operand, dtype: FloatDType): number {
  if (typeof x === "number") return dtype === "float32" ? Math.fround(x) : x;
  return x.data;
}

function checkValue(name: string, a: Value): Value {
  if (!(a instanceof Value)) {
    throw new TypeError(
      `Cannot compute ${name}(${
        describe(a)
      }): expected a Value, got ${typeof a}; wrap numbers with new Value(x)`,
    );
  }
  return a;
}

function checkLabel(label: unknown): string {
  if (typeof label !== "string") {
    throw new TypeError(`Invalid label ${describe(label)}: expected a string`);
  }
  return label;
}

function checkDType(dtype: unknown): FloatDType {
  if (dtype !== "float64" && dtype !== "float32") {
    throw new RangeError(`Invalid dtype ${describe(dtype)}: expected "float64" or "float32"`);
  }
  return dtype;
}

/** Describes any argument for an error message, whatever its type. */
function describe(x: unknown): string {
  if (x instanceof Value) return x.describe();
  if (typeof x === "string") return JSON.stringify(x);
  if (typeof x === "bigint") return `${x}n`;
  if (Array.isArray(x)) return "an array";
  if (x === null) return "null";
  if (typeof x === "object") return "an object";
  if (typeof x === "function") return "a function";
  return String(x);
}
