import { describe, expect, it } from 'vitest';
import { InboundSa, OutboundSa, type EspKeys, type InboundSaOptions } from '../../src/index.js';
import { ENDPOINTS, PAIRS, randomSa, sipMessage, SIP_PORT } from './esp-corpus.js';
import { ENCRYPTION, INTEGRITY, type EspSa } from './esp-sa.js';
import { espPacket, espPayload, IPPROTO_UDP, udpDatagram, udpPacket } from './pcap.js';
import { protectWithScapy, SCAPY_ENCRYPTION, verifyWithScapy } from './scapy.js';
import { judgeWithTshark } from './tshark.js';

// akacore's ESP judged by independent implementations (the harness itself is proven in
// esp-reference.test.ts): tshark must find every ICV of an akacore packet good and decrypt it to the
// SIP datagram, scapy must verify and decrypt it, and akacore must accept what scapy protects.
// Tampered packets are rejected by both sides.

/** The pairs with a 128-bit AES key (akacore implements AES-128): every TS 33.203 pair and AES-GCM. */
const AKACORE_PAIRS = PAIRS.filter((p) => p.encryption === 'null' || p.encryption === 'des-ede3-cbc' || p.keyBytes === 16 || p.keyBytes === 20);

/** The harness's SA as akacore's SA options (the GCM key material is key || salt, RFC 4106 section 8.1). */
function akacoreOptions(sa: EspSa): InboundSaOptions {
  const gcm = sa.encryption.startsWith('aes-gcm');
  const keys: EspKeys = {
    integrityKey: sa.integrity === 'null' ? undefined : sa.integrityKey,
    cipherKey: sa.encryption === 'null' ? undefined : sa.encryptionKey.subarray(0, gcm ? 16 : undefined),
    salt: gcm ? sa.encryptionKey.subarray(16) : undefined,
  };
  return { spi: sa.spi, integrity: sa.integrity, encryption: sa.encryption, keys };
}

interface AkacorePacket { name: string; sa: EspSa; natT: boolean; payload: Uint8Array; esp: Uint8Array; packet: Uint8Array }

/** SIP datagrams of 100 to 1,300 bytes (every pad length) protected by akacore, per SA and carriage. */
function akacoreCorpus(): { sas: EspSa[]; packets: AkacorePacket[] } {
  const sas: EspSa[] = [], packets: AkacorePacket[] = [];
  let spi = 0x2000;
  for (const pair of AKACORE_PAIRS) {
    for (const ends of ENDPOINTS) {
      const sa = randomSa(spi++, pair, ends);
      sas.push(sa);
      const outbound = new OutboundSa(akacoreOptions(sa));
      for (const natT of [false, true]) {
        for (let i = 0; i < 16; i++) {
          const sip = new TextEncoder().encode(sipMessage(i, i + (i % 5 === 4 ? 1200 : 0)));
          const payload = udpDatagram(sa.src, sa.dst, SIP_PORT, SIP_PORT, sip);
          const esp = outbound.protect(payload, IPPROTO_UDP);
          const name = `${sa.encryption}/${sa.integrity} ${sa.src}${natT ? ' UDP-4500' : ''} (${payload.length} bytes)`;
          packets.push({ name, sa, natT, payload, esp, packet: espPacket(sa.src, sa.dst, esp, natT) });
        }
      }
      outbound.dispose();
    }
  }
  return { sas, packets };
}

const hex = (b: Uint8Array | null) => (b === null ? 'null' : Buffer.from(b).toString('hex'));

/** A copy of `p`'s ESP with one bit flipped in the encrypted payload or the ICV, as an IP packet. */
function tampered(p: AkacorePacket, where: 'payload' | 'icv'): Uint8Array {
  const icv = ENCRYPTION[p.sa.encryption].icvBytes + INTEGRITY[p.sa.integrity].icvBytes;
  const start = where === 'payload' ? 8 + ENCRYPTION[p.sa.encryption].ivBytes : p.esp.length - icv;
  const end = where === 'payload' ? p.esp.length - icv : p.esp.length;
  const esp = Uint8Array.from(p.esp);
  esp[start + Math.floor(Math.random() * (end - start))]! ^= 1 << Math.floor(Math.random() * 8);
  return espPacket(p.sa.src, p.sa.dst, esp, p.natT);
}

const { sas, packets } = akacoreCorpus();

describe('tshark judges ESP packets protected by akacore', () => {
  it(`finds every ICV good and decrypts every packet to its SIP datagram (${packets.length} packets)`, () => {
    const verdicts = judgeWithTshark(packets.map((p) => p.packet), sas);
    const problems = packets.flatMap((p, i) => {
      const v = verdicts[i]!;
      return [
        v.icv !== 'good' && `${p.name}: icv ${v.icv}`,
        hex(v.decrypted) !== hex(p.payload) && `${p.name}: decrypted to other bytes`,
        v.nextHeader !== IPPROTO_UDP && `${p.name}: next header ${v.nextHeader}`,
        v.malformed && `${p.name}: malformed`,
      ].filter((x): x is string => !!x);
    });
    expect(problems).toEqual([]);
    expect(packets.length).toBeGreaterThan(400);
  });

  it('reports a flipped bit in the payload or the ICV as bad, as akacore itself does', () => {
    const firsts = packets.filter((_, i) => i % 16 === 0);
    const bad = firsts.flatMap((p) => [tampered(p, 'payload'), tampered(p, 'icv')]);
    const verdicts = judgeWithTshark(bad, sas);
    expect(verdicts.map((v) => v.icv)).toEqual(bad.map(() => 'bad'));
    for (const [i, packet] of bad.entries()) {
      const inbound = new InboundSa(akacoreOptions(firsts[i >> 1]!.sa));
      expect(inbound.verify(espPayload(packet)!)).toEqual({ ok: false, reason: 'icv' });
      inbound.dispose();
    }
  });
});

describe('scapy and akacore verify each other', () => {
  const scapyPackets = packets.filter((p) => SCAPY_ENCRYPTION[p.sa.encryption] !== null);

  it('scapy verifies and decrypts what akacore protects, and rejects tampered packets', () => {
    const bySa = new Map<EspSa, AkacorePacket[]>();
    for (const p of scapyPackets) bySa.set(p.sa, [...(bySa.get(p.sa) ?? []), p]);
    const jobs = [...bySa.entries()];
    const answer = verifyWithScapy(jobs.map(([sa, list]) => ({ sa, packets: list.map((p) => p.packet) })));
    const problems = jobs.flatMap(([, list], j) => list.map((p, i) => {
      const v = answer.results[j]![i]!;
      if (!v.ok) return `${p.name}: ${v.error} ${v.detail}`;
      return hex(v.payload) === hex(p.payload) && v.nextHeader === IPPROTO_UDP ? null : `${p.name}: other payload`;
    })).filter((x) => x !== null);
    expect(problems).toEqual([]);

    const tamperedAnswer = verifyWithScapy(jobs.map(([sa, list]) => ({ sa, packets: [tampered(list[0]!, 'payload'), tampered(list[0]!, 'icv')] })));
    expect(tamperedAnswer.results.flat().map((v) => (v.ok ? 'ok' : v.error))).toEqual(jobs.flatMap(() => ['integrity', 'integrity']));
  });

  it('akacore verifies and decrypts what scapy protects (random IVs), and refuses a replay', () => {
    const scapySas = sas.filter((sa) => SCAPY_ENCRYPTION[sa.encryption] !== null);
    const sip = (i: number) => new TextEncoder().encode(sipMessage(i, 40 * i));
    const jobs = scapySas.flatMap((sa) => [false, true].map((natT) => ({
      sa, natT, packets: Array.from({ length: 8 }, (_, i) => ({ seq: i + 1, packet: udpPacket(sa.src, sa.dst, SIP_PORT, SIP_PORT, sip(i)) })),
    })));
    const made = protectWithScapy(jobs);
    const problems = jobs.flatMap((job, j) => {
      const inbound = new InboundSa(akacoreOptions(job.sa));
      const found = made.results[j]!.map((packet, i) => {
        const result = inbound.verify(espPayload(packet)!);
        const want = udpDatagram(job.sa.src, job.sa.dst, SIP_PORT, SIP_PORT, sip(i));
        if (!result.ok) return `${job.sa.encryption}/${job.sa.integrity} seq ${i + 1}: ${result.reason}`;
        return hex(result.payload) === hex(want) && result.seq === i + 1 ? null : `${job.sa.encryption} seq ${i + 1}: other payload`;
      });
      const replay = inbound.verify(espPayload(made.results[j]![0]!)!);
      inbound.dispose();
      return [...found, replay.ok || replay.reason !== 'replay' ? `${job.sa.encryption}: replay accepted` : null];
    }).filter((x) => x !== null);
    expect(problems).toEqual([]);
    expect(jobs.length).toBeGreaterThanOrEqual(8);
  });
});
