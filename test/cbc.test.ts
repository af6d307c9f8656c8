import { createCipheriv, createDecipheriv, randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AesCbc, fromHex, toHex } from '../src/index.js';
import vectors from '../test-vectors/aes128-cbc.json' with { type: 'json' };

function nodeCbc(direction: 'encrypt' | 'decrypt', key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer {
  const cipher = direction === 'encrypt' ? createCipheriv('aes-128-cbc', key, iv) : createDecipheriv('aes-128-cbc', key, iv);
  return cipher.setAutoPadding(false).update(data);
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('AES-128-CBC against the published vectors', () => {
  it.each(vectors.cases)('$name ($source)', ({ key, iv, plaintext, ciphertext }) => {
    const cbc = new AesCbc(fromHex(key));
    expect(toHex(cbc.encrypt(fromHex(iv), fromHex(plaintext)))).toBe(ciphertext);
    expect(toHex(cbc.decrypt(fromHex(iv), fromHex(ciphertext)))).toBe(plaintext);
    expect(cbc.encryptMany(fromHex(iv), [fromHex(plaintext)]).map(toHex)).toEqual([ciphertext]);
    cbc.dispose();
  });

  it('has RFC 3602 cases 1 to 8 and SP 800-38A F.2.1 and F.2.2', () => {
    const names = vectors.cases.map((c) => c.name);
    for (let i = 1; i <= 8; i++) expect(names).toContain(`RFC 3602 case ${i}`);
    expect(names).toContain('SP 800-38A F.2.1');
    expect(names).toContain('SP 800-38A F.2.2');
  });

  // RFC 3602 cases 5-8 are ESP packets: SPI || sequence number || IV || E(payload || padding ||
  // pad length || next header), with the default padding 1, 2, 3, ... of RFC 4303 section 2.4.
  it.each(vectors.cases.filter((c) => c.esp))('$name is the ESP packet of its payload', ({ key, iv, plaintext, esp }) => {
    const { spi, sequence, payload, padLength, nextHeader, packet } = esp!;
    const padding = Array.from({ length: padLength }, (_, i) => i + 1);
    const padded = Uint8Array.from([...fromHex(payload), ...padding, padLength, nextHeader]);
    expect(toHex(padded)).toBe(plaintext);
    expect(padded.length % 16).toBe(0);
    const cbc = new AesCbc(fromHex(key));
    expect(spi + sequence + iv + toHex(cbc.encrypt(fromHex(iv), padded))).toBe(packet);
    cbc.dispose();
  });
});

describe('AES-128-CBC against node:crypto on random keys, IVs and data', () => {
  it('agrees on every whole-block length from 0 to 2,048 bytes, both ways', () => {
    for (let length = 0; length <= 2048; length += 16) {
      const key = randomBytes(16), iv = randomBytes(16), data = randomBytes(length);
      const cbc = new AesCbc(key);
      const encrypted = cbc.encrypt(iv, data);
      expect(same(encrypted, nodeCbc('encrypt', key, iv, data))).toBe(true);
      expect(same(cbc.decrypt(iv, encrypted), data)).toBe(true);
      expect(same(cbc.decrypt(iv, data), nodeCbc('decrypt', key, iv, data))).toBe(true);
      cbc.dispose();
    }
  });

  it('agrees on 2,000 random keys with short messages', () => {
    for (let i = 0; i < 2000; i++) {
      const key = randomBytes(16), iv = randomBytes(16), data = randomBytes(16 * randomInt(1, 12));
      const cbc = new AesCbc(key);
      expect(same(cbc.encrypt(iv, data), nodeCbc('encrypt', key, iv, data))).toBe(true);
      cbc.dispose();
    }
  });
});

describe('AES-128-CBC encryptMany (eight messages per AES pass)', () => {
  it('gives the same bytes as one-by-one encryption, for batches of every shape', () => {
    const key = randomBytes(16), cbc = new AesCbc(key);
    for (let round = 0; round < 200; round++) {
      // 0 to 40 messages of 0 to 100 blocks, so that lanes finish and refill at different passes.
      const count = round < 20 ? round : randomInt(0, 41);
      const messages = Array.from({ length: count }, () => randomBytes(16 * (randomInt(0, 4) === 0 ? 0 : randomInt(1, 101))));
      const ivs = randomBytes(16 * count);
      const batch = cbc.encryptMany(ivs, messages);
      expect(batch.length).toBe(count);
      for (let i = 0; i < count; i++) {
        const iv = ivs.subarray(16 * i, 16 * i + 16);
        expect(same(batch[i]!, cbc.encrypt(iv, messages[i]!))).toBe(true);
        expect(same(batch[i]!, nodeCbc('encrypt', key, iv, messages[i]!))).toBe(true);
      }
    }
    cbc.dispose();
  });

  it('handles 1,000 messages of 1,392 bytes (the size of a SIP datagram in ESP)', () => {
    const key = randomBytes(16), cbc = new AesCbc(key);
    const messages = Array.from({ length: 1000 }, () => randomBytes(1392)), ivs = randomBytes(16 * 1000);
    const batch = cbc.encryptMany(ivs, messages);
    for (let i = 0; i < 1000; i++) {
      expect(same(batch[i]!, nodeCbc('encrypt', key, ivs.subarray(16 * i, 16 * i + 16), messages[i]!))).toBe(true);
    }
    cbc.dispose();
  });

  it('leaves its inputs unchanged', () => {
    const cbc = new AesCbc(randomBytes(16));
    const message = randomBytes(64), copy = Buffer.from(message), ivs = randomBytes(16), ivCopy = Buffer.from(ivs);
    cbc.encryptMany(ivs, [message]);
    cbc.encrypt(ivs, message);
    expect(message.equals(copy) && ivs.equals(ivCopy)).toBe(true);
    cbc.dispose();
  });
});

describe('AES-128-CBC caller mistakes', () => {
  it('names the field and the sizes', () => {
    expect(() => new AesCbc(new Uint8Array(15))).toThrow(new RangeError('key must be 16 bytes, got 15'));
    expect(() => new AesCbc('00' as unknown as Uint8Array)).toThrow(TypeError);
    const cbc = new AesCbc(new Uint8Array(16));
    expect(() => cbc.encrypt(new Uint8Array(8), new Uint8Array(16))).toThrow(new RangeError('iv must be 16 bytes, got 8'));
    expect(() => cbc.decrypt(new Uint8Array(16), new Uint8Array(17))).toThrow(
      new RangeError('data must be a whole number of 16-byte blocks, got 17 bytes'),
    );
    expect(() => cbc.encrypt(new Uint8Array(16), [1, 2] as unknown as Uint8Array)).toThrow(
      new TypeError('data must be a Uint8Array, got Array'),
    );
    expect(() => cbc.encryptMany(new Uint8Array(16), [new Uint8Array(16), new Uint8Array(16)])).toThrow(
      new RangeError('ivs must be 2 x 16 = 32 bytes, got 16'),
    );
    expect(() => cbc.encryptMany(new Uint8Array(32), [new Uint8Array(16), new Uint8Array(20)])).toThrow(
      new RangeError('messages[1] must be a whole number of 16-byte blocks, got 20 bytes'),
    );
    cbc.dispose();
    expect(() => cbc.encrypt(new Uint8Array(16), new Uint8Array(16))).toThrow(/after dispose/);
    cbc.dispose(); // twice is harmless
  });
});
