import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  espPacket, espPayload, ipPayload, IPPROTO_ESP, IPPROTO_UDP, LINKTYPE_ETHERNET, LINKTYPE_RAW, parseAddress, pcapFile, udpPacket,
} from './pcap.js';
import { tsharkFields } from './tshark.js';

// The capture files the interop harness writes, read back by tshark, whose IP and UDP dissectors
// check the header and UDP checksums independently of pcap.ts.

const CHECKSUMS = ['-o', 'ip.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];
// tshark's checksum status values (proto.h): 0 bad, 1 good, 2 unverified, 3 not present (zero).
const GOOD = '1', BAD = '0', NOT_PRESENT = '3';

function randomAddress(v6: boolean): string {
  const b = randomBytes(v6 ? 16 : 4);
  if (!v6) return [...b].join('.');
  return Array.from({ length: 8 }, (_, i) => ((b[2 * i]! << 8) | b[2 * i + 1]!).toString(16)).join(':');
}

function randomUdpPackets(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const v6 = i % 2 === 1;
    const p = {
      src: randomAddress(v6), dst: randomAddress(v6), srcPort: randomInt(1, 65536), dstPort: randomInt(1, 65536),
      payload: randomBytes(randomInt(0, 1473)),
    };
    return { ...p, packet: udpPacket(p.src, p.dst, p.srcPort, p.dstPort, p.payload) };
  });
}

const hexOf = (address: string) => Buffer.from(parseAddress(address)).toString('hex');

describe('pcap files read by tshark', () => {
  it.each([['raw IP', LINKTYPE_RAW, 'raw'], ['Ethernet', LINKTYPE_ETHERNET, 'eth:ethertype']] as const)(
    'as %s: IPv4 header and UDP checksums are good, and addresses, ports and lengths read back',
    (_, linkType, link) => {
      const packets = randomUdpPackets(300);
      const rows = tsharkFields(pcapFile(packets.map((p) => p.packet), linkType), [
        'frame.protocols', 'ip.checksum.status', 'udp.checksum.status', 'ip.src', 'ipv6.src', 'ip.dst', 'ipv6.dst',
        'udp.srcport', 'udp.dstport', 'udp.length',
      ], CHECKSUMS);
      const seen = rows.map(([protocols, ipSum, udpSum, src4, src6, dst4, dst6, sport, dport, length]) => [
        // Random ports wake random dissectors above UDP; the stack up to UDP is what pcap.ts wrote.
        protocols![0]!.replace(/:udp:.*$/, ':udp'), ipSum![0] ?? null, udpSum![0], hexOf((src4![0] ?? src6![0])!), hexOf((dst4![0] ?? dst6![0])!),
        Number(sport![0]), Number(dport![0]), Number(length![0]),
      ]);
      expect(seen).toEqual(packets.map((p) => [
        `${link}:${p.src.includes(':') ? 'ipv6' : 'ip'}:udp`,
        p.src.includes(':') ? null : GOOD, GOOD, hexOf(p.src), hexOf(p.dst), p.srcPort, p.dstPort, 8 + p.payload.length,
      ]));
    },
  );

  it('reports a corrupted IPv4 header checksum and a corrupted UDP checksum as bad', () => {
    const packet = udpPacket('192.0.2.1', '192.0.2.2', 5060, 5060, randomBytes(41));
    const badHeader = packet.slice(), badUdp = packet.slice();
    badHeader[11]! ^= 0x01;
    badUdp[27]! ^= 0x80;
    const rows = tsharkFields(pcapFile([packet, badHeader, badUdp]), ['ip.checksum.status', 'udp.checksum.status'], CHECKSUMS);
    expect(rows.map((r) => r.map((f) => f[0]))).toEqual([[GOOD, GOOD], [BAD, GOOD], [GOOD, BAD]]);
  });

  it('carries ESP as protocol 50 and in UDP port 4500 (RFC 3948: zero UDP checksum over IPv4, computed over IPv6)', () => {
    const cases = [
      { src: '192.0.2.1', dst: '198.51.100.2', natT: false },
      { src: '192.0.2.1', dst: '198.51.100.2', natT: true },
      { src: '2001:db8::1', dst: '2001:db8:1::2', natT: false },
      { src: '2001:db8::1', dst: '2001:db8:1::2', natT: true },
    ].map((c, i) => ({ ...c, esp: Uint8Array.from([0, 0, 0x10, i, 0, 0, 0, 1, ...randomBytes(48)]) }));
    const packets = cases.map((c) => espPacket(c.src, c.dst, c.esp, c.natT));
    const rows = tsharkFields(pcapFile(packets), ['frame.protocols', 'udp.checksum.status', 'udp.port', 'esp.spi', 'esp.sequence'], CHECKSUMS);
    expect(rows.map((r) => r.map((f) => f.join(' ')))).toEqual(cases.map((c, i) => [
      `raw:${c.src.includes(':') ? 'ipv6' : 'ip'}${c.natT ? ':udp:udpencap' : ''}:esp`,
      c.natT ? (c.src.includes(':') ? GOOD : NOT_PRESENT) : '', c.natT ? '4500 4500' : '', `0x000010${i.toString(16).padStart(2, '0')}`, '1',
    ]));
    expect(packets.map((p) => Buffer.from(espPayload(p)!).toString('hex'))).toEqual(cases.map((c) => Buffer.from(c.esp).toString('hex')));
    expect(packets.map((p) => ipPayload(p).protocol)).toEqual(cases.map((c) => (c.natT ? IPPROTO_UDP : IPPROTO_ESP)));
  });
});

describe('parseAddress', () => {
  it.each([
    ['192.0.2.1', 'c0000201'],
    ['::', '0'.repeat(32)],
    ['::1', '0'.repeat(31) + '1'],
    ['2001:db8::', '20010db8' + '0'.repeat(24)],
    ['1::2:3', '0001' + '0'.repeat(20) + '00020003'],
    ['fe80:0:0:0:1:2:3:4', 'fe80000000000000' + '0001000200030004'],
  ])('%s', (text, hex) => {
    expect(Buffer.from(parseAddress(text)).toString('hex')).toBe(hex);
  });

  it.each(['1.2.3', '1.2.3.256', '1::2::3', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', 'g::1', ''])('rejects %j', (text) => {
    expect(() => parseAddress(text)).toThrow(TypeError);
  });
});
