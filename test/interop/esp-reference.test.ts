import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { referenceProtect, referenceVerify } from '../reference/esp.js';
import { PAIRS, randomSa, ENDPOINTS, referenceCorpus, referencePacket, sipMessage, tampered, type ReferencePacket } from './esp-corpus.js';
import { ENCRYPTION } from './esp-sa.js';
import { espPacket, espPayload, ipPayload, IPPROTO_UDP, udpDatagram, udpPacket } from './pcap.js';
import { protectWithScapy, SCAPY_APT_PACKAGE, SCAPY_ENCRYPTION, scapyVersion, verifyWithScapy } from './scapy.js';
import { judgeWithTshark, TSHARK_APT_PACKAGE, tsharkVersion, type TsharkVerdict } from './tshark.js';

// Proves the interop harness before it judges akacore: reference ESP packets built with node:crypto
// (test/reference/esp.ts) must be judged good by tshark and scapy, tampered ones bad, and scapy's
// own packets must decode with the reference. tshark and scapy are Debian packages that .ci/run
// installs; without them these tests fail, naming the package, rather than skip.

const { sas, packets } = referenceCorpus();
const scapyCan = (p: ReferencePacket) => SCAPY_ENCRYPTION[p.sa.encryption] !== null;
const hex = (b: Uint8Array | null) => (b === null ? 'null' : Buffer.from(b).toString('hex'));

/** RFC 4303 clause 2.4: the fewest bytes 1, 2, 3, ... that align payload, pad length and next header. */
function rfcPadding(p: ReferencePacket): Uint8Array {
  const align = ENCRYPTION[p.sa.encryption].alignBytes;
  return Uint8Array.from({ length: (align - ((p.payload.length + 2) % align)) % align }, (_, i) => i + 1);
}

/** Everything a judge should have said about a good reference packet but did not, as readable lines. */
function tsharkProblems(p: ReferencePacket, v: TsharkVerdict): string[] {
  const expected = rfcPadding(p);
  return [
    v.spi !== p.sa.spi && `spi ${v.spi}`,
    v.icv !== 'good' && `icv ${v.icv}`,
    hex(v.decrypted) !== hex(p.payload) && `decrypted to ${v.decrypted?.length ?? 'no'} other bytes`,
    hex(v.padding) !== hex(expected) && `padding ${hex(v.padding)}`,
    v.nextHeader !== IPPROTO_UDP && `next header ${v.nextHeader}`,
    v.malformed && 'malformed',
  ].filter((x): x is string => !!x).map((problem) => `${p.name}: ${problem}`);
}

describe('the judges are installed', () => {
  it(`tshark (apt-get install ${TSHARK_APT_PACKAGE})`, () => {
    expect(tsharkVersion(), `tshark not found: apt-get install ${TSHARK_APT_PACKAGE}`).toMatch(/^TShark \(Wireshark\) \d+\.\d+/);
  });

  it(`scapy under /usr/bin/python3 (apt-get install ${SCAPY_APT_PACKAGE})`, () => {
    expect(scapyVersion(), `scapy not importable by /usr/bin/python3: apt-get install ${SCAPY_APT_PACKAGE}`).toMatch(/^\d+\.\d+/);
  });
});

describe('tshark judges reference ESP packets', () => {
  it(`checks every ICV good and decrypts to the SIP text (${PAIRS.length} algorithm pairs x IPv4/IPv6 x protocol 50/UDP 4500 x 16 lengths)`, () => {
    const verdicts = judgeWithTshark(packets.map((p) => p.packet), sas);
    expect(verdicts.length).toBe(packets.length);
    expect(packets.flatMap((p, i) => tsharkProblems(p, verdicts[i]!))).toEqual([]);
    expect(new TextDecoder().decode(verdicts[0]!.decrypted!.subarray(8))).toBe(packets[0]!.sip);
  });

  it('reports a flipped bit in the encrypted payload or in the ICV as bad, for every pair and carriage', () => {
    const firsts = packets.filter((_, i) => i % 16 === 0);
    const bad = firsts.flatMap((p) => [tampered(p, 'payload'), tampered(p, 'icv')]);
    // The reference rejects them too, so each flip really changed what the ICV covers.
    for (const [i, packet] of bad.entries()) expect(referenceVerify(firsts[i >> 1]!.sa, espPayload(packet)!).ok).toBe(false);
    const verdicts = judgeWithTshark(bad, sas);
    expect(verdicts.map((v, i) => `${firsts[i >> 1]!.name}: ${v.icv}`))
      .toEqual(bad.map((_, i) => `${firsts[i >> 1]!.name}: bad`));
  });

  it('leaves the ICV unchecked without a matching SA, and without an integrity algorithm', () => {
    const firsts = packets.filter((_, i) => i % 16 === 0);
    const noSa = judgeWithTshark(firsts.map((p) => p.packet), []);
    expect(noSa.map((v) => [v.icv, v.decrypted])).toEqual(firsts.map(() => ['unchecked', null]));

    // Confidentiality only (RFC 4303 clause 3.2.2): tshark decrypts but has no ICV to check.
    const sa = randomSa(0x2000, { encryption: 'aes-cbc', keyBytes: 16, integrity: 'null' }, ENDPOINTS[0]!);
    const p = referencePacket(sa, false, 1, sipMessage(0, 0));
    const [v] = judgeWithTshark([p.packet], [sa]);
    expect([v!.icv, hex(v!.decrypted)]).toEqual(['unchecked', hex(p.payload)]);
  });

  it('dissects the decrypted payload as SIP when asked to', () => {
    const some = packets.filter((_, i) => i % 7 === 0);
    const verdicts = judgeWithTshark(some.map((p) => p.packet), sas, { dissectPayload: true });
    expect(verdicts.map((v) => [v.icv, v.malformed, v.protocols.endsWith(':esp:udp:sip')]))
      .toEqual(some.map(() => ['good', false, true]));
  });

  it('checks the ICV of random bytes sent to the SIP port (the payload is not dissected by default)', () => {
    const sa = sas[2]!;
    const randomPackets = Array.from({ length: 300 }, (_, i) => {
      const payload = udpDatagram(sa.src, sa.dst, 5060 + (i % 3), 5060, randomBytes(40 + i));
      const esp = referenceProtect(sa, { seq: i + 1, iv: randomBytes(ENCRYPTION[sa.encryption].ivBytes), nextHeader: IPPROTO_UDP, payload });
      return espPacket(sa.src, sa.dst, esp, i % 2 === 1);
    });
    expect(judgeWithTshark(randomPackets, [sa]).filter((v) => v.icv !== 'good' || v.malformed)).toEqual([]);
  });
});

describe('scapy judges reference ESP packets', () => {
  const judged = packets.filter(scapyCan);

  it('verifies and decrypts every one, with the default padding', () => {
    const jobs = sas.filter((sa) => SCAPY_ENCRYPTION[sa.encryption] !== null)
      .map((sa) => ({ sa, packets: judged.filter((p) => p.sa === sa) }));
    const answer = verifyWithScapy(jobs.map((j) => ({ sa: j.sa, packets: j.packets.map((p) => p.packet) })));
    const problems = jobs.flatMap((job, j) => job.packets.map((p, i) => {
      const v = answer.results[j]![i]!;
      if (!v.ok) return `${p.name}: ${v.error} ${v.detail}`;
      const padLength = rfcPadding(p).length;
      const same = v.nextHeader === IPPROTO_UDP && v.padLength === padLength && hex(v.payload) === hex(p.payload);
      return same ? null : `${p.name}: next header ${v.nextHeader}, pad length ${v.padLength}, ${v.payload.length} payload bytes`;
    })).filter((x) => x !== null);
    expect(problems).toEqual([]);
    expect(judged.length).toBeGreaterThan(500);
  });

  it('rejects a flipped bit in the encrypted payload or in the ICV with an integrity error', () => {
    const firsts = judged.filter((_, i) => i % 16 === 0);
    const answer = verifyWithScapy(firsts.map((p) => ({ sa: p.sa, packets: [tampered(p, 'payload'), tampered(p, 'icv')] })));
    expect(answer.results.map((r, i) => `${firsts[i]!.name}: ${r.map((v) => (v.ok ? 'ok' : v.error)).join(' ')}`))
      .toEqual(firsts.map((p) => `${p.name}: integrity integrity`));
  });
});

describe('scapy makes ESP packets the reference and tshark accept', () => {
  const scapySas = sas.filter((sa) => SCAPY_ENCRYPTION[sa.encryption] !== null);
  const firsts = packets.filter((p, i) => scapyCan(p) && i % 4 === 0);

  it('gives byte-identical ESP for the same SA, sequence number, IV and payload', () => {
    const made = protectWithScapy(firsts.map((p) => ({
      sa: p.sa, natT: p.natT,
      packets: [{ seq: p.seq, iv: p.iv, packet: udpPacket(p.sa.src, p.sa.dst, 5060, 5060, new TextEncoder().encode(p.sip)) }],
    })));
    expect(made.results.length).toBe(firsts.length);
    expect(firsts.filter((p, i) => hex(espPayload(made.results[i]![0]!)) !== hex(p.esp)).map((p) => p.name)).toEqual([]);
  });

  it('with random IVs: the reference decodes them and tshark checks them good', () => {
    const sip = (i: number) => new TextEncoder().encode(sipMessage(i, i));
    const jobs = scapySas.flatMap((sa) => [false, true].map((natT) => ({
      sa, natT, packets: Array.from({ length: 8 }, (_, i) => ({ seq: i + 1, packet: udpPacket(sa.src, sa.dst, 5060, 5060, sip(i)) })),
    })));
    const made = protectWithScapy(jobs);
    expect(made.encryption).toEqual(expect.arrayContaining(Object.values(SCAPY_ENCRYPTION).filter((a) => a !== null)));

    const problems = jobs.flatMap((job, j) => made.results[j]!.map((packet, i) => {
      const label = `${job.sa.encryption}/${job.sa.integrity} ${job.sa.src}${job.natT ? ' UDP-4500' : ''} seq ${i + 1}`;
      const esp = espPayload(packet);
      if (esp === null) return `${label}: no ESP found`;
      const decoded = referenceVerify(job.sa, esp);
      if (!decoded.ok) return `${label}: ${decoded.reason}`;
      const expected = ipPayload(job.packets[i]!.packet).payload;
      return decoded.seq === i + 1 && decoded.nextHeader === IPPROTO_UDP && hex(decoded.payload) === hex(expected)
        ? null : `${label}: decoded to something else`;
    })).filter((x) => x !== null);
    expect(problems).toEqual([]);

    const verdicts = judgeWithTshark(made.results.flat(), scapySas);
    expect(verdicts.filter((v) => v.icv !== 'good' || v.malformed)).toEqual([]);
  });
});
