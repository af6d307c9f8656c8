import { createCipheriv, randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AesCbc, fromHex, toHex } from '../src/index.js';
import { core, Region } from '../src/wasm.js';
import blockVectors from '../test-vectors/aes128.json' with { type: 'json' };
import cbcVectors from '../test-vectors/aes128-cbc.json' with { type: 'json' };

// The one-block vector-permute AES-128 of assembly/aes-vperm.ts, driven through its kernels
// directly and through AesCbc.encrypt(), the single-message CBC encryption that runs on it.

function nodeEcb(key: Uint8Array, data: Uint8Array): Buffer {
  return createCipheriv('aes-128-ecb', key, null).setAutoPadding(false).update(data);
}

function nodeCbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer {
  return createCipheriv('aes-128-cbc', key, iv).setAutoPadding(false).update(data);
}

/** ECB encryption on the vperm kernels: key schedule and blocks in one scratch region. */
function vpermEcb(key: Uint8Array, data: Uint8Array): Uint8Array {
  const kernels = core(), scheduleSize = kernels.VPERM_SCHEDULE_SIZE.value as number;
  const io = new Region(16 + scheduleSize + 2 * data.length);
  try {
    const schedule = io.ptr + 16, src = schedule + scheduleSize, dst = src + data.length;
    io.write(key, 0);
    kernels.vpermExpandKey(io.ptr, schedule);
    io.write(data, 16 + scheduleSize);
    kernels.vpermEncryptBlocks(schedule, src, dst, data.length / 16);
    return io.read(16 + scheduleSize + data.length, data.length);
  } finally {
    io.free();
  }
}

/** CBC encryption on the cbcEncrypt kernel, in place (dst == src), with a slot from cbcExpandKey. */
function kernelCbcInPlace(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const kernels = core(), slotSize = kernels.CBC_SLOT_SIZE.value as number;
  const slot = new Region(slotSize), io = new Region(32 + data.length);
  try {
    io.write(key, 0);
    kernels.cbcExpandKey(io.ptr, slot.ptr);
    io.write(iv, 16);
    io.write(data, 32);
    kernels.cbcEncrypt(slot.ptr, io.ptr + 16, io.ptr + 32, io.ptr + 32, data.length / 16);
    return io.read(32, data.length);
  } finally {
    slot.free();
    io.free();
  }
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('vector-permute AES-128 against the published vectors', () => {
  it.each(blockVectors.cases)('$name ($source), one block', ({ key, plaintext, ciphertext }) => {
    expect(toHex(vpermEcb(fromHex(key), fromHex(plaintext)))).toBe(ciphertext);
  });

  it('SP 800-38A F.1.1: the four blocks in one call', () => {
    const f11 = blockVectors.cases.filter((c) => c.source.includes('F.1.1'));
    expect(f11.length).toBe(4);
    const plaintext = fromHex(f11.map((c) => c.plaintext).join(''));
    expect(toHex(vpermEcb(fromHex(f11[0]!.key), plaintext))).toBe(f11.map((c) => c.ciphertext).join(''));
  });

  it.each(cbcVectors.cases)('$name ($source): CBC encryption, kernel in place and AesCbc', ({ key, iv, plaintext, ciphertext }) => {
    expect(toHex(kernelCbcInPlace(fromHex(key), fromHex(iv), fromHex(plaintext)))).toBe(ciphertext);
    const cbc = new AesCbc(fromHex(key));
    expect(toHex(cbc.encrypt(fromHex(iv), fromHex(plaintext)))).toBe(ciphertext);
    cbc.dispose();
  });

  it('covers FIPS-197 C.1, SP 800-38A F.1.1 and F.2.1', () => {
    expect(blockVectors.cases.map((c) => c.name)).toContain('FIPS-197 C.1 AES-128');
    expect(cbcVectors.cases.map((c) => c.name)).toContain('SP 800-38A F.2.1');
  });
});

describe('vector-permute AES-128 against node:crypto', () => {
  it('agrees on 2,000 random keys (ECB kernel, and CBC through AesCbc)', () => {
    for (let i = 0; i < 2000; i++) {
      const key = randomBytes(16), iv = randomBytes(16), data = randomBytes(16 * randomInt(1, 9));
      expect(same(vpermEcb(key, data), nodeEcb(key, data))).toBe(true);
      const cbc = new AesCbc(key);
      expect(same(cbc.encrypt(iv, data), nodeCbc(key, iv, data))).toBe(true);
      cbc.dispose();
    }
  });

  it('agrees on CBC encryption of every block count from 0 to 128', () => {
    const key = randomBytes(16), cbc = new AesCbc(key);
    for (let blocks = 0; blocks <= 128; blocks++) {
      const iv = randomBytes(16), data = randomBytes(16 * blocks), expected = nodeCbc(key, iv, data);
      expect(same(cbc.encrypt(iv, data), expected)).toBe(true);
      expect(same(kernelCbcInPlace(key, iv, data), expected)).toBe(true);
    }
    cbc.dispose();
  });

  it('agrees with the bitsliced engine (encryptMany) on the same messages', () => {
    const cbc = new AesCbc(randomBytes(16));
    const messages = Array.from({ length: 20 }, (_, i) => randomBytes(16 * i)), ivs = randomBytes(16 * 20);
    const batch = cbc.encryptMany(ivs, messages);
    for (let i = 0; i < 20; i++) expect(same(cbc.encrypt(ivs.subarray(16 * i, 16 * i + 16), messages[i]!), batch[i]!)).toBe(true);
    cbc.dispose();
  });
});
