// The Authorization header value a UE sends with its Digest response (RFC 2617 section 3.2.2,
// quoting as RFC 7616 section 3.4 asks), with the auts parameter of RFC 3310 section 3.4.

import type { DigestParams } from './digest.js';

/** The parameters of an Authorization header beyond those of the response itself. */
export interface AuthorizationExtras {
  /** The opaque of the challenge, returned unchanged. */
  opaque?: string;
  /** The auts parameter (base64 AUTS, RFC 3310 section 3.4) on a synchronisation failure. */
  auts?: string;
}

/**
 * `Digest username="...", realm="...", ...` for the header: username, realm, nonce, uri, response,
 * cnonce, opaque and auts quoted; algorithm, qop and nc not (RFC 7616 section 3.4).
 */
export function formatAuthorization(
  params: Omit<DigestParams, 'password' | 'body' | 'algorithm'> & { algorithm: string },
  response: string,
  extras: AuthorizationExtras = {},
): string {
  const quoted = (name: string, value: string) => `${name}="${value.replace(/[\\"]/g, '\\$&')}"`;
  const parts = [
    quoted('username', params.username), quoted('realm', params.realm), quoted('nonce', params.nonce),
    quoted('uri', params.uri), quoted('response', response), `algorithm=${params.algorithm}`,
  ];
  if (params.qop !== undefined) {
    parts.push(`qop=${params.qop}`, `nc=${params.nc}`, quoted('cnonce', params.cnonce ?? ''));
  }
  if (extras.opaque !== undefined) parts.push(quoted('opaque', extras.opaque));
  if (extras.auts !== undefined) parts.push(quoted('auts', extras.auts));
  return `Digest ${parts.join(', ')}`;
}
