// Random EAP-AKA / AKA' packets for the AT_MAC tests (RFC 4187 section 8.1 layout): a header,
// attributes of random types and sizes, and one AT_MAC (type 11, 5 x 4 bytes) among them.
import { randomBytes, randomInt } from 'node:crypto';

/** A random packet of EAP `type` (23 EAP-AKA, 50 EAP-AKA') and the offset of its AT_MAC value. */
export function randomEapPacket(type: number): { packet: Uint8Array; macOffset: number } {
  const attributes: Uint8Array[] = [];
  const count = randomInt(0, 5), macAt = randomInt(0, count + 1);
  for (let i = 0; i <= count; i++) {
    if (i === macAt) attributes.push(Uint8Array.of(11, 5, 0, 0, ...randomBytes(16)));
    if (i < count) {
      const units = randomInt(1, 20);
      // Any type but AT_MAC's (11).
      const t = [1, 2, 3, 13, 17, 129, 130, 134][randomInt(8)]!;
      attributes.push(Uint8Array.of(t, units, ...randomBytes(4 * units - 2)));
    }
  }
  const length = 8 + attributes.reduce((n, a) => n + a.length, 0);
  const packet = new Uint8Array(length);
  packet.set([randomInt(1, 3), randomInt(256), length >> 8, length & 0xff, type, 1, 0, 0]);
  let at = 8, macOffset = -1;
  for (const a of attributes) {
    if (a[0] === 11) macOffset = at + 4;
    packet.set(a, at);
    at += a.length;
  }
  return { packet, macOffset };
}
