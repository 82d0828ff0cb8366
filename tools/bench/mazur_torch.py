"""The Mazur network trained in PyTorch with scalar tensors, the course's own tool.

Run with the Python that has PyTorch 1.13 (Debian's python3-torch):

    /usr/bin/python3 tools/bench/mazur_torch.py

It prints the median time of 10,000 training steps over several runs, in the
same JSON shape as tools/bench/tfjs/mazur_tfjs.mjs. Every parameter is a
0-dimensional float64 tensor with requires_grad, so the numbers match the
kit's float64 engine; the sigmoid is torch.sigmoid, one node, like the kit's
"fused" sigmoid.
"""

import json
import statistics
import time

import torch

# The article's example, parameters and learning rate (core/mazur_network.ts).
INPUTS = {"i1": 0.05, "i2": 0.10, "t1": 0.01, "t2": 0.99}
PARAMETERS = {
    "w1": 0.15, "w2": 0.20, "w3": 0.25, "w4": 0.30, "w5": 0.40,
    "w6": 0.45, "w7": 0.50, "w8": 0.55, "b1": 0.35, "b2": 0.60,
}
LEARNING_RATE = 0.5
STEPS = 10_000
# Timed runs; the median is reported because the machine is shared.
RUNS = 5


def train(steps):
    p = {name: torch.tensor(value, dtype=torch.float64, requires_grad=True)
         for name, value in PARAMETERS.items()}
    i1, i2, t1, t2 = (torch.tensor(INPUTS[k], dtype=torch.float64) for k in ("i1", "i2", "t1", "t2"))
    error = None
    for _ in range(steps):
        out_h1 = torch.sigmoid(p["w1"] * i1 + p["w2"] * i2 + p["b1"])
        out_h2 = torch.sigmoid(p["w3"] * i1 + p["w4"] * i2 + p["b1"])
        out_o1 = torch.sigmoid(p["w5"] * out_h1 + p["w6"] * out_h2 + p["b2"])
        out_o2 = torch.sigmoid(p["w7"] * out_h1 + p["w8"] * out_h2 + p["b2"])
        error = 0.5 * (t1 - out_o1) ** 2 + 0.5 * (t2 - out_o2) ** 2
        error.backward()
        with torch.no_grad():
            for tensor in p.values():
                tensor -= LEARNING_RATE * tensor.grad
                tensor.grad.zero_()
    return p["w5"].item(), error.item()


def main():
    torch.set_num_threads(1)
    train(100)  # warm-up
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        w5, error = train(STEPS)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(json.dumps({
        "peer": "PyTorch",
        "version": torch.__version__,
        "threads": torch.get_num_threads(),
        "steps": STEPS,
        "runs": RUNS,
        "median_ms": round(statistics.median(times), 1),
        "times_ms": [round(t, 1) for t in times],
        "w5": w5,
        "error": error,
    }))


if __name__ == "__main__":
    main()
