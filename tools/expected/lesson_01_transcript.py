"""Prints lesson 01's transcript with PyTorch, for fixtures/transcripts/01_reshape.txt.

The first part is the course notebook's reshape cell (In [9]) as written
there, and its output equals what the notebook printed. The second part runs
the lesson's own section with torch. It prints PyTorch's shapes, strides and
error messages in the words of the kit's lesson, with its TypeScript variable
names such as originalTensor. So every number and message in the golden
transcript comes from PyTorch.

Run: /usr/bin/python3 tools/expected/lesson_01_transcript.py
(Debian's python3-torch 1.13.1, whose torch.__version__ reads "1.13.0a0".)
"""

import torch

# The notebook's cell In [9].

# Create a 1D tensor with 12 elements
original_tensor = torch.arange(12)
print("Original Tensor:")
print(original_tensor)

# Reshape the tensor into a 2D tensor of shape (3, 4)
reshaped_tensor = original_tensor.reshape(3, 4)
print("\nReshaped Tensor (3x4):")
print(reshaped_tensor)

# Reshape the tensor into a 3D tensor of shape (2, 2, 3)
reshaped_tensor_3d = original_tensor.reshape(2, 2, 3)
print("\nReshaped Tensor (2x2x3):")
print(reshaped_tensor_3d)

# Demonstrating that the original tensor remains unchanged
print("\nOriginal Tensor After Reshaping:")
print(original_tensor)

# What does -1 mean in reshape?
reshaped_tensor_auto = original_tensor.reshape(3, -1)
print("\nReshaped Tensor with -1 (3x-1):")
print(reshaped_tensor_auto)

# The lesson's own section.


def shape_text(tensor):
    return str(list(tensor.shape))


def strides_text(tensor):
    return str(list(tensor.stride()))


print("\nWhy -1 can be inferred only once:")
fits = []
for rows in range(1, 13):
    try:
        fits.append(shape_text(original_tensor.reshape(rows, -1)))
    except RuntimeError:
        pass
print(f"reshape(rows, -1) fits 12 elements as {', '.join(fits)}")
try:
    original_tensor.reshape(-1, -1)
except RuntimeError as error:
    print("so reshape(-1, -1) has no single answer, and it throws:")
    print(f"Cannot reshape to [-1, -1]: {error}, so give the size of every dimension but one")

print("\nStrides: storage elements skipped by one step along each dimension")
for name, tensor in [
    ("originalTensor", original_tensor),
    ("reshapedTensor", reshaped_tensor),
    ("reshapedTensor3d", reshaped_tensor_3d),
    ("reshapedTensorAuto", reshaped_tensor_auto),
]:
    print(f"{name:<19} shape {shape_text(tensor):<10} strides {strides_text(tensor)}")

print("\nTranspose swaps the strides, so the rows are no longer contiguous:")
transposed = reshaped_tensor.transpose(0, 1)
print(transposed)
print(
    f"shape {shape_text(transposed)}, strides {strides_text(transposed)}, "
    f"contiguous: {str(transposed.is_contiguous()).lower()}"
)

print("\ntransposed.view(12) throws:")
try:
    transposed.view(12)
except RuntimeError as error:
    message = str(error).rstrip(".")
    print(
        f"Cannot view shape {shape_text(transposed)} with strides {strides_text(transposed)} "
        f"as [12]: {message}"
    )

print("\ntransposed.reshape(12) copies the elements into new storage, in logical order:")
flat = transposed.reshape(12)
print(flat)
shares = flat.data_ptr() == original_tensor.data_ptr()
print(f"strides {strides_text(flat)}, shares storage with originalTensor: {str(shares).lower()}")
