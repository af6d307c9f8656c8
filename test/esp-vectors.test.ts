import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InboundSa, OutboundSa, fromHex, toHex } from '../src/index.js';
import { EspProtection } from '../src/esp/protection.js';
import cbc from '../test-vectors/aes128-cbc.json' with { type: 'json' };
import espGcm from '../test-vectors/esp-gcm.json' with { type: 'json' };
import { wasmPrimitives } from '../src/index.js';

const hmacSha1_96 = (key: Uint8Array, data: Uint8Array) => new Uint8Array(createHmac('sha1', key).update(data).digest().subarray(0, 12));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** RFC 3602 section 4 cases #5-#8, the ESP packets, from the AES-CBC vector file. */
const rfc3602 = {
  cases: cbc.cases.flatMap((c) => ('esp' in c && c.esp ? [{
    name: c.name, key: c.key, iv: c.iv, spi: parseInt(c.esp.spi, 16), seq: parseInt(c.esp.sequence, 16),
    payload: c.esp.payload, nextHeader: c.esp.nextHeader, esp: c.esp.packet,
  }] : [])),
};

describe('RFC 3602 section 4, cases #5-#8: AES-CBC ESP packets', () => {
  // The RFC's packets carry no ICV; TS 33.203 SAs always have one, so an HMAC-SHA-1-96 ICV computed
  // with node:crypto over the published packet is appended, and compared on the way out.
  it.each(rfc3602.cases)('$name: InboundSa accepts the packet and recovers the data', (vector) => {
    const integrityKey = randomBytes(20);
    const esp = fromHex(vector.esp);
    const inbound = new InboundSa({
      spi: vector.spi, integrity: 'hmac-sha-1-96', encryption: 'aes-cbc',
      keys: { integrityKey, cipherKey: fromHex(vector.key) }, primitives: wasmPrimitives,
    });
    const result = inbound.verify(concat(esp, hmacSha1_96(integrityKey, esp)));
    expect(result).toEqual({ ok: true, payload: fromHex(vector.payload), nextHeader: vector.nextHeader, seq: vector.seq, seqHigh: 0 });
    inbound.dispose();
  });

  it.each(rfc3602.cases)('$name: OutboundSa reproduces it byte for byte from the same IV', (vector) => {
    const integrityKey = randomBytes(20);
    const outbound = new OutboundSa({
      spi: vector.spi, integrity: 'hmac-sha-1-96', encryption: 'aes-cbc',
      keys: { integrityKey, cipherKey: fromHex(vector.key) }, primitives: wasmPrimitives,
      ivSource: () => fromHex(vector.iv), initialSequence: BigInt(vector.seq - 1),
    });
    const packet = outbound.protect(fromHex(vector.payload), vector.nextHeader);
    const esp = fromHex(vector.esp);
    expect(toHex(packet.subarray(0, esp.length))).toBe(vector.esp);
    expect(toHex(packet.subarray(esp.length))).toBe(toHex(hmacSha1_96(integrityKey, esp)));
    expect(outbound.sequence).toBe(BigInt(vector.seq));
    outbound.dispose();
  });

  it('has the four cases', () => expect(rfc3602.cases.length).toBe(4));
});

/**
 * The draft's AES-GCM-ESP cases an SA can carry: all but the one with SPI 0, which RFC 4303
 * section 2.1 forbids on the wire (the GMAC case is tested in gcm.test.ts).
 */
const gcm = { cases: espGcm.cases.filter((c) => c.algorithm === 'AES-GCM-ESP' && c.spi !== '00000000') };

/** The ESP view of a draft-mcgrew-gcm-test-01 case: RFC 4106 sections 4 and 5 read backwards. */
function gcmPacket(vector: (typeof gcm.cases)[number]) {
  const aad = fromHex(vector.aad), nonce = fromHex(vector.nonce), plaintext = fromHex(vector.plaintext);
  const esn = aad.length === 12;
  const word = (at: number) => Buffer.from(aad).readUInt32BE(at);
  const iv = nonce.subarray(4);
  const padLength = plaintext[plaintext.length - 2]!;
  return {
    spi: word(0),
    esn,
    seqHigh: esn ? word(4) : 0,
    seq: word(aad.length - 4),
    keys: { cipherKey: fromHex(vector.key), salt: nonce.subarray(0, 4) },
    iv,
    payload: plaintext.subarray(0, plaintext.length - 2 - padLength),
    nextHeader: plaintext[plaintext.length - 1]!,
    plaintext,
    packet: concat(aad.subarray(0, 4), aad.subarray(aad.length - 4), iv, fromHex(vector.ciphertext), fromHex(vector.tag)),
  };
}

describe('draft-mcgrew-gcm-test-01: AES-GCM-ESP packets (RFC 4106)', () => {
  it.each(gcm.cases)('$name is what node:crypto AES-128-GCM computes', (vector) => {
    const cipher = createCipheriv('aes-128-gcm', fromHex(vector.key), fromHex(vector.nonce)).setAAD(fromHex(vector.aad));
    const ciphertext = Buffer.concat([cipher.update(fromHex(vector.plaintext)), cipher.final()]);
    expect(ciphertext.toString('hex')).toBe(vector.ciphertext);
    expect(cipher.getAuthTag().toString('hex')).toBe(vector.tag);
  });

  it.each(gcm.cases)('$name: the packet transform seals and opens it', (vector) => {
    const v = gcmPacket(vector);
    const protection = new EspProtection({
      spi: v.spi, integrity: 'null', encryption: 'aes-gcm-16', keys: v.keys, esn: v.esn, primitives: wasmPrimitives,
    });
    expect(toHex(protection.seal(v.seqHigh, v.seq, v.iv, v.payload, v.nextHeader))).toBe(toHex(v.packet));
    expect(toHex(protection.open(v.packet, v.seqHigh)!)).toBe(vector.plaintext);
    // With ESN the high half enters the AAD (RFC 4106 section 5): a wrong guess fails the tag.
    if (v.esn) expect(protection.open(v.packet, v.seqHigh ^ 1)).toBeNull();
    protection.dispose();
  });

  it.each(gcm.cases)('$name: OutboundSa reproduces it from the same IV and sequence number', (vector) => {
    const v = gcmPacket(vector);
    const outbound = new OutboundSa({
      spi: v.spi, integrity: 'null', encryption: 'aes-gcm-16', keys: v.keys, esn: v.esn, primitives: wasmPrimitives,
      ivSource: () => v.iv, initialSequence: ((BigInt(v.seqHigh) << 32n) | BigInt(v.seq)) - 1n,
    });
    expect(toHex(outbound.protect(v.payload, v.nextHeader))).toBe(toHex(v.packet));
    outbound.dispose();
  });

  it.each(gcm.cases.filter((vector) => gcmPacket(vector).seqHigh === 0))(
    '$name: a fresh InboundSa accepts it',
    (vector) => {
      const v = gcmPacket(vector);
      const inbound = new InboundSa({
        spi: v.spi, integrity: 'null', encryption: 'aes-gcm-16', keys: v.keys, esn: v.esn, primitives: wasmPrimitives,
      });
      expect(inbound.verify(v.packet)).toEqual({ ok: true, payload: v.payload, nextHeader: v.nextHeader, seq: v.seq, seqHigh: 0 });
      expect(inbound.verify(v.packet)).toEqual({ ok: false, reason: 'replay' });
      inbound.dispose();
    },
  );

  it('has ten cases, eight of them with an extended sequence number', () => {
    expect(gcm.cases.length).toBe(10);
    expect(gcm.cases.filter((vector) => gcmPacket(vector).esn).length).toBe(8);
  });
});
