// HTTP Digest in every runtime on the RFC 2617 section 3.5 and RFC 7616 section 3.9.1 examples
// (test-vectors/http-digest.json), and Digest AKAv1 on the same examples: AKAv1's password is the
// raw RES (RFC 3310 section 3.3), so a "RES" holding the example's password bytes must give the
// example's response. (No published Digest AKA vector exists; AKAv2 is checked by the HSS -> ISIM
// round trip of suite-aka-flow.js, both sides through verify.) Plain ES module.
import { utf8 } from './suite-tools.js';

/** The AKAv1 algorithm whose hash is each example's. */
const AKA_V1 = { 'MD5': 'AKAv1-MD5', 'SHA-256': 'AKAv1-SHA-256' };

/** Per example: the response, verify, a changed response refused; AKAv1's response and verify. */
export function digestCheckCount(doc) {
  return 5 * doc.cases.length;
}

export async function checkDigest(api, doc, t) {
  for (const v of doc.cases) {
    const where = `http-digest.json: ${v.name}`;
    await t.guard(where, () => {
      const params = {
        algorithm: v.algorithm, username: v.username, realm: v.realm, password: v.password, nonce: v.nonce,
        method: v.method, uri: v.uri, qop: v.qop, nc: v.nc, cnonce: v.cnonce,
      };
      const response = api.digestResponse(params);
      t.check(response === v.response, `${where}: digestResponse: expected ${v.response}, got ${response}`);
      t.check(api.verifyDigestResponse(params, v.response) === true, `${where}: verifyDigestResponse refused the example's response`);
      const changed = (v.response[0] === '0' ? '1' : '0') + v.response.slice(1);
      t.check(api.verifyDigestResponse(params, changed) === false, `${where}: verifyDigestResponse accepted a changed response`);

      const aka = { ...params, password: undefined, algorithm: AKA_V1[v.algorithm], res: utf8(v.password) };
      const akaResponse = api.akaDigestResponse(aka);
      t.check(akaResponse === v.response, `${where}: ${aka.algorithm} with RES = the password bytes: expected ${v.response}, got ${akaResponse}`);
      t.check(api.verifyAkaDigestResponse(aka, v.response) === true, `${where}: verifyAkaDigestResponse (${aka.algorithm}) refused it`);
    });
  }
}
