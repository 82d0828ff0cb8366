"""Expected values for lesson 05, from plain Python floats (IEEE 754 float64).

Independent of the kit: no Value, no autograd. The derivatives are written out
by hand, as Matt Mazur's "A Step by Step Backpropagation Example" (2015)
derives them, and gradient descent runs three ways:

- "textbook": every gradient from the weights before the step, then all
  weights move at once (the update the article's text describes);
- "output layer first": w5..w8 move first, then the hidden-layer gradients are
  computed with the updated w5..w8 (the output deltas are not recomputed), then
  w1..w4 move;
- "textbook" with the biases b1, b2 updated too.

Run:  /usr/bin/python3 tools/expected/mazur_training.py
Prints every figure that lessons/05_training.ts asserts, with the article's
printed value beside it where the article prints one.
"""

import math

I1, I2 = 0.05, 0.10
T1, T2 = 0.01, 0.99
LEARNING_RATE = 0.5
START = dict(w1=0.15, w2=0.20, w3=0.25, w4=0.30, w5=0.40, w6=0.45, w7=0.50, w8=0.55,
             b1=0.35, b2=0.60)


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


def forward(p):
    out_h1 = sigmoid(p["w1"] * I1 + p["w2"] * I2 + p["b1"])
    out_h2 = sigmoid(p["w3"] * I1 + p["w4"] * I2 + p["b1"])
    out_o1 = sigmoid(p["w5"] * out_h1 + p["w6"] * out_h2 + p["b2"])
    out_o2 = sigmoid(p["w7"] * out_h1 + p["w8"] * out_h2 + p["b2"])
    error = 0.5 * (T1 - out_o1) ** 2 + 0.5 * (T2 - out_o2) ** 2
    return out_h1, out_h2, out_o1, out_o2, error


def step(p, order="textbook", update_biases=False):
    """Returns the parameters after one gradient-descent step, and the chain factors."""
    out_h1, out_h2, out_o1, out_o2, _ = forward(p)
    # Output deltas dE/dnet_o = dE/dout_o * dout_o/dnet_o.
    delta_o1 = (out_o1 - T1) * out_o1 * (1 - out_o1)
    delta_o2 = (out_o2 - T2) * out_o2 * (1 - out_o2)
    q = dict(p)
    output_grads = dict(w5=delta_o1 * out_h1, w6=delta_o1 * out_h2,
                        w7=delta_o2 * out_h1, w8=delta_o2 * out_h2, b2=delta_o1 + delta_o2)
    for name in ("w5", "w6", "w7", "w8"):
        q[name] = p[name] - LEARNING_RATE * output_grads[name]
    # The hidden-layer gradients use the old w5..w8 (textbook) or the updated ones.
    w = p if order == "textbook" else q
    d_out_h1 = delta_o1 * w["w5"] + delta_o2 * w["w7"]
    d_out_h2 = delta_o1 * w["w6"] + delta_o2 * w["w8"]
    delta_h1 = d_out_h1 * out_h1 * (1 - out_h1)
    delta_h2 = d_out_h2 * out_h2 * (1 - out_h2)
    hidden_grads = dict(w1=delta_h1 * I1, w2=delta_h1 * I2, w3=delta_h2 * I1, w4=delta_h2 * I2,
                        b1=delta_h1 + delta_h2)
    for name in ("w1", "w2", "w3", "w4"):
        q[name] = p[name] - LEARNING_RATE * hidden_grads[name]
    if update_biases:
        q["b1"] = p["b1"] - LEARNING_RATE * hidden_grads["b1"]
        q["b2"] = p["b2"] - LEARNING_RATE * output_grads["b2"]
    chain = dict(dw5=output_grads["w5"], d_out_h1=d_out_h1,
                 d_out_h1_d_net_h1=out_h1 * (1 - out_h1), dw1=hidden_grads["w1"])
    return q, chain


def train(steps, order="textbook", update_biases=False):
    """Returns the errors after 0..steps updates and the final parameters."""
    p = dict(START)
    errors = [forward(p)[4]]
    for _ in range(steps):
        p, _ = step(p, order, update_biases)
        errors.append(forward(p)[4])
    return errors, p


def show(name, value, decimals, article=None):
    text = f"{name:42s} {value:.{decimals}f}"
    if article is not None:
        text += f"   article: {article}"
    print(text)


if __name__ == "__main__":
    updated, chain = step(dict(START))
    print("One textbook step from the article's weights")
    show("dE_total/dw5", chain["dw5"], 9, "0.082167041")
    show("dE_total/dout_h1", chain["d_out_h1"], 9, "0.036350306")
    show("dout_h1/dnet_h1", chain["d_out_h1_d_net_h1"], 9, "0.241300709")
    show("dE_total/dw1", chain["dw1"], 9, "0.000438568")
    printed = dict(w1="0.149780716", w2="0.19956143", w3="0.24975114", w4="0.29950229",
                   w5="0.35891648", w6="0.408666186", w7="0.511301270", w8="0.561370121")
    for name, text in printed.items():
        decimals = len(text.split(".")[1])
        show(f"{name}+", updated[name], decimals, text)
        assert f"{updated[name]:.{decimals}f}" == text, name

    print()
    runs = {
        "textbook": train(10000, "textbook"),
        "output layer first": train(10000, "output layer first"),
        "textbook, biases too": train(10000, "textbook", update_biases=True),
        "output layer first, biases too": train(10000, "output layer first", update_biases=True),
    }
    print(f"{'E_total before training':42s} {runs['textbook'][0][0]:.9f}   article: 0.298371109")
    for label, (errors, p) in runs.items():
        print(label)
        show("  E_total after 1 step", errors[1], 9, "0.291027924")
        show("  E_total after 9,999 steps", errors[9999], 10, "0.0000351085")
        show("  E_total after 10,000 steps", errors[10000], 10, "0.0000351085")
        _, _, out_o1, out_o2, _ = forward(p)
        show("  out_o1 after 10,000 steps", out_o1, 9, "0.015912196")
        show("  out_o2 after 10,000 steps", out_o2, 9, "0.984065734")
        for k in (1, 10, 100, 1000, 9999, 10000):
            print(f"    errors[{k}] = {errors[k]!r}")
        print(f"    out_o1 = {out_o1!r}, out_o2 = {out_o2!r}")
