import assert from "node:assert/strict";
import { readNpy } from "./npy.ts";
import { ObjectArray } from "./numpy_array.ts";
import { Tensor } from "./tensor.ts";
import { flatValues, KIT_DTYPE_OF_NUMPY, type NdarrayDescription } from "./numpy_test_helpers.ts";
// What NumPy 1.24 reads back from each file, written by tools/make_reader_fixtures.py.
import expected from "../fixtures/readers/expected.json" with { type: "json" };

import f2Little from "../fixtures/readers/f2_little.npy" with { type: "bytes" };
import f2Big from "../fixtures/readers/f2_big.npy" with { type: "bytes" };
import f4Little from "../fixtures/readers/f4_little.npy" with { type: "bytes" };
import f4Big from "../fixtures/readers/f4_big.npy" with { type: "bytes" };
import f8Little from "../fixtures/readers/f8_little.npy" with { type: "bytes" };
import f8Big from "../fixtures/readers/f8_big.npy" with { type: "bytes" };
import i1Byte from "../fixtures/readers/i1_byte.npy" with { type: "bytes" };
import i2Little from "../fixtures/readers/i2_little.npy" with { type: "bytes" };
import i2Big from "../fixtures/readers/i2_big.npy" with { type: "bytes" };
import i4Little from "../fixtures/readers/i4_little.npy" with { type: "bytes" };
import i4Big from "../fixtures/readers/i4_big.npy" with { type: "bytes" };
import i8Little from "../fixtures/readers/i8_little.npy" with { type: "bytes" };
import i8Big from "../fixtures/readers/i8_big.npy" with { type: "bytes" };
import u1Byte from "../fixtures/readers/u1_byte.npy" with { type: "bytes" };
import u2Little from "../fixtures/readers/u2_little.npy" with { type: "bytes" };
import u2Big from "../fixtures/readers/u2_big.npy" with { type: "bytes" };
import u4Little from "../fixtures/readers/u4_little.npy" with { type: "bytes" };
import u4Big from "../fixtures/readers/u4_big.npy" with { type: "bytes" };
import u8Little from "../fixtures/readers/u8_little.npy" with { type: "bytes" };
import u8Big from "../fixtures/readers/u8_big.npy" with { type: "bytes" };
import b1Byte from "../fixtures/readers/b1_byte.npy" with { type: "bytes" };
import version2 from "../fixtures/readers/version_2.npy" with { type: "bytes" };
import version3 from "../fixtures/readers/version_3.npy" with { type: "bytes" };
import fortranF8 from "../fixtures/readers/fortran_f8.npy" with { type: "bytes" };
import fortranBigI2 from "../fixtures/readers/fortran_big_i2.npy" with { type: "bytes" };
import scalarF8 from "../fixtures/readers/scalar_f8.npy" with { type: "bytes" };
import emptyF4 from "../fixtures/readers/empty_f4.npy" with { type: "bytes" };
import goodF8 from "../fixtures/readers/good_f8.npy" with { type: "bytes" };
import objectDict from "../fixtures/readers/object_dict.npy" with { type: "bytes" };
import i8BeyondSafe from "../fixtures/readers/i8_beyond_safe.npy" with { type: "bytes" };
import u8BeyondSafe from "../fixtures/readers/u8_beyond_safe.npy" with { type: "bytes" };
import unknownComplex from "../fixtures/readers/unknown_dtype_complex.npy" with { type: "bytes" };
import unknownString from "../fixtures/readers/unknown_dtype_string.npy" with { type: "bytes" };
import badMagic from "../fixtures/readers/bad_magic.npy" with { type: "bytes" };
import malformedHeader from "../fixtures/readers/malformed_header.npy" with { type: "bytes" };
import missingKey from "../fixtures/readers/missing_key.npy" with { type: "bytes" };
import truncatedData from "../fixtures/readers/truncated_data.npy" with { type: "bytes" };
import headerPastEnd from "../fixtures/readers/header_past_end.npy" with { type: "bytes" };
import evilObject from "../fixtures/readers/evil_object.npy" with { type: "bytes" };

const EXPECTED = expected as unknown as Record<string, NdarrayDescription>;

// Files and what NumPy 1.24 read from them (fixtures/readers/expected.json).
const GOOD_FILES: [string, Uint8Array][] = [
  ["f2_little.npy", f2Little],
  ["f2_big.npy", f2Big],
  ["f4_little.npy", f4Little],
  ["f4_big.npy", f4Big],
  ["f8_little.npy", f8Little],
  ["f8_big.npy", f8Big],
  ["i1_byte.npy", i1Byte],
  ["i2_little.npy", i2Little],
  ["i2_big.npy", i2Big],
  ["i4_little.npy", i4Little],
  ["i4_big.npy", i4Big],
  ["i8_little.npy", i8Little],
  ["i8_big.npy", i8Big],
  ["u1_byte.npy", u1Byte],
  ["u2_little.npy", u2Little],
  ["u2_big.npy", u2Big],
  ["u4_little.npy", u4Little],
  ["u4_big.npy", u4Big],
  ["u8_little.npy", u8Little],
  ["u8_big.npy", u8Big],
  ["b1_byte.npy", b1Byte],
  ["version_2.npy", version2],
  ["version_3.npy", version3],
  ["fortran_f8.npy", fortranF8],
  ["fortran_big_i2.npy", fortranBigI2],
  ["scalar_f8.npy", scalarF8],
  ["empty_f4.npy", emptyF4],
  ["good_f8.npy", goodF8],
];

function readTensor(bytes: Uint8Array, file: string): Tensor {
  const array = readNpy(bytes, file);
  assert.ok(array instanceof Tensor, `${file} should read as a tensor`);
  return array;
}

Deno.test("readNpy reads every dtype and byte order", () => {
  for (const [file, bytes] of GOOD_FILES) {
    const tensor = readTensor(bytes, file);
    const numpy = EXPECTED[file];
    assert.equal(tensor.dtype, KIT_DTYPE_OF_NUMPY[numpy.dtype], `dtype of ${file}`);
    assert.deepEqual(tensor.shape, numpy.shape, `shape of ${file}`);
    assert.deepEqual(flatValues(tensor), numpy.values, `values of ${file}`);
  }
});

Deno.test("readNpy reads format versions 2 and 3", () => {
  for (
    const [file, bytes, version] of [["version_2.npy", version2, 2], [
      "version_3.npy",
      version3,
      3,
    ]] as const
  ) {
    assert.equal(bytes[6], version, `${file} is written in version ${version}`);
    assert.deepEqual(readTensor(bytes, file).toArray(), [[0, 1, 2, 3], [4, 5, 6, 7], [
      8,
      9,
      10,
      11,
    ]]);
  }
});

Deno.test("readNpy keeps Fortran order as strides", () => {
  const tensor = readTensor(fortranF8, "fortran_f8.npy");
  // np.asfortranarray(np.arange(24.0).reshape(2, 3, 4)).strides is (8, 16, 48) bytes.
  assert.deepEqual(tensor.strides, [1, 2, 6]);
  assert.equal(tensor.isContiguous(), false);
  assert.equal(tensor.get(1, 2, 3), 23);
  assert.equal(tensor.get(0, 1, 0), 4);
});

Deno.test("readNpy converts big-endian Fortran data", () => {
  const tensor = readTensor(fortranBigI2, "fortran_big_i2.npy");
  assert.equal(tensor.dtype, "int16");
  assert.deepEqual(tensor.strides, [1, 2]);
  assert.deepEqual(tensor.toArray(), [[0, 1, 2], [3, 4, 5]]);
});

Deno.test("readNpy widens unsigned integers", () => {
  // The kit has no uint16, uint32 or uint64: they become int32 and int64, values unchanged.
  assert.equal(readTensor(u2Big, "u2_big.npy").dtype, "int32");
  assert.equal(readTensor(u4Little, "u4_little.npy").get(0, 1), 2 ** 32 - 1);
  assert.equal(readTensor(u8Big, "u8_big.npy").get(0, 1), 2 ** 53 - 1);
});

Deno.test("readNpy reads 0-d and empty arrays", () => {
  const scalar = readTensor(scalarF8, "scalar_f8.npy");
  assert.deepEqual(scalar.shape, []);
  assert.equal(scalar.toArray(), 3.25);
  assert.deepEqual(readTensor(emptyF4, "empty_f4.npy").shape, [0, 3]);
});

Deno.test("readNpy reads object arrays only when allowed", () => {
  assert.throws(() => readNpy(objectDict, "object_dict.npy"), {
    name: "FileFormatError",
    message: /Cannot read object_dict\.npy: Object arrays cannot be loaded when allow_pickle=False/,
  });
  const array = readNpy(objectDict, "object_dict.npy", { allowPickle: true });
  assert.ok(array instanceof ObjectArray);
  assert.deepEqual(array.shape, []);
  assert.deepEqual(
    array.item(),
    new Map<string, unknown>([["answer", 42], ["values", [1.5, 2.5]]]),
  );
});

Deno.test("readNpy rejects a foreign global in an object array", () => {
  assert.throws(() => readNpy(evilObject, "evil_object.npy", { allowPickle: true }), {
    name: "FileFormatError",
    message: /Cannot read evil_object\.npy: the pickle names the global posix\.system/,
  });
});

Deno.test("readNpy rejects int64 beyond 2^53", () => {
  assert.throws(() => readNpy(i8BeyondSafe, "i8_beyond_safe.npy"), {
    name: "RangeError",
    message: /Cannot read i8_beyond_safe\.npy: value 9007199254740993 at flat index 1 lies beyond/,
  });
  assert.throws(() => readNpy(u8BeyondSafe, "u8_beyond_safe.npy"), {
    name: "RangeError",
    message: /Cannot read u8_beyond_safe\.npy: value 18446744073709551615 at flat index 0/,
  });
});

Deno.test("readNpy rejects unknown dtypes", () => {
  assert.throws(() => readNpy(unknownComplex, "unknown_dtype_complex.npy"), {
    name: "FileFormatError",
    message: /Cannot read unknown_dtype_complex\.npy: unknown dtype '<c16'/,
  });
  assert.throws(() => readNpy(unknownString, "unknown_dtype_string.npy"), {
    name: "FileFormatError",
    message: /Cannot read unknown_dtype_string\.npy: unknown dtype '<U3'/,
  });
});

Deno.test("readNpy rejects malformed files", () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ["bad_magic.npy", badMagic, /not a \.npy file: it does not start with \\x93NUMPY/],
    ["malformed_header.npy", malformedHeader, /malformed \.npy header .*: unexpected ','/],
    [
      "missing_key.npy",
      missingKey,
      /malformed \.npy header .*: the key 'fortran_order' is missing/,
    ],
    [
      "truncated_data.npy",
      truncatedData,
      /the data is truncated: 2 elements of '<f8' need 16 bytes, found 13/,
    ],
    [
      "header_past_end.npy",
      headerPastEnd,
      /the \.npy header claims 60000 bytes but only 20 follow/,
    ],
    ["empty.npy", new Uint8Array(0), /not a \.npy file/],
  ];
  for (const [file, bytes, problem] of cases) {
    assert.throws(() => readNpy(bytes, file), {
      name: "FileFormatError",
      message: new RegExp(`^Cannot read ${file.replace(".", "\\.")}: ${problem.source}`),
    }, file);
  }
});
