import { randomBytes } from 'node:crypto';
import { hmac } from '@noble/hashes/hmac.js';
import { md5 as nobleMd5, sha1 as nobleSha1 } from '@noble/hashes/legacy.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { Hmac, md5, sha1, sha256, toHex } from '../src/index.js';

// A second independent implementation beside node:crypto (see hash.test.ts and hmac.test.ts):
// @noble/hashes, plain JavaScript with no code in common with either.
const NOBLE = { sha1: nobleSha1, md5: nobleMd5, sha256: nobleSha256 } as const;
const OURS = { sha1, md5, sha256 } as const;

describe('hashes and HMAC against @noble/hashes', () => {
  it.each(['sha1', 'md5', 'sha256'] as const)('%s: every length from 0 to 2048', (algorithm) => {
    for (let length = 0; length <= 2048; length++) {
      const data = new Uint8Array(randomBytes(length));
      expect(toHex(OURS[algorithm](data)), `length ${length}`).toBe(toHex(NOBLE[algorithm](data)));
    }
  });

  it.each(['sha1', 'md5', 'sha256'] as const)('HMAC-%s: keys and messages of every length from 0 to 2048', (algorithm) => {
    for (let length = 0; length <= 2048; length++) {
      const key = new Uint8Array(randomBytes(length)), data = new Uint8Array(randomBytes(2048 - length));
      const ours = new Hmac(algorithm, key);
      expect(toHex(ours.mac(data)), `key ${length}`).toBe(toHex(hmac(NOBLE[algorithm], key, data)));
      ours.dispose();
    }
  });
});
