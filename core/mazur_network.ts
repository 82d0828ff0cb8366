/**
 * The 2-2-2 sigmoid network of Matt Mazur's "A Step by Step Backpropagation
 * Example" (2015), built on the engine's `Value`s.
 *
 * Two inputs feed two hidden units, which feed two outputs. Every unit is a
 * sigmoid of a weighted sum plus a bias. The error is the sum of
 * ½(target - output)² over both outputs. One function builds the forward pass
 * for every lesson, so the wiring and the way the sigmoid is written are
 * parameters, never copies of the code.
 *
 * @module
 */

import { assertOptions, describeArgument } from "./argument.ts";
import { add, div, exp, type FloatDType, mul, neg, pow, sigmoid, sub, Value } from "./value.ts";

/** The names of the network's eight weights. */
export type WeightName = "w1" | "w2" | "w3" | "w4" | "w5" | "w6" | "w7" | "w8";

/** The names of the network's two biases. */
export type BiasName = "b1" | "b2";

/** The names of every trainable parameter, weights and then biases. */
export type ParameterName = WeightName | BiasName;

/**
 * The assignment of weights to the four input-to-hidden connections.
 *
 * - `"article"`: w1 carries i1 and w2 carries i2 into h1, w3 carries i1 and w4
 *   carries i2 into h2, as in the article's forward pass and code.
 * - `"notebook"`: the course notebook's autograd cell, which swaps w2 and w3:
 *   i2 reaches h1 through w3, and i1 reaches h2 through w2.
 */
export type Wiring = "article" | "notebook";

/**
 * The form in which each sigmoid enters the graph.
 *
 * - `"fused"`: one `sigmoid` node, the fastest.
 * - `"composed"`: `1 / (1 + exp(-net))`, four nodes, exactly as the notebook
 *   writes it for PyTorch, so float32 results match PyTorch's bit for bit.
 */
export type SigmoidForm = "fused" | "composed";

/** The article's starting weights and biases: w1..w4 into the hidden layer, w5..w8 out of it. */
export const ARTICLE_PARAMETERS: Readonly<Record<ParameterName, number>> = Object.freeze({
  w1: 0.15,
  w2: 0.20,
  w3: 0.25,
  w4: 0.30,
  w5: 0.40,
  w6: 0.45,
  w7: 0.50,
  w8: 0.55,
  b1: 0.35,
  b2: 0.60,
});

/** The article's training example: inputs i1, i2 and targets for o1, o2. */
export const ARTICLE_EXAMPLE = Object.freeze({ i1: 0.05, i2: 0.10, t1: 0.01, t2: 0.99 });

/** The article's learning rate for gradient descent. */
export const ARTICLE_LEARNING_RATE = 0.5;

/** The network's trainable parameters, as leaves of the graph. */
export type Parameters = Record<ParameterName, Value>;

/** Every named node of one forward pass, from the inputs to the total error. */
export interface ForwardPass {
  /** The parameters the pass used. */
  parameters: Parameters;
  /** Input and target leaves. */
  i1: Value;
  i2: Value;
  t1: Value;
  t2: Value;
  /** Weighted sums (`net`) and sigmoid outputs (`out`) of every unit. */
  netH1: Value;
  outH1: Value;
  netH2: Value;
  outH2: Value;
  netO1: Value;
  outO1: Value;
  netO2: Value;
  outO2: Value;
  /** ½(target - output)² for each output, and their sum. */
  errorO1: Value;
  errorO2: Value;
  errorTotal: Value;
}

/** Options of {@linkcode forwardPass}. */
export interface ForwardOptions {
  /** The input-to-hidden wiring, `"article"` by default. */
  wiring?: Wiring;
  /** The form of each sigmoid, `"fused"` by default. */
  sigmoid?: SigmoidForm;
}

const PARAMETER_NAMES: readonly ParameterName[] = [
  "w1",
  "w2",
  "w3",
  "w4",
  "w5",
  "w6",
  "w7",
  "w8",
  "b1",
  "b2",
];

/**
 * Creates the network's parameters as labelled leaves, from the article's values or others.
 *
 * @param dtype `"float64"` (default) or `"float32"`, which rounds like PyTorch's float32 tensors.
 * @param values Starting values; the article's by default.
 * @returns One leaf `Value` for each weight and bias.
 * @throws {TypeError} If `values` is not an object, or a value is missing or not a number.
 * @throws {RangeError} If `dtype` is not `"float64"` or `"float32"`.
 *
 * @example Usage
 * ```ts
 * import { createParameters } from "./mazur_network.ts";
 * import assert from "node:assert/strict";
 *
 * const parameters = createParameters();
 * assert.equal(parameters.w5.data, 0.4);
 * assert.equal(parameters.w5.label, "w5");
 * ```
 */
export function createParameters(
  dtype: FloatDType = "float64",
  values: Readonly<Record<ParameterName, number>> = ARTICLE_PARAMETERS,
): Parameters {
  if (typeof values !== "object" || values === null) {
    throw new TypeError(
      `Cannot create parameters from values ${
        describeArgument(values)
      }: expected an object with a number for each of ${PARAMETER_NAMES.join(", ")}`,
    );
  }
  const parameters = {} as Parameters;
  for (const name of PARAMETER_NAMES) {
    const value = values[name];
    if (typeof value !== "number") {
      throw new TypeError(
        `Cannot create parameter ${name}: expected a number, got ${
          value === undefined ? "nothing" : typeof value
        }`,
      );
    }
    parameters[name] = new Value(value, { label: name, dtype });
  }
  return parameters;
}

/**
 * Lists the parameters in a fixed order, w1..w8 then b1, b2.
 *
 * @param parameters The weights and biases, from {@linkcode createParameters}.
 * @returns The ten parameters as an array.
 * @throws {TypeError} If `parameters` is not an object or one of them is not a `Value`.
 *
 * @example Usage
 * ```ts
 * import { createParameters, parameterList } from "./mazur_network.ts";
 * import assert from "node:assert/strict";
 *
 * const labels = parameterList(createParameters()).map((parameter) => parameter.label);
 * assert.deepEqual(labels, ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b1", "b2"]);
 * ```
 */
export function parameterList(parameters: Parameters): Value[] {
  assertParameters(parameters, "list parameters");
  return PARAMETER_NAMES.map((name) => parameters[name]);
}

/** Throws a TypeError unless `parameters` contains a `Value` under each parameter name. */
function assertParameters(parameters: unknown, action: string): asserts parameters is Parameters {
  if (typeof parameters !== "object" || parameters === null) {
    throw new TypeError(
      `Cannot ${action} of ${
        describeArgument(parameters)
      }: expected the object that createParameters returns`,
    );
  }
  for (const name of PARAMETER_NAMES) {
    const parameter = (parameters as Record<string, unknown>)[name];
    if (!(parameter instanceof Value)) {
      throw new TypeError(
        `Cannot ${action}: parameter ${name} is ${
          describeArgument(parameter)
        }, not a Value; create the parameters with createParameters`,
      );
    }
  }
}

/**
 * Runs the network forward on the article's example and returns every named node.
 *
 * Call `errorTotal.backward()` on the result to fill in every gradient.
 *
 * @param parameters The weights and biases, from {@linkcode createParameters}.
 * @param options The wiring and the sigmoid's form.
 * @returns The nodes of the pass, each labelled with the article's name.
 * @throws {TypeError} If a parameter is missing or not a `Value`, or `options` is not an object.
 * @throws {RangeError} If the wiring or sigmoid form is not one of the known names.
 *
 * @example The article's error before training
 * ```ts
 * import { createParameters, forwardPass } from "./mazur_network.ts";
 * import assert from "node:assert/strict";
 *
 * const pass = forwardPass(createParameters());
 * assert.equal(pass.errorTotal.data.toFixed(9), "0.298371109");
 * ```
 */
export function forwardPass(parameters: Parameters, options: ForwardOptions = {}): ForwardPass {
  assertParameters(parameters, "run the forward pass");
  assertOptions(options, "Cannot run the forward pass");
  const wiring = options.wiring ?? "article";
  const form = options.sigmoid ?? "fused";
  if (wiring !== "article" && wiring !== "notebook") {
    throw new RangeError(
      `Invalid wiring ${JSON.stringify(wiring)}: expected "article" or "notebook"`,
    );
  }
  if (form !== "fused" && form !== "composed") {
    throw new RangeError(
      `Invalid sigmoid form ${JSON.stringify(form)}: expected "fused" or "composed"`,
    );
  }
  const { w1, w2, w3, w4, w5, w6, w7, w8, b1, b2 } = parameters;
  const dtype = w1.dtype;
  // Inputs and targets take no gradient, as torch.tensor(0.05) without requires_grad.
  const i1 = new Value(ARTICLE_EXAMPLE.i1, { label: "i1", dtype, requiresGrad: false });
  const i2 = new Value(ARTICLE_EXAMPLE.i2, { label: "i2", dtype, requiresGrad: false });
  const t1 = new Value(ARTICLE_EXAMPLE.t1, { label: "t1", dtype, requiresGrad: false });
  const t2 = new Value(ARTICLE_EXAMPLE.t2, { label: "t2", dtype, requiresGrad: false });
  const activate = form === "fused" ? sigmoid : composedSigmoid;

  // Hidden layer. The two wirings differ only in which weight carries i2 into
  // h1 and i1 into h2.
  const intoH1 = wiring === "article" ? w2 : w3;
  const intoH2 = wiring === "article" ? w3 : w2;
  const netH1 = add(add(mul(w1, i1), mul(intoH1, i2)), b1).named("net_h1");
  const outH1 = activate(netH1).named("out_h1");
  const netH2 = add(add(mul(intoH2, i1), mul(w4, i2)), b1).named("net_h2");
  const outH2 = activate(netH2).named("out_h2");

  // Output layer.
  const netO1 = add(add(mul(w5, outH1), mul(w6, outH2)), b2).named("net_o1");
  const outO1 = activate(netO1).named("out_o1");
  const netO2 = add(add(mul(w7, outH1), mul(w8, outH2)), b2).named("net_o2");
  const outO2 = activate(netO2).named("out_o2");

  // Squared error, halved so that its derivative has no factor 2.
  const errorO1 = mul(0.5, pow(sub(t1, outO1), 2)).named("E_o1");
  const errorO2 = mul(0.5, pow(sub(t2, outO2), 2)).named("E_o2");
  const errorTotal = add(errorO1, errorO2).named("E_total");

  return {
    parameters,
    i1,
    i2,
    t1,
    t2,
    netH1,
    outH1,
    netH2,
    outH2,
    netO1,
    outO1,
    netO2,
    outO2,
    errorO1,
    errorO2,
    errorTotal,
  };
}

/** Writes the sigmoid the way the notebook does for PyTorch: 1 / (1 + exp(-x)). */
function composedSigmoid(x: Value): Value {
  return div(1, add(1, exp(neg(x))));
}
