"""Prints the expected texts of core/tensor_format_test.ts, produced by PyTorch.

Each case is a pair of expressions that build the same tensor: one in
TypeScript with the kit's Tensor, one in Python with torch. Running this file
prints the TypeScript table of [name, build, expected] rows, with `expected`
taken from PyTorch's str(tensor).

Run: /usr/bin/python3 tools/expected/tensor_print_cases.py
(Debian's python3-torch 1.13.1, whose torch.__version__ reads "1.13.0a0".)
"""

import json
import math  # noqa: F401  (used inside the Python expressions)

import torch

nan, inf = float("nan"), float("inf")


def seq(n, f):
    return [f(i) for i in range(n)]


def mixed(i):
    # Exact in double on both sides: an integer divided by 7, correctly rounded.
    return ((i * 37) % 101 - 50) / 7


CASES = [
    # 0-d
    ("0-d int64", "Tensor.from(5)", "torch.tensor(5)"),
    ("0-d negative int64", "Tensor.from(-42)", "torch.tensor(-42)"),
    ("0-d float32", "Tensor.from(-0.5)", "torch.tensor(-0.5)"),
    ("0-d integer-valued float32", 'Tensor.from(3, "float32")', "torch.tensor(3.0)"),
    ("0-d big float32", 'Tensor.from(1e10, "float32")', "torch.tensor(1e10)"),
    ("0-d float64", 'Tensor.from(2.5, "float64")', "torch.tensor(2.5, dtype=torch.float64)"),
    ("0-d nan", "Tensor.from(NaN)", "torch.tensor(nan)"),
    ("0-d bool", "Tensor.from(true)", "torch.tensor(True)"),
    # 1-d integers
    ("1-d arange", "Tensor.arange(12)", "torch.arange(12)"),
    ("1-d ints with negatives", "Tensor.from([-5, 3, 100, -1000])", "torch.tensor([-5, 3, 100, -1000])"),
    ("1-d int32 suffix", 'Tensor.from([1, -2, 3], "int32")', "torch.tensor([1, -2, 3], dtype=torch.int32)"),
    ("1-d uint8 suffix", 'Tensor.from([0, 255, 7], "uint8")', "torch.tensor([0, 255, 7], dtype=torch.uint8)"),
    ("1-d int8 suffix", 'Tensor.from([-128, 127], "int8")', "torch.tensor([-128, 127], dtype=torch.int8)"),
    ("1-d int16 suffix", 'Tensor.from([-300, 2], "int16")', "torch.tensor([-300, 2], dtype=torch.int16)"),
    ("1-d bool", "Tensor.from([true, false, true])", "torch.tensor([True, False, True])"),
    ("1-d ints wrap at 80 columns", "Tensor.arange(-50, 50)", "torch.arange(-50, 50)"),
    # 1-d floats
    ("1-d integer-valued floats", 'Tensor.from([1, 2], "float32")', "torch.tensor([1.0, 2.0])"),
    ("1-d negative integer-valued floats", 'Tensor.from([-1, 20, 300], "float32")', "torch.tensor([-1.0, 20.0, 300.0])"),
    ("1-d four decimals", "Tensor.from([0.1, 0.25, -3.14159])", "torch.tensor([0.1, 0.25, -3.14159])"),
    ("1-d float32 rounding of 0.12345", "Tensor.from([0.12345, 1.5])", "torch.tensor([0.12345, 1.5])"),
    ("1-d float64 rounding of 0.12345", 'Tensor.from([0.12345, 1.5], "float64")', "torch.tensor([0.12345, 1.5], dtype=torch.float64)"),
    ("1-d float32 rounding of 1.00005", "Tensor.from([1.00005, 1.5])", "torch.tensor([1.00005, 1.5])"),
    ("1-d float64 rounding of 1.00005", 'Tensor.from([1.00005, 1.5], "float64")', "torch.tensor([1.00005, 1.5], dtype=torch.float64)"),
    ("1-d sci for a tiny value", "Tensor.from([1e-5, 1.5])", "torch.tensor([1e-5, 1.5])"),
    ("1-d sci for a huge value", "Tensor.from([1.5, 1e9])", "torch.tensor([1.5, 1e9])"),
    ("1-d sci for ratio above 1000", "Tensor.from([0.5, 600.25])", "torch.tensor([0.5, 600.25])"),
    ("1-d no sci at ratio 1000", "Tensor.from([0.5, 500])", "torch.tensor([0.5, 500.0])"),
    ("1-d int mode sci for ratio", 'Tensor.from([1, 2000], "float32")', "torch.tensor([1.0, 2000.0])"),
    ("1-d int mode sci for size", 'Tensor.from([3, 2e8], "float32")', "torch.tensor([3.0, 2e8])"),
    ("1-d float32 of 16777217", 'Tensor.from([16777217, 1], "float32")', "torch.tensor([16777217.0, 1.0])"),
    ("1-d nan and inf", "Tensor.from([NaN, Infinity, -Infinity, 1.5])", "torch.tensor([nan, inf, -inf, 1.5])"),
    ("1-d nan in int mode", 'Tensor.from([NaN, 1, -Infinity], "float32")', "torch.tensor([nan, 1.0, -inf])"),
    ("1-d nan with sci", "Tensor.from([NaN, 1e-7, 2])", "torch.tensor([nan, 1e-7, 2.0])"),
    ("1-d only nan and zero", 'Tensor.from([NaN, 0], "float32")', "torch.tensor([nan, 0.0])"),
    ("1-d negative zero in int mode", 'Tensor.from([0, -0, 1], "float32")', "torch.tensor([0.0, -0.0, 1.0])"),
    ("1-d negative zero with decimals", "Tensor.from([-0, 0.5])", "torch.tensor([-0.0, 0.5])"),
    ("1-d negative zero alone", 'Tensor.from([-0, -0], "float32")', "torch.tensor([-0.0, -0.0])"),
    ("1-d tiny value rounding to zero", "Tensor.from([-0.00001, 0.5, 2])", "torch.tensor([-0.00001, 0.5, 2.0])"),
    ("1-d floats wrap at 80 columns", "Tensor.arange(0, 3, 0.1)", "torch.arange(0, 3, 0.1)"),
    ("1-d float64 wraps and suffix", 'Tensor.from(seq(12, (i) => mixed(i) * 100), "float64")', "torch.tensor(seq(12, lambda i: mixed(i) * 100), dtype=torch.float64)"),
    ("1-d float64 suffix on a new line", 'Tensor.from(seq(6, (i) => 1000 + i / 8), "float64")', "torch.tensor(seq(6, lambda i: 1000 + i / 8), dtype=torch.float64)"),
    ("1-d float64 suffix fits", 'Tensor.from(seq(5, (i) => 1000 + i / 8), "float64")', "torch.tensor(seq(5, lambda i: 1000 + i / 8), dtype=torch.float64)"),
    ("1-d summarized ints", "Tensor.arange(2000)", "torch.arange(2000)"),
    ("1-d summarized at ratio 1000", 'Tensor.from(seq(1001, (i) => i), "float32")', "torch.arange(1001, dtype=torch.float32)"),
    ("1-d not summarized at 1000", "Tensor.arange(1000)", "torch.arange(1000)"),
    ("1-d summarized floats", "Tensor.from(seq(1500, mixed))", "torch.tensor(seq(1500, mixed))"),
    # 2-d
    ("2-d ints", "Tensor.from([[-1, 20], [300, -4000]])", "torch.tensor([[-1, 20], [300, -4000]])"),
    ("2-d floats in sci", "Tensor.from([[1.5, -2.25], [100.125, 0.001]])", "torch.tensor([[1.5, -2.25], [100.125, 0.001]])"),
    ("2-d rows wrap", "Tensor.arange(40).reshape(2, 20)", "torch.arange(40).reshape(2, 20)"),
    ("2-d float64", 'Tensor.from([[1, 2.5], [3, 4]], "float64")', "torch.tensor([[1, 2.5], [3, 4]], dtype=torch.float64)"),
    ("2-d transposed view", "Tensor.arange(12).reshape(3, 4).transpose(0, 1)", "torch.arange(12).reshape(3, 4).transpose(0, 1)"),
    ("2-d summarized", "Tensor.arange(1200).reshape(40, 30)", "torch.arange(1200).reshape(40, 30)"),
    ("2-d summarized columns only", "Tensor.arange(1500).reshape(5, 300)", "torch.arange(1500).reshape(5, 300)"),
    ("2-d summarized floats", "Tensor.from(seq(1200, mixed)).reshape(30, 40)", "torch.tensor(seq(1200, mixed)).reshape(30, 40)"),
    ("2-d summarized float64 suffix", 'Tensor.from(seq(1200, mixed), "float64").reshape(30, 40)', "torch.tensor(seq(1200, mixed), dtype=torch.float64).reshape(30, 40)"),
    ("2-d bool", "Tensor.from([[true, false], [false, true]])", "torch.tensor([[True, False], [False, True]])"),
    # 3-d and 4-d
    ("3-d ints", "Tensor.arange(12).reshape(2, 2, 3)", "torch.arange(12).reshape(2, 2, 3)"),
    ("3-d floats", "Tensor.from(seq(24, mixed)).reshape(2, 3, 4)", "torch.tensor(seq(24, mixed)).reshape(2, 3, 4)"),
    ("3-d permuted view", "Tensor.arange(24).reshape(2, 3, 4).permute(2, 0, 1)", "torch.arange(24).reshape(2, 3, 4).permute(2, 0, 1)"),
    ("3-d summarized", "Tensor.arange(2000).reshape(10, 10, 20)", "torch.arange(2000).reshape(10, 10, 20)"),
    ("4-d ints", "Tensor.arange(24).reshape(2, 3, 2, 2)", "torch.arange(24).reshape(2, 3, 2, 2)"),
    ("4-d floats", 'Tensor.from(seq(16, (i) => i / 4), "float32").reshape(2, 2, 2, 2)', "torch.tensor(seq(16, lambda i: i / 4)).reshape(2, 2, 2, 2)"),
    ("4-d summarized", "Tensor.arange(4096).reshape(8, 8, 8, 8)", "torch.arange(4096).reshape(8, 8, 8, 8)"),
    ("4-d summarized float64", 'Tensor.from(seq(2048, mixed), "float64").reshape(2, 8, 8, 16)', "torch.tensor(seq(2048, mixed), dtype=torch.float64).reshape(2, 8, 8, 16)"),
    # empty
    ("empty float32", "Tensor.from([])", "torch.tensor([])"),
    ("empty int64", "Tensor.arange(0)", "torch.arange(0)"),
    ("empty 2-d float32", 'Tensor.fromStorage(new Float32Array(0), [0, 3], "float32")', "torch.zeros(0, 3)"),
    ("empty 2-d int64", 'Tensor.fromStorage(new Float64Array(0), [0, 3], "int64")', "torch.zeros(0, 3, dtype=torch.int64)"),
    ("empty 3-d float64", 'Tensor.fromStorage(new Float64Array(0), [2, 0, 4], "float64")', "torch.zeros(2, 0, 4, dtype=torch.float64)"),
    ("empty bool", 'Tensor.fromStorage(new Uint8Array(0), [0], "bool")', "torch.zeros(0, dtype=torch.bool)"),
]


def main():
    print(f"// PyTorch {torch.__version__} (Debian python3-torch 1.13.1)")
    for name, ts, py in CASES:
        tensor = eval(py)
        expected = str(tensor)
        print(f"  [{json.dumps(name)}, () => {ts}, {json.dumps(expected)}],")


main()
