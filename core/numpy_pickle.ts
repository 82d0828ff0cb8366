/**
 * The few Python globals a NumPy pickle may name, and what the kit does in
 * their place.
 *
 * A pickle rebuilds objects by calling functions it names (`GLOBAL` followed
 * by `REDUCE`), which is how a hostile pickle runs `os.system`. The kit's
 * reader calls nothing: it accepts only the names below, which NumPy and
 * Python's pickler use to rebuild arrays, dtypes, scalars and byte strings,
 * and performs each one's effect itself.
 *
 * | global                                   | written for                        |
 * |------------------------------------------|------------------------------------|
 * | `numpy.core.multiarray._reconstruct`     | arrays (`ndarray.__reduce__`)      |
 * | `numpy.ndarray`                          | the class passed to `_reconstruct` |
 * | `numpy.dtype`                            | element types                      |
 * | `numpy.core.multiarray.scalar`           | scalars such as `np.float32(1.5)`  |
 * | `numpy.core.numeric._frombuffer`         | arrays under protocol 5            |
 * | `_codecs.encode`                         | bytes under protocol 2             |
 * | `__builtin__.bytes`, `builtins.bytes`    | empty bytes under protocol 2       |
 *
 * NumPy 2 moved `numpy.core` to `numpy._core`; both names are accepted.
 *
 * @module
 */

import { describeArgument } from "./argument.ts";
import type { DType } from "./dtype.ts";
import { FileFormatError } from "./file_format_error.ts";
import { fortranToCOrder, ObjectArray, tensorFromNumpy } from "./numpy_array.ts";
import { decodeElements, parseDescr } from "./numpy_dtype.ts";
import { shapeSize } from "./shape.ts";
import type { Tensor } from "./tensor.ts";

/** A global the reader accepts: the kit's stand-in for a Python callable. */
export interface PickleGlobal {
  /** The dotted name as the pickle wrote it, such as `numpy.dtype`. */
  readonly qualifiedName: string;
  /** Performs the call `global(*args)` on already-read values. */
  call(args: readonly unknown[], file: string): unknown;
}

/** A `numpy.dtype` read from a pickle: a type code and, after its state is set, a byte order. */
export class PickledDType {
  /** Type code without byte order, such as `f4`, `b1` or `O8`. */
  readonly code: string;
  /** `<`, `>` or `|`, set from the dtype's pickled state; `=` until then. */
  byteOrder = "=";
  /** Whether the dtype has named fields, which the kit cannot hold. */
  structured = false;

  /**
   * Creates the dtype from a type code as pickles pass it to `numpy.dtype`.
   *
   * @param code Type code such as `f4` or `O8`.
   * @throws {TypeError} If `code` is not a string.
   * @throws {RangeError} If `code` is empty.
   */
  constructor(code: string) {
    if (typeof code !== "string") {
      throw new TypeError(
        `Cannot create PickledDType from ${
          describeArgument(code)
        }: expected a type code such as "f4"`,
      );
    }
    if (code === "") {
      throw new RangeError(`Cannot create PickledDType from "": expected a type code such as "f4"`);
    }
    this.code = code;
  }

  /** The type string as a `.npy` header writes it, such as `<f4`. */
  get descr(): string {
    if (this.code.startsWith("O")) return "|O";
    // `=` means the writer's native order; NumPy writes it only for dtypes
    // whose state was never set, and every platform NumPy supports in
    // practice (x86-64, ARM64) is little-endian.
    return (this.byteOrder === "=" ? "<" : this.byteOrder) + this.code;
  }
}

/** An array created by `_reconstruct` whose contents arrive with the next `BUILD`. */
export class UnbuiltArray {}

const NDARRAY: PickleGlobal = {
  qualifiedName: "numpy.ndarray",
  call(_args, file) {
    throw new FileFormatError(file, "numpy.ndarray is called directly, which NumPy never writes");
  },
};

const RECONSTRUCT_NAMES = [
  "numpy.core.multiarray._reconstruct",
  "numpy._core.multiarray._reconstruct",
];
const SCALAR_NAMES = ["numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar"];
const FROMBUFFER_NAMES = ["numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer"];

const ALLOWED = new Map<string, (name: string) => PickleGlobal>([
  ["numpy.ndarray", () => NDARRAY],
  ["numpy.dtype", (name) => ({ qualifiedName: name, call: createDType })],
  ...RECONSTRUCT_NAMES.map((n) =>
    [n, (name: string) => ({ qualifiedName: name, call: reconstruct })] as const
  ),
  ...SCALAR_NAMES.map((n) =>
    [n, (name: string) => ({ qualifiedName: name, call: createScalar })] as const
  ),
  ...FROMBUFFER_NAMES.map((n) =>
    [n, (name: string) => ({ qualifiedName: name, call: fromBuffer })] as const
  ),
  ["_codecs.encode", (name) => ({ qualifiedName: name, call: encodeLatin1 })],
  ["__builtin__.bytes", (name) => ({ qualifiedName: name, call: emptyBytes })],
  ["builtins.bytes", (name) => ({ qualifiedName: name, call: emptyBytes })],
]);

/**
 * Looks up a global a pickle names, rejecting every name not in the allowed list.
 *
 * @param module The module, such as `numpy.core.multiarray`.
 * @param name The attribute, such as `_reconstruct`.
 * @param file Name of the file, for error messages.
 * @returns The kit's stand-in for the global.
 * @throws {FileFormatError} If the global is not one NumPy needs.
 *
 * @example Usage
 * ```ts
 * import { resolveGlobal } from "./numpy_pickle.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(resolveGlobal("numpy", "dtype", "x.pkl").qualifiedName, "numpy.dtype");
 * assert.throws(() => resolveGlobal("posix", "system", "x.pkl"), { name: "FileFormatError" });
 * ```
 */
export function resolveGlobal(module: string, name: string, file: string): PickleGlobal {
  const qualifiedName = `${module}.${name}`;
  const make = ALLOWED.get(qualifiedName);
  if (make === undefined) {
    throw new FileFormatError(
      file,
      `the pickle names the global ${qualifiedName}, which the kit rejects:` +
        " only the NumPy globals that rebuild arrays, dtypes and scalars are allowed," +
        " so nothing in the file is run",
    );
  }
  return make(qualifiedName);
}

/**
 * Applies a `BUILD` opcode: sets the pickled state of a dtype or an array.
 *
 * @param target The object on the stack: a {@linkcode PickledDType} or an {@linkcode UnbuiltArray}.
 * @param state The state that `__reduce__` returned for it.
 * @param file Name of the file, for error messages.
 * @returns The finished object: the dtype itself, or the array as a tensor or object array.
 * @throws {FileFormatError} If the target cannot take a state or the state is malformed.
 */
export function buildObject(target: unknown, state: unknown, file: string): unknown {
  if (target instanceof PickledDType) {
    setDTypeState(target, state, file);
    return target;
  }
  if (target instanceof UnbuiltArray) return buildArray(state, file);
  throw new FileFormatError(
    file,
    `BUILD sets the state of ${describe(target)}, which NumPy never writes`,
  );
}

function createDType(args: readonly unknown[], file: string): PickledDType {
  const code = args[0];
  if (typeof code !== "string" || code === "") {
    throw new FileFormatError(
      file,
      `numpy.dtype is called with ${
        code === "" ? "an empty string" : describe(code)
      } instead of a type code`,
    );
  }
  return new PickledDType(code);
}

function setDTypeState(dtype: PickledDType, state: unknown, file: string): void {
  // State (version, byte order, subarray, names, fields, item size, alignment, flags[, metadata]).
  if (!Array.isArray(state) || state.length < 8 || typeof state[1] !== "string") {
    throw new FileFormatError(file, `the state of numpy.dtype('${dtype.code}') is malformed`);
  }
  dtype.byteOrder = state[1];
  dtype.structured = state[2] !== null || state[3] !== null;
}

function reconstruct(args: readonly unknown[], file: string): UnbuiltArray {
  if (args[0] !== NDARRAY) {
    throw new FileFormatError(
      file,
      `_reconstruct is called for ${describe(args[0])} instead of numpy.ndarray`,
    );
  }
  return new UnbuiltArray();
}

function buildArray(state: unknown, file: string): Tensor | ObjectArray {
  // ndarray.__setstate__ takes (version, shape, dtype, is_fortran, data);
  // pickles from before NumPy 1.0 leave out the version.
  if (!Array.isArray(state) || (state.length !== 5 && state.length !== 4)) {
    throw new FileFormatError(file, "the state of a pickled array is malformed");
  }
  const [shape, dtype, isFortran, data] = state.length === 5 ? state.slice(1) : state;
  return makeArray(data, dtype, shape, isFortran === true, file);
}

function createScalar(args: readonly unknown[], file: string): unknown {
  const [dtype, data] = args;
  if (dtype instanceof PickledDType && dtype.code.startsWith("O")) return data;
  return makeArray(data, dtype, [], false, file);
}

function fromBuffer(args: readonly unknown[], file: string): Tensor | ObjectArray {
  const [buffer, dtype, shape, order] = args;
  return makeArray(buffer, dtype, shape, order === "F", file);
}

function makeArray(
  data: unknown,
  dtype: unknown,
  shape: unknown,
  fortranOrder: boolean,
  file: string,
): Tensor | ObjectArray {
  if (!(dtype instanceof PickledDType)) {
    throw new FileFormatError(file, `a pickled array has ${describe(dtype)} as its dtype`);
  }
  if (!Array.isArray(shape) || !shape.every((size) => Number.isSafeInteger(size) && size >= 0)) {
    throw new FileFormatError(
      file,
      "a pickled array's shape is not a tuple of non-negative integers",
    );
  }
  if (dtype.structured) {
    throw new FileFormatError(
      file,
      "unknown dtype: a pickled array has named fields, which the kit cannot hold",
    );
  }
  const type = parseDescr(dtype.descr, file);
  const count = shapeSize(shape);

  if (type.dtype === "object") {
    if (!Array.isArray(data) || data.length !== count) {
      throw new FileFormatError(
        file,
        `a pickled object array of shape [${shape.join(", ")}] has the wrong items`,
      );
    }
    return new ObjectArray(shape, fortranOrder ? fortranToCOrder(data, shape) : data);
  }

  const bytes = typeof data === "string" ? latin1Bytes(data, file) : data;
  if (!(bytes instanceof Uint8Array)) {
    throw new FileFormatError(file, `a pickled array's data is ${describe(data)} instead of bytes`);
  }
  if (bytes.length !== count * type.itemSize) {
    throw new FileFormatError(
      file,
      `a pickled array of shape [${shape.join(", ")}] and dtype '${type.descr}' needs` +
        ` ${count * type.itemSize} bytes of data, found ${bytes.length}`,
    );
  }
  const storage = decodeElements(bytes, type, count, file);
  return tensorFromNumpy(storage, shape, type.dtype as DType, fortranOrder);
}

function encodeLatin1(args: readonly unknown[], file: string): Uint8Array {
  const [text, encoding] = args;
  if (typeof text !== "string" || (encoding !== "latin1" && encoding !== "latin-1")) {
    throw new FileFormatError(
      file,
      "_codecs.encode is called with other arguments than a string and 'latin1', which Python never writes",
    );
  }
  return latin1Bytes(text, file);
}

function emptyBytes(args: readonly unknown[], file: string): Uint8Array {
  if (args.length !== 0) {
    throw new FileFormatError(
      file,
      "bytes() is called with arguments, which Python's pickler never writes",
    );
  }
  return new Uint8Array(0);
}

function latin1Bytes(text: string, file: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) {
      throw new FileFormatError(file, "a Latin-1 byte string contains a character beyond U+00FF");
    }
    bytes[i] = code;
  }
  return bytes;
}

/**
 * Describes a pickled value by its kind, for error messages.
 *
 * @param value Any value the reader produced.
 * @returns A short description such as `a string` or `numpy.dtype`.
 */
export function describe(value: unknown): string {
  if (value === null) return "None";
  if (value instanceof PickledDType) return `numpy.dtype('${value.code}')`;
  if (value instanceof UnbuiltArray) return "an unfinished array";
  if (value instanceof Uint8Array) return "bytes";
  if (value instanceof Map) return "a dict";
  if (Array.isArray(value)) return Object.isFrozen(value) ? "a tuple" : "a list";
  if (typeof value === "object" && "qualifiedName" in value) return String(value.qualifiedName);
  return `a ${typeof value}`;
}
