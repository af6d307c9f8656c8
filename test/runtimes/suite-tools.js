// What every part of the runtime suite (suite.js and the suite-*.js it calls) shares: its own hex
// helpers, so that a bug in the library's fromHex / toHex cannot hide one elsewhere, and the tally
// of checks. Plain ES module with no node: import, like the rest of the suite.

/** The bytes of lower- or upper-case hex; throws on anything else. */
export function bytesOf(hex) {
  if (typeof hex !== 'string' || !/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new Error(`not hex: ${JSON.stringify(hex)}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Lower-case hex of a Uint8Array, or a marker that says what it was instead. */
export function hexOf(bytes) {
  if (!(bytes instanceof Uint8Array)) return `<not a Uint8Array: ${bytes === null ? 'null' : typeof bytes}>`;
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** UTF-8 bytes of a string, through the TextEncoder every runtime has. */
export function utf8(text) {
  return new TextEncoder().encode(text);
}

export function describeError(error) {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * A tally of checks: result { passed, failed, failures }, and the ways to add to it. check(ok,
 * message); same(where, bytes, expectedHex); guard(where, body) runs a group of checks and fails it,
 * saying where, if it throws (its remaining checks are then missing from `passed`, which the
 * runners compare with the expected count).
 */
export function tally() {
  const result = { passed: 0, failed: 0, failures: [] };
  const pass = () => { result.passed++; };
  const fail = (message) => { result.failed++; result.failures.push(message); };
  const check = (ok, message) => (ok ? pass() : fail(message));
  const same = (where, actual, expectedHex) => {
    const got = hexOf(actual);
    check(got === expectedHex, `${where}: expected ${expectedHex}, got ${got}`);
  };
  const guard = async (where, body) => {
    try { await body(); } catch (error) { fail(`${where}: threw ${describeError(error)}`); }
  };
  return { result, pass, fail, check, same, guard };
}
