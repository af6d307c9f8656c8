// Reference ESP packets for proving the interop harness: SIP requests and responses in UDP, protected
// in transport mode by the node:crypto reference (RFC 4303, default padding) for every algorithm pair,
// carried over IPv4 and IPv6, as IP protocol 50 and inside UDP port 4500 (RFC 3948).
import { randomBytes } from 'node:crypto';
import { referenceProtect } from '../reference/esp.js';
import { ENCRYPTION, INTEGRITY, type Encryption, type EspSa, type Integrity } from './esp-sa.js';
import { espPacket, IPPROTO_UDP, udpDatagram } from './pcap.js';

export const SIP_PORT = 5060;

/** The algorithm pairs proven: TS 33.203's (NULL, AES-CBC, 3DES with HMAC-SHA-1-96 / HMAC-MD5-96) and AES-GCM. */
export const PAIRS: { encryption: Encryption; keyBytes: number; integrity: Integrity }[] = [
  { encryption: 'null', keyBytes: 0, integrity: 'hmac-sha-1-96' },
  { encryption: 'null', keyBytes: 0, integrity: 'hmac-md5-96' },
  { encryption: 'aes-cbc', keyBytes: 16, integrity: 'hmac-sha-1-96' },
  { encryption: 'aes-cbc', keyBytes: 16, integrity: 'hmac-md5-96' },
  { encryption: 'aes-cbc', keyBytes: 32, integrity: 'hmac-sha-1-96' },
  { encryption: 'des-ede3-cbc', keyBytes: 24, integrity: 'hmac-sha-1-96' },
  { encryption: 'des-ede3-cbc', keyBytes: 24, integrity: 'hmac-md5-96' },
  { encryption: 'aes-gcm-16', keyBytes: 20, integrity: 'null' },
  { encryption: 'aes-gcm-16', keyBytes: 36, integrity: 'null' },
  { encryption: 'aes-gcm-12', keyBytes: 20, integrity: 'null' },
  { encryption: 'aes-gcm-8', keyBytes: 20, integrity: 'null' },
];

/** UE and P-CSCF addresses from the documentation ranges (RFC 5737, RFC 3849). */
export const ENDPOINTS = [
  { src: '192.0.2.10', dst: '198.51.100.20' },
  { src: '2001:db8::10', dst: '2001:db8:1::20' },
];

export interface ReferencePacket {
  name: string;
  sa: EspSa;
  natT: boolean;
  seq: number;
  iv: Uint8Array;
  sip: string;
  /** The UDP datagram (header and SIP text) that ESP protects: what decryption must give back. */
  payload: Uint8Array;
  /** SPI through ICV. */
  esp: Uint8Array;
  /** The IP packet carrying it. */
  packet: Uint8Array;
}

/** A SIP message of about 100 + `extra` bytes; 16 consecutive `extra` values cover every pad length. */
export function sipMessage(i: number, extra: number): string {
  const filler = 'x'.repeat(extra);
  const headers = `Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK${i}\r\nCall-ID: ${i}${filler}@ue\r\nCSeq: ${i} REGISTER\r\nContent-Length: 0\r\n\r\n`;
  return i % 2 === 0 ? `REGISTER sip:ims.example.net SIP/2.0\r\n${headers}` : `SIP/2.0 200 OK\r\n${headers}`;
}

export function randomSa(spi: number, pair: (typeof PAIRS)[number], ends: (typeof ENDPOINTS)[number]): EspSa {
  return {
    spi, ...ends,
    encryption: pair.encryption, encryptionKey: randomBytes(pair.keyBytes),
    integrity: pair.integrity, integrityKey: randomBytes(INTEGRITY[pair.integrity].keyBytes),
  };
}

/** One SA per pair and address family, 16 packets per SA and carriage; SIP lengths from 100 to 1,300 bytes. */
export function referenceCorpus(pairs = PAIRS): { sas: EspSa[]; packets: ReferencePacket[] } {
  const sas: EspSa[] = [], packets: ReferencePacket[] = [];
  let spi = 0x1000;
  for (const pair of pairs) {
    for (const ends of ENDPOINTS) {
      const sa = randomSa(spi++, pair, ends);
      sas.push(sa);
      for (const natT of [false, true]) {
        for (let i = 0; i < 16; i++) {
          packets.push(referencePacket(sa, natT, packets.length + 1, sipMessage(i, i + (i % 5 === 4 ? 1200 : 0))));
        }
      }
    }
  }
  return { sas, packets };
}

export function referencePacket(sa: EspSa, natT: boolean, seq: number, sip: string): ReferencePacket {
  const payload = udpDatagram(sa.src, sa.dst, SIP_PORT, SIP_PORT, new TextEncoder().encode(sip));
  const iv = randomBytes(ENCRYPTION[sa.encryption].ivBytes);
  const esp = referenceProtect(sa, { seq, iv, nextHeader: IPPROTO_UDP, payload });
  const name = `${sa.encryption}/${sa.integrity} key ${sa.encryptionKey.length} ${sa.src.includes(':') ? 'IPv6' : 'IPv4'}` +
    `${natT ? ' UDP-4500' : ''} seq ${seq} (${payload.length} bytes)`;
  return { name, sa, natT, seq, iv, sip, payload, esp, packet: espPacket(sa.src, sa.dst, esp, natT) };
}

/** A copy of `bytes` with one bit flipped. */
export function flipBit(bytes: Uint8Array, index: number, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes); // a copy even for a Buffer, whose slice() is a view
  copy[index]! ^= 1 << bit;
  return copy;
}

/** The packet again with a bit flipped in its encrypted payload or in its ICV. */
export function tampered(p: ReferencePacket, where: 'payload' | 'icv'): Uint8Array {
  const icvBytes = ENCRYPTION[p.sa.encryption].icvBytes + INTEGRITY[p.sa.integrity].icvBytes;
  const start = where === 'payload' ? 8 + p.iv.length : p.esp.length - icvBytes;
  const end = where === 'payload' ? p.esp.length - icvBytes : p.esp.length;
  const index = start + Math.floor(Math.random() * (end - start));
  return espPacket(p.sa.src, p.sa.dst, flipBit(p.esp, index, Math.floor(Math.random() * 8)), p.natT);
}
