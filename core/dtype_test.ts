import assert from "node:assert/strict";
import {
  allocateStorage,
  assertDType,
  assertRepresentable,
  assertStorageType,
  DTYPES,
  isFloatingDType,
} from "./dtype.ts";

Deno.test("allocateStorage picks each dtype's typed array", () => {
  const expected = {
    float64: Float64Array,
    float32: Float32Array,
    int64: Float64Array,
    int32: Int32Array,
    int16: Int16Array,
    int8: Int8Array,
    uint8: Uint8Array,
    bool: Uint8Array,
  };
  for (const dtype of DTYPES) {
    const storage = allocateStorage(dtype, 3);
    assert.equal(storage.constructor, expected[dtype], dtype);
    assert.equal(storage.length, 3);
  }
});

Deno.test("assertDType rejects unknown names", () => {
  for (const dtype of DTYPES) assertDType(dtype);
  assert.throws(() => assertDType("double"), {
    name: "TypeError",
    message:
      'Invalid dtype "double": expected one of float64, float32, int64, int32, int16, int8, uint8, bool',
  });
  assert.throws(() => assertDType(undefined), {
    name: "TypeError",
    message: /^Invalid dtype undefined/,
  });
});

Deno.test("isFloatingDType is true for floats only", () => {
  const floating = DTYPES.filter(isFloatingDType);
  assert.deepEqual(floating, ["float64", "float32"]);
});

Deno.test("assertStorageType rejects other typed arrays", () => {
  assertStorageType(new Float64Array(1), "int64");
  assertStorageType(new Uint8Array(1), "bool");
  assert.throws(() => assertStorageType(new Int32Array(1), "int64"), {
    name: "TypeError",
    message: "Invalid storage for dtype int64: expected a Float64Array, got Int32Array",
  });
  assert.throws(() => assertStorageType([1, 2], "float32"), {
    name: "TypeError",
    message: "Invalid storage for dtype float32: expected a Float32Array, got Array",
  });
  assert.throws(() => assertStorageType(null, "float32"), {
    name: "TypeError",
    message: /got null$/,
  });
});

Deno.test("assertRepresentable checks integer ranges", () => {
  assertRepresentable(1.5, "float32", "at [0]");
  assertRepresentable(2 ** 53 - 1, "int64", "at [0]");
  assertRepresentable(-128, "int8", "at [0]");
  assert.throws(() => assertRepresentable(1.5, "int64", "at [2]"), {
    name: "RangeError",
    message: "Invalid value 1.5 at [2] for dtype int64: expected an integer",
  });
  assert.throws(() => assertRepresentable(2 ** 53, "int64", "at [0]"), {
    name: "RangeError",
    message:
      "Invalid value 9007199254740992 at [0] for dtype int64: expected a value from -9007199254740991 to 9007199254740991",
  });
  assert.throws(() => assertRepresentable(256, "uint8", "at [1]"), {
    name: "RangeError",
    message: "Invalid value 256 at [1] for dtype uint8: expected a value from 0 to 255",
  });
  assert.throws(() => assertRepresentable(2, "bool", "at [0]"), {
    name: "RangeError",
    message: "Invalid value 2 at [0] for dtype bool: expected a value from 0 to 1",
  });
});
