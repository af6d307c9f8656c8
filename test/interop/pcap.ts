// Packets on the wire and the capture file that carries them to tshark: IPv4 (RFC 791) and IPv6
// (RFC 8200) headers, UDP (RFC 768), ESP as IP protocol 50 (RFC 4303) or inside UDP port 4500
// (RFC 3948), and the classic libpcap file format with LINKTYPE_RAW or LINKTYPE_ETHERNET.
// Test-only code: plain, allocation-happy, and independent of the library under test.

export const IPPROTO_UDP = 17;
export const IPPROTO_ESP = 50;
/** RFC 3948 clause 2.1: UDP-encapsulated ESP uses the IKE NAT-T port. */
export const NAT_T_PORT = 4500;

/** The libpcap link types this file writes (tcpdump.org link-layer header types). */
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;

/** Parses a dotted-quad IPv4 address or an IPv6 address (with '::') into 4 or 16 bytes. */
export function parseAddress(text: string): Uint8Array {
  if (text.includes(':')) return parseIpv6(text);
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new TypeError(`address must be dotted IPv4 or IPv6 text, got ${JSON.stringify(text)}`);
  }
  return Uint8Array.from(parts);
}

function parseIpv6(text: string): Uint8Array {
  const halves = text.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!), tail = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length > 2 || missing < 0 || (halves.length === 1 && missing !== 0)) {
    throw new TypeError(`address must be IPv6 text, got ${JSON.stringify(text)}`);
  }
  const all = [...head, ...Array<string>(missing).fill('0'), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) throw new TypeError(`address must be IPv6 text, got ${JSON.stringify(text)}`);
    const v = parseInt(g, 16);
    bytes[2 * i] = v >> 8;
    bytes[2 * i + 1] = v & 0xff;
  });
  return bytes;
}

/** The Internet checksum (RFC 1071): ones' complement of the ones' complement sum of 16-bit words. */
export function internetChecksum(...parts: Uint8Array[]): number {
  let sum = 0;
  for (const part of parts) {
    // Every part but the last has even length here (headers, pseudo-headers), so words never straddle.
    for (let i = 0; i < part.length; i += 2) sum += (part[i]! << 8) | (part[i + 1] ?? 0);
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** An IPv4 packet (RFC 791 clause 3.1): 20-byte header without options, correct header checksum. */
export function ipv4Packet(src: string, dst: string, protocol: number, payload: Uint8Array, id = 0): Uint8Array {
  const packet = new Uint8Array(20 + payload.length);
  const view = new DataView(packet.buffer);
  packet[0] = 0x45; // version 4, IHL 5 words
  view.setUint16(2, packet.length);
  view.setUint16(4, id);
  packet[8] = 64; // TTL
  packet[9] = protocol;
  packet.set(parseAddress(src), 12);
  packet.set(parseAddress(dst), 16);
  view.setUint16(10, internetChecksum(packet.subarray(0, 20)));
  packet.set(payload, 20);
  return packet;
}

/** An IPv6 packet (RFC 8200 clause 3) with no extension headers. */
export function ipv6Packet(src: string, dst: string, nextHeader: number, payload: Uint8Array): Uint8Array {
  const packet = new Uint8Array(40 + payload.length);
  const view = new DataView(packet.buffer);
  view.setUint32(0, 0x6000_0000); // version 6, traffic class 0, flow label 0
  view.setUint16(4, payload.length);
  packet[6] = nextHeader;
  packet[7] = 64; // hop limit
  packet.set(parseAddress(src), 8);
  packet.set(parseAddress(dst), 24);
  packet.set(payload, 40);
  return packet;
}

/** An IPv4 or IPv6 packet, whichever the addresses are. */
export function ipPacket(src: string, dst: string, protocol: number, payload: Uint8Array): Uint8Array {
  return src.includes(':') ? ipv6Packet(src, dst, protocol, payload) : ipv4Packet(src, dst, protocol, payload);
}

/**
 * A UDP header and payload (RFC 768), checksummed over the pseudo-header of RFC 768 (IPv4) or
 * RFC 8200 clause 8.1 (IPv6). `zeroChecksum` sends 0, which RFC 3948 clause 2.1 asks of
 * UDP-encapsulated ESP over IPv4 (IPv6 forbids it, RFC 8200 clause 8.1).
 */
export function udpDatagram(
  src: string, dst: string, srcPort: number, dstPort: number, payload: Uint8Array, zeroChecksum = false,
): Uint8Array {
  const datagram = new Uint8Array(8 + payload.length);
  const view = new DataView(datagram.buffer);
  view.setUint16(0, srcPort);
  view.setUint16(2, dstPort);
  view.setUint16(4, datagram.length);
  datagram.set(payload, 8);
  if (!zeroChecksum) {
    const checksum = internetChecksum(pseudoHeader(src, dst, IPPROTO_UDP, datagram.length), datagram);
    view.setUint16(6, checksum === 0 ? 0xffff : checksum); // RFC 768: a computed 0 is sent as all ones
  }
  return datagram;
}

function pseudoHeader(src: string, dst: string, protocol: number, length: number): Uint8Array {
  const s = parseAddress(src), d = parseAddress(dst);
  const header = new Uint8Array(s.length === 4 ? 12 : 40);
  const view = new DataView(header.buffer);
  header.set(s, 0);
  header.set(d, s.length);
  if (s.length === 4) {
    header[9] = protocol;
    view.setUint16(10, length);
  } else {
    view.setUint32(32, length);
    header[39] = protocol;
  }
  return header;
}

/** An IP packet carrying a UDP datagram. */
export function udpPacket(src: string, dst: string, srcPort: number, dstPort: number, payload: Uint8Array): Uint8Array {
  return ipPacket(src, dst, IPPROTO_UDP, udpDatagram(src, dst, srcPort, dstPort, payload));
}

/**
 * An IP packet carrying an ESP packet (SPI through ICV): as IP protocol 50 (RFC 4303 clause 2), or,
 * with `natT`, inside UDP from and to port 4500 (RFC 3948 clause 2.1; an ESP SPI is never zero, which
 * tells it apart from IKE's non-ESP marker).
 */
export function espPacket(src: string, dst: string, esp: Uint8Array, natT = false): Uint8Array {
  if (!natT) return ipPacket(src, dst, IPPROTO_ESP, esp);
  const ipv4 = !src.includes(':');
  return ipPacket(src, dst, IPPROTO_UDP, udpDatagram(src, dst, NAT_T_PORT, NAT_T_PORT, esp, ipv4));
}

/**
 * What an IP packet carries: its protocol (next header) and payload (a view into `packet`), for IPv4
 * and for IPv6 without extension headers.
 */
export function ipPayload(packet: Uint8Array): { protocol: number; payload: Uint8Array } {
  const version = packet[0]! >> 4;
  if (version === 4) {
    const headerLength = (packet[0]! & 0x0f) * 4;
    const totalLength = (packet[2]! << 8) | packet[3]!;
    return { protocol: packet[9]!, payload: packet.subarray(headerLength, totalLength) };
  }
  if (version === 6) {
    const payloadLength = (packet[4]! << 8) | packet[5]!;
    return { protocol: packet[6]!, payload: packet.subarray(40, 40 + payloadLength) };
  }
  throw new TypeError(`packet must be IPv4 or IPv6, got IP version ${version}`);
}

/**
 * The ESP packet (SPI through ICV) an IP packet carries as protocol 50, or inside UDP to port 4500
 * (RFC 3948 clause 2.1, the UDP length checked), as a view into `packet`; null if it carries none.
 */
export function espPayload(packet: Uint8Array): Uint8Array | null {
  const { protocol, payload } = ipPayload(packet);
  if (protocol === IPPROTO_ESP) return payload;
  if (protocol !== IPPROTO_UDP || payload.length < 8) return null;
  const dstPort = (payload[2]! << 8) | payload[3]!, udpLength = (payload[4]! << 8) | payload[5]!;
  return dstPort === NAT_T_PORT && udpLength === payload.length ? payload.subarray(8) : null;
}

/** An Ethernet II frame around an IP packet, between two fixed locally administered MAC addresses. */
export function ethernetFrame(packet: Uint8Array): Uint8Array {
  const frame = new Uint8Array(14 + packet.length);
  frame.set([0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01]); // destination, source
  const etherType = packet[0]! >> 4 === 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
  frame[12] = etherType >> 8;
  frame[13] = etherType & 0xff;
  frame.set(packet, 14);
  return frame;
}

/**
 * A classic libpcap file (version 2.4, microsecond timestamps, little-endian) holding IP packets,
 * each as a raw IP record (LINKTYPE_RAW) or inside an Ethernet frame (LINKTYPE_ETHERNET). Packets are
 * 1 ms apart from a fixed start, so equal inputs give equal files.
 */
export function pcapFile(packets: Uint8Array[], linkType = LINKTYPE_RAW): Uint8Array {
  if (linkType !== LINKTYPE_RAW && linkType !== LINKTYPE_ETHERNET) {
    throw new RangeError(`linkType must be ${LINKTYPE_RAW} (raw IP) or ${LINKTYPE_ETHERNET} (Ethernet), got ${linkType}`);
  }
  const frames = linkType === LINKTYPE_ETHERNET ? packets.map(ethernetFrame) : packets;
  const file = new Uint8Array(24 + frames.reduce((n, f) => n + 16 + f.length, 0));
  const view = new DataView(file.buffer);
  view.setUint32(0, 0xa1b2c3d4, true); // magic: microsecond timestamps
  view.setUint16(4, 2, true); // version 2.4
  view.setUint16(6, 4, true);
  view.setUint32(16, 0x40000, true); // snapshot length 262144
  view.setUint32(20, linkType, true);
  let at = 24;
  const start = 1_700_000_000;
  frames.forEach((frame, i) => {
    view.setUint32(at, start + Math.floor(i / 1000), true);
    view.setUint32(at + 4, (i % 1000) * 1000, true);
    view.setUint32(at + 8, frame.length, true); // captured length
    view.setUint32(at + 12, frame.length, true); // original length
    file.set(frame, at + 16);
    at += 16 + frame.length;
  });
  return file;
}
