// The Merkle-Damgard framing shared by MD5 (RFC 1321 clauses 3.1, 3.2, 3.5) and SHA-1 / SHA-256
// (FIPS 180-4 clauses 5.1.1, 6.1.2, 6.2.2): the message is followed by a 1 bit (the byte 0x80),
// zeros up to 56 bytes mod 64, and its length in bits as 64 bits; the digest is the final state.
// SHA writes the length and the state words big-endian, MD5 little-endian.

import { copyBytes, zero16 } from "./blocks";

/** The padded final blocks of a message (one or two), built here and wiped by the callers. */
export const finalBlocks = memory.data(128, 16);

/**
 * Writes the final blocks of a message to `dst` (room for 128 bytes): its last `tailLength` (< 64)
 * bytes at `tail`, then the padding for a message of `totalBytes` in all. Returns how many blocks
 * were written, 1 or 2.
 */
export function padTail(tail: usize, tailLength: usize, totalBytes: u64, bigEndian: bool, dst: usize = finalBlocks): usize {
  assert(tailLength < 64, "padTail: the tail must be a partial block");
  zero16(dst, 128);
  copyBytes(dst, tail, tailLength);
  store<u8>(dst + tailLength, 0x80);
  const blocks: usize = tailLength < 56 ? 1 : 2;
  const lengthAt = dst + (blocks << 6) - 8;
  const bits = totalBytes << 3;
  store<u64>(lengthAt, bigEndian ? bswap<u64>(bits) : bits);
  return blocks;
}

/** Writes the first `length` bytes of the digest: the state words at `state`, each in byte order. */
export function writeDigest(state: usize, bigEndian: bool, out: usize, length: usize): void {
  let i: usize = 0;
  for (; i + 4 <= length; i += 4) {
    const word = load<u32>(state + i);
    store<u32>(out + i, bigEndian ? bswap<u32>(word) : word);
  }
  for (; i < length; i++) {
    const word = load<u32>(state + (i & ~3)), byte = <u32>(i & 3) << 3;
    store<u8>(out + i, <u8>(word >>> (bigEndian ? 24 - byte : byte)));
  }
}

/** Zeroes the final-block buffer. */
export function wipeFinalBlocks(): void {
  zero16(finalBlocks, 128);
}
