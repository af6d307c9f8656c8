// The ESP primitive interfaces implemented with node:crypto: the independent reference the SA layer
// is tested against, until the WebAssembly kernels are plugged in. Test code only.

import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import type {
  AeadTransform, CipherTransform, HmacAlgorithm, IntegrityTransform, Primitives,
} from '../../src/index.js';

const plain = (bytes: Uint8Array): Uint8Array => new Uint8Array(bytes);

function hmac(algorithm: HmacAlgorithm, key: Uint8Array): IntegrityTransform {
  const hash = algorithm === 'hmac-sha-1-96' ? 'sha1' : 'md5';
  const secret = Buffer.from(key);
  return {
    icvLength: 12,
    icv(data, tail) {
      const mac = createHmac(hash, secret).update(data);
      if (tail) mac.update(tail);
      return plain(mac.digest().subarray(0, 12));
    },
    dispose: () => secret.fill(0),
  };
}

function cbc(cipher: 'aes-128-cbc' | 'des-ede3-cbc', key: Uint8Array, blockSize: number): CipherTransform {
  const secret = Buffer.from(key);
  const run = (decrypt: boolean, iv: Uint8Array, data: Uint8Array) => {
    const mode = decrypt ? createDecipheriv(cipher, secret, iv) : createCipheriv(cipher, secret, iv);
    mode.setAutoPadding(false);
    return plain(Buffer.concat([mode.update(data), mode.final()]));
  };
  return {
    blockSize,
    ivLength: blockSize,
    encrypt: (iv, plaintext) => run(false, iv, plaintext),
    decrypt: (iv, ciphertext) => run(true, iv, ciphertext),
    dispose: () => secret.fill(0),
  };
}

function aesGcm(key: Uint8Array): AeadTransform {
  const secret = Buffer.from(key);
  return {
    seal(nonce, plaintext, aad, tagLength) {
      const gcm = createCipheriv('aes-128-gcm', secret, nonce, { authTagLength: tagLength }).setAAD(aad);
      return plain(Buffer.concat([gcm.update(plaintext), gcm.final(), gcm.getAuthTag()]));
    },
    open(nonce, sealed, aad, tagLength) {
      const body = sealed.subarray(0, sealed.length - tagLength);
      const gcm = createDecipheriv('aes-128-gcm', secret, nonce, { authTagLength: tagLength }).setAAD(aad);
      gcm.setAuthTag(sealed.subarray(sealed.length - tagLength));
      const output = gcm.update(body);
      try {
        return plain(Buffer.concat([output, gcm.final()]));
      } catch {
        return null;
      }
    },
    dispose: () => secret.fill(0),
  };
}

/** Primitives backed by node:crypto. */
export const nodePrimitives: Primitives = {
  hmac,
  aesCbc: (key) => cbc('aes-128-cbc', key, 16),
  tdesCbc: (key) => cbc('des-ede3-cbc', key, 8),
  aesGcm,
};

/** The calls made on a set of primitives, to check what the SA asked of them. */
export interface CallLog {
  decrypts: number;
  opens: number;
  icvs: number;
  disposed: number;
}

/** Wraps `primitives` so that every transform records its calls in `log`. */
export function recording(primitives: Primitives, log: CallLog): Primitives {
  const counted = <T extends { dispose(): void }>(transform: T): T => {
    const original = transform.dispose.bind(transform);
    transform.dispose = () => { log.disposed++; original(); };
    return transform;
  };
  return {
    hmac(algorithm, key) {
      const t = counted(primitives.hmac(algorithm, key));
      const icv = t.icv.bind(t);
      t.icv = (data, tail) => { log.icvs++; return icv(data, tail); };
      return t;
    },
    aesCbc: (key) => countDecrypts(counted(primitives.aesCbc(key)), log),
    tdesCbc: (key) => countDecrypts(counted(primitives.tdesCbc(key)), log),
    aesGcm(key) {
      const t = counted(primitives.aesGcm(key));
      const open = t.open.bind(t);
      t.open = (...args) => { log.opens++; return open(...args); };
      return t;
    },
  };
}

function countDecrypts(transform: CipherTransform, log: CallLog): CipherTransform {
  const decrypt = transform.decrypt.bind(transform);
  transform.decrypt = (iv, data) => { log.decrypts++; return decrypt(iv, data); };
  return transform;
}
