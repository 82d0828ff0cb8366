/**
 * A restricted reader for Python pickles, protocols 2 to 5, for the values
 * NumPy stores in object arrays: dicts, lists, tuples, strings, numbers,
 * `None`, booleans, bytes, and NumPy arrays, dtypes and scalars.
 *
 * A pickle is a program for a small stack machine: each opcode pushes a value,
 * builds a container from values on the stack, or stores and fetches values in
 * a memo. Python's `pickle.load` imports and calls any global the program
 * names, so loading an untrusted pickle can run `os.system`. This reader
 * imports and calls nothing: every global is checked against the short list in
 * `numpy_pickle.ts`, and any other one is rejected, naming it, as soon as the
 * reader reaches it.
 *
 * Python values map to JavaScript values as follows:
 *
 * - dict to `Map`, list to `Array`, tuple to a frozen `Array`
 * - str to `string`, int and float to `number`, bool to `boolean`, None to `null`
 * - bytes and bytearray to `Uint8Array`
 * - NumPy arrays and scalars of numbers to `Tensor` (a scalar is a 0-d tensor)
 * - NumPy object arrays to `ObjectArray`
 *
 * @module
 */

import { assertFileBytes } from "./bytes.ts";
import { FileFormatError } from "./file_format_error.ts";
import {
  buildObject,
  describe,
  PickledDType,
  type PickleGlobal,
  resolveGlobal,
  UnbuiltArray,
} from "./numpy_pickle.ts";

/** Highest pickle protocol the reader supports. Python 3.8 and later write up to 5. */
const HIGHEST_PROTOCOL = 5;

/** Lowest protocol the reader accepts: the first with `PROTO`, binary floats and `NEWTRUE`. */
const LOWEST_PROTOCOL = 2;

/** Opcode names for error messages, from CPython's `Lib/pickle.py`. */
const UNSUPPORTED_OPCODES: Record<number, string> = {
  0x46: "FLOAT", // protocol 0 text opcodes
  0x49: "INT",
  0x4c: "LONG",
  0x53: "STRING",
  0x56: "UNICODE",
  0x67: "GET",
  0x70: "PUT",
  0x54: "BINSTRING", // Python 2 byte strings
  0x55: "SHORT_BINSTRING",
  0x50: "PERSID", // persistent ids, which need the writer's own lookup
  0x51: "BINPERSID",
  0x69: "INST", // protocol 0 and 1 object creation
  0x6f: "OBJ",
  0x82: "EXT1", // the copyreg extension registry, another way to name a global
  0x83: "EXT2",
  0x84: "EXT4",
  0x8f: "EMPTY_SET",
  0x90: "ADDITEMS",
  0x91: "FROZENSET",
  0x92: "NEWOBJ_EX",
  0x97: "NEXT_BUFFER",
  0x98: "READONLY_BUFFER",
};

/**
 * Reads a pickle, rebuilding its value without running anything it names.
 *
 * @param bytes The pickle.
 * @param file Name of the file the pickle comes from, for error messages.
 * @returns The value: see the module documentation for how Python types map.
 * @throws {FileFormatError} If the pickle names a global other than the NumPy
 *   ones, uses an opcode or a value the reader does not support, or is
 *   truncated or malformed. No partial value is returned.
 * @throws {RangeError} If an integer lies beyond ±(2^53 - 1), or an array
 *   contains `int64` or `uint64` values beyond it.
 * @throws {TypeError} If `bytes` is not a `Uint8Array` or `file` is not a string.
 *
 * @example Usage
 * ```ts
 * import { unpickle } from "./pickle.ts";
 * import assert from "node:assert/strict";
 *
 * // pickle.dumps({"a": [1, 2.5]}, protocol=2)
 * const bytes = new Uint8Array([
 *   0x80, 0x02, 0x7d, 0x71, 0x00, 0x58, 0x01, 0x00, 0x00, 0x00, 0x61, 0x71, 0x01, 0x5d, 0x71, 0x02,
 *   0x28, 0x4b, 0x01, 0x47, 0x40, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x65, 0x73, 0x2e,
 * ]);
 * assert.deepEqual(unpickle(bytes, "a.pkl"), new Map([["a", [1, 2.5]]]));
 * ```
 */
export function unpickle(bytes: Uint8Array, file: string): unknown {
  assertFileBytes(bytes, file);
  return new PickleMachine(bytes, file).run();
}

/** A mark on the stack: `MARK` pushes the current stack here and starts a new one. */
type Frame = unknown[];

class PickleMachine {
  private position = 0;
  private stack: unknown[] = [];
  private readonly marks: Frame[] = [];
  private readonly memo = new Map<number, unknown>();
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array, private readonly file: string) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  run(): unknown {
    const first = this.bytes[0];
    if (first !== 0x80) {
      throw this.error(
        "not a pickle of protocol 2 to 5: it does not start with the PROTO opcode (0x80)",
      );
    }
    while (true) {
      const opcodePosition = this.position;
      const opcode = this.readByte();
      if (opcode === 0x2e) return this.finish(); // STOP
      this.step(opcode, opcodePosition);
    }
  }

  private step(opcode: number, at: number): void {
    switch (opcode) {
      case 0x80: { // PROTO
        const protocol = this.readByte();
        if (protocol < LOWEST_PROTOCOL || protocol > HIGHEST_PROTOCOL) {
          throw this.error(
            `unsupported pickle protocol ${protocol}: the kit reads protocols 2 to 5`,
          );
        }
        return;
      }
      case 0x95: // FRAME: a length prefix for buffered reading; the bytes follow inline.
        this.readLength(8);
        return;

      // Constants and numbers.
      case 0x4e:
        return this.push(null); // NONE
      case 0x88:
        return this.push(true); // NEWTRUE
      case 0x89:
        return this.push(false); // NEWFALSE
      case 0x4a:
        return this.push(this.take(4, (o) => this.view.getInt32(o, true))); // BININT
      case 0x4b:
        return this.push(this.readByte()); // BININT1
      case 0x4d:
        return this.push(this.take(2, (o) => this.view.getUint16(o, true))); // BININT2
      case 0x8a:
        return this.push(this.readLong(this.readByte(), at)); // LONG1
      case 0x8b:
        return this.push(this.readLong(this.readLength(4), at)); // LONG4
      case 0x47:
        return this.push(this.take(8, (o) => this.view.getFloat64(o, false)));

      // Strings and bytes.
      // BINFLOAT
      case 0x8c:
        return this.push(this.readText(this.readByte())); // SHORT_BINUNICODE
      case 0x58:
        return this.push(this.readText(this.readLength(4))); // BINUNICODE
      case 0x8d:
        return this.push(this.readText(this.readLength(8))); // BINUNICODE8
      case 0x43:
        return this.push(this.readBytes(this.readByte()).slice()); // SHORT_BINBYTES
      case 0x42:
        return this.push(this.readBytes(this.readLength(4)).slice()); // BINBYTES
      case 0x8e: // BINBYTES8
      case 0x96: // BYTEARRAY8
        return this.push(this.readBytes(this.readLength(8)).slice());

      // Containers.
      case 0x7d:
        return this.push(new Map()); // EMPTY_DICT
      case 0x5d:
        return this.push([]); // EMPTY_LIST
      case 0x29:
        return this.push(Object.freeze([])); // EMPTY_TUPLE
      case 0x28: // MARK
        this.marks.push(this.stack);
        this.stack = [];
        return;
      case 0x74:
        return this.push(Object.freeze(this.popMark(at))); // TUPLE
      case 0x85:
        return this.push(Object.freeze(this.popItems(1, at))); // TUPLE1
      case 0x86:
        return this.push(Object.freeze(this.popItems(2, at))); // TUPLE2
      case 0x87:
        return this.push(Object.freeze(this.popItems(3, at))); // TUPLE3
      case 0x6c:
        return this.push(this.popMark(at)); // LIST
      case 0x64:
        return this.push(this.setItems(new Map(), this.popMark(at), at)); // DICT
      case 0x61: { // APPEND
        const [item] = this.popItems(1, at);
        this.listOnTop(at).push(item);
        return;
      }
      case 0x65: { // APPENDS
        const items = this.popMark(at);
        this.listOnTop(at).push(...items);
        return;
      }
      case 0x73: { // SETITEM
        const pair = this.popItems(2, at);
        this.setItems(this.dictOnTop(at), pair, at);
        return;
      }
      case 0x75: { // SETITEMS
        const pairs = this.popMark(at);
        this.setItems(this.dictOnTop(at), pairs, at);
        return;
      }

      // Stack and memo.
      case 0x30:
        this.popItems(1, at);
        return; // POP
      case 0x31:
        this.popMark(at);
        return; // POP_MARK
      case 0x32:
        return this.push(this.top(at)); // DUP
      case 0x94:
        this.memo.set(this.memo.size, this.top(at));
        return; // MEMOIZE
      case 0x71:
        this.memo.set(this.readByte(), this.top(at));
        return; // BINPUT
      case 0x72:
        this.memo.set(this.readUint32(), this.top(at));
        return; // LONG_BINPUT
      case 0x68:
        return this.push(this.fetch(this.readByte(), at)); // BINGET
      case 0x6a:
        return this.push(this.fetch(this.readUint32(), at));

      // Globals and object construction.
      // LONG_BINGET
      case 0x63: { // GLOBAL: "module\nname\n"
        const module = this.readLine();
        const name = this.readLine();
        return this.push(resolveGlobal(module, name, this.file));
      }
      case 0x93: { // STACK_GLOBAL
        const [module, name] = this.popItems(2, at);
        if (typeof module !== "string" || typeof name !== "string") {
          throw this.error(
            `STACK_GLOBAL at byte ${at} takes ${describe(module)} and ${
              describe(name)
            } instead of two strings`,
          );
        }
        return this.push(resolveGlobal(module, name, this.file));
      }
      case 0x52: // REDUCE: callable(*args)
      case 0x81: { // NEWOBJ: cls.__new__(cls, *args); for the allowed classes the same as a call
        const [callable, args] = this.popItems(2, at);
        if (!isGlobal(callable) || !Array.isArray(args)) {
          throw this.error(
            `${opcode === 0x52 ? "REDUCE" : "NEWOBJ"} at byte ${at} calls ${
              describe(callable)
            } with ${describe(args)}`,
          );
        }
        return this.push(callable.call(args, this.file));
      }
      case 0x62: { // BUILD: sets the state of the object below it
        const [target, state] = this.popItems(2, at);
        const built = buildObject(target, state, this.file);
        this.replaceEverywhere(target, built);
        return this.push(built);
      }
    }

    const name = UNSUPPORTED_OPCODES[opcode];
    const hex = `0x${opcode.toString(16).padStart(2, "0")}`;
    throw this.error(
      name === undefined
        ? `unknown opcode ${hex} at byte ${at}: the file is corrupt or not a pickle`
        : `unsupported opcode ${name} (${hex}) at byte ${at}: NumPy's pickles of protocol 2 to 5 do not use it`,
    );
  }

  private finish(): unknown {
    if (this.marks.length > 0 || this.stack.length !== 1) {
      throw this.error(
        `STOP leaves ${this.stack.length} values and ${this.marks.length} marks instead of one value`,
      );
    }
    const result = this.stack[0];
    assertFinished(result, this.file);
    return result;
  }

  private error(problem: string): FileFormatError {
    return new FileFormatError(this.file, problem);
  }

  private push(value: unknown): void {
    this.stack.push(value);
  }

  private top(at: number): unknown {
    if (this.stack.length === 0) throw this.error(`the stack is empty at byte ${at}`);
    return this.stack[this.stack.length - 1];
  }

  private popItems(count: number, at: number): unknown[] {
    if (this.stack.length < count) {
      throw this.error(
        `the opcode at byte ${at} needs ${count} values, but the stack has ${this.stack.length}`,
      );
    }
    return this.stack.splice(this.stack.length - count, count);
  }

  private popMark(at: number): unknown[] {
    const previous = this.marks.pop();
    if (previous === undefined) {
      throw this.error(`the opcode at byte ${at} needs a MARK, none is set`);
    }
    const items = this.stack;
    this.stack = previous;
    return items;
  }

  private listOnTop(at: number): unknown[] {
    const list = this.top(at);
    if (!Array.isArray(list) || Object.isFrozen(list)) {
      throw this.error(`the opcode at byte ${at} appends to ${describe(list)} instead of a list`);
    }
    return list;
  }

  private dictOnTop(at: number): Map<unknown, unknown> {
    const dict = this.top(at);
    if (!(dict instanceof Map)) {
      throw this.error(
        `the opcode at byte ${at} sets items of ${describe(dict)} instead of a dict`,
      );
    }
    return dict;
  }

  private setItems(
    dict: Map<unknown, unknown>,
    pairs: unknown[],
    at: number,
  ): Map<unknown, unknown> {
    if (pairs.length % 2 !== 0) {
      throw this.error(`the dict items at byte ${at} are not in key-value pairs`);
    }
    for (let i = 0; i < pairs.length; i += 2) {
      const key = pairs[i];
      // A Map compares objects by identity, so only values compared by content can be keys.
      if (key !== null && !["string", "number", "boolean"].includes(typeof key)) {
        throw this.error(
          `a dict key at byte ${at} is ${
            describe(key)
          }: the kit supports str, int, float, bool and None keys`,
        );
      }
      dict.set(key, pairs[i + 1]);
    }
    return dict;
  }

  private fetch(index: number, at: number): unknown {
    if (!this.memo.has(index)) {
      throw this.error(`the memo has no entry ${index}, fetched at byte ${at}`);
    }
    return this.memo.get(index);
  }

  /** A `BUILD` finishes an object in place in Python; memo entries must see the finished one. */
  private replaceEverywhere(target: unknown, built: unknown): void {
    if (target === built) return;
    for (const [index, value] of this.memo) {
      if (value === target) this.memo.set(index, built);
    }
  }

  private readByte(): number {
    if (this.position >= this.bytes.length) {
      throw this.error(`the pickle is truncated: it ends at byte ${this.bytes.length} before STOP`);
    }
    return this.bytes[this.position++];
  }

  /** Checks that `size` bytes remain, then reads a number from them. */
  private take<T>(size: number, read: (offset: number) => T): T {
    this.ensure(size);
    const value = read(this.position);
    this.position += size;
    return value;
  }

  private ensure(size: number): void {
    const left = this.bytes.length - this.position;
    if (size > left) {
      throw this.error(
        `the pickle is truncated: ${size} bytes are needed at byte ${this.position}, ${left} are left`,
      );
    }
  }

  /** Reads an unsigned little-endian length of 4 or 8 bytes, which must fit in the bytes left. */
  private readLength(size: 4 | 8): number {
    const start = this.position;
    const length = size === 4
      ? this.take(4, (o) => this.view.getUint32(o, true))
      : this.take(8, (o) => this.view.getBigUint64(o, true));
    if (length > this.bytes.length - this.position) {
      throw this.error(
        `the pickle is truncated: a length of ${length} at byte ${start} runs past the end`,
      );
    }
    return Number(length);
  }

  private readUint32(): number {
    return this.take(4, (o) => this.view.getUint32(o, true));
  }

  private readBytes(length: number): Uint8Array {
    this.ensure(length);
    const bytes = this.bytes.subarray(this.position, this.position + length);
    this.position += length;
    return bytes;
  }

  private readText(length: number): string {
    const start = this.position;
    const bytes = this.readBytes(length);
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (cause) {
      throw new FileFormatError(this.file, `the string at byte ${start} is not valid UTF-8`, {
        cause,
      });
    }
  }

  private readLine(): string {
    const end = this.bytes.indexOf(0x0a, this.position);
    if (end < 0) {
      throw this.error(
        `the pickle is truncated: a GLOBAL name at byte ${this.position} has no line end`,
      );
    }
    const line = new TextDecoder("utf-8").decode(this.bytes.subarray(this.position, end));
    this.position = end + 1;
    return line;
  }

  /** Reads a little-endian two's-complement integer of `length` bytes (LONG1, LONG4). */
  private readLong(length: number, at: number): number {
    const bytes = this.readBytes(length);
    let value = 0n;
    for (let i = length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
    if (length > 0 && bytes[length - 1] & 0x80) value -= 1n << BigInt(8 * length);
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError(
        `Cannot read ${this.file}: the integer ${value} at byte ${at} lies beyond ±(2^53 - 1),` +
          " the largest integers a JavaScript number holds exactly",
      );
    }
    return Number(value);
  }
}

function isGlobal(value: unknown): value is PickleGlobal {
  return typeof value === "object" && value !== null && "qualifiedName" in value && "call" in value;
}

/** Rejects a result that still contains a bare global or an array whose state never arrived. */
function assertFinished(root: unknown, file: string): void {
  const seen = new Set<unknown>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    if (value instanceof UnbuiltArray || isGlobal(value)) {
      throw new FileFormatError(
        file,
        `the pickle's value holds ${describe(value)}, which NumPy never leaves unused`,
      );
    }
    if (value instanceof PickledDType || value instanceof Uint8Array) continue;
    if (value instanceof Map) pending.push(...value.values());
    else if (Array.isArray(value)) pending.push(...value);
    else if ("items" in value && Array.isArray(value.items)) pending.push(...value.items);
  }
}
