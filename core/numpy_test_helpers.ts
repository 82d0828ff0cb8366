/**
 * Helpers shared by the reader tests: how NumPy's dtype names map to the
 * kit's, and a description of read values in the form that
 * tools/make_reader_fixtures.py writes to fixtures/readers/expected.json.
 *
 * @module
 */

import type { DType } from "./dtype.ts";
import { ObjectArray } from "./numpy_array.ts";
import { PickledDType } from "./numpy_pickle.ts";
import { type NestedArray, Tensor } from "./tensor.ts";

/** A NumPy array as expected.json describes it: values flat in C order, NaN and infinities as strings. */
export interface NdarrayDescription {
  type: "ndarray";
  dtype: string;
  shape: number[];
  values: (number | boolean | string)[];
}

/** The kit dtype each NumPy dtype name becomes (see core/numpy_dtype.ts). */
export const KIT_DTYPE_OF_NUMPY: Record<string, DType> = {
  float16: "float32",
  float32: "float32",
  float64: "float64",
  int8: "int8",
  int16: "int16",
  int32: "int32",
  int64: "int64",
  uint8: "uint8",
  uint16: "int32",
  uint32: "int64",
  uint64: "int64",
  bool: "bool",
};

/**
 * Lists a tensor's elements in C order as expected.json writes them.
 *
 * @param tensor The tensor.
 * @returns Numbers, booleans for `bool`, and "nan", "inf" or "-inf" for those values.
 */
export function flatValues(tensor: Tensor): (number | boolean | string)[] {
  const flat: number[] = [];
  const collect = (nested: NestedArray): void => {
    if (Array.isArray(nested)) nested.forEach(collect);
    else flat.push(nested);
  };
  collect(tensor.toArray());
  return flat.map((value) => {
    if (tensor.dtype === "bool") return value === 1;
    if (Number.isNaN(value)) return "nan";
    if (value === Infinity) return "inf";
    if (value === -Infinity) return "-inf";
    return value;
  });
}

/**
 * Describes a value read from a pickle as expected.json does, with the kit's
 * dtype names in place of NumPy's.
 *
 * @param value A value returned by `unpickle`.
 * @returns The tagged description.
 */
export function describeValue(value: unknown): unknown {
  if (value instanceof Tensor) {
    return {
      type: "ndarray",
      dtype: value.dtype,
      shape: [...value.shape],
      values: flatValues(value),
    };
  }
  if (value instanceof ObjectArray) {
    return { type: "object_array", shape: [...value.shape], items: value.items.map(describeValue) };
  }
  if (value instanceof Map) {
    return {
      type: "dict",
      items: [...value].map(([key, item]) => [describeValue(key), describeValue(item)]),
    };
  }
  if (value instanceof Uint8Array) return { type: "bytes", values: [...value] };
  if (value instanceof PickledDType) return { type: "dtype", descr: value.descr };
  if (Array.isArray(value)) {
    return { type: Object.isFrozen(value) ? "tuple" : "list", items: value.map(describeValue) };
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    if (Number.isNaN(value)) return "nan";
    return value > 0 ? "inf" : "-inf";
  }
  return value;
}

/**
 * Rewrites the NumPy dtype names in an expected.json description to the kit's.
 *
 * @param description A description from expected.json.
 * @returns The same description with kit dtype names.
 */
export function withKitDTypes(description: unknown): unknown {
  if (Array.isArray(description)) return description.map(withKitDTypes);
  if (typeof description !== "object" || description === null) return description;
  const entries = Object.entries(description).map((
    [key, value],
  ) => [key, key === "dtype" ? KIT_DTYPE_OF_NUMPY[value as string] : withKitDTypes(value)]);
  return Object.fromEntries(entries);
}
