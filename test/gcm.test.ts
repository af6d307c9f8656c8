import { createCipheriv, createDecipheriv, randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AesGcm, espGcmAad, espGcmKeyMaterial, espGcmNonce, espGmacAad, fromHex, toHex } from '../src/index.js';
import { core, memoryBytes, Region } from '../src/wasm.js';
import vectors from '../test-vectors/aes128-gcm.json' with { type: 'json' };
import esp from '../test-vectors/esp-gcm.json' with { type: 'json' };
import ghashVectors from '../test-vectors/ghash.json' with { type: 'json' };

type TagLength = 8 | 12 | 16;

function nodeSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, tagLength: TagLength): Buffer {
  const cipher = createCipheriv('aes-128-gcm', key, nonce, { authTagLength: tagLength });
  cipher.setAAD(aad);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function nodeOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array, tagLength: TagLength): Buffer {
  const decipher = createDecipheriv('aes-128-gcm', key, nonce, { authTagLength: tagLength });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - tagLength));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - tagLength)), decipher.final()]);
}

const same = (a: Uint8Array | null, b: Uint8Array) => a !== null && Buffer.from(a).equals(Buffer.from(b));

// A reference multiplication in GF(2^128), SP 800-38D 6.3 Algorithm 1, on big-endian integers
// (bit 0 of a block is the integer's top bit), for building nonces with a chosen J0.
function gfMultiply(x: bigint, y: bigint): bigint {
  let z = 0n, v = y;
  for (let i = 127n; i >= 0n; i--) {
    if ((x >> i) & 1n) z ^= v;
    v = v & 1n ? (v >> 1n) ^ (0xe1n << 120n) : v >> 1n;
  }
  return z;
}

function gfPower(x: bigint, e: bigint): bigint {
  let result = 1n << 127n; // the unit element: bit 0 set
  for (let base = x; e > 0n; e >>= 1n, base = gfMultiply(base, base)) if (e & 1n) result = gfMultiply(result, base);
  return result;
}

const toBigInt = (bytes: Uint8Array) => BigInt('0x' + (toHex(bytes) || '0'));
const toBytes = (value: bigint) => fromHex(value.toString(16).padStart(32, '0'));

describe('AES-128-GCM against the published vectors', () => {
  it.each(vectors.cases)('$name ($source)', ({ key, nonce, aad, plaintext, ciphertext, tag }) => {
    const gcm = new AesGcm(fromHex(key));
    expect(toHex(gcm.seal(fromHex(nonce), fromHex(plaintext), fromHex(aad)))).toBe(ciphertext + tag);
    expect(toHex(gcm.open(fromHex(nonce), fromHex(ciphertext + tag), fromHex(aad))!)).toBe(plaintext);
    if (plaintext === '') expect(toHex(gcm.mac(fromHex(nonce), fromHex(aad)))).toBe(tag);
    gcm.dispose();
  });

  it('has test cases 1 to 6 of the GCM specification and CAVS vectors', () => {
    const names = vectors.cases.map((c) => c.name);
    for (let i = 1; i <= 6; i++) expect(names.some((n) => n.startsWith(`GCM spec test case ${i}`))).toBe(true);
    expect(names.filter((n) => n.startsWith('CAVS')).length).toBeGreaterThanOrEqual(4);
  });
});

describe('AES-GCM-ESP (RFC 4106) and AES-GMAC-ESP (RFC 4543) against draft-mcgrew-gcm-test-01', () => {
  it.each(esp.cases)('$name', ({ algorithm, key, spi, sequence, nonce, plaintext, aad, ciphertext, tag, packet }) => {
    const spiValue = parseInt(spi, 16);
    const low = parseInt(sequence.slice(-8), 16);
    const high = sequence.length === 16 ? parseInt(sequence.slice(0, 8), 16) : undefined;
    const salt = fromHex(nonce.slice(0, 8)), iv = fromHex(nonce.slice(8));
    const { key: aesKey, salt: keySalt } = espGcmKeyMaterial(fromHex(key + nonce.slice(0, 8)));
    expect(toHex(aesKey)).toBe(key);
    expect(toHex(keySalt)).toBe(nonce.slice(0, 8));
    expect(toHex(espGcmNonce(salt, iv))).toBe(nonce);
    const gcm = new AesGcm(aesKey);
    const header = spi + sequence.slice(-8) + toHex(iv);
    if (algorithm === 'AES-GMAC-ESP') {
      const payload = fromHex(aad.slice(2 * (espGcmAad(spiValue, low, high).length + 8)));
      expect(toHex(espGmacAad(spiValue, low, iv, payload, high))).toBe(aad);
      const icv = gcm.mac(espGcmNonce(salt, iv), fromHex(aad));
      expect(toHex(icv)).toBe(tag);
      expect(header + toHex(payload) + toHex(icv)).toBe(packet);
    } else {
      expect(toHex(espGcmAad(spiValue, low, high))).toBe(aad);
      const sealed = gcm.seal(espGcmNonce(salt, iv), fromHex(plaintext), fromHex(aad));
      expect(toHex(sealed)).toBe(ciphertext + tag);
      expect(header + toHex(sealed)).toBe(packet);
      expect(toHex(gcm.open(fromHex(nonce), sealed, fromHex(aad))!)).toBe(plaintext);
    }
    gcm.dispose();
  });

  it('has every AES-128 case of the draft, with and without ESN, and its GMAC case', () => {
    expect(esp.cases.length).toBe(12);
    expect(esp.cases.filter((c) => c.algorithm === 'AES-GMAC-ESP').length).toBe(1);
    expect(esp.cases.filter((c) => c.sequence.length === 16).length).toBeGreaterThanOrEqual(5);
  });
});

describe('AES-128-GCM against node:crypto on random inputs', () => {
  it('agrees on every plaintext length from 0 to 2,048 bytes, with AAD of 0 to 64 bytes and 8-, 12- and 16-byte tags', () => {
    const tagLengths: TagLength[] = [16, 12, 8];
    for (let length = 0; length <= 2048; length++) {
      const key = randomBytes(16), nonce = randomBytes(12), plaintext = randomBytes(length);
      const aad = randomBytes(length % 65), tagLength = tagLengths[length % 3]!;
      const gcm = new AesGcm(key);
      const sealed = gcm.seal(nonce, plaintext, aad, tagLength);
      expect(same(sealed, nodeSeal(key, nonce, plaintext, aad, tagLength))).toBe(true);
      expect(same(gcm.open(nonce, sealed, aad, tagLength), plaintext)).toBe(true);
      gcm.dispose();
    }
  });

  it('agrees on every AAD length from 0 to 64 bytes with every tag length, and opens what node:crypto seals', () => {
    const key = randomBytes(16), gcm = new AesGcm(key);
    for (let aadLength = 0; aadLength <= 64; aadLength++) {
      for (const tagLength of [8, 12, 16] as TagLength[]) {
        const nonce = randomBytes(12), aad = randomBytes(aadLength), plaintext = randomBytes(randomInt(0, 200));
        const sealed = nodeSeal(key, nonce, plaintext, aad, tagLength);
        expect(same(gcm.seal(nonce, plaintext, aad, tagLength), sealed)).toBe(true);
        expect(same(gcm.open(nonce, sealed, aad, tagLength), plaintext)).toBe(true);
      }
    }
    gcm.dispose();
  });

  it('agrees with nonces of 1 to 64 bytes (J0 through GHASH unless 12)', () => {
    const key = randomBytes(16), gcm = new AesGcm(key);
    for (let nonceLength = 1; nonceLength <= 64; nonceLength++) {
      const nonce = randomBytes(nonceLength), aad = randomBytes(13), plaintext = randomBytes(100);
      const sealed = nodeSeal(key, nonce, plaintext, aad, 16);
      expect(same(gcm.seal(nonce, plaintext, aad), sealed)).toBe(true);
      expect(same(gcm.open(nonce, sealed, aad), plaintext)).toBe(true);
    }
    gcm.dispose();
  });

  it('computes GMAC as GCM with an empty plaintext, for AAD of 0 to 1,500 bytes', () => {
    const key = randomBytes(16), gcm = new AesGcm(key);
    for (let aadLength = 0; aadLength <= 1500; aadLength += 7) {
      const nonce = randomBytes(12), aad = randomBytes(aadLength);
      expect(same(gcm.mac(nonce, aad), nodeSeal(key, nonce, new Uint8Array(0), aad, 16))).toBe(true);
    }
    gcm.dispose();
  });

  it('wraps the 32-bit counter as inc_32 does (SP 800-38D 6.2), across 2^32 - 1 -> 0', () => {
    // A 16-byte nonce gives J0 = (N * H ^ L) * H with L = [0]_64 || [128]_64 (7.1 step 2), so
    // N = (J0 * H^-1 ^ L) * H^-1 gives a J0 of our choice: one a few blocks short of the wrap.
    const key = randomBytes(16), gcm = new AesGcm(key);
    const h = toBigInt(createCipheriv('aes-128-ecb', key, null).update(new Uint8Array(16)));
    const hInverse = gfPower(h, (1n << 128n) - 2n);
    for (let before = 0; before < 20; before++) {
      const j0 = (toBigInt(randomBytes(16)) & ~0xffff_ffffn) | BigInt(0xffff_ffff - before);
      const nonce = toBytes(gfMultiply(gfMultiply(j0, hInverse) ^ 128n, hInverse));
      const plaintext = randomBytes(16 * 24 + 5);
      expect(same(gcm.seal(nonce, plaintext), nodeSeal(key, nonce, plaintext, new Uint8Array(0), 16))).toBe(true);
    }
    gcm.dispose();
  });
});

describe('AES-128-GCM open rejects forgeries', () => {
  const key = randomBytes(16), nonce = randomBytes(12), aad = randomBytes(20), plaintext = randomBytes(64);

  it('returns null for any single-bit change of ciphertext, tag, AAD or nonce, for every tag length', () => {
    const gcm = new AesGcm(key);
    for (const tagLength of [8, 12, 16] as TagLength[]) {
      const sealed = gcm.seal(nonce, plaintext, aad, tagLength);
      expect(same(gcm.open(nonce, sealed, aad, tagLength), plaintext)).toBe(true);
      const flips: [Uint8Array, Uint8Array, Uint8Array][] = [];
      for (const [which, bytes] of [['sealed', sealed], ['aad', aad], ['nonce', nonce]] as const) {
        for (let bit = 0; bit < 8 * bytes.length; bit++) {
          const changed = Uint8Array.from(bytes);
          changed[bit >> 3]! ^= 1 << (bit & 7);
          flips.push([
            which === 'nonce' ? changed : nonce,
            which === 'sealed' ? changed : sealed,
            which === 'aad' ? changed : aad,
          ]);
        }
      }
      expect(flips.length).toBe(8 * (64 + tagLength + 20 + 12));
      for (const [n, s, a] of flips) expect(gcm.open(n, s, a, tagLength)).toBeNull();
    }
    gcm.dispose();
  });

  it('returns null for a truncated or empty message, or a tag of another length', () => {
    const gcm = new AesGcm(key);
    const sealed = gcm.seal(nonce, plaintext, aad);
    expect(gcm.open(nonce, sealed.subarray(0, 15), aad)).toBeNull();
    expect(gcm.open(nonce, new Uint8Array(0), aad)).toBeNull();
    expect(gcm.open(nonce, sealed.subarray(0, sealed.length - 1), aad)).toBeNull();
    expect(gcm.open(nonce, sealed, aad, 12)).toBeNull();
    gcm.dispose();
  });

  it('writes no plaintext when the tag is wrong: the output stays as it was and memory holds none', () => {
    const gcm = new AesGcm(key);
    const sealed = gcm.seal(nonce, plaintext, aad);
    sealed[sealed.length - 1]! ^= 1;
    expect(gcm.open(nonce, sealed, aad)).toBeNull();
    // No 16-byte run of the plaintext anywhere in linear memory after the rejected open.
    const memory = Buffer.from(memoryBytes());
    for (let at = 0; at < 64; at += 16) expect(memory.indexOf(plaintext.subarray(at, at + 16))).toBe(-1);

    // The kernel itself, with a separate output buffer filled with a pattern: untouched on failure,
    // decrypted on success.
    const kernels = core();
    const slot = new Region(kernels.GCM_SLOT_SIZE.value as number), io = new Region(256);
    io.write(key, 0);
    kernels.gcmInit(io.ptr, slot.ptr);
    io.write(nonce, 0);
    io.write(aad, 16);
    io.write(sealed, 48);
    const pattern = new Uint8Array(64).fill(0xa5);
    io.write(pattern, 160);
    const p = io.ptr;
    expect(kernels.gcmOpen(slot.ptr, p, 12, p + 16, 20, p + 48, p + 160, 64, p + 112, 16)).toBe(0);
    expect(toHex(io.read(160, 64))).toBe(toHex(pattern));
    sealed[sealed.length - 1]! ^= 1;
    io.write(sealed, 48);
    expect(kernels.gcmOpen(slot.ptr, p, 12, p + 16, 20, p + 48, p + 160, 64, p + 112, 16)).toBe(1);
    expect(toHex(io.read(160, 64))).toBe(toHex(plaintext));
    slot.free();
    io.free();
    gcm.dispose();
  });

  it('agrees with node:crypto on which forgeries fail', () => {
    const gcm = new AesGcm(key);
    for (let i = 0; i < 200; i++) {
      const sealed = gcm.seal(nonce, plaintext, aad);
      sealed[randomInt(0, sealed.length)]! ^= 1 << randomInt(0, 8);
      expect(gcm.open(nonce, sealed, aad)).toBeNull();
      expect(() => nodeOpen(key, nonce, sealed, aad, 16)).toThrow();
    }
    gcm.dispose();
  });
});

describe('AES-128-GCM caller mistakes', () => {
  it('names the field and the sizes', () => {
    expect(() => new AesGcm(new Uint8Array(32))).toThrow(new RangeError('key must be 16 bytes, got 32'));
    const gcm = new AesGcm(new Uint8Array(16));
    const nonce = new Uint8Array(12);
    expect(() => gcm.seal(new Uint8Array(0), new Uint8Array(1))).toThrow(
      new RangeError('nonce must be at least 1 byte (12 is usual), got 0'),
    );
    expect(() => gcm.seal(nonce, 'text' as unknown as Uint8Array)).toThrow(new TypeError('plaintext must be a Uint8Array, got string'));
    expect(() => gcm.seal(nonce, new Uint8Array(1), null as unknown as Uint8Array)).toThrow(new TypeError('aad must be a Uint8Array, got null'));
    expect(() => gcm.seal(nonce, new Uint8Array(1), new Uint8Array(0), 10)).toThrow(
      new RangeError('tagLength must be 4, 8, 12, 13, 14, 15 or 16 bytes, got 10'),
    );
    expect(() => gcm.open(nonce, undefined as unknown as Uint8Array)).toThrow(new TypeError('sealed must be a Uint8Array, got undefined'));
    expect(() => gcm.open(nonce, new Uint8Array(20), new Uint8Array(0), 17)).toThrow(RangeError);
    gcm.dispose();
    expect(() => gcm.mac(nonce, new Uint8Array(0))).toThrow(/after dispose/);
  });

  it('checks the ESP fields', () => {
    expect(() => espGcmKeyMaterial(new Uint8Array(16))).toThrow(new RangeError('keyMaterial must be 20 bytes, got 16'));
    expect(() => espGcmNonce(new Uint8Array(4), new Uint8Array(16))).toThrow(new RangeError('iv must be 8 bytes, got 16'));
    expect(() => espGcmAad(2 ** 32, 1)).toThrow(new RangeError('spi must be an integer from 0 to 2^32 - 1, got 4294967296'));
    expect(() => espGcmAad(1, -1)).toThrow(/sequence must be an integer/);
    expect(() => espGcmAad(1, 1, 1.5)).toThrow(/sequenceHigh must be an integer/);
    expect(toHex(espGcmAad(0x01020304, 0x05060708))).toBe('0102030405060708');
    expect(toHex(espGcmAad(0x01020304, 0x05060708, 0x0a0b0c0d))).toBe('010203040a0b0c0d05060708');
  });
});

describe('GHASH kernel against a bit-serial GHASH (SP 800-38D 6.4, Algorithm 2 over Algorithm 1)', () => {
  // The reference: Y_i = (Y_(i-1) ^ X_i) * H with gfMultiply() above (Algorithm 1, one bit at a
  // time, on BigInt), a final partial block padded with zeros as ghashUpdate() documents.
  function ghashReference(h: Uint8Array, y: Uint8Array, data: Uint8Array): string {
    let state = toBigInt(y);
    const hValue = toBigInt(h);
    for (let at = 0; at < data.length; at += 16) {
      const block = new Uint8Array(16);
      block.set(data.subarray(at, at + 16));
      state = gfMultiply(state ^ toBigInt(block), hValue);
    }
    return value128(state);
  }
  const value128 = (value: bigint) => value.toString(16).padStart(32, '0');

  const kernels = core();
  function ghashKernel(h: Uint8Array, y: Uint8Array, data: Uint8Array): string {
    const table = new Region(kernels.GHASH_TABLE_SIZE.value as number), io = new Region(32 + data.length);
    io.write(h, 0);
    kernels.ghashTable(io.ptr, table.ptr);
    io.write(y, 0);
    io.write(data, 16);
    kernels.ghashUpdate(table.ptr, io.ptr, io.ptr + 16, data.length);
    const result = toHex(io.read(0, 16));
    table.free();
    io.free();
    return result;
  }

  const singleBits = Array.from({ length: 128 }, (_, i) => toBytes(1n << BigInt(i)));
  const edges = [new Uint8Array(16), new Uint8Array(16).fill(0xff), ...singleBits];

  it.each(ghashVectors.cases)('$name: GHASH(H, A, C) of the published intermediate values', ({ h, aad, ciphertext, ghash }) => {
    // A || 0^v || C || 0^u || [len(A)]_64 || [len(C)]_64 (SP 800-38D 7.1 step 5), from Y = 0.
    const pad = (hex: string) => hex + '0'.repeat((32 - (hex.length % 32)) % 32);
    const lengths = (BigInt(aad.length * 4) << 64n) | BigInt(ciphertext.length * 4);
    const data = fromHex(pad(aad) + pad(ciphertext) + value128(lengths));
    expect(ghashKernel(fromHex(h), new Uint8Array(16), data)).toBe(ghash);
    expect(ghashReference(fromHex(h), new Uint8Array(16), data)).toBe(ghash);
  });

  it('agrees on random H, Y and data of 0 to 200 bytes (every count of whole blocks and every tail)', () => {
    for (let i = 0; i < 1500; i++) {
      const h = randomBytes(16), y = randomBytes(16), data = randomBytes(i % 201);
      expect(ghashKernel(h, y, data), `case ${i}, ${data.length} bytes`).toBe(ghashReference(h, y, data));
    }
  });

  it('agrees for H = 0, H = all ones and each single-bit H, with random and all-ones data', () => {
    const ones = new Uint8Array(80).fill(0xff);
    for (const h of edges) {
      for (const data of [randomBytes(80), ones, randomBytes(37)]) {
        const y = randomBytes(16);
        expect(ghashKernel(h, y, data), `H = ${toHex(h)}`).toBe(ghashReference(h, y, data));
      }
    }
    expect(ghashKernel(new Uint8Array(16), randomBytes(16), randomBytes(64))).toBe('0'.repeat(32));
  });

  it('agrees for edge data (zero, all ones, single bits) and edge Y under random H', () => {
    const h = randomBytes(16);
    for (const block of edges) {
      for (const y of [new Uint8Array(16), new Uint8Array(16).fill(0xff), randomBytes(16)]) {
        const data = Buffer.concat([block, block, randomBytes(16), block, block]);
        expect(ghashKernel(h, y, data)).toBe(ghashReference(h, y, data));
      }
    }
  });

  it('continues over split calls as over one (Y in and out)', () => {
    const h = randomBytes(16), data = randomBytes(160);
    const whole = ghashKernel(h, new Uint8Array(16), data);
    for (const cut of [16, 48, 64, 80, 144]) {
      const first = ghashKernel(h, new Uint8Array(16), data.subarray(0, cut));
      expect(ghashKernel(h, fromHex(first), data.subarray(cut))).toBe(whole);
    }
  });
});
