/**
 * CRC-32, the checksum a zip archive stores for each member (ISO 3309, the
 * same polynomial as zlib's `crc32` and PNG).
 *
 * @module
 */

import { assertBytes } from "./bytes.ts";

/** The CRC-32 polynomial 0x04C11DB7, bit-reversed as zip processes bits least significant first. */
const POLYNOMIAL = 0xedb88320;

/** CRC of every byte value, so that the main loop handles a byte in one step. */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1;
    table[byte] = crc;
  }
  return table;
})();

/**
 * Computes the CRC-32 of bytes.
 *
 * @param bytes The data.
 * @returns The checksum as an unsigned 32-bit integer.
 * @throws {TypeError} If `bytes` is not a `Uint8Array`.
 *
 * @example Usage
 * ```ts
 * import { crc32 } from "./crc32.ts";
 * import assert from "node:assert/strict";
 *
 * // The check value of CRC-32/ISO-HDLC, as zlib.crc32(b"123456789") returns it.
 * assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
 * ```
 */
export function crc32(bytes: Uint8Array): number {
  assertBytes(bytes, "Cannot compute CRC-32");
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
