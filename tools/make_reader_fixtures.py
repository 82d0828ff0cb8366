"""Write the small files that test the kit's NumPy readers: fixtures/readers.

- `.npy` files for every supported dtype in both byte orders, format versions
  1, 2 and 3, C and Fortran order, 0-d and empty arrays;
- `.npz` archives, stored and deflated;
- pickles of the kinds of values NumPy writes, in protocols 2, 3, 4 and 5;
- broken and hostile files: an unknown dtype, a malformed header, a truncated
  or corrupt zip, a bad CRC, and pickles that name `os.system` or `eval`.

`expected.json` describes what each good file holds, as NumPy 1.24 reads it
back, for the tests to compare against. Run it by hand from the kit's root
folder and commit what it writes:

    /usr/bin/python3 tools/make_reader_fixtures.py

Written with Python 3 and NumPy 1.24.2.
"""

import io
import json
import math
import pickle
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "readers"

# Six values for each dtype, written as a (2, 3) array: the extremes that the kit
# stores exactly, zero, and a few ordinary values.
VALUES = {
    "f2": [0.0, -2.5, 65504.0, 6e-08, math.inf, math.nan],
    "f4": [0.0, -1.5, 3.4028234663852886e38, 1e-45, -math.inf, 0.1],
    "f8": [0.0, -1.5, 1.7976931348623157e308, 5e-324, 0.1, -math.inf],
    "i1": [0, -128, 127, 1, -1, 42],
    "i2": [0, -32768, 32767, 1, -1, 1234],
    "i4": [0, -(2**31), 2**31 - 1, 1, -1, 123456],
    "i8": [0, -(2**53 - 1), 2**53 - 1, 1, -1, 2**40],
    "u1": [0, 255, 1, 128, 7, 42],
    "u2": [0, 65535, 1, 32768, 7, 42],
    "u4": [0, 2**32 - 1, 1, 2**31, 7, 42],
    "u8": [0, 2**53 - 1, 1, 2**32, 7, 42],
    "b1": [True, False, True, True, False, False],
}


def json_number(value):
    """Return the value for JSON, with NaN and infinities as strings, which JSON lacks."""
    if not isinstance(value, float) or math.isfinite(value):
        return value
    if math.isnan(value):
        return "nan"
    return "inf" if value > 0 else "-inf"


def describe_array(array):
    flat = array.reshape(-1, order="C")
    return {
        "type": "ndarray",
        "dtype": array.dtype.newbyteorder("=").name,
        "shape": list(array.shape),
        "values": [json_number(v) for v in flat.tolist()],
    }


def describe(value):
    """Describe a Python value as the tests' tagged JSON."""
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            return {"type": "object_array", "shape": list(value.shape), "items": [describe(v) for v in value.reshape(-1)]}
        return describe_array(value)
    if isinstance(value, np.generic):
        return describe_array(np.asarray(value))
    if isinstance(value, dict):
        return {"type": "dict", "items": [[describe(k), describe(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return {"type": "list", "items": [describe(v) for v in value]}
    if isinstance(value, tuple):
        return {"type": "tuple", "items": [describe(v) for v in value]}
    if isinstance(value, (bytes, bytearray)):
        return {"type": "bytes", "values": list(value)}
    if value is None or isinstance(value, (bool, str)):
        return value
    # JavaScript has one number type, so Python ints and floats both become numbers.
    if isinstance(value, (int, float)):
        return json_number(value)
    raise TypeError(f"cannot describe {type(value)}")


def write_npy(name, array, version=None):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, version=version, allow_pickle=True)
    (OUT / name).write_bytes(buffer.getvalue())
    return buffer.getvalue()


def pickled_sample():
    """A dict with every kind of value NumPy data pickles hold."""
    return {
        "text": "naïve ✓",
        "small": 7,
        "negative": -300,
        "large": 2**40 + 3,
        "long": -(2**52),
        "float": 0.1,
        "none": None,
        "flags": [True, False],
        "tuples": ((), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4)),
        "bytes": b"\x00\xffabc",
        "many": list(range(1100)),  # more than one APPENDS batch of 1000
        "f32": np.arange(6, dtype="<f4").reshape(2, 3) / 4,
        "f64_big_endian": np.array([1.5, -2.25, 1e300], dtype=">f8"),
        "i32_fortran": np.asfortranarray(np.arange(24, dtype="<i4").reshape(2, 3, 4)),
        "bool": np.array([[True, False], [False, True]]),
        "u8": np.array([0, 2**53 - 1], dtype="<u8"),
        "empty": np.zeros((0, 3), dtype="<f8"),
        "scalar_f32": np.float32(1.25),
        "scalar_i64": np.int64(-9),
        "object": np.array({"inner": [1, 2]}, dtype=object),
        7: "integer key",
    }


class Evil:
    """Pickles as a call to `target(*arguments)`; the reader must reject it."""

    def __init__(self, target, arguments):
        self.target = target
        self.arguments = arguments

    def __reduce__(self):
        return (self.target, self.arguments)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    expected = {}

    # Every dtype in both byte orders (one-byte dtypes have no byte order).
    for code, values in VALUES.items():
        orders = ["|"] if code in ("i1", "u1", "b1") else ["<", ">"]
        for order in orders:
            array = np.array(values, dtype=order + code).reshape(2, 3)
            name = f"{code}_{'little' if order == '<' else 'big' if order == '>' else 'byte'}.npy"
            write_npy(name, array)
            expected[name] = describe_array(array)

    # Format versions 2 and 3 (version 1 is what every file above uses).
    array = np.arange(12, dtype="<i4").reshape(3, 4)
    for version in (2, 3):
        name = f"version_{version}.npy"
        write_npy(name, array, version=(version, 0))
        expected[name] = describe_array(array)

    # Fortran order, in both byte orders, and 0-d and empty arrays.
    for name, array in [
        ("fortran_f8.npy", np.asfortranarray(np.arange(24, dtype="<f8").reshape(2, 3, 4))),
        ("fortran_big_i2.npy", np.asfortranarray(np.arange(6, dtype=">i2").reshape(2, 3))),
        ("scalar_f8.npy", np.array(3.25)),
        ("empty_f4.npy", np.zeros((0, 3), dtype="<f4")),
    ]:
        write_npy(name, array)
        expected[name] = describe_array(array)

    # An object array, as `np.save(..., allow_pickle=True)` writes it.
    write_npy("object_dict.npy", np.array({"answer": 42, "values": [1.5, 2.5]}, dtype=object))
    expected["object_dict.npy"] = describe(np.array({"answer": 42, "values": [1.5, 2.5]}, dtype=object))

    # Values beyond 2^53, the limit up to which the kit's int64 storage is exact.
    write_npy("i8_beyond_safe.npy", np.array([1, 2**53 + 1], dtype="<i8"))
    write_npy("u8_beyond_safe.npy", np.array([2**64 - 1], dtype="<u8"))

    # Dtypes the kit has no tensor for.
    write_npy("unknown_dtype_complex.npy", np.array([1 + 2j], dtype="<c16"))
    write_npy("unknown_dtype_string.npy", np.array(["abc"], dtype="<U3"))

    # Malformed headers, written by hand from a good file.
    good = write_npy("good_f8.npy", np.array([1.0, 2.0], dtype="<f8"))
    expected["good_f8.npy"] = describe_array(np.array([1.0, 2.0], dtype="<f8"))
    header_length = int.from_bytes(good[8:10], "little")
    header = good[10 : 10 + header_length]
    data = good[10 + header_length :]
    (OUT / "bad_magic.npy").write_bytes(b"\x93NUMPX" + good[6:])
    broken = header.replace(b"'shape': (2,), ", b"'shape': (2,, ")
    (OUT / "malformed_header.npy").write_bytes(good[:8] + len(broken).to_bytes(2, "little") + broken + data)
    missing = header.replace(b"'fortran_order': False, ", b"").ljust(len(header) - 1) + b"\n"
    (OUT / "missing_key.npy").write_bytes(good[:8] + len(missing).to_bytes(2, "little") + missing + data)
    (OUT / "truncated_data.npy").write_bytes(good[:-3])
    (OUT / "header_past_end.npy").write_bytes(good[:8] + (60000).to_bytes(2, "little") + header[:20])

    # Pickles in each protocol NumPy can be asked to use.
    sample = pickled_sample()
    for protocol in (2, 3, 4, 5):
        name = f"sample_protocol_{protocol}.pkl"
        (OUT / name).write_bytes(pickle.dumps(sample, protocol=protocol))
        expected[name] = describe(pickle.loads((OUT / name).read_bytes()))

    # Hostile pickles: each names a global the reader must reject.
    import os
    import subprocess

    hostile = {
        "evil_os_system.pkl": pickle.dumps(Evil(os.system, ("echo owned",)), protocol=3),
        "evil_eval.pkl": pickle.dumps(Evil(eval, ("1 + 1",)), protocol=2),
        "evil_popen.pkl": pickle.dumps(Evil(subprocess.Popen, (["true"],)), protocol=4),
        # The foreign global hidden inside a NumPy array's state.
        "evil_nested.pkl": pickle.dumps({"frames": [np.zeros(2), Evil(eval, ("1",))]}, protocol=5),
    }
    for name, data in hostile.items():
        (OUT / name).write_bytes(data)

    # Archives: stored and deflated.
    members = {"a": np.arange(6, dtype="<f4").reshape(2, 3), "b": np.array([True, False]), "c": np.array(7, dtype=">i8")}
    np.savez(OUT / "stored.npz", **members)
    np.savez_compressed(OUT / "deflated.npz", **members)
    for name in ("stored.npz", "deflated.npz"):
        with np.load(OUT / name) as archive:
            expected[name] = {key: describe_array(archive[key]) for key in archive.files}

    # An archive whose member contains a hostile pickle.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("frames.npy", write_npy("evil_object.npy", np.array(Evil(os.system, ("ls",)), dtype=object)))
    (OUT / "evil_member.npz").write_bytes(buffer.getvalue())

    # Broken archives, made from the stored one.
    stored = (OUT / "stored.npz").read_bytes()
    (OUT / "truncated.npz").write_bytes(stored[: len(stored) // 2])
    (OUT / "not_a_zip.npz").write_bytes(b"This is a text file, not a zip archive.\n" * 4)
    corrupt = bytearray(stored)
    central = stored.rfind(b"PK\x01\x02")
    corrupt[central : central + 4] = b"XXXX"
    (OUT / "corrupt_directory.npz").write_bytes(bytes(corrupt))
    bad_crc = bytearray(stored)
    first_data = stored.find(b"\x93NUMPY") + 100
    bad_crc[first_data] ^= 0xFF
    (OUT / "bad_crc.npz").write_bytes(bytes(bad_crc))

    lines = [f"{json.dumps(name)}: {json.dumps(value)}" for name, value in expected.items()]
    (OUT / "expected.json").write_text("{\n" + ",\n".join(lines) + "\n}\n")


if __name__ == "__main__":
    assert np.__version__.startswith("1.24"), f"written for NumPy 1.24, found {np.__version__}"
    main()
