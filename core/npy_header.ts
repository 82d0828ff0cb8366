/**
 * The header of a `.npy` file, as NumPy's `numpy.lib.format` writes it.
 *
 * A `.npy` file starts with the magic string `\x93NUMPY`, a major and a minor
 * version byte, and the header length: 2 bytes little-endian in version 1, 4
 * bytes in versions 2 and 3. The header is a Python dict literal such as
 * `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`, in Latin-1
 * for versions 1 and 2 and in UTF-8 for version 3. The array data follows it.
 *
 * @module
 */

import { FileFormatError } from "./file_format_error.ts";

/** The fields of a `.npy` header and where the array data starts. */
export interface NpyHeader {
  /** Format version, major and minor. */
  readonly version: readonly [number, number];
  /** Type string of the elements, such as `<f4`. */
  readonly descr: string;
  /** Whether the data is in Fortran order (first index fastest). */
  readonly fortranOrder: boolean;
  /** Size of each dimension. */
  readonly shape: readonly number[];
  /** Byte offset of the array data in the file. */
  readonly dataOffset: number;
}

/** The first six bytes of every `.npy` file. */
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** Magic, two version bytes and the shortest (2-byte) header length. */
const PREAMBLE_LENGTH = MAGIC.length + 2 + 2;

/** Python literal values that can appear in a header. */
type Literal = string | number | boolean | null | Literal[] | Map<string, Literal>;

/**
 * Parses the header of a `.npy` file.
 *
 * @param bytes The whole file, or at least its header.
 * @param file Name of the file, for error messages.
 * @returns The header fields and the offset of the data.
 * @throws {FileFormatError} If the magic string, version or header is invalid,
 *   or the header runs past the end of the bytes.
 *
 * @example Usage
 * ```ts
 * import { parseNpyHeader } from "./npy_header.ts";
 * import assert from "node:assert/strict";
 *
 * const text = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }\n";
 * const bytes = new Uint8Array([0x93, ...new TextEncoder().encode("NUMPY"), 1, 0, text.length, 0,
 *   ...new TextEncoder().encode(text)]);
 * const header = parseNpyHeader(bytes, "x.npy");
 * assert.deepEqual(header.shape, [2]);
 * assert.equal(header.descr, "<f8");
 * ```
 */
export function parseNpyHeader(bytes: Uint8Array, file: string): NpyHeader {
  if (bytes.length < PREAMBLE_LENGTH || MAGIC.some((byte, i) => bytes[i] !== byte)) {
    throw new FileFormatError(file, "not a .npy file: it does not start with \\x93NUMPY");
  }
  const major = bytes[6];
  const minor = bytes[7];
  if (major < 1 || major > 3 || minor !== 0) {
    throw new FileFormatError(
      file,
      `unsupported .npy format version ${major}.${minor}: the kit reads versions 1.0, 2.0 and 3.0`,
    );
  }

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthSize = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthSize) {
    throw new FileFormatError(file, "the file ends inside the .npy preamble");
  }
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = 8 + lengthSize;
  if (headerLength > bytes.length - headerStart) {
    throw new FileFormatError(
      file,
      `the .npy header claims ${headerLength} bytes but only ${bytes.length - headerStart} follow`,
    );
  }

  const encoding = major === 3 ? "utf-8" : "latin1";
  const headerBytes = bytes.subarray(headerStart, headerStart + headerLength);
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(headerBytes);
  } catch (cause) {
    throw new FileFormatError(file, `the .npy header is not valid ${encoding}`, { cause });
  }

  const fields = parseHeaderDict(text, file);
  return { version: [major, minor], ...fields, dataOffset: headerStart + headerLength };
}

function parseHeaderDict(text: string, file: string): Omit<NpyHeader, "version" | "dataOffset"> {
  const malformed = (detail: string) =>
    new FileFormatError(file, `malformed .npy header ${JSON.stringify(text.trim())}: ${detail}`);

  const parser = new LiteralParser(text, malformed);
  const value = parser.parseDocument();
  if (!(value instanceof Map)) throw malformed("expected a dict");
  for (const key of ["descr", "fortran_order", "shape"]) {
    if (!value.has(key)) throw malformed(`the key '${key}' is missing`);
  }

  const descr = value.get("descr");
  if (Array.isArray(descr)) {
    throw new FileFormatError(
      file,
      "unknown dtype: the array has a structured dtype (named fields), which the kit cannot hold",
    );
  }
  if (typeof descr !== "string") throw malformed("'descr' is not a string");

  const fortranOrder = value.get("fortran_order");
  if (typeof fortranOrder !== "boolean") throw malformed("'fortran_order' is not True or False");

  const shape = value.get("shape");
  if (
    !Array.isArray(shape) ||
    !shape.every((size) => typeof size === "number" && Number.isSafeInteger(size) && size >= 0)
  ) {
    throw malformed("'shape' is not a tuple of non-negative integers");
  }
  return { descr, fortranOrder, shape: shape as number[] };
}

/** Recursive-descent parser for the Python literals a `.npy` header uses. */
class LiteralParser {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly malformed: (detail: string) => FileFormatError,
  ) {}

  parseDocument(): Literal {
    const value = this.parseValue();
    this.skipSpace();
    if (this.position !== this.text.length) {
      throw this.malformed(`unexpected text at character ${this.position}`);
    }
    return value;
  }

  private parseValue(): Literal {
    this.skipSpace();
    const char = this.text[this.position];
    if (char === "{") return this.parseDict();
    if (char === "(" || char === "[") return this.parseSequence(char === "(" ? ")" : "]");
    if (char === "'" || char === '"') return this.parseString(char);

    const word = /^(True|False|None|-?\d+L?)/.exec(this.text.slice(this.position));
    if (word === null) {
      throw this.malformed(`unexpected ${describeChar(char)} at character ${this.position}`);
    }
    this.position += word[0].length;
    if (word[0] === "True") return true;
    if (word[0] === "False") return false;
    if (word[0] === "None") return null;
    // Python 2 wrote long integers with an `L` suffix, such as `(3L, 4L)`.
    return Number(word[0].replace("L", ""));
  }

  private parseDict(): Map<string, Literal> {
    const dict = new Map<string, Literal>();
    this.position++;
    while (true) {
      this.skipSpace();
      if (this.text[this.position] === "}") break;
      const key = this.parseValue();
      if (typeof key !== "string") throw this.malformed("a dict key is not a string");
      this.expect(":");
      dict.set(key, this.parseValue());
      this.skipSpace();
      if (this.text[this.position] === ",") this.position++;
      else if (this.text[this.position] !== "}") throw this.malformed("expected ',' or '}'");
    }
    this.position++;
    return dict;
  }

  private parseSequence(close: string): Literal[] {
    const items: Literal[] = [];
    this.position++;
    while (true) {
      this.skipSpace();
      if (this.text[this.position] === close) break;
      items.push(this.parseValue());
      this.skipSpace();
      if (this.text[this.position] === ",") this.position++;
      else if (this.text[this.position] !== close) {
        throw this.malformed(`expected ',' or '${close}'`);
      }
    }
    this.position++;
    return items;
  }

  private parseString(quote: string): string {
    let result = "";
    this.position++;
    while (this.position < this.text.length) {
      const char = this.text[this.position++];
      if (char === quote) return result;
      if (char === "\\") {
        const escaped = this.text[this.position++];
        if (escaped === undefined) break;
        if (escaped === "n") result += "\n";
        else if (escaped === "t") result += "\t";
        else result += escaped;
      } else {
        result += char;
      }
    }
    throw this.malformed("a string is not closed");
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.position] !== char) {
      throw this.malformed(`expected '${char}' at character ${this.position}`);
    }
    this.position++;
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.position] ?? "")) this.position++;
  }
}

function describeChar(char: string | undefined): string {
  return char === undefined ? "end of header" : `'${char}'`;
}
