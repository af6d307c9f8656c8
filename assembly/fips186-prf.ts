// The pseudo-random function of FIPS 186-2 (change notice 1, appendix 3.1 with the "x_j = w_0 | w_1"
// change) as RFC 4187 Appendix A and RFC 4186 Appendix B use it for the EAP-AKA / EAP-SIM keys:
//
//   XKEY = the 20-byte seed (MK);  for each 20 bytes of output:
//     w    = G(t, XKEY)                 (XSEED = 0, so XVAL = XKEY)
//     XKEY = (1 + XKEY + w) mod 2^160
//
// G(t, c) is the SHA-1 compression function with t = H(0) applied to c padded with zeros to one
// 64-byte block: NOT SHA-1 of c, which would pad with 0x80 and the bit length (FIPS 186-2
// appendix 3.3). So the existing compression function of sha1.ts does it, on a block we fill.
//
// Memory: `xkey` 20 bytes in, `out` `outLength` bytes (a multiple of 20) out. The block and the
// state are static and wiped before returning; nothing branches on or is indexed by a key byte.

import { sha1Init, sha1Blocks, sha1Wipe } from "./sha1";
import { zero16 } from "./blocks";

/** b = 160 bits: the size of XKEY, XVAL and each w_i. */
export const FIPS186_XKEY_SIZE: usize = 20;

/** XVAL (= XKEY) padded with zeros to the 512-bit block G compresses. */
const block = memory.data(64, 16);
/** H0..H4 while G runs; its result w. */
const state = memory.data(32, 16);

/**
 * Writes `outLength` bytes (a multiple of 20) of the FIPS 186-2 change notice 1 PRF keyed with the
 * 20 bytes at `xkey` to `out` (RFC 4187 Appendix A; FIPS 186-2 appendix 3.1 and 3.3).
 */
export function fips186Prf(xkey: usize, out: usize, outLength: usize): void {
  assert(outLength % FIPS186_XKEY_SIZE == 0, "fips186Prf: the output is not a whole number of 20-byte words");
  zero16(block, 64);
  memory.copy(block, xkey, FIPS186_XKEY_SIZE);
  for (let at: usize = 0; at < outLength; at += FIPS186_XKEY_SIZE) {
    sha1Init(state);
    sha1Blocks(state, block, 1);
    // w_i, big-endian, is both this part of the output and the addend of the XKEY update.
    let carry: u64 = 1;
    for (let j: i32 = 4; j >= 0; j--) {
      const offset = <usize>j << 2;
      const w = load<u32>(state + offset);
      store<u32>(out + at + offset, bswap<u32>(w));
      const sum = <u64>bswap<u32>(load<u32>(block + offset)) + <u64>w + carry;
      store<u32>(block + offset, bswap<u32>(<u32>sum));
      carry = sum >> 32;
    }
  }
  zero16(block, 64);
  zero16(state, 32);
  sha1Wipe();
}
