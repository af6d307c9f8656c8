// An independent ESP (RFC 4303) in transport mode for interop tests: node:crypto ciphers and HMACs,
// sharing no code with the library. It builds the packets the interop harness is proven with, and
// decodes packets that other implementations (scapy) make.
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import { checkSa, ENCRYPTION, INTEGRITY, type EspSa } from '../interop/esp-sa.js';

export interface EspPlaintext {
  /** Sequence number, RFC 4303 clause 2.2 (32 bits, no ESN). */
  seq: number;
  /** Explicit IV of the cipher's size (empty for NULL encryption). */
  iv: Uint8Array;
  /** What the payload is, as an IP protocol number (RFC 4303 clause 2.6): 17 for UDP. */
  nextHeader: number;
  payload: Uint8Array;
}

export type EspDecoded =
  | ({ ok: true; spi: number; padding: Uint8Array } & EspPlaintext)
  | { ok: false; reason: 'length' | 'spi' | 'icv' | 'padding' };

/** RFC 4303 clause 2.4 default padding: bytes 1, 2, 3, ... up to the cipher's alignment. */
function defaultPadding(payloadLength: number, alignBytes: number): Uint8Array {
  const length = (alignBytes - ((payloadLength + 2) % alignBytes)) % alignBytes;
  return Uint8Array.from({ length }, (_, i) => i + 1);
}

/** Builds an ESP packet, SPI through ICV (RFC 4303 clauses 2 and 3.3). */
export function referenceProtect(sa: EspSa, p: EspPlaintext): Uint8Array {
  checkSa(sa);
  const enc = ENCRYPTION[sa.encryption];
  if (p.iv.length !== enc.ivBytes) throw new RangeError(`iv must be ${enc.ivBytes} bytes, got ${p.iv.length}`);
  const padding = defaultPadding(p.payload.length, enc.alignBytes);
  const plaintext = Buffer.concat([p.payload, padding, Uint8Array.of(padding.length, p.nextHeader)]);
  const header = espHeader(sa.spi, p.seq);
  const sealed = encrypt(sa, header, p.iv, plaintext);
  const body = Buffer.concat([header, p.iv, sealed]);
  return Uint8Array.from(Buffer.concat([body, integrityCheckValue(sa, body)]));
}

/** Verifies and decrypts an ESP packet (RFC 4303 clause 3.4): integrity first, then padding. */
export function referenceVerify(sa: EspSa, esp: Uint8Array): EspDecoded {
  checkSa(sa);
  const enc = ENCRYPTION[sa.encryption];
  const icvBytes = enc.icvBytes + INTEGRITY[sa.integrity].icvBytes;
  const sealedBytes = esp.length - 8 - enc.ivBytes - icvBytes;
  if (sealedBytes < 2 || sealedBytes % enc.alignBytes !== 0) return { ok: false, reason: 'length' };
  const view = new DataView(esp.buffer, esp.byteOffset, esp.length);
  if (view.getUint32(0) !== sa.spi) return { ok: false, reason: 'spi' };
  const body = esp.subarray(0, esp.length - INTEGRITY[sa.integrity].icvBytes);
  const icv = esp.subarray(body.length);
  if (!timingSafeEqual(icv, integrityCheckValue(sa, body))) return { ok: false, reason: 'icv' };
  const iv = Uint8Array.from(esp.subarray(8, 8 + enc.ivBytes));
  const plaintext = decrypt(sa, esp.subarray(0, 8), iv, body.subarray(8 + enc.ivBytes));
  if (plaintext === null) return { ok: false, reason: 'icv' };
  const padLength = plaintext[plaintext.length - 2]!;
  const payloadLength = plaintext.length - 2 - padLength;
  if (payloadLength < 0) return { ok: false, reason: 'padding' };
  const padding = Uint8Array.from(plaintext.subarray(payloadLength, plaintext.length - 2));
  if (padding.some((b, i) => b !== i + 1)) return { ok: false, reason: 'padding' };
  return {
    ok: true, spi: sa.spi, seq: view.getUint32(4), iv, padding,
    nextHeader: plaintext[plaintext.length - 1]!, payload: Uint8Array.from(plaintext.subarray(0, payloadLength)),
  };
}

function espHeader(spi: number, seq: number): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(spi, 0);
  header.writeUInt32BE(seq, 4);
  return header;
}

/** RFC 2404 / RFC 2403: HMAC over SPI, sequence number, IV and ciphertext, truncated to 96 bits. */
function integrityCheckValue(sa: EspSa, body: Uint8Array): Buffer {
  if (sa.integrity === 'null') return Buffer.alloc(0);
  const hash = sa.integrity === 'hmac-sha-1-96' ? 'sha1' : 'md5';
  return createHmac(hash, sa.integrityKey).update(body).digest().subarray(0, INTEGRITY[sa.integrity].icvBytes);
}

function cbcCipherName(sa: EspSa): string {
  return sa.encryption === 'des-ede3-cbc' ? 'des-ede3-cbc' : `aes-${sa.encryptionKey.length * 8}-cbc`;
}

/** RFC 4106 clauses 4 and 5: key || 4-byte salt; nonce = salt || IV; AAD = SPI || sequence number. */
function gcmParts(sa: EspSa, iv: Uint8Array) {
  const key = sa.encryptionKey.subarray(0, sa.encryptionKey.length - 4);
  const nonce = Buffer.concat([sa.encryptionKey.subarray(key.length), iv]);
  return { name: `aes-${key.length * 8}-gcm` as const, key, nonce, authTagLength: ENCRYPTION[sa.encryption].icvBytes };
}

function encrypt(sa: EspSa, header: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Buffer {
  if (sa.encryption === 'null') return Buffer.from(plaintext);
  if (sa.encryption.startsWith('aes-gcm')) {
    const g = gcmParts(sa, iv);
    const cipher = createCipheriv(g.name as 'aes-128-gcm', g.key, g.nonce, { authTagLength: g.authTagLength });
    cipher.setAAD(header);
    return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  }
  const cipher = createCipheriv(cbcCipherName(sa), sa.encryptionKey, iv).setAutoPadding(false);
  return Buffer.concat([cipher.update(plaintext), cipher.final()]);
}

/** Decrypts; null when a combined-mode tag does not verify. */
function decrypt(sa: EspSa, header: Uint8Array, iv: Uint8Array, sealed: Uint8Array): Buffer | null {
  if (sa.encryption === 'null') return Buffer.from(sealed);
  if (sa.encryption.startsWith('aes-gcm')) {
    const g = gcmParts(sa, iv);
    const tagAt = sealed.length - g.authTagLength;
    const decipher = createDecipheriv(g.name as 'aes-128-gcm', g.key, g.nonce, { authTagLength: g.authTagLength });
    decipher.setAAD(header);
    decipher.setAuthTag(sealed.subarray(tagAt));
    const plaintext = decipher.update(sealed.subarray(0, tagAt));
    try {
      return Buffer.concat([plaintext, decipher.final()]);
    } catch {
      return null;
    }
  }
  const decipher = createDecipheriv(cbcCipherName(sa), sa.encryptionKey, iv).setAutoPadding(false);
  return Buffer.concat([decipher.update(sealed), decipher.final()]);
}
