// The ESP primitives on akacore's WebAssembly kernels: HMAC-SHA-1-96 / HMAC-MD5-96 (RFC 2404 /
// 2403), AES-128-CBC (RFC 3602), AES-128-GCM (RFC 4106, and GMAC, RFC 4543) and 3DES-EDE-CBC
// (RFC 2451). The default of every SA; any other object satisfying Primitives may replace it.

import { AesCbc } from '../cbc.js';
import { AesGcm } from '../gcm.js';
import { Hmac } from '../hmac.js';
import { TripleDesCbc } from '../tdes.js';
import { ALGORITHM_NUMBERS } from '../hash.js';
import { keySlotOf } from '../wasm.js';
import type { CipherTransform, HmacAlgorithm, IntegrityTransform, Primitives } from './algorithms.js';
import type { WasmKey } from './wasm-packets.js';

// The key slot behind each transform made here, so that the SA layer can run whole packets in
// linear memory (src/esp/wasm-packets.ts). A transform from anywhere else has none.
const wasmKeys = new WeakMap<object, WasmKey>();

/** The key in linear memory behind a transform of wasmPrimitives; undefined for any other transform. */
export function wasmKeyOf(transform: object | undefined): WasmKey | undefined {
  return transform ? wasmKeys.get(transform) : undefined;
}

function remember<T extends object>(transform: T, owner: object, kind: 'aes-cbc' | 'tdes-cbc' | 'aes-gcm'): T {
  wasmKeys.set(transform, { kind, slot: keySlotOf(owner)!.live().ptr });
  return transform;
}

/** The -96 algorithms keep the first 96 bits of the HMAC (RFC 2403 / RFC 2404 section 2). */
const ICV_LENGTH = 12;

function hmac(algorithm: HmacAlgorithm, key: Uint8Array): IntegrityTransform {
  const mac = new Hmac(algorithm === 'hmac-sha-1-96' ? 'sha1' : 'md5', key, { macLength: ICV_LENGTH });
  const transform: IntegrityTransform = {
    icvLength: ICV_LENGTH,
    icv(data, tail) {
      if (!tail || tail.length === 0) return mac.mac(data);
      // ESN: the high-order bits follow the packet in the ICV input (RFC 4303 section 2.8).
      const joined = new Uint8Array(data.length + tail.length);
      joined.set(data);
      joined.set(tail, data.length);
      return mac.mac(joined);
    },
    icvMany: (messages, offsets, lengths) => mac.macMany(messages, offsets, lengths),
    dispose: () => mac.dispose(),
  };
  wasmKeys.set(transform, { kind: 'hmac', algorithm: ALGORITHM_NUMBERS[mac.algorithm], slot: keySlotOf(mac)!.live().ptr });
  return transform;
}

function cbc(cipher: AesCbc | TripleDesCbc, blockSize: number): CipherTransform {
  return remember({
    blockSize,
    ivLength: blockSize,
    encrypt: (iv, plaintext) => cipher.encrypt(iv, plaintext),
    encryptMany: (ivs, plaintexts) => encryptMany(cipher, blockSize, ivs, plaintexts),
    decrypt: (iv, ciphertext) => cipher.decrypt(iv, ciphertext),
    dispose: () => cipher.dispose(),
  }, cipher, cipher instanceof AesCbc ? 'aes-cbc' : 'tdes-cbc');
}

// One call into the core for the whole batch: AES-CBC runs eight messages per AES pass.
function encryptMany(
  cipher: AesCbc | TripleDesCbc, blockSize: number, ivs: Uint8Array, plaintexts: readonly Uint8Array[],
): Uint8Array[] {
  if (cipher instanceof AesCbc) return cipher.encryptMany(ivs, plaintexts);
  return TripleDesCbc.encryptMany(plaintexts.map((data, i) => ({ cipher, iv: ivs.subarray(blockSize * i, blockSize * (i + 1)), data })));
}

/** The WebAssembly implementations of the ESP primitives. */
export const wasmPrimitives: Primitives = {
  hmac,
  aesCbc: (key) => cbc(new AesCbc(key), 16),
  tdesCbc: (key) => cbc(new TripleDesCbc(key), 8),
  aesGcm(key) {
    const gcm = new AesGcm(key);
    return remember({
      seal: (nonce, plaintext, aad, tagLength) => gcm.seal(nonce, plaintext, aad, tagLength),
      open: (nonce, sealed, aad, tagLength) => gcm.open(nonce, sealed, aad, tagLength),
      dispose: () => gcm.dispose(),
    }, gcm, 'aes-gcm');
  },
};
