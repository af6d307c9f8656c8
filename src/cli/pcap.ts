// Reading ESP packets out of a capture for `akacore esp verify --pcap`: the classic libpcap file
// format (not pcapng), its records' link layers (raw IP, Ethernet with VLAN tags, Linux cooked
// captures), IPv4 and IPv6, and ESP carried as IP protocol 50 (RFC 4303 section 2) or inside UDP on
// port 4500 (RFC 3948 section 2.1). Bytes from the file never throw past readPcap's header check.

import { NAT_T_PORT, classifyUdpPayload } from '../index.js';

export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;
export const LINKTYPE_LINUX_SLL2 = 276;
const LINK_TYPES = [LINKTYPE_ETHERNET, LINKTYPE_RAW, LINKTYPE_LINUX_SLL, LINKTYPE_IPV4, LINKTYPE_IPV6, LINKTYPE_LINUX_SLL2];

const IPPROTO_UDP = 17;
const IPPROTO_ESP = 50;
const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = [0x8100, 0x88a8, 0x9100];
/** IPv6 extension headers walked past to find ESP or UDP (RFC 8200 section 4). */
const IPV6_HOP_BY_HOP = 0, IPV6_ROUTING = 43, IPV6_FRAGMENT = 44, IPV6_DEST_OPTIONS = 60;

/** One record of a capture; `frame` counts from 1, as Wireshark numbers frames. */
export interface PcapRecord {
  readonly frame: number;
  /** The captured bytes (possibly fewer than were on the wire). */
  readonly data: Uint8Array;
  /** Whether the capture cut the packet short (captured length < original length). */
  readonly truncated: boolean;
}

export interface PcapFile {
  readonly linkType: number;
  readonly records: readonly PcapRecord[];
}

/** A capture file akacore cannot read; its message says why. */
export class PcapError extends Error {
  override name = 'PcapError';
}

/**
 * Parses a classic libpcap file: either byte order, microsecond or nanosecond timestamps. Throws a
 * PcapError for pcapng, an unknown magic number or an unsupported link type; a record cut short by
 * the end of the file ends the list (as a capture interrupted mid-write leaves it).
 */
export function readPcap(file: Uint8Array): PcapFile {
  if (file.length < 24) throw new PcapError(`not a pcap file: ${file.length} bytes, shorter than the 24-byte file header`);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const magic = view.getUint32(0, false);
  if (magic === 0x0a0d0d0a) {
    throw new PcapError('pcapng is not supported; convert the capture with `editcap -F pcap in.pcapng out.pcap`');
  }
  let little: boolean;
  if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) little = false;
  else if (magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) little = true;
  else throw new PcapError(`not a pcap file: magic number 0x${magic.toString(16).padStart(8, '0')}`);
  const linkType = view.getUint32(20, little) & 0x0fffffff; // the upper bits carry FCS information
  if (!LINK_TYPES.includes(linkType)) {
    throw new PcapError(
      `link type ${linkType} is not supported; supported: 1 (Ethernet), 101 (raw IP), 113 and 276 (Linux cooked), 228 (IPv4), 229 (IPv6)`,
    );
  }
  const records: PcapRecord[] = [];
  for (let at = 24; at + 16 <= file.length;) {
    const captured = view.getUint32(at + 8, little), original = view.getUint32(at + 12, little);
    if (at + 16 + captured > file.length) break;
    records.push({ frame: records.length + 1, data: file.subarray(at + 16, at + 16 + captured), truncated: captured < original });
    at += 16 + captured;
  }
  return { linkType, records };
}

/** The IP packet in a record of link type `linkType`, or null when the record carries something else. */
export function ipPacketOf(data: Uint8Array, linkType: number): Uint8Array | null {
  switch (linkType) {
    case LINKTYPE_RAW:
    case LINKTYPE_IPV4:
    case LINKTYPE_IPV6:
      return data;
    case LINKTYPE_ETHERNET: {
      let at = 12;
      while (at + 2 <= data.length && ETHERTYPE_VLAN.includes(uint16(data, at))) at += 4;
      return at + 2 <= data.length && isIpEtherType(uint16(data, at)) ? data.subarray(at + 2) : null;
    }
    case LINKTYPE_LINUX_SLL:
      return data.length >= 16 && isIpEtherType(uint16(data, 14)) ? data.subarray(16) : null;
    case LINKTYPE_LINUX_SLL2:
      return data.length >= 20 && isIpEtherType(uint16(data, 0)) ? data.subarray(20) : null;
    default:
      return null;
  }
}

/**
 * The ESP packet (SPI through ICV) an IP packet carries, as protocol 50 or in UDP from or to port
 * 4500 (RFC 3948: not IKE behind the non-ESP marker, not a NAT-keepalive), as a view; null if none.
 * Fragments (other than a whole datagram) are not reassembled and yield null.
 */
export function espOfIpPacket(packet: Uint8Array): Uint8Array | null {
  const carried = ipPayload(packet);
  if (!carried) return null;
  const { protocol, payload } = carried;
  if (protocol === IPPROTO_ESP) return payload;
  if (protocol !== IPPROTO_UDP || payload.length < 8) return null;
  if (uint16(payload, 0) !== NAT_T_PORT && uint16(payload, 2) !== NAT_T_PORT) return null;
  const length = uint16(payload, 4);
  if (length < 8 || length > payload.length) return null;
  const inner = classifyUdpPayload(payload.subarray(8, length));
  return inner.kind === 'esp' ? inner.packet : null;
}

/** The ESP packet of a capture record, or null. */
export function espOfRecord(record: PcapRecord, linkType: number): Uint8Array | null {
  const ip = ipPacketOf(record.data, linkType);
  return ip ? espOfIpPacket(ip) : null;
}

function ipPayload(packet: Uint8Array): { protocol: number; payload: Uint8Array } | null {
  if (packet.length < 1) return null;
  const version = packet[0]! >> 4;
  if (version === 4) {
    const headerLength = (packet[0]! & 0x0f) * 4;
    if (headerLength < 20 || packet.length < headerLength) return null;
    const fragment = uint16(packet, 6);
    if ((fragment & 0x3fff) !== 0) return null; // more fragments, or a fragment offset
    const end = Math.min(packet.length, Math.max(headerLength, uint16(packet, 2)));
    return { protocol: packet[9]!, payload: packet.subarray(headerLength, end) };
  }
  if (version === 6) {
    if (packet.length < 40) return null;
    const end = Math.min(packet.length, 40 + uint16(packet, 4));
    let next = packet[6]!, at = 40;
    for (;;) {
      if (next === IPV6_HOP_BY_HOP || next === IPV6_ROUTING || next === IPV6_DEST_OPTIONS) {
        if (at + 2 > end) return null;
        const length = (packet[at + 1]! + 1) * 8;
        next = packet[at]!;
        at += length;
      } else if (next === IPV6_FRAGMENT) {
        if (at + 8 > end) return null;
        if ((uint16(packet, at + 2) & 0xfff9) !== 0) return null; // offset or more-fragments: a real fragment
        next = packet[at]!;
        at += 8;
      } else {
        break;
      }
      if (at > end) return null;
    }
    return { protocol: next, payload: packet.subarray(at, end) };
  }
  return null;
}

function isIpEtherType(type: number): boolean {
  return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6;
}

function uint16(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 8) | bytes[at + 1]!;
}
