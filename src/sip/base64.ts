// Base64 of RFC 4648 section 4 (the alphabet RFC 3310 and RFC 4169 use, by way of RFC 2045), on
// the atob / btoa that Node.js, Deno, Bun and browsers all have. Decoding reads network data: it
// returns undefined for anything that is not canonical base64 instead of throwing.

const CANONICAL = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The base64 text of `bytes`, padded (RFC 4648 section 4). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * The bytes of base64 `text` (RFC 4648 section 4, with padding), or undefined when `text` is not
 * a string of whole, padded base64 quanta.
 */
export function fromBase64(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || !CANONICAL.test(text)) return undefined;
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
