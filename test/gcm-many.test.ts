// The batch GCM kernels (assembly/gcm-many.ts) against node:crypto's aes-128-gcm: every message of a
// batch sealed as node:crypto seals it, and opened only when its tag is right.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AesGcm, fromHex, toHex } from '../src/index.js';
import { core, keySlotOf, memoryBytes, memoryWords, Region } from '../src/wasm.js';
import vectors from '../test-vectors/aes128-gcm.json' with { type: 'json' };
import esp from '../test-vectors/esp-gcm.json' with { type: 'json' };

/** A small seeded generator (mulberry32), so that a failing batch can be replayed. */
function prng(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * below);
  };
}

interface Message {
  readonly nonce: Uint8Array;
  readonly aad: Uint8Array;
  readonly text: Uint8Array;
  readonly tagLength: number;
}

const TAG_LENGTHS = [4, 8, 12, 16];
const WORDS = 7;

function randomBatch(random: (below: number) => number, count: number): Message[] {
  return Array.from({ length: count }, () => ({
    nonce: randomBytes(12),
    aad: randomBytes(random(4) === 0 ? random(300) : random(13)),
    text: randomBytes(random(2049)),
    tagLength: TAG_LENGTHS[random(TAG_LENGTHS.length)]!,
  }));
}

function nodeSeal(key: Uint8Array, m: Message): { ciphertext: Buffer; tag: Buffer } {
  const cipher = createCipheriv('aes-128-gcm', key, m.nonce).setAAD(m.aad);
  const ciphertext = Buffer.concat([cipher.update(m.text), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag().subarray(0, m.tagLength) };
}

/**
 * Lays `messages` out in linear memory (descriptors, then per message nonce, AAD, text and tag
 * room) with the descriptor format of assembly/gcm-many.ts; `fill(i)` gives the text and tag to put in.
 */
function layOut(messages: readonly Message[], fill: (i: number) => { text: Uint8Array; tag: Uint8Array }) {
  const size = messages.reduce((sum, m) => sum + 12 + m.aad.length + m.text.length + 16, 4 * WORDS * messages.length + messages.length);
  const region = new Region(size + 16);
  const bytes = memoryBytes(), words = memoryWords(), d = region.ptr >>> 2;
  const resultsAt = region.ptr + 4 * WORDS * messages.length;
  let at = resultsAt + messages.length;
  messages.forEach((m, i) => {
    const { text, tag } = fill(i);
    const nonceAt = at, aadAt = nonceAt + 12, textAt = aadAt + m.aad.length, tagAt = textAt + text.length;
    bytes.set(m.nonce, nonceAt);
    bytes.set(m.aad, aadAt);
    bytes.set(text, textAt);
    bytes.set(tag, tagAt);
    words.set([nonceAt, aadAt, m.aad.length, textAt, text.length, tagAt, m.tagLength], d + WORDS * i);
    at = tagAt + 16;
  });
  const textOf = (i: number) => {
    const r = d + WORDS * i, from = memoryWords()[r + 3]!;
    return memoryBytes().slice(from, from + memoryWords()[r + 4]!);
  };
  const tagOf = (i: number) => {
    const r = d + WORDS * i, from = memoryWords()[r + 5]!;
    return memoryBytes().slice(from, from + memoryWords()[r + 6]!);
  };
  return { region, resultsAt, textOf, tagOf };
}

describe('gcmSealMany / gcmOpenMany on the published vectors', () => {
  // The kernels take 96-bit nonces only (RFC 4106 / 4543 nonces are salt || IV, 12 bytes): every
  // such case of the GCM specification, the CAVS files and draft-mcgrew-gcm-test-01, one batch per key.
  const cases = [...vectors.cases, ...esp.cases].filter((c) => c.nonce.length === 24);
  const keys = [...new Set(cases.map((c) => c.key))];

  it.each(keys)('key %s: every case of the key sealed and opened in one call each', (key) => {
    const group = cases.filter((c) => c.key === key);
    const messages: Message[] = group.map((c) => ({ nonce: fromHex(c.nonce), aad: fromHex(c.aad), text: fromHex(c.plaintext), tagLength: c.tag.length / 2 }));
    const gcm = new AesGcm(fromHex(key)), slot = keySlotOf(gcm)!.live().ptr;
    const sealing = layOut(messages, (i) => ({ text: messages[i]!.text, tag: new Uint8Array(16) }));
    const opening = layOut(messages, (i) => ({ text: fromHex(group[i]!.ciphertext), tag: fromHex(group[i]!.tag) }));
    try {
      core().gcmSealMany(slot, sealing.region.ptr, messages.length);
      expect(group.map((_, i) => [toHex(sealing.textOf(i)), toHex(sealing.tagOf(i))])).toEqual(group.map((c) => [c.ciphertext, c.tag]));
      expect(core().gcmOpenMany(slot, opening.region.ptr, messages.length, opening.resultsAt)).toBe(group.length);
      expect(group.map((_, i) => toHex(opening.textOf(i)))).toEqual(group.map((c) => c.plaintext));
    } finally {
      sealing.region.free();
      opening.region.free();
      gcm.dispose();
    }
  });
});

describe('gcmSealMany / gcmOpenMany against node:crypto aes-128-gcm', () => {
  const counts = [0, 1, 2, 7, 8, 9, 16, 17, 31, 40];

  it('gcmSealMany gives node:crypto ciphertext and tag for every message, batches of 0..40, lengths 0..2048', () => {
    const random = prng(1);
    for (const count of counts) {
      const key = randomBytes(16), gcm = new AesGcm(key), messages = randomBatch(random, count);
      const { region, textOf, tagOf } = layOut(messages, (i) => ({ text: messages[i]!.text, tag: new Uint8Array(16) }));
      try {
        core().gcmSealMany(keySlotOf(gcm)!.live().ptr, region.ptr, count);
        messages.forEach((m, i) => {
          const expected = nodeSeal(key, m);
          expect(toHex(textOf(i))).toBe(expected.ciphertext.toString('hex'));
          expect(toHex(tagOf(i))).toBe(expected.tag.toString('hex'));
        });
      } finally {
        region.free();
        gcm.dispose();
      }
    }
  });

  it('gcmSealMany writes only the tag length asked for, leaving the bytes after it alone', () => {
    const key = randomBytes(16), gcm = new AesGcm(key), messages = randomBatch(prng(2), 9).map((m) => ({ ...m, tagLength: 8 }));
    const { region, tagOf } = layOut(messages, (i) => ({ text: messages[i]!.text, tag: new Uint8Array(16).fill(0xa5) }));
    try {
      core().gcmSealMany(keySlotOf(gcm)!.live().ptr, region.ptr, messages.length);
      messages.forEach((m, i) => {
        expect(toHex(tagOf(i))).toBe(nodeSeal(key, m).tag.toString('hex'));
        const words = memoryWords(), after = words[(region.ptr >>> 2) + WORDS * i + 5]! + 8;
        expect(toHex(memoryBytes().slice(after, after + 8))).toBe('a5'.repeat(8));
      });
    } finally {
      region.free();
      gcm.dispose();
    }
  });

  it('gcmOpenMany decrypts exactly the messages whose tag is right, and leaves the others as they came', () => {
    const random = prng(3);
    for (const count of counts) {
      const key = randomBytes(16), gcm = new AesGcm(key), messages = randomBatch(random, count);
      const sealed = messages.map((m) => nodeSeal(key, m));
      // Tamper with about a third: a bit of the ciphertext, the tag or the AAD (as received).
      const tampered = messages.map(() => random(3) === 0);
      const inputs = sealed.map(({ ciphertext, tag }, i) => {
        const text = new Uint8Array(ciphertext), t = new Uint8Array(16);
        t.set(tag);
        if (tampered[i]) {
          const where = random(3);
          if (where === 0 && text.length > 0) text[random(text.length)]! ^= 1 << random(8);
          else if (where === 1 || messages[i]!.aad.length === 0) t[random(messages[i]!.tagLength)]! ^= 1 << random(8);
          else messages[i]!.aad[random(messages[i]!.aad.length)]! ^= 1 << random(8);
        }
        return { text, tag: t };
      });
      const { region, resultsAt, textOf } = layOut(messages, (i) => inputs[i]!);
      try {
        const valid = core().gcmOpenMany(keySlotOf(gcm)!.live().ptr, region.ptr, count, resultsAt);
        expect(valid).toBe(tampered.filter((t) => !t).length);
        messages.forEach((m, i) => {
          expect(memoryBytes()[resultsAt + i]).toBe(tampered[i] ? 0 : 1);
          // Opened: node:crypto's plaintext; refused: the received ciphertext, untouched.
          expect(toHex(textOf(i))).toBe(toHex(tampered[i] ? inputs[i]!.text : m.text));
          if (!tampered[i]) {
            const decipher = createDecipheriv('aes-128-gcm', key, m.nonce, { authTagLength: m.tagLength }).setAAD(m.aad);
            decipher.setAuthTag(inputs[i]!.tag.subarray(0, m.tagLength));
            expect(toHex(Buffer.concat([decipher.update(inputs[i]!.text), decipher.final()]))).toBe(toHex(m.text));
          }
        });
      } finally {
        region.free();
        gcm.dispose();
      }
    }
  });

  it('GMAC (an empty text, RFC 4543): gcmSealMany gives node:crypto tag of the AAD alone', () => {
    const key = randomBytes(16), gcm = new AesGcm(key), random = prng(4);
    const messages = Array.from({ length: 19 }, () => ({ nonce: randomBytes(12), aad: randomBytes(random(1500)), text: new Uint8Array(0), tagLength: 16 }));
    const { region, tagOf } = layOut(messages, () => ({ text: new Uint8Array(0), tag: new Uint8Array(16) }));
    try {
      core().gcmSealMany(keySlotOf(gcm)!.live().ptr, region.ptr, messages.length);
      messages.forEach((m, i) => expect(toHex(tagOf(i))).toBe(nodeSeal(key, m).tag.toString('hex')));
    } finally {
      region.free();
      gcm.dispose();
    }
  });
});
