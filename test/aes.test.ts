import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from 'vitest';
import { Aes128, fromHex, toHex } from '../src/index.js';
import vectors from '../test-vectors/aes128.json' with { type: 'json' };

function nodeEcb(direction: 'encrypt' | 'decrypt', key: Uint8Array, data: Uint8Array): Uint8Array {
  const cipher = direction === 'encrypt'
    ? createCipheriv('aes-128-ecb', key, null)
    : createDecipheriv('aes-128-ecb', key, null);
  return cipher.setAutoPadding(false).update(data);
}

describe('AES-128 against the published vectors', () => {
  it.each(vectors.cases)('$name ($source)', ({ key, plaintext, ciphertext }) => {
    const aes = new Aes128(fromHex(key));
    expect(toHex(aes.encryptBlocks(fromHex(plaintext)))).toBe(ciphertext);
    expect(toHex(aes.decryptBlocks(fromHex(ciphertext)))).toBe(plaintext);
    aes.dispose();
  });

  it('has the vectors it claims', () => {
    expect(vectors.cases.length).toBeGreaterThanOrEqual(5);
  });
});

describe('AES-128 against node:crypto on random keys and blocks', () => {
  it('agrees on 10,000 random keys, one block each, and on every block count from 0 to 40', () => {
    for (let i = 0; i < 10_000; i++) {
      const key = randomBytes(16), block = randomBytes(16);
      const aes = new Aes128(key);
      const encrypted = aes.encryptBlocks(block);
      expect(Buffer.from(encrypted).equals(nodeEcb('encrypt', key, block))).toBe(true);
      expect(Buffer.from(aes.decryptBlocks(encrypted)).equals(block)).toBe(true);
      aes.dispose();
    }
    const key = randomBytes(16), aes = new Aes128(key);
    for (let blocks = 0; blocks <= 40; blocks++) {
      const data = randomBytes(16 * blocks);
      expect(Buffer.from(aes.encryptBlocks(data)).equals(nodeEcb('encrypt', key, data))).toBe(true);
      expect(Buffer.from(aes.decryptBlocks(data)).equals(nodeEcb('decrypt', key, data))).toBe(true);
    }
    aes.dispose();
  });
});

describe('AES-128 caller mistakes', () => {
  it('names the key and its size', () => {
    expect(() => new Aes128(new Uint8Array(15))).toThrow(new RangeError('key must be 16 bytes, got 15'));
    expect(() => new Aes128('00' as unknown as Uint8Array)).toThrow(TypeError);
  });
  it('refuses partial blocks and use after dispose', () => {
    const aes = new Aes128(new Uint8Array(16));
    expect(() => aes.encryptBlocks(new Uint8Array(17))).toThrow(/whole number of 16-byte blocks, got 17/);
    aes.dispose();
    expect(() => aes.encryptBlocks(new Uint8Array(16))).toThrow(/after dispose/);
  });
});
