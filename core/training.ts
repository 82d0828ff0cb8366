/**
 * Gradient descent over the engine's `Value`s: the loop a PyTorch training
 * script writes as `loss = model(x); loss.backward(); optimizer.step()`.
 *
 * Each step builds a new graph from the current parameter values (as PyTorch
 * builds one on every forward pass), runs `backward()`, and moves every
 * trainable parameter against its gradient by the learning rate. Two update
 * orders are offered, because the published figures of Mazur's "A Step by Step
 * Backpropagation Example" (2015) come from both:
 *
 * - `"textbook"`: every gradient is computed from the parameters before the
 *   step, then all of them move at once. This is plain gradient descent.
 * - `"output layer first"`: the last layer moves first. Each earlier layer then
 *   takes its gradients from a second `backward()` over the same graph, so the
 *   recorded activations are still those of the step's forward pass, but every
 *   multiplication by a later layer's weight uses the weight's updated value.
 *   This order reproduces the article's error after one step and its final outputs.
 *
 * @module
 */

import { Value, zeroGrads } from "./value.ts";

/** The order in which one gradient-descent step computes gradients and moves parameters. */
export type UpdateOrder = "textbook" | "output layer first";

/** The trainable parameters of one layer, as leaves of the graph. */
export interface Layer {
  /** The layer's weights. */
  weights: readonly Value[];
  /** The layer's biases; they move only when `updateBiases` is true. */
  biases: readonly Value[];
}

/** Options of {@linkcode train}. */
export interface TrainingOptions {
  /**
   * Builds a new graph from the parameters' current values and returns the
   * loss at its end. It is called once a step, and once more after the last.
   */
  loss: () => Value;
  /** The parameters, layer by layer from the input to the output. */
  layers: readonly Layer[];
  /** The step size: each parameter moves by `-learningRate * grad`. */
  learningRate: number;
  /** How many gradient-descent steps to take; 0 only records the starting loss. */
  steps: number;
  /** Whether biases move too; `false` by default, as in the article. */
  updateBiases?: boolean;
  /** `"textbook"` (the default) or `"output layer first"`; see the module documentation. */
  updateOrder?: UpdateOrder;
}

/** The losses {@linkcode train} recorded. */
export interface TrainingHistory {
  /** `losses[k]` is the loss after `k` steps, from `losses[0]` before training to `losses[steps]`. */
  losses: number[];
}

const UPDATE_ORDERS: readonly UpdateOrder[] = ["textbook", "output layer first"];

/**
 * Runs gradient descent and records the loss after every step.
 *
 * The parameters are updated in place. A float32 parameter is rounded as
 * PyTorch rounds `p -= learning_rate * p.grad` on a float32 tensor: the product
 * first, then the difference.
 *
 * @param options The loss, the layers, the learning rate, the number of steps,
 * whether biases move, and the update order.
 * @returns The loss before training and after each step.
 * @throws {TypeError} If an option has the wrong type, a parameter is not a
 * leaf `Value`, or `loss()` does not return a `Value`. A parameter that is
 * not a leaf is rejected before any step.
 * @throws {RangeError} If the learning rate is not a finite positive number, the
 * steps are not a non-negative integer, the update order is unknown, there are
 * no layers, or a parameter appears twice.
 *
 * @example One step on E = w²
 * ```ts
 * import { train } from "./training.ts";
 * import { Value } from "./value.ts";
 * import assert from "node:assert/strict";
 *
 * const w = new Value(3, { label: "w" });
 * const history = train({
 *   loss: () => w.mul(w),
 *   layers: [{ weights: [w], biases: [] }],
 *   learningRate: 0.25,
 *   steps: 1,
 * });
 * assert.equal(w.data, 1.5); // 3 - 0.25 * (dE/dw = 6)
 * assert.deepEqual(history.losses, [9, 2.25]);
 * ```
 */
export function train(options: TrainingOptions): TrainingHistory {
  const { loss, layers, learningRate, steps, updateBiases, updateOrder } = checkOptions(options);
  const trainable = layers.map((layer) =>
    updateBiases ? [...layer.weights, ...layer.biases] : [...layer.weights]
  );
  const everyParameter = layers.flatMap((layer) => [...layer.weights, ...layer.biases]);

  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const result = buildLoss(loss);
    losses.push(result.data);

    // Gradients are zeroed first: leaves add up gradients over backward() calls.
    zeroGrads(everyParameter);
    result.backward();

    if (updateOrder === "textbook") {
      for (const group of trainable) moveAgainstGradient(group, learningRate);
      continue;
    }

    // Output layer first: move the last layer, then recompute the gradients of
    // the layers before it over the same graph, which now multiplies by the
    // moved weights, and move those, down to the first layer.
    // NOTE: this relies on backward() reading each operand's current `data`, as
    // value.ts does (and micrograd does); "train output layer first uses moved
    // weights" in training_test.ts fails if that changes. PyTorch would reject
    // the in-place change with "modified by an inplace operation".
    moveAgainstGradient(trainable[trainable.length - 1], learningRate);
    for (let index = trainable.length - 2; index >= 0; index--) {
      zeroGrads(everyParameter);
      result.backward();
      moveAgainstGradient(trainable[index], learningRate);
    }
  }
  losses.push(buildLoss(loss).data);
  return { losses };
}

function moveAgainstGradient(parameters: readonly Value[], learningRate: number): void {
  for (const parameter of parameters) {
    if (parameter.dtype === "float32") {
      const change = Math.fround(Math.fround(learningRate) * parameter.grad);
      parameter.data = Math.fround(parameter.data - change);
    } else {
      parameter.data = parameter.data - learningRate * parameter.grad;
    }
  }
}

function buildLoss(loss: () => Value): Value {
  const result = loss();
  if (!(result instanceof Value)) {
    throw new TypeError(
      `Cannot train: the loss function returned ${describe(result)}, expected a Value`,
    );
  }
  return result;
}

function checkOptions(options: TrainingOptions): Required<TrainingOptions> {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`Cannot train with options ${describe(options)}: expected an object`);
  }
  const { loss, layers, learningRate, steps } = options;
  const updateBiases = options.updateBiases ?? false;
  const updateOrder = options.updateOrder ?? "textbook";

  if (typeof loss !== "function") {
    throw new TypeError(
      `Cannot train with loss ${describe(loss)}: expected a function that returns a Value`,
    );
  }
  if (typeof learningRate !== "number") {
    throw new TypeError(`Invalid learning rate ${describe(learningRate)}: expected a number`);
  }
  if (!Number.isFinite(learningRate) || learningRate <= 0) {
    throw new RangeError(
      `Invalid learning rate ${describe(learningRate)}: expected a finite number above 0`,
    );
  }
  if (typeof steps !== "number") {
    throw new TypeError(`Invalid number of steps ${describe(steps)}: expected a number`);
  }
  if (!Number.isInteger(steps) || steps < 0) {
    throw new RangeError(`Invalid number of steps ${describe(steps)}: expected an integer >= 0`);
  }
  if (typeof updateBiases !== "boolean") {
    throw new TypeError(`Invalid updateBiases ${describe(updateBiases)}: expected true or false`);
  }
  if (!UPDATE_ORDERS.includes(updateOrder)) {
    throw new RangeError(
      `Invalid update order ${describe(updateOrder)}: expected "textbook" or "output layer first"`,
    );
  }
  if (!Array.isArray(layers)) {
    throw new TypeError(`Cannot train layers ${describe(layers)}: expected an array of layers`);
  }
  if (layers.length === 0) {
    throw new RangeError("Cannot train without layers: give at least one layer of weights");
  }
  checkParameters(layers);
  return { loss, layers, learningRate, steps, updateBiases, updateOrder };
}

function checkParameters(layers: readonly Layer[]): void {
  const seen = new Set<Value>();
  layers.forEach((layer, index) => {
    for (const kind of ["weights", "biases"] as const) {
      const parameters = layer?.[kind];
      if (!Array.isArray(parameters)) {
        throw new TypeError(
          `Invalid layer ${index}: its ${kind} must be an array of Values, got ${
            describe(parameters)
          }`,
        );
      }
      for (const parameter of parameters) {
        if (!(parameter instanceof Value)) {
          throw new TypeError(
            `Invalid layer ${index}: its ${kind} must be Values, got ${describe(parameter)}`,
          );
        }
        if (parameter.op !== "leaf") {
          throw new TypeError(
            `Cannot train ${parameter.describe()} in layer ${index}: it is the result of ` +
              `"${parameter.op}", and only leaves can be parameters; create it with new Value(x)`,
          );
        }
        if (!parameter.requiresGrad) {
          throw new TypeError(
            `Cannot train ${parameter.describe()} in layer ${index}: it was made with ` +
              `requiresGrad: false, so backward() gives it no gradient; create it without that option`,
          );
        }
        if (seen.has(parameter)) {
          throw new RangeError(
            `Cannot train ${parameter.describe()}: it appears twice in the layers; list each parameter once`,
          );
        }
        seen.add(parameter);
      }
    }
  });
}

function describe(x: unknown): string {
  if (typeof x === "string") return JSON.stringify(x);
  if (Array.isArray(x)) return "an array";
  if (x === null) return "null";
  if (x === undefined) return "undefined";
  if (typeof x === "object") return "an object";
  if (typeof x === "function") return "a function";
  return String(x);
}
