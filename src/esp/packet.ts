// The ESP wire format of RFC 4303 section 2: SPI | Sequence Number | Payload Data (IV first) |
// Padding | Pad Length | Next Header | ICV. Internal helpers of the SA layer.

/** SPI and Sequence Number: the 8 bytes before the payload (RFC 4303 section 2). */
export const HEADER_LENGTH = 8;

/** Writes `value` as a big-endian 32-bit word. */
export function writeUint32(out: Uint8Array, offset: number, value: number): void {
  out[offset] = value >>> 24;
  out[offset + 1] = value >>> 16;
  out[offset + 2] = value >>> 8;
  out[offset + 3] = value;
}

/** Reads a big-endian 32-bit word. */
export function readUint32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

/**
 * Padding bytes for a payload (RFC 4303 section 2.4): payload, padding, Pad Length and Next Header
 * together fill whole cipher blocks and end on a 4-byte boundary; `alignment` is the larger of the two.
 */
export function paddingLength(payloadLength: number, alignment: number): number {
  return (alignment - ((payloadLength + 2) % alignment)) % alignment;
}

/**
 * Writes payload || 1, 2, 3, ... || Pad Length || Next Header at `offset`: the default padding of
 * RFC 4303 section 2.4, a monotonically increasing series starting at 1.
 */
export function writePlaintext(
  out: Uint8Array, offset: number, payload: Uint8Array, padLength: number, nextHeader: number,
): void {
  out.set(payload, offset);
  let at = offset + payload.length;
  for (let i = 1; i <= padLength; i++) out[at++] = i;
  out[at] = padLength;
  out[at + 1] = nextHeader;
}

/**
 * The length of the payload that `plaintext` (payload || padding || Pad Length || Next Header)
 * carries, or -1 when its Pad Length overruns it or, with `checkPadding`, its padding is not the
 * default series 1, 2, 3, ... that RFC 4303 section 2.4 says a receiver SHOULD inspect.
 */
export function payloadLength(plaintext: Uint8Array, checkPadding: boolean): number {
  const end = plaintext.length - 2;
  if (end < 0) return -1;
  const padLength = plaintext[end]!;
  if (padLength > end) return -1;
  const start = end - padLength;
  if (checkPadding) {
    let diff = 0;
    for (let i = 0; i < padLength; i++) diff |= plaintext[start + i]! ^ (i + 1);
    if (diff !== 0) return -1;
  }
  return start;
}
