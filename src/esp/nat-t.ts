// UDP encapsulation of ESP for NAT traversal (RFC 3948), as TS 33.203 Annex M uses it: ESP packets,
// IKE messages behind the 4-byte non-ESP marker, and one-byte NAT-keepalives share UDP port 4500.

import { readUint32 } from './packet.js';

/** The UDP port of encapsulated ESP and IKE (RFC 3948 section 2). */
export const NAT_T_PORT = 4500;

const UDP_HEADER_LENGTH = 8;
const MAX_UDP_LENGTH = 0xffff;

/** What a UDP payload on the NAT-T port is (RFC 3948 sections 2.1-2.3). */
export type NatTPayload =
  | { readonly kind: 'esp'; readonly packet: Uint8Array }
  | { readonly kind: 'ike'; readonly payload: Uint8Array }
  | { readonly kind: 'keepalive' }
  | { readonly kind: 'malformed' };

const KEEPALIVE: NatTPayload = Object.freeze({ kind: 'keepalive' });
const MALFORMED: NatTPayload = Object.freeze({ kind: 'malformed' });

/**
 * RFC 3948 section 2.1: a UDP datagram (8-byte header, then `espPacket`) from `srcPort` to `dstPort`
 * with the checksum zero, as section 2.1 says a sender should. The packet must start with a non-zero SPI.
 */
export function encapsulate(espPacket: Uint8Array, srcPort: number, dstPort: number): Uint8Array {
  if (!(espPacket instanceof Uint8Array)) throw new TypeError(`espPacket must be a Uint8Array, got ${typeof espPacket}`);
  if (espPacket.length < 8) throw new RangeError(`espPacket must be at least 8 bytes (SPI and sequence number), got ${espPacket.length}`);
  if (readUint32(espPacket, 0) === 0) throw new RangeError('espPacket must start with a non-zero SPI (RFC 3948 section 2.1), got SPI 0');
  checkPort('srcPort', srcPort);
  checkPort('dstPort', dstPort);
  const length = UDP_HEADER_LENGTH + espPacket.length;
  if (length > MAX_UDP_LENGTH) {
    throw new RangeError(`espPacket must be at most ${MAX_UDP_LENGTH - UDP_HEADER_LENGTH} bytes to fit a UDP datagram, got ${espPacket.length}`);
  }
  const datagram = new Uint8Array(length);
  datagram[0] = srcPort >>> 8;
  datagram[1] = srcPort & 0xff;
  datagram[2] = dstPort >>> 8;
  datagram[3] = dstPort & 0xff;
  datagram[4] = length >>> 8;
  datagram[5] = length & 0xff;
  // Bytes 6-7, the checksum, stay zero.
  datagram.set(espPacket, UDP_HEADER_LENGTH);
  return datagram;
}

/**
 * RFC 3948 section 2: splits a UDP datagram (header included) received on the NAT-T port. The UDP
 * length field bounds the payload; the checksum is not inspected (section 2.1: receivers must not depend on it). Never throws.
 */
export function decapsulate(udpDatagram: Uint8Array): NatTPayload {
  if (!(udpDatagram instanceof Uint8Array) || udpDatagram.length < UDP_HEADER_LENGTH) return MALFORMED;
  const length = (udpDatagram[4]! << 8) | udpDatagram[5]!;
  if (length < UDP_HEADER_LENGTH || length > udpDatagram.length) return MALFORMED;
  return classifyUdpPayload(udpDatagram.subarray(UDP_HEADER_LENGTH, length));
}

/**
 * RFC 3948 sections 2.1-2.3 for a UDP payload as a socket delivers it: one byte 0xFF is a
 * NAT-keepalive, four zero bytes (the non-ESP marker) start an IKE message, anything else of at
 * least 8 bytes is an ESP packet. The results are views of `udpPayload`. Never throws.
 */
export function classifyUdpPayload(udpPayload: Uint8Array): NatTPayload {
  if (!(udpPayload instanceof Uint8Array)) return MALFORMED;
  if (udpPayload.length === 1) return udpPayload[0] === 0xff ? KEEPALIVE : MALFORMED;
  if (udpPayload.length >= 4 && readUint32(udpPayload, 0) === 0) return { kind: 'ike', payload: udpPayload.subarray(4) };
  if (udpPayload.length >= 8) return { kind: 'esp', packet: udpPayload };
  return MALFORMED;
}

function checkPort(field: string, port: number): void {
  if (!Number.isInteger(port) || port < 0 || port > MAX_UDP_LENGTH) {
    throw new RangeError(`${field} must be an integer from 0 to 65535, got ${String(port)}`);
  }
}
