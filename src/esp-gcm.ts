// The inputs that ESP gives AES-GCM (RFC 4106) and AES-GMAC (RFC 4543): the key and salt from the
// keying material, the nonce from the salt and the packet's IV, and the AAD from the ESP header.
// draft-mcgrew-gcm-test-01 sections 2 and 3 restate both and give packet test cases.

import { checkBytes } from './bytes.js';
import { checkUint8Array } from './io.js';

function checkUint32(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new RangeError(`${field} must be an integer from 0 to 2^32 - 1, got ${value}`);
  }
}

/**
 * Splits the 20 bytes of AES-128 keying material into the key (the first 16) and the salt (the
 * last 4), as RFC 4106 section 8.1 says; RFC 4543 (section 5) takes its key and salt the same way.
 */
export function espGcmKeyMaterial(keyMaterial: Uint8Array): { key: Uint8Array; salt: Uint8Array } {
  checkBytes('keyMaterial', keyMaterial, 20);
  return { key: keyMaterial.slice(0, 16), salt: keyMaterial.slice(16) };
}

/** The 12-byte GCM nonce salt || IV (RFC 4106 section 4; RFC 4543 section 3 for GMAC). */
export function espGcmNonce(salt: Uint8Array, iv: Uint8Array): Uint8Array {
  checkBytes('salt', salt, 4);
  checkBytes('iv', iv, 8);
  const nonce = new Uint8Array(12);
  nonce.set(salt);
  nonce.set(iv, 4);
  return nonce;
}

/**
 * The AAD of AES-GCM-ESP (RFC 4106 section 5): SPI || sequence number (8 bytes), or with
 * extended sequence numbers SPI || high 32 bits || low 32 bits (12 bytes). `sequence` is the
 * 32-bit field of the packet (the low half of an ESN), `sequenceHigh` the ESN's high half.
 */
export function espGcmAad(spi: number, sequence: number, sequenceHigh?: number): Uint8Array {
  checkUint32('spi', spi);
  checkUint32('sequence', sequence);
  if (sequenceHigh !== undefined) checkUint32('sequenceHigh', sequenceHigh);
  const aad = new Uint8Array(sequenceHigh === undefined ? 8 : 12);
  const view = new DataView(aad.buffer);
  view.setUint32(0, spi);
  if (sequenceHigh !== undefined) view.setUint32(4, sequenceHigh);
  view.setUint32(aad.length - 4, sequence);
  return aad;
}

/**
 * The AAD of AES-GMAC in ESP (RFC 4543 section 3; draft-mcgrew-gcm-test-01 section 3): the ESP
 * header as for GCM (SPI || sequence number, with the ESN's high half if given), then the 8-byte
 * IV, then `payload` = the rest of the payload data, TFC padding, padding, pad length and next
 * header. Everything is authenticated and nothing encrypted; the ICV is the 16-byte tag.
 */
export function espGmacAad(spi: number, sequence: number, iv: Uint8Array, payload: Uint8Array, sequenceHigh?: number): Uint8Array {
  const header = espGcmAad(spi, sequence, sequenceHigh);
  checkBytes('iv', iv, 8);
  checkUint8Array('payload', payload);
  const aad = new Uint8Array(header.length + 8 + payload.length);
  aad.set(header);
  aad.set(iv, header.length);
  aad.set(payload, header.length + 8);
  return aad;
}
