// The cryptographic processing of one ESP SA (RFC 4303 sections 3.3 and 3.4, with RFC 3602, 2451,
// 4106 and 4543 for the algorithms): builds a protected packet for a given sequence number and IV,
// and authenticates then decrypts one. The SA classes add sequence numbers, IVs and the replay window.

import { wasmKeyOf, wasmPrimitives } from './wasm-primitives.js';
import { WasmPackets } from './wasm-packets.js';
import { checkBytes, constantTimeEqual } from '../bytes.js';
import {
  ENCRYPTION, INTEGRITY, checkAlgorithms,
  type AeadTransform, type CipherTransform, type EncryptionAlgorithm, type IntegrityAlgorithm,
  type IntegrityTransform, type Primitives,
} from './algorithms.js';
import type { EspKeys } from './keys.js';
import { HEADER_LENGTH, paddingLength, writePlaintext, writeUint32 } from './packet.js';

/** What both directions of an SA are made of. */
export interface SaOptions {
  /** The Security Parameters Index, 256 to 2^32 - 1 (RFC 4303 section 2.1: 1-255 reserved, 0 never sent). */
  readonly spi: number;
  readonly integrity: IntegrityAlgorithm;
  readonly encryption: EncryptionAlgorithm;
  /** The ESP keys, e.g. from espKeys(); the SA's transforms copy or expand them. */
  readonly keys: EspKeys;
  /** Extended (64-bit) sequence numbers, RFC 4303 section 2.2.1. Default false. */
  readonly esn?: boolean;
  /** The primitive implementations: akacore's WebAssembly kernels unless another is given. */
  readonly primitives?: Primitives;
}

const EMPTY = new Uint8Array(0);

/** The packet transform of one SA. Internal to the SA layer; exported for the vector tests. */
export class EspProtection {
  readonly spi: number;
  readonly esn: boolean;
  readonly ivLength: number;
  readonly icvLength: number;
  /** AES-GCM or AES-GMAC: the IV must be unique rather than unpredictable. */
  readonly aead: boolean;
  readonly #blockSize: number;
  /** Payload, padding and trailer end on this boundary: the cipher block and 4 bytes (RFC 4303 2.4). */
  readonly #alignment: number;
  #mac: IntegrityTransform | undefined;
  #cipher: CipherTransform | undefined;
  #aead: AeadTransform | undefined;
  readonly #gmac: boolean;
  /** salt || IV (RFC 4106 section 4), the salt filled once. */
  readonly #nonce = new Uint8Array(12);
  /** SPI || [high-order sequence bits] || sequence number: the AAD of RFC 4106 section 5. */
  readonly #aad: Uint8Array;
  /** The implicit high-order 32 bits of an ESN, appended for the ICV (RFC 4303 sections 2.2.1 and 2.8). */
  readonly #high = new Uint8Array(4);
  #disposed = false;
  /**
   * The same work done in the core's linear memory, without a buffer per step: set when every
   * transform of the SA is one of wasmPrimitives' (the default), so the SAs take it; undefined for
   * other primitives, which go through the transforms' methods below.
   */
  readonly fast: WasmPackets | undefined;

  constructor(options: SaOptions) {
    if (typeof options !== 'object' || options === null) throw new TypeError(`options must be an object, got ${String(options)}`);
    const { spi, integrity, encryption, keys, esn = false, primitives = wasmPrimitives } = options;
    if (!Number.isInteger(spi) || spi < 256 || spi > 0xffffffff) {
      throw new RangeError(`spi must be an integer from 256 to 4294967295 (RFC 4303 section 2.1), got ${String(spi)}`);
    }
    if (typeof esn !== 'boolean') throw new TypeError(`esn must be a boolean, got ${typeof esn}`);
    checkAlgorithms(integrity, encryption);
    if (typeof keys !== 'object' || keys === null) throw new TypeError(`keys must be an object, got ${String(keys)}`);
    const mac = INTEGRITY[integrity], cipher = ENCRYPTION[encryption];
    this.spi = spi;
    this.esn = esn;
    this.ivLength = cipher.ivLength + mac.ivLength;
    this.icvLength = cipher.icvLength + mac.icvLength;
    this.#blockSize = cipher.blockSize;
    this.#alignment = Math.max(cipher.blockSize, 4);
    this.#gmac = integrity === 'aes-gmac';
    this.aead = this.#gmac || cipher.combined;
    this.#aad = new Uint8Array(esn ? 12 : 8);
    writeUint32(this.#aad, 0, spi);
    const saltLength = mac.saltLength + cipher.saltLength;
    const salt = saltLength > 0 ? checkBytes('keys.salt', keys.salt, saltLength) : undefined;
    this.#makeTransforms(integrity, encryption, keys, primitives);
    if (salt) this.#nonce.set(salt);
    this.fast = this.#fastPath(salt);
  }

  #fastPath(salt: Uint8Array | undefined): WasmPackets | undefined {
    const transforms = [this.#mac, this.#cipher, this.#aead].filter((t) => t !== undefined);
    const keys = transforms.map(wasmKeyOf);
    if (keys.some((key) => key === undefined)) return undefined;
    return new WasmPackets({
      spi: this.spi, esn: this.esn, ivLength: this.ivLength, icvLength: this.icvLength, blockSize: this.#blockSize,
      alignment: this.#alignment, mac: wasmKeyOf(this.#mac), cipher: wasmKeyOf(this.#cipher), aead: wasmKeyOf(this.#aead),
      gmac: this.#gmac, salt,
    });
  }

  /** The bytes of the packet that carries a `payloadLength`-byte payload (RFC 4303 section 2). */
  packetLength(payloadLength: number): number {
    return HEADER_LENGTH + this.ivLength + payloadLength + paddingLength(payloadLength, this.#alignment) + 2 + this.icvLength;
  }

  /** The bytes of the largest payload a packet of `packetLength` bytes can carry. */
  payloadRoom(packetLength: number): number {
    return Math.max(0, packetLength - HEADER_LENGTH - this.ivLength - this.icvLength - 2);
  }

  /** Whether a packet of `length` bytes has room for header, IV, a trailer and ICV, in whole blocks. */
  fits(length: number): boolean {
    const text = length - HEADER_LENGTH - this.ivLength - this.icvLength;
    return text >= 2 && text % this.#blockSize === 0;
  }

  /**
   * The protected packet (RFC 4303 section 3.3) carrying `payload` with the sequence number
   * seqHigh:seqLow (seqHigh only enters the ICV, and only with ESN) and `iv` (ivLength bytes).
   */
  seal(seqHigh: number, seqLow: number, iv: Uint8Array, payload: Uint8Array, nextHeader: number): Uint8Array {
    this.checkLive();
    const padLength = paddingLength(payload.length, this.#alignment);
    const textAt = HEADER_LENGTH + this.ivLength;
    const icvAt = textAt + payload.length + padLength + 2;
    const packet = new Uint8Array(icvAt + this.icvLength);
    writeUint32(packet, 0, this.spi);
    writeUint32(packet, 4, seqLow);
    packet.set(iv, HEADER_LENGTH);
    if (this.#cipher || (this.#aead && !this.#gmac)) {
      const plaintext = new Uint8Array(icvAt - textAt);
      writePlaintext(plaintext, 0, payload, padLength, nextHeader);
      packet.set(this.#encrypt(seqHigh, seqLow, iv, plaintext), textAt);
      if (this.#aead) return packet;
    } else {
      writePlaintext(packet, textAt, payload, padLength, nextHeader);
    }
    packet.set(this.#authenticate(packet.subarray(0, icvAt), seqHigh, iv), icvAt);
    return packet;
  }

  /**
   * RFC 4303 section 3.4.4: verifies the ICV of `packet` (which `fits`) for the high-order sequence
   * bits `seqHigh`, and only if it is valid decrypts it. Returns payload || padding || Pad Length ||
   * Next Header, or null when the ICV is wrong. Tags and ICVs are compared in constant time.
   */
  open(packet: Uint8Array, seqHigh: number): Uint8Array | null {
    this.checkLive();
    const textAt = HEADER_LENGTH + this.ivLength, icvAt = packet.length - this.icvLength;
    const iv = packet.subarray(HEADER_LENGTH, textAt);
    if (this.#aead && !this.#gmac) {
      const aad = this.#gcmAad(seqHigh, packet);
      return this.#aead.open(this.#nonceWith(iv), packet.subarray(textAt), aad, this.icvLength);
    }
    const authenticated = packet.subarray(0, icvAt), icv = packet.subarray(icvAt);
    if (this.#aead) {
      const ok = this.#aead.open(this.#nonceWith(iv), icv, this.#gmacAad(authenticated, seqHigh), this.icvLength);
      return ok ? packet.slice(textAt, icvAt) : null;
    }
    const expected = this.#mac!.icv(authenticated, this.esn ? this.#highBytes(seqHigh) : undefined);
    if (!constantTimeEqual(expected, icv)) return null;
    const text = packet.subarray(textAt, icvAt);
    return this.#cipher ? this.#cipher.decrypt(iv, text) : new Uint8Array(text);
  }

  /** Whether the ICV is an HMAC, whose packets sealMany and icvMany batch; AES-GCM / GMAC go one by one. */
  get batchable(): boolean {
    return this.#mac !== undefined;
  }

  /**
   * The packets of `seal` for many payloads, built in one buffer (the results are views of it):
   * packet i carries sequence number seqHighs[i]:seqLows[i] and the IV at bytes ivLength * i of `ivs`.
   * HMAC SAs encrypt all texts in one encryptMany call and compute all ICVs in one icvMany call;
   * AES-GCM / GMAC SAs seal packet by packet.
   */
  sealMany(
    seqHighs: readonly number[], seqLows: readonly number[], ivs: Uint8Array,
    payloads: readonly Uint8Array[], nextHeader: number,
  ): Uint8Array[] {
    this.checkLive();
    const count = payloads.length, ivLength = this.ivLength;
    const ivOf = (i: number) => ivs.subarray(ivLength * i, ivLength * (i + 1));
    if (!this.#mac) return payloads.map((payload, i) => this.seal(seqHighs[i]!, seqLows[i]!, ivOf(i), payload, nextHeader));
    const textAt = HEADER_LENGTH + ivLength;
    const starts = new Uint32Array(count), icvAts = new Uint32Array(count);
    let size = 0;
    for (let i = 0; i < count; i++) {
      starts[i] = size;
      icvAts[i] = size + textAt + payloads[i]!.length + paddingLength(payloads[i]!.length, this.#alignment) + 2;
      size = icvAts[i]! + this.icvLength;
    }
    const buffer = new Uint8Array(size);
    for (let i = 0; i < count; i++) {
      const at = starts[i]!, payload = payloads[i]!;
      writeUint32(buffer, at, this.spi);
      writeUint32(buffer, at + 4, seqLows[i]!);
      buffer.set(ivOf(i), at + HEADER_LENGTH);
      writePlaintext(buffer, at + textAt, payload, icvAts[i]! - at - textAt - payload.length - 2, nextHeader);
    }
    if (this.#cipher) this.#encryptInPlace(buffer, starts, icvAts, ivs);
    // RFC 4303 section 2.8: with ESN the high-order 32 bits follow the packet in the ICV input; they
    // go into the packet's ICV slot, so one icvMany call covers every packet, and the ICV overwrites them.
    const lengths = new Uint32Array(count);
    for (let i = 0; i < count; i++) {
      lengths[i] = icvAts[i]! - starts[i]!;
      if (this.esn) {
        writeUint32(buffer, icvAts[i]!, seqHighs[i]!);
        lengths[i]! += 4;
      }
    }
    const icvs = this.#icvMany(buffer, starts, lengths);
    const out: Uint8Array[] = new Array(count);
    for (let i = 0; i < count; i++) {
      buffer.set(icvs.subarray(this.icvLength * i, this.icvLength * (i + 1)), icvAts[i]!);
      out[i] = buffer.subarray(starts[i]!, icvAts[i]! + this.icvLength);
    }
    return out;
  }

  /**
   * The expected ICVs (RFC 4303 section 3.4.4.1) of many packets that `fits`, packet i under the
   * high-order sequence bits seqHighs[i], packed icvLength bytes each, from one icvMany call.
   * Only for `batchable` SAs.
   */
  expectedIcvs(packets: readonly Uint8Array[], seqHighs: readonly number[]): Uint8Array {
    this.checkLive();
    const count = packets.length, tail = this.esn ? 4 : 0;
    const offsets = new Uint32Array(count), lengths = new Uint32Array(count);
    let size = 0;
    for (let i = 0; i < count; i++) {
      offsets[i] = size;
      lengths[i] = packets[i]!.length - this.icvLength + tail;
      size += lengths[i]!;
    }
    const buffer = new Uint8Array(size);
    for (let i = 0; i < count; i++) {
      const packet = packets[i]!;
      buffer.set(packet.subarray(0, packet.length - this.icvLength), offsets[i]!);
      if (this.esn) writeUint32(buffer, offsets[i]! + lengths[i]! - 4, seqHighs[i]!);
    }
    return this.#icvMany(buffer, offsets, lengths);
  }

  /**
   * `open` for a packet whose expected ICV is already known (from expectedIcvs): compares it in
   * constant time and only if it matches decrypts. Returns null when the ICV is wrong.
   */
  openWithIcv(packet: Uint8Array, expected: Uint8Array): Uint8Array | null {
    this.checkLive();
    const textAt = HEADER_LENGTH + this.ivLength, icvAt = packet.length - this.icvLength;
    if (!constantTimeEqual(expected, packet.subarray(icvAt))) return null;
    const text = packet.subarray(textAt, icvAt);
    return this.#cipher ? this.#cipher.decrypt(packet.subarray(HEADER_LENGTH, textAt), text) : new Uint8Array(text);
  }

  /** Disposes the transforms (which zero their keys) and zeroes the salt. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#mac?.dispose();
    this.#cipher?.dispose();
    this.#aead?.dispose();
    this.#mac = this.#cipher = this.#aead = undefined;
    this.#nonce.fill(0);
    this.fast?.dispose();
  }

  #makeTransforms(
    integrity: IntegrityAlgorithm, encryption: EncryptionAlgorithm, keys: EspKeys, primitives: Primitives,
  ): void {
    if (typeof primitives !== 'object' || primitives === null) {
      throw new TypeError(`primitives must be an object with hmac, aesCbc, tdesCbc and aesGcm, got ${String(primitives)}`);
    }
    const macSizes = INTEGRITY[integrity], cipherSizes = ENCRYPTION[encryption];
    // Every key and factory is checked before the first transform is made, so a mistake leaks none.
    const integrityKey = macSizes.keyLength > 0 ? checkBytes('keys.integrityKey', keys.integrityKey, macSizes.keyLength) : undefined;
    const cipherKey = cipherSizes.keyLength > 0 ? checkBytes('keys.cipherKey', keys.cipherKey, cipherSizes.keyLength) : undefined;
    const hmac = integrity === 'hmac-sha-1-96' || integrity === 'hmac-md5-96';
    const needed: (keyof Primitives)[] = [];
    if (hmac) needed.push('hmac');
    if (encryption === 'aes-cbc') needed.push('aesCbc');
    if (encryption === 'des-ede3-cbc') needed.push('tdesCbc');
    if (this.aead) needed.push('aesGcm');
    for (const name of needed) {
      if (typeof primitives[name] !== 'function') throw new TypeError(`primitives.${name} must be a function, got ${typeof primitives[name]}`);
    }
    if (hmac) this.#mac = primitives.hmac(integrity, integrityKey!);
    if (integrity === 'aes-gmac') this.#aead = primitives.aesGcm(integrityKey!);
    if (encryption === 'aes-cbc') this.#cipher = primitives.aesCbc(cipherKey!);
    if (encryption === 'des-ede3-cbc') this.#cipher = primitives.tdesCbc(cipherKey!);
    if (cipherSizes.combined) this.#aead = primitives.aesGcm(cipherKey!);
  }

  #encrypt(seqHigh: number, seqLow: number, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
    if (this.#cipher) return this.#cipher.encrypt(iv, plaintext);
    writeUint32(this.#aad, this.#aad.length - 4, seqLow);
    if (this.esn) writeUint32(this.#aad, 4, seqHigh);
    return this.#aead!.seal(this.#nonceWith(iv), plaintext, this.#aad, this.icvLength);
  }

  // Encrypts each packet's text (from after the IV to the ICV) in place, in one encryptMany call.
  #encryptInPlace(buffer: Uint8Array, starts: Uint32Array, icvAts: Uint32Array, ivs: Uint8Array): void {
    const cipher = this.#cipher!, textAt = HEADER_LENGTH + this.ivLength;
    const texts = Array.from(starts, (start, i) => buffer.subarray(start + textAt, icvAts[i]!));
    const encrypted = cipher.encryptMany
      ? cipher.encryptMany(ivs, texts)
      : texts.map((text, i) => cipher.encrypt(ivs.subarray(this.ivLength * i, this.ivLength * (i + 1)), text));
    for (let i = 0; i < texts.length; i++) texts[i]!.set(encrypted[i]!);
  }

  #icvMany(messages: Uint8Array, offsets: Uint32Array, lengths: Uint32Array): Uint8Array {
    const mac = this.#mac!;
    if (mac.icvMany) return mac.icvMany(messages, offsets, lengths);
    const out = new Uint8Array(offsets.length * this.icvLength);
    for (let i = 0; i < offsets.length; i++) {
      out.set(mac.icv(messages.subarray(offsets[i]!, offsets[i]! + lengths[i]!)), this.icvLength * i);
    }
    return out;
  }

  #authenticate(authenticated: Uint8Array, seqHigh: number, iv: Uint8Array): Uint8Array {
    if (this.#aead) return this.#aead.seal(this.#nonceWith(iv), EMPTY, this.#gmacAad(authenticated, seqHigh), this.icvLength);
    return this.#mac!.icv(authenticated, this.esn ? this.#highBytes(seqHigh) : undefined);
  }

  // RFC 4106 section 5: SPI || Sequence Number, or with ESN SPI || high 32 bits || low 32 bits.
  #gcmAad(seqHigh: number, packet: Uint8Array): Uint8Array {
    const aad = this.#aad;
    for (let i = 4; i < 8; i++) aad[aad.length - 8 + i] = packet[i]!;
    if (this.esn) writeUint32(aad, 4, seqHigh);
    return aad;
  }

  // RFC 4543 section 3.3: the whole packet before the ICV is AAD, with the ESN's high half after
  // the SPI. Without ESN the packet bytes serve as they are.
  #gmacAad(authenticated: Uint8Array, seqHigh: number): Uint8Array {
    if (!this.esn) return authenticated;
    const aad = new Uint8Array(authenticated.length + 4);
    aad.set(authenticated.subarray(0, 4));
    writeUint32(aad, 4, seqHigh);
    aad.set(authenticated.subarray(4), 8);
    return aad;
  }

  #nonceWith(iv: Uint8Array): Uint8Array {
    this.#nonce.set(iv, 4);
    return this.#nonce;
  }

  #highBytes(seqHigh: number): Uint8Array {
    writeUint32(this.#high, 0, seqHigh);
    return this.#high;
  }

  /** Throws once the SA has been disposed: using it afterwards is a caller's mistake. */
  checkLive(): void {
    if (this.#disposed) throw new Error(`ESP SA ${this.spi}: used after dispose()`);
  }
}
