import { describe, expect, it } from 'vitest';
import { NAT_T_PORT, classifyUdpPayload, decapsulate, encapsulate, fromHex, toHex } from '../src/index.js';

const ESP = fromHex('1234567800000001' + 'aa'.repeat(20));

describe('RFC 3948 UDP encapsulation', () => {
  it('prepends a UDP header with the length and a zero checksum (section 2.1)', () => {
    const datagram = encapsulate(ESP, NAT_T_PORT, 40123);
    expect(toHex(datagram.subarray(0, 8))).toBe('1194' + '9cbb' + '0024' + '0000');
    expect(toHex(datagram.subarray(8))).toBe(toHex(ESP));
    expect(NAT_T_PORT).toBe(4500);
  });

  it('decapsulates what it encapsulates', () => {
    expect(decapsulate(encapsulate(ESP, 4500, 4500))).toEqual({ kind: 'esp', packet: ESP });
  });

  it('recognises a NAT-keepalive: one byte 0xFF (section 2.3)', () => {
    expect(decapsulate(fromHex('11941194000900ff' + 'ff'))).toEqual({ kind: 'keepalive' });
    expect(classifyUdpPayload(fromHex('ff'))).toEqual({ kind: 'keepalive' });
    expect(classifyUdpPayload(fromHex('fe'))).toEqual({ kind: 'malformed' });
  });

  it('hands IKE messages back without the non-ESP marker (section 2.2)', () => {
    const ike = fromHex('0011223344556677' + '8899aabbccddeeff' + '2e202308');
    expect(decapsulate(fromHex('11941194' + '0020' + '0000' + '00000000' + toHex(ike)))).toEqual({ kind: 'ike', payload: ike });
    expect(classifyUdpPayload(fromHex('00000000'))).toEqual({ kind: 'ike', payload: new Uint8Array(0) });
  });

  it('bounds the payload by the UDP length and ignores bytes after it', () => {
    const datagram = new Uint8Array([...encapsulate(ESP, 4500, 4500), 0, 0, 0]);
    expect(decapsulate(datagram)).toEqual({ kind: 'esp', packet: ESP });
  });

  it('calls malformed what is too short or inconsistent, and never throws', () => {
    const malformed = { kind: 'malformed' };
    expect(decapsulate(new Uint8Array(7))).toEqual(malformed);
    expect(decapsulate(fromHex('1194119400070000'))).toEqual(malformed);
    expect(decapsulate(fromHex('11941194000a0000ff'))).toEqual(malformed);
    expect(decapsulate(fromHex('1194119400080000'))).toEqual(malformed);
    for (let length = 2; length < 8; length++) expect(classifyUdpPayload(new Uint8Array(length).fill(1))).toEqual(malformed);
    expect(decapsulate('nope' as never)).toEqual(malformed);
    for (let i = 0; i < 2000; i++) {
      const random = crypto.getRandomValues(new Uint8Array(i % 40));
      expect(['esp', 'ike', 'keepalive', 'malformed']).toContain(decapsulate(random).kind);
    }
  });

  it('names the mistake when encapsulating', () => {
    expect(() => encapsulate(ESP, 65536, 4500)).toThrow(new RangeError('srcPort must be an integer from 0 to 65535, got 65536'));
    expect(() => encapsulate(ESP, 4500, -1)).toThrow(/dstPort must be an integer/);
    expect(() => encapsulate(new Uint8Array(7).fill(1), 4500, 4500)).toThrow(/at least 8 bytes .*got 7/);
    expect(() => encapsulate(new Uint8Array(8), 4500, 4500)).toThrow(/non-zero SPI/);
    expect(() => encapsulate(new Uint8Array(65528).fill(1), 4500, 4500)).toThrow(/at most 65527 bytes/);
    expect(() => encapsulate([1, 2] as never, 4500, 4500)).toThrow(TypeError);
  });
});
