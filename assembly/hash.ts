// The three hashes behind one switch on an algorithm number (the numbers the TypeScript layer
// passes), and the one-shot digest kernel. Every hash here has 64-byte blocks and 32-bit words.

import { SHA1_DIGEST_SIZE, sha1Init, sha1Blocks, sha1Finish, sha1Compress8, sha1Wipe, sha1Wipe8 } from "./sha1";
import { MD5_DIGEST_SIZE, md5Init, md5Blocks, md5Finish, md5Compress8, md5Wipe8 } from "./md5";
import { SHA256_DIGEST_SIZE, sha256Init, sha256Blocks, sha256Finish, sha256Compress8, sha256Wipe, sha256Wipe8 } from "./sha256";
import { wipeFinalBlocks } from "./padding";
import { zero16 } from "./blocks";

export const SHA1 = 1;
export const MD5 = 2;
export const SHA256 = 3;

/** Bytes of the largest state (SHA-256: 8 words); states are also the digests before encoding. */
export const MAX_STATE_SIZE: usize = 32;

/** Whether `algorithm` is one of SHA1, MD5, SHA256. */
// @ts-ignore: decorator
@inline export function isHash(algorithm: i32): bool {
  return algorithm >= SHA1 && algorithm <= SHA256;
}

/** Bytes of the digest, which are also the bytes of the state (all three output their whole state). */
export function digestSize(algorithm: i32): usize {
  assert(isHash(algorithm), "unknown hash algorithm");
  return algorithm == SHA1 ? SHA1_DIGEST_SIZE : algorithm == MD5 ? MD5_DIGEST_SIZE : SHA256_DIGEST_SIZE;
}

/** Whether the algorithm's words and length are big-endian (SHA) rather than little-endian (MD5). */
export function isBigEndian(algorithm: i32): bool {
  return algorithm != MD5;
}

export function hashInit(algorithm: i32, state: usize): void {
  if (algorithm == SHA1) sha1Init(state);
  else if (algorithm == MD5) md5Init(state);
  else sha256Init(state);
}

/** Compresses `count` whole 64-byte blocks at `data` into `state`. */
export function hashBlocks(algorithm: i32, state: usize, data: usize, count: usize): void {
  if (algorithm == SHA1) sha1Blocks(state, data, count);
  else if (algorithm == MD5) md5Blocks(state, data, count);
  else sha256Blocks(state, data, count);
}

/** Pads and compresses the last `tailLength` (< 64) bytes at `tail`; writes `outLength` bytes of digest. */
export function hashFinish(
  algorithm: i32, state: usize, tail: usize, tailLength: usize, totalBytes: u64, out: usize, outLength: usize,
): void {
  if (algorithm == SHA1) sha1Finish(state, tail, tailLength, totalBytes, out, outLength);
  else if (algorithm == MD5) md5Finish(state, tail, tailLength, totalBytes, out, outLength);
  else sha256Finish(state, tail, tailLength, totalBytes, out, outLength);
}

/** One block per lane into eight word-major states; `blocks` holds the lanes' block addresses (lanes.ts). */
export function hashCompress8(algorithm: i32, state8: usize, blocks: usize): void {
  if (algorithm == SHA1) sha1Compress8(state8, blocks);
  else if (algorithm == MD5) md5Compress8(state8, blocks);
  else sha256Compress8(state8, blocks);
}

/**
 * Zeroes the scratch of `algorithm`: the padded final blocks and the message schedule of the
 * scalar compression, and with `lanes` those of the eight-lane one.
 */
export function wipeHashScratch(algorithm: i32, lanes: bool = false): void {
  if (algorithm == SHA1) {
    sha1Wipe();
    if (lanes) sha1Wipe8();
  } else if (algorithm == SHA256) {
    sha256Wipe();
    if (lanes) sha256Wipe8();
  } else if (lanes) {
    md5Wipe8();
  }
  wipeFinalBlocks();
}

const digestState = memory.data(<i32>MAX_STATE_SIZE, 16);

/**
 * The digest of `length` bytes at `message`, written to `out` (20, 16 or 32 bytes): SHA-1 (FIPS
 * 180-4 clause 6.1), MD5 (RFC 1321 clause 3) or SHA-256 (FIPS 180-4 clause 6.2). The message may
 * be a key (HMAC keys longer than a block, key derivations), so the scratch is wiped after.
 */
export function digest(algorithm: i32, message: usize, length: usize, out: usize): void {
  assert(isHash(algorithm), "unknown hash algorithm");
  hashInit(algorithm, digestState);
  hashBlocks(algorithm, digestState, message, length >> 6);
  const whole = length & ~63;
  hashFinish(algorithm, digestState, message + whole, length - whole, <u64>length, out, digestSize(algorithm));
  zero16(digestState, MAX_STATE_SIZE);
  wipeHashScratch(algorithm);
}
