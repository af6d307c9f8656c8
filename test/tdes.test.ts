import { createCipheriv, createDecipheriv, randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TripleDesCbc, fromHex, toHex } from '../src/index.js';
import vectors from '../test-vectors/tdes.json' with { type: 'json' };

const ZERO_IV = new Uint8Array(8);

/** node:crypto (OpenSSL) as the independent implementation. */
function nodeCbc(direction: 'encrypt' | 'decrypt', key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer {
  const cipher = direction === 'encrypt'
    ? createCipheriv('des-ede3-cbc', key, iv)
    : createDecipheriv('des-ede3-cbc', key, iv);
  return cipher.setAutoPadding(false).update(data);
}

/** A DES key as a TDEA bundle with K1 = K2 = K3 (SP 800-67 keying option 3, which is single DES). */
function singleDes(key: Uint8Array): TripleDesCbc {
  const bundle = new Uint8Array(24);
  bundle.set(key, 0); bundle.set(key, 8); bundle.set(key, 16);
  return new TripleDesCbc(bundle);
}

describe('TDEA against the published vectors', () => {
  it.each(vectors.des)('$name', ({ key, plaintext, ciphertext }) => {
    const des = singleDes(fromHex(key));
    expect(toHex(des.encrypt(ZERO_IV, fromHex(plaintext)))).toBe(ciphertext);
    expect(toHex(des.decrypt(ZERO_IV, fromHex(ciphertext)))).toBe(plaintext);
    des.dispose();
  });

  it('holds them all in one batch through the bitsliced kernel, one vector per lane', () => {
    const jobs = vectors.des.map(({ key, plaintext }) => ({ cipher: singleDes(fromHex(key)), iv: ZERO_IV, data: fromHex(plaintext) }));
    const out = TripleDesCbc.encryptMany(jobs);
    expect(out.map(toHex)).toEqual(vectors.des.map((v) => v.ciphertext));
    for (const job of jobs) job.cipher.dispose();
  });

  it('holds Table A.1 decrypted as one CBC message through the bitsliced kernel', () => {
    // Under one key, CBC decryption of C_1 .. C_64 gives D(C_i) ^ C_(i-1): the plaintexts, chained.
    const rows = vectors.des.filter((v) => v.name.includes('Table A.1 '));
    const des = singleDes(fromHex(rows[0]!.key));
    const out = des.decrypt(ZERO_IV, fromHex(rows.map((v) => v.ciphertext).join('')));
    rows.forEach((v, i) => {
      const previous = i === 0 ? ZERO_IV : fromHex(rows[i - 1]!.ciphertext);
      expect(toHex(out.subarray(8 * i, 8 * i + 8))).toBe(toHex(fromHex(v.plaintext).map((b, j) => b ^ previous[j]!)));
    });
    des.dispose();
  });

  it("passes Rivest's sixteen-step DES test", () => {
    const { x0, x16 } = vectors.rivest;
    let x = fromHex(x0);
    for (let i = 0; i < 16; i++) {
      const des = singleDes(x);
      x = i % 2 === 0 ? des.encrypt(ZERO_IV, x) : des.decrypt(ZERO_IV, x);
      des.dispose();
    }
    expect(toHex(x)).toBe(x16);
  });

  it.each(vectors.cbc)('$name', ({ key1, key2, key3, iv, plaintext, ciphertext }) => {
    const tdes = new TripleDesCbc(fromHex(key1 + key2 + key3));
    expect(toHex(tdes.encrypt(fromHex(iv), fromHex(plaintext)))).toBe(ciphertext);
    expect(toHex(tdes.decrypt(fromHex(iv), fromHex(ciphertext)))).toBe(plaintext);
    tdes.dispose();
  });

  it('has the vectors it claims', () => {
    const count = (table: string) => vectors.des.filter((v) => v.name.includes(`Table ${table} `)).length;
    expect([count('A.1'), count('A.2'), count('A.3'), count('A.4')]).toEqual([64, 56, 32, 19]);
    expect(vectors.cbc.length).toBeGreaterThanOrEqual(5);
    for (const v of vectors.cbc) expect(new Set([v.key1, v.key2, v.key3]).size).toBe(3);
  });
});

describe('TDEA-CBC against node:crypto des-ede3-cbc', () => {
  it('agrees on every length from 0 to 2048 bytes in 8-byte steps, both directions', () => {
    for (let length = 0; length <= 2048; length += 8) {
      const key = randomBytes(24), iv = randomBytes(8), data = randomBytes(length);
      const tdes = new TripleDesCbc(key);
      expect(Buffer.from(tdes.encrypt(iv, data)).equals(nodeCbc('encrypt', key, iv, data))).toBe(true);
      expect(Buffer.from(tdes.decrypt(iv, data)).equals(nodeCbc('decrypt', key, iv, data))).toBe(true);
      tdes.dispose();
    }
  });

  it('agrees on 2,000 random keys under all three keying options', () => {
    for (let i = 0; i < 2000; i++) {
      const key = randomBytes(24);
      if (i % 3 === 1) key.copy(key, 16, 0, 8); // option 2: K3 = K1, as TS 33.203 derives it from CK
      if (i % 3 === 2) { key.copy(key, 8, 0, 8); key.copy(key, 16, 0, 8); } // option 3: single DES
      const iv = randomBytes(8), data = randomBytes(8 * (1 + (i % 24)));
      const tdes = new TripleDesCbc(key);
      const encrypted = tdes.encrypt(iv, data);
      expect(Buffer.from(encrypted).equals(nodeCbc('encrypt', key, iv, data))).toBe(true);
      expect(Buffer.from(tdes.decrypt(iv, encrypted)).equals(data)).toBe(true);
      tdes.dispose();
    }
  });

  it('leaves its inputs alone and returns fresh arrays', () => {
    const key = randomBytes(24), iv = randomBytes(8), data = randomBytes(64);
    const copies = [Buffer.from(key), Buffer.from(iv), Buffer.from(data)];
    const tdes = new TripleDesCbc(key);
    const out = tdes.encrypt(iv, data);
    expect(out).not.toBe(data);
    expect([Buffer.from(key), Buffer.from(iv), Buffer.from(data)]).toEqual(copies);
    expect(tdes.encrypt(iv, new Uint8Array(0))).toEqual(new Uint8Array(0));
    tdes.dispose();
  });
});

describe('TripleDesCbc.encryptMany (one message per lane of the bitsliced kernel)', () => {
  function randomJobs(count: number, ciphers: { cipher: TripleDesCbc; key: Buffer }[], maxBlocks: number) {
    return Array.from({ length: count }, (_, i) => {
      const { cipher, key } = ciphers[i % ciphers.length]!;
      return { cipher, key, iv: randomBytes(8), data: randomBytes(8 * randomInt(0, maxBlocks + 1)) };
    });
  }

  it('gives what one-by-one encryption and node:crypto give, for batches of every shape', () => {
    const ciphers = Array.from({ length: 7 }, () => {
      const key = randomBytes(24);
      return { cipher: new TripleDesCbc(key), key };
    });
    for (const count of [0, 1, 2, 3, 5, 8, 40, 127, 128, 129, 300]) {
      for (const maxBlocks of [1, 24, 180]) {
        const jobs = randomJobs(count, ciphers, maxBlocks);
        const out = TripleDesCbc.encryptMany(jobs);
        expect(out.length).toBe(count);
        jobs.forEach((job, i) => {
          const expected = nodeCbc('encrypt', job.key, job.iv, job.data);
          expect(Buffer.from(out[i]!).equals(expected)).toBe(true);
          expect(Buffer.from(job.cipher.encrypt(job.iv, job.data)).equals(expected)).toBe(true);
        });
      }
    }
    for (const { cipher } of ciphers) cipher.dispose();
  });

  it('handles a P-CSCF-like batch: one 1,400-byte datagram among many short ones, and empty messages', () => {
    const ciphers = Array.from({ length: 3 }, () => {
      const key = randomBytes(24);
      return { cipher: new TripleDesCbc(key), key };
    });
    const jobs = randomJobs(60, ciphers, 10);
    jobs[17]!.data = randomBytes(1400);
    jobs[3]!.data = new Uint8Array(0);
    const out = TripleDesCbc.encryptMany(jobs);
    jobs.forEach((job, i) => {
      expect(Buffer.from(out[i]!).equals(nodeCbc('encrypt', job.key, job.iv, job.data))).toBe(true);
    });
    for (const { cipher } of ciphers) cipher.dispose();
  });
});

describe('TripleDesCbc caller mistakes', () => {
  it('names the key and its size', () => {
    expect(() => new TripleDesCbc(new Uint8Array(16))).toThrow(new RangeError('key must be 24 bytes, got 16'));
    expect(() => new TripleDesCbc(new Uint8Array(25))).toThrow(new RangeError('key must be 24 bytes, got 25'));
    expect(() => new TripleDesCbc('00' as unknown as Uint8Array)).toThrow(
      new TypeError('key must be a Uint8Array of 24 bytes, got string'),
    );
  });

  it('names the IV and the data and their sizes', () => {
    const tdes = new TripleDesCbc(randomBytes(24));
    expect(() => tdes.encrypt(new Uint8Array(7), new Uint8Array(8))).toThrow(new RangeError('iv must be 8 bytes, got 7'));
    expect(() => tdes.decrypt(new Uint8Array(16), new Uint8Array(8))).toThrow(new RangeError('iv must be 8 bytes, got 16'));
    expect(() => tdes.encrypt(new Uint8Array(8), new Uint8Array(13))).toThrow(
      new RangeError('data must be a whole number of 8-byte blocks, got 13 bytes'),
    );
    expect(() => tdes.decrypt(new Uint8Array(8), [1, 2] as unknown as Uint8Array)).toThrow(
      new TypeError('data must be a Uint8Array of whole 8-byte blocks, got Array'),
    );
    tdes.dispose();
  });

  it('names the job, the field and the size in encryptMany', () => {
    const tdes = new TripleDesCbc(randomBytes(24)), iv = new Uint8Array(8), data = new Uint8Array(16);
    expect(() => TripleDesCbc.encryptMany('x' as unknown as [])).toThrow(
      new TypeError('jobs must be an array of { cipher, iv, data }, got string'),
    );
    expect(() => TripleDesCbc.encryptMany([{ cipher: tdes, iv, data }, null as never])).toThrow(
      new TypeError('jobs[1] must be an object { cipher, iv, data }, got null'),
    );
    expect(() => TripleDesCbc.encryptMany([{ cipher: {} as TripleDesCbc, iv, data }])).toThrow(
      new TypeError('jobs[0].cipher must be a TripleDesCbc, got Object'),
    );
    expect(() => TripleDesCbc.encryptMany([{ cipher: tdes, iv, data }, { cipher: tdes, iv: new Uint8Array(9), data }])).toThrow(
      new RangeError('jobs[1].iv must be 8 bytes, got 9'),
    );
    expect(() => TripleDesCbc.encryptMany([{ cipher: tdes, iv, data: new Uint8Array(7) }])).toThrow(
      new RangeError('jobs[0].data must be a whole number of 8-byte blocks, got 7 bytes'),
    );
    const disposed = new TripleDesCbc(randomBytes(24));
    disposed.dispose();
    expect(() => TripleDesCbc.encryptMany([{ cipher: tdes, iv, data }, { cipher: disposed, iv, data }])).toThrow(
      /jobs\[1\]\.cipher used after dispose/,
    );
    tdes.dispose();
  });

  it('refuses use after dispose(), which may be called twice', () => {
    const tdes = new TripleDesCbc(randomBytes(24));
    tdes.dispose();
    tdes.dispose();
    expect(() => tdes.encrypt(new Uint8Array(8), new Uint8Array(8))).toThrow(/after dispose/);
  });
});
