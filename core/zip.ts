/**
 * Reading the members of a zip archive, as `np.savez` and
 * `np.savez_compressed` write them: stored or deflated, with Zip64 fields.
 *
 * The reader follows the zip specification (PKWARE APPNOTE.TXT): it finds the
 * end-of-central-directory record at the end of the file, reads the central
 * directory it points to, and for each member skips the local header and
 * takes the compressed bytes. Every offset and length read from the file is
 * checked against the bytes there are, and every member's CRC-32 and size are
 * checked after decompression.
 *
 * @module
 */

import { assertFileBytes } from "./bytes.ts";
import { crc32 } from "./crc32.ts";
import { FileFormatError } from "./file_format_error.ts";

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** Fixed sizes of the records, before their variable-length fields. */
const END_RECORD_SIZE = 22;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_END_RECORD_SIZE = 56;
const CENTRAL_ENTRY_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;

/** An archive comment is at most 65535 bytes, so the end record lies within this many bytes of the end. */
const MAX_END_SEARCH = END_RECORD_SIZE + 0xffff;

/** A 16- or 32-bit field of all ones means the value is in the Zip64 extra field. */
const ZIP64_MARKER_16 = 0xffff;
const ZIP64_MARKER_32 = 0xffffffff;
const ZIP64_EXTRA_ID = 0x0001;

const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
const FLAG_ENCRYPTED = 0x0001;

interface Entry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/**
 * Reads every member of a zip archive.
 *
 * @param bytes The archive's bytes.
 * @param file Name of the archive, for error messages.
 * @returns The members' uncompressed bytes by member name, in directory order.
 * @throws {FileFormatError} If the archive is truncated or corrupt, a member is
 *   encrypted or compressed with another method than stored or deflate, or a
 *   member's size or CRC-32 does not match its directory entry.
 * @throws {TypeError} If `bytes` is not a `Uint8Array` or `file` is not a string.
 *
 * @example Usage
 * ```ts
 * import { readZip } from "./zip.ts";
 * import assert from "node:assert/strict";
 *
 * // An empty archive is only its end-of-central-directory record.
 * const empty = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
 * assert.equal((await readZip(empty, "empty.zip")).size, 0);
 * ```
 */
export async function readZip(bytes: Uint8Array, file: string): Promise<Map<string, Uint8Array>> {
  assertFileBytes(bytes, file);
  const entries = readCentralDirectory(bytes, file);
  const members = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (members.has(entry.name)) {
      throw new FileFormatError(file, `the archive contains the member ${entry.name} twice`);
    }
    members.set(entry.name, await readMember(bytes, entry, file));
  }
  return members;
}

function readCentralDirectory(bytes: Uint8Array, file: string): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const endOffset = findEndRecord(bytes, view);
  if (endOffset < 0) {
    throw new FileFormatError(
      file,
      "not a zip archive, or a truncated one: the end-of-central-directory record is missing",
    );
  }

  let entryCount = view.getUint16(endOffset + 10, true);
  let directorySize = view.getUint32(endOffset + 12, true);
  let directoryOffset = view.getUint32(endOffset + 16, true);
  if (
    entryCount === ZIP64_MARKER_16 || directorySize === ZIP64_MARKER_32 ||
    directoryOffset === ZIP64_MARKER_32
  ) {
    ({ entryCount, directorySize, directoryOffset } = readZip64End(view, endOffset, file));
  }
  if (directoryOffset + directorySize > endOffset) {
    throw new FileFormatError(
      file,
      `the archive is truncated or corrupt: its central directory (${directorySize} bytes at` +
        ` offset ${directoryOffset}) runs past the end record at offset ${endOffset}`,
    );
  }

  const entries: Entry[] = [];
  let offset = directoryOffset;
  const directoryEnd = directoryOffset + directorySize;
  for (let index = 0; index < entryCount; index++) {
    if (
      offset + CENTRAL_ENTRY_SIZE > directoryEnd ||
      view.getUint32(offset, true) !== CENTRAL_DIRECTORY_ENTRY
    ) {
      throw new FileFormatError(
        file,
        `the archive is corrupt: central directory entry ${index} at offset ${offset} is invalid`,
      );
    }
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const next = offset + CENTRAL_ENTRY_SIZE + nameLength + extraLength + commentLength;
    if (next > directoryEnd) {
      throw new FileFormatError(
        file,
        `the archive is corrupt: central directory entry ${index} runs past the directory`,
      );
    }

    const nameStart = offset + CENTRAL_ENTRY_SIZE;
    const entry: Entry = {
      name: new TextDecoder().decode(bytes.subarray(nameStart, nameStart + nameLength)),
      flags: view.getUint16(offset + 8, true),
      method: view.getUint16(offset + 10, true),
      crc: view.getUint32(offset + 16, true),
      compressedSize: view.getUint32(offset + 20, true),
      uncompressedSize: view.getUint32(offset + 24, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    };
    applyZip64Extra(entry, view, nameStart + nameLength, extraLength, file);
    entries.push(entry);
    offset = next;
  }
  return entries;
}

function findEndRecord(bytes: Uint8Array, view: DataView): number {
  const lowest = Math.max(0, bytes.length - MAX_END_SEARCH);
  for (let offset = bytes.length - END_RECORD_SIZE; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) !== END_OF_CENTRAL_DIRECTORY) continue;
    // The comment length must reach exactly to the end of the file.
    if (offset + END_RECORD_SIZE + view.getUint16(offset + 20, true) === bytes.length) {
      return offset;
    }
  }
  return -1;
}

function readZip64End(view: DataView, endOffset: number, file: string) {
  const locator = endOffset - ZIP64_LOCATOR_SIZE;
  if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) {
    throw new FileFormatError(file, "the archive is corrupt: its Zip64 end locator is missing");
  }
  const recordOffset = Number(view.getBigUint64(locator + 8, true));
  if (
    recordOffset + ZIP64_END_RECORD_SIZE > locator ||
    view.getUint32(recordOffset, true) !== ZIP64_END_OF_CENTRAL_DIRECTORY
  ) {
    throw new FileFormatError(file, "the archive is corrupt: its Zip64 end record is invalid");
  }
  return {
    entryCount: Number(view.getBigUint64(recordOffset + 32, true)),
    directorySize: Number(view.getBigUint64(recordOffset + 40, true)),
    directoryOffset: Number(view.getBigUint64(recordOffset + 48, true)),
  };
}

/** Replaces the 32-bit fields that are all ones with the 64-bit values of the Zip64 extra field. */
function applyZip64Extra(
  entry: Entry,
  view: DataView,
  start: number,
  length: number,
  file: string,
): void {
  const end = start + length;
  for (let offset = start; offset + 4 <= end;) {
    const id = view.getUint16(offset, true);
    const size = view.getUint16(offset + 2, true);
    const dataEnd = offset + 4 + size;
    if (dataEnd > end) break;
    if (id === ZIP64_EXTRA_ID) {
      // The fields appear in this order, each only when its 32-bit field is all ones.
      let field = offset + 4;
      const read64 = () => {
        if (field + 8 > dataEnd) {
          throw new FileFormatError(file, `the Zip64 field of member ${entry.name} is too short`);
        }
        const value = Number(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === ZIP64_MARKER_32) entry.uncompressedSize = read64();
      if (entry.compressedSize === ZIP64_MARKER_32) entry.compressedSize = read64();
      if (entry.localHeaderOffset === ZIP64_MARKER_32) entry.localHeaderOffset = read64();
    }
    offset = dataEnd;
  }
}

async function readMember(bytes: Uint8Array, entry: Entry, file: string): Promise<Uint8Array> {
  const where = `member ${entry.name}`;
  if (entry.flags & FLAG_ENCRYPTED) {
    throw new FileFormatError(file, `${where} is encrypted, which the kit cannot read`);
  }

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = entry.localHeaderOffset;
  if (
    header + LOCAL_HEADER_SIZE > bytes.length || view.getUint32(header, true) !== LOCAL_HEADER
  ) {
    throw new FileFormatError(
      file,
      `the archive is corrupt: the local header of ${where} at offset ${header} is invalid`,
    );
  }
  const dataStart = header + LOCAL_HEADER_SIZE + view.getUint16(header + 26, true) +
    view.getUint16(header + 28, true);
  if (dataStart + entry.compressedSize > bytes.length) {
    throw new FileFormatError(
      file,
      `the archive is truncated: ${where} needs ${entry.compressedSize} bytes at offset` +
        ` ${dataStart}, the file has ${bytes.length} bytes`,
    );
  }
  const compressed = bytes.subarray(dataStart, dataStart + entry.compressedSize);

  let data: Uint8Array;
  if (entry.method === METHOD_STORED) {
    data = compressed.slice();
  } else if (entry.method === METHOD_DEFLATED) {
    data = await inflate(compressed, entry.uncompressedSize, where, file);
  } else {
    throw new FileFormatError(
      file,
      `${where} uses compression method ${entry.method}; the kit reads stored (0) and deflated (8)`,
    );
  }

  if (data.length !== entry.uncompressedSize) {
    throw new FileFormatError(
      file,
      `${where} has ${data.length} bytes, its directory entry says ${entry.uncompressedSize}`,
    );
  }
  const actual = crc32(data);
  if (actual !== entry.crc) {
    throw new FileFormatError(
      file,
      `${where} is corrupt: its CRC-32 is ${hex(actual)}, the archive records ${hex(entry.crc)}`,
    );
  }
  return data;
}

/** Inflates raw deflate data, stopping as soon as it outgrows the size the directory gives. */
async function inflate(
  compressed: Uint8Array,
  expectedSize: number,
  where: string,
  file: string,
): Promise<Uint8Array> {
  const stream = new Blob([compressed.slice()]).stream().pipeThrough(
    new DecompressionStream("deflate-raw"),
  );
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > expectedSize) {
        await reader.cancel();
        throw new FileFormatError(
          file,
          `${where} inflates to more than the ${expectedSize} bytes its directory entry says`,
        );
      }
      chunks.push(value);
    }
  } catch (cause) {
    if (cause instanceof FileFormatError) throw cause;
    throw new FileFormatError(file, `${where} contains corrupt deflate data`, { cause });
  }

  const data = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    data.set(chunk, offset);
    offset += chunk.length;
  }
  return data;
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, "0")}`;
}
