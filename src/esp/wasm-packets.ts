// ESP packets built and opened inside the core's linear memory (RFC 4303 sections 3.3 and 3.4): the
// path the SAs take when their transforms are akacore's own kernels. A packet is written once into
// the shared scratch region (src/io.ts), encrypted and authenticated there by direct kernel calls on
// the key slots, and copied out once; nothing is allocated per packet but what the caller keeps.
// A batch lays every packet out in the region and makes one call per kernel for all of them.
// The generic path over any Primitives (src/esp/protection.ts) gives the same bytes.

import { scratch, wipeScratch } from '../io.js';
import { core, memoryBytes, memoryWords } from '../wasm.js';
import { HEADER_LENGTH, paddingLength } from './packet.js';
import { blockCopies, slabCopy, slabCopyRun } from './packet-slab.js';

/** The key behind one of wasmPrimitives' transforms: its kind and its key slot's address. */
export type WasmKey =
  | { readonly kind: 'hmac'; readonly algorithm: number; readonly slot: number }
  | { readonly kind: 'aes-cbc' | 'tdes-cbc' | 'aes-gcm'; readonly slot: number };

/** open() results below zero: the ICV (or tag) is wrong; or it is right but the padding is not. */
export const ICV_FAILED = -1;
export const PADDING_FAILED = -2;

export interface WasmPacketsOptions {
  readonly spi: number;
  readonly esn: boolean;
  readonly ivLength: number;
  readonly icvLength: number;
  readonly blockSize: number;
  /** Payload, padding and trailer end on this boundary (RFC 4303 section 2.4). */
  readonly alignment: number;
  readonly mac?: WasmKey;
  readonly cipher?: WasmKey;
  /** AES-GCM (encryption) or AES-GMAC (integrity, `gmac`). */
  readonly aead?: WasmKey;
  readonly gmac: boolean;
  /** The 4-byte salt of RFC 4106 section 4 / RFC 4543 section 3.2 (AES-GCM, AES-GMAC). */
  readonly salt?: Uint8Array;
}

const align16 = (n: number) => (n + 15) & ~15;
const HMAC_ICV = 12;
/** Room for a GCM tag (always written whole), the nonce and the AAD of RFC 4106 section 5. */
const TAG_ROOM = 16, NONCE_ROOM = 16, AAD_ROOM = 16;
/** Per packet of an AES-GCM / GMAC batch: its nonce and AAD. */
const AEAD_ROOM = NONCE_ROOM + AAD_ROOM;
/** The records of gcmSealMany / gcmOpenMany (assembly/gcm-many.ts): seven u32. */
const GCM_DESCRIPTOR_WORDS = 7, GCM_DESCRIPTOR = 4 * GCM_DESCRIPTOR_WORDS;

/** The packet work of one SA on the kernels, in linear memory. Internal to the SA layer. */
export class WasmPackets {
  readonly #o: WasmPacketsOptions;
  readonly #textAt: number;
  readonly #salt = new Uint8Array(4);
  // The payload that the last open() left in linear memory, for takePayload / takePayloadInto.
  #payloadAt = 0;
  #nextHeader = 0;
  #openedFrom = 0;
  #openedTo = 0;
  // The batch being opened (openMany .. endMany): per packet its slot k or -1; per slot its place.
  #slotOf = new Int32Array(0);
  #slotAt = new Uint32Array(0);
  #slotIcvAt = new Uint32Array(0);
  #kept = new Uint32Array(0);
  #keptCount = 0;
  // Where keptPayload found each payload, and its length.
  readonly #foundAt: number[] = [];
  readonly #foundLength: number[] = [];
  // The expected ICVs (HMAC) or the tag verdicts, a byte each (AES-GCM / GMAC).
  #macsAt = 0;
  #descriptorsAt = 0;
  #spareOffset = 0;
  #batchSize = 0;

  constructor(options: WasmPacketsOptions) {
    this.#o = options;
    this.#textAt = HEADER_LENGTH + options.ivLength;
    if (options.salt) this.#salt.set(options.salt);
  }

  /** The bytes of the packet that carries a payload of `payloadLength` bytes (RFC 4303 section 2). */
  packetLength(payloadLength: number): number {
    return this.#textAt + payloadLength + paddingLength(payloadLength, this.#o.alignment) + 2 + this.#o.icvLength;
  }

  /** Zeroes the key copies held here (the salt); the key slots belong to the transforms. */
  dispose(): void {
    this.#salt.fill(0);
  }

  // ---- protect ----

  /**
   * RFC 4303 section 3.3: builds the packet for `payload` at the start of the scratch region and
   * returns its length; copy it out with takePacket / takePacketInto before the next call.
   */
  seal(seqHigh: number, seqLow: number, iv: Uint8Array, payload: Uint8Array, nextHeader: number): number {
    const length = this.packetLength(payload.length), icvAt = length - this.#o.icvLength;
    const used = align16(length + TAG_ROOM) + NONCE_ROOM + AAD_ROOM + (this.#o.gmac && this.#o.esn ? align16(icvAt + 4) : 0);
    const p = scratch(used).ptr;
    this.#openedFrom = p;
    this.#openedTo = p + used;
    this.#writePacket(p, seqLow, iv, payload, nextHeader, icvAt);
    this.#protectAt(p, icvAt, seqHigh, p + align16(length + TAG_ROOM));
    return length;
  }

  /** A copy of the packet that seal() built; wipes the region. */
  takePacket(length: number): Uint8Array {
    const packet = slabCopy(viewAt(this.#openedFrom, length));
    this.#wipe();
    return packet;
  }

  /** Copies the packet that seal() built into `out` at `offset`; wipes the region. */
  takePacketInto(length: number, out: Uint8Array, offset: number): void {
    out.set(viewAt(this.#openedFrom, length), offset);
    this.#wipe();
  }

  /**
   * The packets of seal() for many payloads (views of the shared packet slab, see packet-slab.ts), built in
   * linear memory with one encryption call (cbcEncryptMany / tdesEncryptCbcMany) and one ICV call
   * (hmacMany) for the whole batch; AES-GCM / GMAC SAs with one gcmSealMany call.
   */
  sealMany(seqHighs: readonly number[], seqLows: readonly number[], ivs: Uint8Array, payloads: readonly Uint8Array[], nextHeader: number): Uint8Array[] {
    if (this.#o.aead) return this.#sealManyAead(seqHighs, seqLows, ivs, payloads, nextHeader);
    const o = this.#o, count = payloads.length, ivLength = o.ivLength;
    let total = 0;
    for (let i = 0; i < count; i++) total += this.packetLength(payloads[i]!.length);
    // The packets back to back (plus 4 bytes for the last one's ESN tail), then per packet a cipher
    // record (cbcEncryptMany's three words, or tdesEncryptCbcMany's job of five), a MAC record (two
    // words) and its ICV.
    const tdes = o.cipher?.kind === 'tdes-cbc', recordWords = tdes ? 5 : 3;
    const recordsAt = (total + 4 + 3) & ~3, macTableAt = recordsAt + 4 * recordWords * count, macsAt = macTableAt + 8 * count;
    const used = macsAt + HMAC_ICV * count;
    const p = scratch(used).ptr, m = memoryBytes(), words = memoryWords();
    const cipherWords = (p + recordsAt) >>> 2, macWords = (p + macTableAt) >>> 2;
    for (let i = 0, at = p; i < count; i++) {
      const payload = payloads[i]!, length = this.packetLength(payload.length), icvAt = length - o.icvLength;
      for (let j = 0; j < ivLength; j++) m[at + HEADER_LENGTH + j] = ivs[ivLength * i + j]!;
      this.#writePacket(at, seqLows[i]!, undefined, payload, nextHeader, icvAt);
      const text = at + this.#textAt, textLength = icvAt - this.#textAt, r = cipherWords + recordWords * i;
      if (tdes) {
        words[r] = o.cipher!.slot;
        words[r + 1] = at + HEADER_LENGTH;
        words[r + 2] = words[r + 3] = text;
        words[r + 4] = textLength >>> 3;
      } else {
        words[r] = text;
        words[r + 1] = textLength;
        words[r + 2] = at + HEADER_LENGTH;
      }
      words[macWords + 2 * i] = at;
      words[macWords + 2 * i + 1] = icvAt;
      at += length;
    }
    const kernels = core();
    if (o.cipher?.kind === 'aes-cbc') kernels.cbcEncryptMany(o.cipher.slot, p + recordsAt, count);
    if (tdes) kernels.tdesEncryptCbcMany(p + recordsAt, count);
    // RFC 4303 section 2.8: with ESN the high-order bits follow the packet in the ICV input. They
    // go in the packet's ICV slot, which the ICV then overwrites; packets are hashed before any
    // ICV is copied in, so a packet's tail never runs into the next packet's first bytes.
    if (o.esn) {
      for (let i = 0; i < count; i++) {
        const icvAt = words[macWords + 2 * i]! + words[macWords + 2 * i + 1]!;
        writeUint32At(m, icvAt, seqHighs[i]!);
        words[macWords + 2 * i + 1]! += 4;
      }
    }
    const mac = o.mac as { algorithm: number; slot: number };
    kernels.hmacMany(mac.algorithm, mac.slot, p + macTableAt, count, p + macsAt, HMAC_ICV);
    for (let i = 0; i < count; i++) {
      const icvAt = words[macWords + 2 * i]! + words[macWords + 2 * i + 1]! - (o.esn ? 4 : 0);
      m.copyWithin(icvAt, p + macsAt + HMAC_ICV * i, p + macsAt + HMAC_ICV * (i + 1));
    }
    const out = this.#packetsOut(p, payloads);
    wipeScratch(used);
    return out;
  }

  /**
   * sealMany for AES-GCM (RFC 4106) and AES-GMAC (RFC 4543) SAs: every packet laid out, then one
   * gcmSealMany call encrypts them all and writes every ICV.
   */
  #sealManyAead(seqHighs: readonly number[], seqLows: readonly number[], ivs: Uint8Array, payloads: readonly Uint8Array[], nextHeader: number): Uint8Array[] {
    const o = this.#o, count = payloads.length, ivLength = o.ivLength;
    let total = 0, copies = 0;
    for (let i = 0; i < count; i++) {
      const length = this.packetLength(payloads[i]!.length);
      total += length;
      if (o.gmac && o.esn) copies += align16(length - o.icvLength + 4);
    }
    // The packets back to back, then per packet its nonce and AAD (AEAD_ROOM bytes), the ESN copies
    // of the GMAC AADs, and the descriptor records.
    const extrasAt = align16(total), copiesAt = extrasAt + AEAD_ROOM * count, descriptorsAt = copiesAt + copies;
    const used = descriptorsAt + GCM_DESCRIPTOR * count;
    const p = scratch(used).ptr, m = memoryBytes(), words = memoryWords();
    for (let i = 0, at = p, copy = p + copiesAt; i < count; i++) {
      const payload = payloads[i]!, length = this.packetLength(payload.length), icvAt = length - o.icvLength;
      for (let j = 0; j < ivLength; j++) m[at + HEADER_LENGTH + j] = ivs[ivLength * i + j]!;
      this.#writePacket(at, seqLows[i]!, undefined, payload, nextHeader, icvAt);
      copy = this.#aeadRecord(m, words, p + descriptorsAt, i, at, icvAt, seqHighs[i]!, p + extrasAt + AEAD_ROOM * i, copy);
      at += length;
    }
    core().gcmSealMany(o.aead!.slot, p + descriptorsAt, count);
    const out = this.#packetsOut(p, payloads);
    wipeScratch(used);
    return out;
  }

  /**
   * Writes the gcmSealMany / gcmOpenMany record `k` for the packet at `at`: nonce and AAD in the
   * AEAD_ROOM bytes at `extras`; a GMAC AAD with ESN copied at `copy`. Returns where the next copy goes.
   */
  #aeadRecord(m: Uint8Array, words: Uint32Array, descriptors: number, k: number, at: number, icvAt: number, seqHigh: number, extras: number, copy: number): number {
    const o = this.#o, nonce = extras, r = (descriptors >>> 2) + GCM_DESCRIPTOR_WORDS * k;
    this.#writeNonce(m, nonce, at);
    words[r] = nonce;
    words[r + 5] = at + icvAt;
    words[r + 6] = o.icvLength;
    if (o.gmac) {
      const [aad, aadLength] = this.#gmacAad(m, at, icvAt, seqHigh, copy);
      words[r + 1] = aad;
      words[r + 2] = aadLength;
      words[r + 3] = at;
      words[r + 4] = 0;
      return o.esn ? copy + align16(icvAt + 4) : copy;
    }
    const aad = extras + NONCE_ROOM;
    words[r + 1] = aad;
    words[r + 2] = this.#gcmAad(m, at, seqHigh, aad);
    words[r + 3] = at + this.#textAt;
    words[r + 4] = icvAt - this.#textAt;
    return copy;
  }

  /** The packets of `payloads` lying back to back at `p`, handed out as views of the shared packet slab. */
  #packetsOut(p: number, payloads: readonly Uint8Array[]): Uint8Array[] {
    const lengths = payloads.map((payload) => this.packetLength(payload.length));
    return slabCopyRun(memoryBytes(), p, lengths, lengths.length);
  }

  // ---- verify ----

  /**
   * RFC 4303 section 3.4.4: copies `packet` (which fits the SA) to `base` bytes into the scratch
   * region, checks its ICV for the high-order sequence bits `seqHigh` in constant time, and only
   * if it is right decrypts it there and checks the padding. Returns the payload's length (the
   * payload waits for takePayload / takePayloadInto), ICV_FAILED or PADDING_FAILED.
   */
  open(packet: Uint8Array, seqHigh: number, checkPadding: boolean, base = 0): number {
    const o = this.#o, n = packet.length, icvAt = n - o.icvLength;
    const used = openRoom(n, o.gmac && o.esn);
    const q = scratch(base + used).ptr + base, m = memoryBytes();
    this.#openedFrom = q;
    this.#openedTo = q + used;
    m.set(packet, q);
    const after = q + align16(n + 4);
    if (!this.#verifyAt(m, q, icvAt, seqHigh, after)) {
      this.#wipe();
      return ICV_FAILED;
    }
    this.#decryptAt(q, icvAt);
    const length = this.#findPayload(m, q + this.#textAt, q + icvAt, checkPadding);
    if (length < 0) this.#wipe();
    return length;
  }

  /** The nextHeader of the payload that open() left. */
  get nextHeader(): number {
    return this.#nextHeader;
  }

  /** A copy of the `length` bytes of payload that open() left; wipes what open() used. */
  takePayload(length: number): Uint8Array {
    const payload = copyOf(this.#payloadAt, length);
    this.#wipe();
    return payload;
  }

  /** Copies the payload that open() left into `out` at `offset`; wipes what open() used. */
  takePayloadInto(length: number, out: Uint8Array, offset: number): void {
    out.set(viewAt(this.#payloadAt, length), offset);
    this.#wipe();
  }

  /**
   * Starts a batch: copies every packet whose seqHighs[i] is a number (it passed the SA, length
   * and window checks) into the scratch region and computes all their ICVs in one hmacMany call.
   * Then, in packet order: icvValid(i) and keep(i); decryptKept(); keptPayload(i); keptPayloadCopies();
   * endMany(). A packet the batch cannot take (see has) goes through open() meanwhile, which
   * works in a spare area past the batch. AES-GCM / GMAC SAs: see #openManyAead.
   */
  openMany(packets: readonly Uint8Array[], seqHighs: readonly unknown[]): void {
    if (this.#o.aead) {
      this.#openManyAead(packets, seqHighs);
      return;
    }
    const o = this.#o, count = packets.length, tail = o.esn ? 4 : 0;
    if (this.#slotOf.length < count) this.#grow(count);
    let candidates = 0, bytes = 0, largest = 0;
    for (let i = 0; i < count; i++) {
      largest = Math.max(largest, packets[i]!.length);
      if (typeof seqHighs[i] !== 'number') continue;
      candidates++;
      bytes += packets[i]!.length + tail;
    }
    const macTableAt = (bytes + 3) & ~3, macsAt = macTableAt + 8 * candidates, descriptorsAt = macsAt + HMAC_ICV * candidates;
    const spareOffset = align16(descriptorsAt + 12 * candidates), used = spareOffset + openRoom(largest, false);
    const p = scratch(used).ptr, m = memoryBytes(), words = memoryWords(), table = (p + macTableAt) >>> 2;
    for (let i = 0, k = 0, at = p; i < count; i++) {
      const seqHigh = seqHighs[i];
      this.#slotOf[i] = -1;
      if (typeof seqHigh !== 'number') continue;
      const packet = packets[i]!, icvAt = at + packet.length - o.icvLength;
      m.set(packet, at);
      if (o.esn) {
        m.copyWithin(icvAt + 4, icvAt, icvAt + o.icvLength);
        writeUint32At(m, icvAt, seqHigh);
      }
      this.#slotOf[i] = k;
      this.#slotAt[k] = at;
      this.#slotIcvAt[k] = icvAt;
      words[table + 2 * k] = at;
      words[table + 2 * k + 1] = icvAt - at + tail;
      at += packet.length + tail;
      k++;
    }
    const mac = o.mac as { algorithm: number; slot: number };
    core().hmacMany(mac.algorithm, mac.slot, p + macTableAt, candidates, p + macsAt, HMAC_ICV);
    this.#macsAt = p + macsAt;
    this.#descriptorsAt = p + descriptorsAt;
    this.#spareOffset = spareOffset;
    this.#batchSize = used;
    this.#keptCount = 0;
    this.#foundAt.length = this.#foundLength.length = 0;
  }

  /**
   * openMany for AES-GCM (RFC 4106) and AES-GMAC (RFC 4543) SAs: one gcmOpenMany call checks every
   * candidate's tag in constant time and decrypts, in the scratch region, only those whose tag is
   * right. A packet decrypted there but then refused (a replay within the batch) is never copied
   * out: endMany wipes it.
   */
  #openManyAead(packets: readonly Uint8Array[], seqHighs: readonly unknown[]): void {
    const o = this.#o, count = packets.length;
    if (this.#slotOf.length < count) this.#grow(count);
    let candidates = 0, bytes = 0, copies = 0, largest = 0;
    for (let i = 0; i < count; i++) {
      const n = packets[i]!.length;
      largest = Math.max(largest, n);
      if (typeof seqHighs[i] !== 'number') continue;
      candidates++;
      bytes += n;
      if (o.gmac && o.esn) copies += align16(n - o.icvLength + 4);
    }
    const extrasAt = align16(bytes), copiesAt = extrasAt + AEAD_ROOM * candidates, descriptorsAt = copiesAt + copies;
    const resultsAt = descriptorsAt + GCM_DESCRIPTOR * candidates;
    const spareOffset = align16(resultsAt + candidates), used = spareOffset + openRoom(largest, o.gmac && o.esn);
    const p = scratch(used).ptr, m = memoryBytes(), words = memoryWords();
    for (let i = 0, k = 0, at = p, copy = p + copiesAt; i < count; i++) {
      const seqHigh = seqHighs[i];
      this.#slotOf[i] = -1;
      if (typeof seqHigh !== 'number') continue;
      const packet = packets[i]!, icvAt = packet.length - o.icvLength;
      m.set(packet, at);
      copy = this.#aeadRecord(m, words, p + descriptorsAt, k, at, icvAt, seqHigh, p + extrasAt + AEAD_ROOM * k, copy);
      this.#slotOf[i] = k;
      this.#slotAt[k] = at;
      this.#slotIcvAt[k] = at + icvAt;
      at += packet.length;
      k++;
    }
    core().gcmOpenMany(o.aead!.slot, p + descriptorsAt, candidates, p + resultsAt);
    this.#macsAt = p + resultsAt;
    this.#descriptorsAt = p + descriptorsAt;
    this.#spareOffset = spareOffset;
    this.#batchSize = used;
    this.#keptCount = 0;
    this.#foundAt.length = this.#foundLength.length = 0;
  }

  /** Whether packet `i` of the batch was copied in (its ICV computed for the seqHigh given then). */
  has(i: number): boolean {
    return this.#slotOf[i]! >= 0;
  }

  /** Whether packet `i`'s ICV is right (constant time; AES-GCM / GMAC: gcmOpenMany's verdict). */
  icvValid(i: number): boolean {
    const k = this.#slotOf[i]!;
    if (this.#o.aead) return memoryBytes()[this.#macsAt + k] === 1;
    const received = this.#slotIcvAt[k]! + (this.#o.esn ? 4 : 0);
    return equalAt(memoryBytes(), this.#macsAt + HMAC_ICV * k, received, HMAC_ICV);
  }

  /** Marks packet `i` (ICV right, window moved) for decryption by decryptKept. */
  keep(i: number): void {
    if (this.#o.aead) return; // gcmOpenMany has decrypted it already.
    const k = this.#slotOf[i]!, at = this.#slotAt[k]!, words = memoryWords(), d = (this.#descriptorsAt >>> 2) + 3 * this.#keptCount;
    words[d] = at + this.#textAt;
    words[d + 1] = this.#slotIcvAt[k]! - at - this.#textAt;
    words[d + 2] = at + HEADER_LENGTH;
    this.#kept[this.#keptCount++] = i;
  }

  /** Decrypts every kept packet in place, in one call (cbcDecryptMany / tdesDecryptCbcMany). */
  decryptKept(): void {
    const cipher = this.#o.cipher;
    if (!cipher || this.#keptCount === 0) return;
    const kernels = core();
    if (cipher.kind === 'aes-cbc') kernels.cbcDecryptMany(cipher.slot, this.#descriptorsAt, this.#keptCount);
    else kernels.tdesDecryptCbcMany(cipher.slot, this.#descriptorsAt, this.#keptCount);
  }

  /**
   * After decryptKept: packet `i`'s payload length, or PADDING_FAILED; its nextHeader is then set,
   * and the payload joins those keptPayloadCopies gives.
   */
  keptPayload(i: number, checkPadding: boolean): number {
    const k = this.#slotOf[i]!, at = this.#slotAt[k]!;
    const length = this.#findPayload(memoryBytes(), at + this.#textAt, this.#slotIcvAt[k]!, checkPadding);
    if (length >= 0) {
      this.#foundAt.push(this.#payloadAt);
      this.#foundLength.push(length);
    }
    return length;
  }

  /**
   * Copies of the payloads keptPayload found, in its order, as views of blocks made for this batch
   * alone (one array per payload costs more than the ESP work; the batch's region is wiped by endMany).
   */
  keptPayloadCopies(): Uint8Array[] {
    return blockCopies(memoryBytes(), this.#foundAt, this.#foundLength, this.#foundAt.length);
  }

  /** Where open() may work during the batch without touching it. */
  get spareOffset(): number {
    return this.#spareOffset;
  }

  /** Ends the batch: zeroes (or releases) what it used. */
  endMany(): void {
    wipeScratch(this.#batchSize);
    this.#keptCount = 0;
    this.#foundAt.length = this.#foundLength.length = 0;
  }

  // ---- the steps ----

  /** SPI | Sequence Number | IV (unless undefined: already there) | payload | padding | Pad Length | Next Header. */
  #writePacket(p: number, seqLow: number, iv: Uint8Array | undefined, payload: Uint8Array, nextHeader: number, icvAt: number): void {
    const m = memoryBytes();
    writeUint32At(m, p, this.#o.spi);
    writeUint32At(m, p + 4, seqLow);
    if (iv) for (let j = 0; j < iv.length; j++) m[p + HEADER_LENGTH + j] = iv[j]!;
    const textAt = p + this.#textAt;
    m.set(payload, textAt);
    // RFC 4303 section 2.4: the default padding 1, 2, 3, ..., then Pad Length and Next Header.
    let at = textAt + payload.length;
    const padLength = p + icvAt - 2 - at;
    for (let i = 1; i <= padLength; i++) m[at++] = i;
    m[at] = padLength;
    m[at + 1] = nextHeader;
  }

  /** Encrypts the text of the packet at `p` in place and writes its ICV (RFC 4303 section 3.3.2). */
  #protectAt(p: number, icvAt: number, seqHigh: number, spare: number): void {
    const o = this.#o, kernels = core(), text = p + this.#textAt, textLength = icvAt - this.#textAt;
    if (o.cipher?.kind === 'aes-cbc') kernels.cbcEncrypt(o.cipher.slot, p + HEADER_LENGTH, text, text, textLength >>> 4);
    if (o.cipher?.kind === 'tdes-cbc') kernels.tdesEncryptCbc(o.cipher.slot, p + HEADER_LENGTH, text, text, textLength >>> 3);
    if (o.aead) {
      const m = memoryBytes(), nonce = spare, aad = spare + NONCE_ROOM;
      this.#writeNonce(m, nonce, p);
      if (o.gmac) {
        const [from, length] = this.#gmacAad(m, p, icvAt, seqHigh, aad);
        kernels.gcmSeal(o.aead.slot, nonce, 12, from, length, p + icvAt, p + icvAt, 0, p + icvAt);
      } else {
        const length = this.#gcmAad(m, p, seqHigh, aad);
        kernels.gcmSeal(o.aead.slot, nonce, 12, aad, length, text, text, textLength, p + icvAt);
      }
      return;
    }
    const mac = o.mac as { algorithm: number; slot: number };
    if (o.esn) writeUint32At(memoryBytes(), p + icvAt, seqHigh);
    kernels.hmacMac(mac.algorithm, mac.slot, p, icvAt + (o.esn ? 4 : 0), p + icvAt, HMAC_ICV);
  }

  /** Whether the ICV of the packet copied to `q` is right (RFC 4303 section 3.4.4.1); may move its ICV. */
  #verifyAt(m: Uint8Array, q: number, icvAt: number, seqHigh: number, spare: number): boolean {
    const o = this.#o, kernels = core(), text = q + this.#textAt;
    if (o.aead) {
      const nonce = spare, aad = spare + NONCE_ROOM;
      this.#writeNonce(m, nonce, q);
      if (o.gmac) {
        const [from, length] = this.#gmacAad(m, q, icvAt, seqHigh, aad + AAD_ROOM);
        return kernels.gcmOpen(o.aead.slot, nonce, 12, from, length, q, q, 0, q + icvAt, o.icvLength) === 1;
      }
      const length = this.#gcmAad(m, q, seqHigh, aad);
      // SP 800-38D 7.2: the tag is checked before anything is decrypted; valid or not, in place.
      return kernels.gcmOpen(o.aead.slot, nonce, 12, aad, length, text, text, icvAt - this.#textAt, q + icvAt, o.icvLength) === 1;
    }
    const mac = o.mac as { algorithm: number; slot: number };
    let received = q + icvAt;
    if (o.esn) {
      // RFC 4303 section 2.8: the high-order bits follow the packet in the ICV input; move the
      // received ICV aside to make room for them.
      received = spare;
      m.copyWithin(received, q + icvAt, q + icvAt + HMAC_ICV);
      writeUint32At(m, q + icvAt, seqHigh);
    }
    const expected = spare + 16;
    kernels.hmacMac(mac.algorithm, mac.slot, q, icvAt + (o.esn ? 4 : 0), expected, HMAC_ICV);
    return equalAt(m, expected, received, HMAC_ICV);
  }

  /** Decrypts the text of the packet at `q` in place (AES-GCM already has, in gcmOpen). */
  #decryptAt(q: number, icvAt: number): void {
    const cipher = this.#o.cipher, text = q + this.#textAt, textLength = icvAt - this.#textAt;
    if (cipher?.kind === 'aes-cbc') core().cbcDecrypt(cipher.slot, q + HEADER_LENGTH, text, text, textLength >>> 4);
    if (cipher?.kind === 'tdes-cbc') core().tdesDecryptCbc(cipher.slot, q + HEADER_LENGTH, text, text, textLength >>> 3);
  }

  /**
   * RFC 4303 section 2.4: the length of the payload in the plaintext from `text` to `end`
   * (payload | padding | Pad Length | Next Header), or PADDING_FAILED when Pad Length overruns it
   * or, with `checkPadding`, the padding is not 1, 2, 3, ...; records where it is.
   */
  #findPayload(m: Uint8Array, text: number, end: number, checkPadding: boolean): number {
    const padLength = m[end - 2]!, start = end - 2 - padLength;
    if (start < text) return PADDING_FAILED;
    if (checkPadding) {
      let diff = 0;
      for (let i = 0; i < padLength; i++) diff |= m[start + i]! ^ (i + 1);
      if (diff !== 0) return PADDING_FAILED;
    }
    this.#payloadAt = text;
    this.#nextHeader = m[end - 1]!;
    return start - text;
  }

  /** salt || IV: the nonce of RFC 4106 section 4 / RFC 4543 section 3.2, for the packet at `p`. */
  #writeNonce(m: Uint8Array, nonce: number, p: number): void {
    for (let j = 0; j < 4; j++) m[nonce + j] = this.#salt[j]!;
    m.copyWithin(nonce + 4, p + HEADER_LENGTH, p + HEADER_LENGTH + 8);
  }

  /** RFC 4106 section 5: SPI || Sequence Number, or SPI || high 32 bits || low 32 bits with ESN. */
  #gcmAad(m: Uint8Array, p: number, seqHigh: number, aad: number): number {
    m.copyWithin(aad, p, p + 4);
    if (!this.#o.esn) {
      m.copyWithin(aad + 4, p + 4, p + 8);
      return 8;
    }
    writeUint32At(m, aad + 4, seqHigh);
    m.copyWithin(aad + 8, p + 4, p + 8);
    return 12;
  }

  /**
   * RFC 4543 section 3.3: the packet before the ICV is the AAD, as it stands without ESN; with ESN
   * a copy at `copy` with the high-order bits after the SPI. Returns its address and length.
   */
  #gmacAad(m: Uint8Array, p: number, icvAt: number, seqHigh: number, copy: number): [number, number] {
    if (!this.#o.esn) return [p, icvAt];
    m.copyWithin(copy, p, p + 4);
    writeUint32At(m, copy + 4, seqHigh);
    m.copyWithin(copy + 8, p + 4, p + icvAt);
    return [copy, icvAt + 4];
  }

  #grow(count: number): void {
    this.#slotOf = new Int32Array(count);
    this.#slotAt = new Uint32Array(count);
    this.#slotIcvAt = new Uint32Array(count);
    this.#kept = new Uint32Array(count);
  }

  #wipe(): void {
    memoryBytes().fill(0, this.#openedFrom, this.#openedTo);
  }
}

/** What open() needs for a packet of `n` bytes: the packet and its ESN tail, an ICV aside and the expected one, the nonce and AAD. */
function openRoom(n: number, gmacEsn: boolean): number {
  return align16(n + 4) + 32 + NONCE_ROOM + AAD_ROOM + (gmacEsn ? align16(n + 4) : 0);
}

function writeUint32At(m: Uint8Array, at: number, value: number): void {
  m[at] = value >>> 24;
  m[at + 1] = value >>> 16;
  m[at + 2] = value >>> 8;
  m[at + 3] = value;
}

/** Equality of `length` bytes at two addresses, in time that does not depend on their contents. */
function equalAt(m: Uint8Array, a: number, b: number, length: number): boolean {
  let diff = 0;
  for (let i = 0; i < length; i++) diff |= m[a + i]! ^ m[b + i]!;
  return diff === 0;
}

/**
 * A copy of `length` bytes of linear memory at `from` in an array of its own: small ones (V8 keeps
 * arrays of up to 64 bytes on the JS heap) by a loop, larger ones through a view; either is
 * cheaper than TypedArray.prototype.slice.
 */
function copyOf(from: number, length: number): Uint8Array {
  const copy = new Uint8Array(length), m = memoryBytes();
  if (length > 64) copy.set(m.subarray(from, from + length));
  else for (let i = 0; i < length; i++) copy[i] = m[from + i]!;
  return copy;
}

// Views of linear memory, one per (address, length), made once: copying out through a cached view
// allocates nothing, where a byte loop is several times slower and a fresh subarray allocates. The
// addresses are few (the scratch region's start, and its payload offsets 8, 16 and 24), so is the
// cache; it starts again when memory grows or the region moves.
const MAX_CACHED_LENGTH = 4096;
let viewsOf = new Map<number, (Uint8Array | undefined)[]>();
let viewsBuffer: ArrayBufferLike | undefined;

function viewAt(address: number, length: number): Uint8Array {
  const buffer = memoryBytes().buffer;
  if (length > MAX_CACHED_LENGTH) return new Uint8Array(buffer, address, length);
  if (buffer !== viewsBuffer) {
    viewsOf = new Map();
    viewsBuffer = buffer;
  }
  let views = viewsOf.get(address);
  if (!views) {
    if (viewsOf.size >= 8) viewsOf.clear();
    views = new Array<Uint8Array | undefined>(MAX_CACHED_LENGTH + 1);
    viewsOf.set(address, views);
  }
  return (views[length] ??= new Uint8Array(buffer, address, length));
}
