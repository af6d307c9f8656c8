// `akacore isim` and `akacore digest`, run as users run them: node dist/cli/main.js (built first).
// Expected values come from TS 35.208 set 1 and the node:crypto references, not from the library.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { referenceAkaV2Password, referenceDigest } from './reference/digest.js';
import { referenceMilenage } from './reference/milenage.js';

const MAIN = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

function akacore(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8' });
  return { status, stdout, stderr };
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

// TS 35.208 test set 1: SQN ff9bb4d0b607 (SEQ 0x7fcdda685b0, IND 7), AUTN = SQN ^ AK || AMF || MAC-A.
const SET1 = {
  k: '465b5ce8b199b49faa5f0a2ee238a6bc', op: 'cdc202d5123e20f62b6d676ac72cb318', opc: 'cd63cb71954a9f4e48a5994e37a02baf',
  rand: '23553cbe9637a89d218ae64dae47bf35', autn: '55f328b43577b9b94a9ffac354dfafb3',
  res: 'a54211d5e3ba50bf', ck: 'b40ba9a3c58b2a05bbf0d987b21bf8cb', ik: 'f769bcd751044604127672711c6d3441',
};
const CARD = ['isim', '--k', SET1.k, '--op', SET1.op, '--rand', SET1.rand, '--autn', SET1.autn];

/** SQN_MS out of AUTS as the HSS reads it, after checking MAC-S (reference Milenage). */
function sqnMsOf(auts: string): string {
  const rand = bytes(SET1.rand), k = bytes(SET1.k), opc = bytes(SET1.opc);
  const { akStar } = referenceMilenage(k, opc, rand, new Uint8Array(6), new Uint8Array(2));
  const sqnMs = bytes(auts).subarray(0, 6).map((b, i) => b ^ akStar[i]!);
  expect(auts.slice(12)).toBe(hex(referenceMilenage(k, opc, rand, sqnMs, new Uint8Array(2)).macS));
  return hex(sqnMs);
}

describe('akacore isim', () => {
  it('answers RES, CK, IK and SQN for a fresh SQN (TS 35.208 set 1)', () => {
    const { status, stdout, stderr } = akacore(...CARD, '--sqn-ms', 'ff9bb4d0b5e7', '--amf-separation');
    expect([status, stderr]).toEqual([0, '']);
    expect(stdout).toBe(`RES  ${SET1.res}\nCK   ${SET1.ck}\nIK   ${SET1.ik}\nSQN  ff9bb4d0b607\n`);
  });

  it('prints AUTS and exits 1 on a replay; the AUTS carries the card\'s SQN_MS', () => {
    const { status, stdout, stderr } = akacore(...CARD, '--sqn-ms', 'ff9bb4d0b607', '--json');
    expect(status).toBe(1);
    expect(stderr).toContain('synchronisation failure (not-fresh)');
    const out = JSON.parse(stdout) as { ok: boolean; reason: string; cause: string; auts: string };
    expect([out.ok, out.reason, out.cause]).toEqual([false, 'sync', 'not-fresh']);
    expect(sqnMsOf(out.auts)).toBe('ff9bb4d0b607');
  });

  it('gives the reason and exits 1 on a bad MAC; a malformed --autn is a usage error (exit 2)', () => {
    const badMac = SET1.autn.slice(0, -1) + '2';
    const mac = akacore('isim', '--k', SET1.k, '--opc', SET1.opc, '--rand', SET1.rand, '--autn', badMac, '--json');
    expect([mac.status, mac.stdout]).toEqual([1, '{"ok":false,"reason":"mac"}\n']);
    const usage = akacore('isim', '--k', SET1.k, '--opc', SET1.opc, '--rand', SET1.rand, '--autn', SET1.autn.slice(2));
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--autn must be 16 bytes (32 hex digits), got 15');
  });
});

describe('akacore digest', () => {
  const request = { username: 'user@ims.example', realm: 'ims.example', nonce: 'I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7M=', method: 'REGISTER', uri: 'sip:ims.example' };
  const args = ['--username', request.username, '--realm', request.realm, '--nonce', request.nonce, '--method', request.method, '--uri', request.uri];

  it('AKAv1-MD5 with qop auth: the response over the raw RES, and the Authorization header', () => {
    const { status, stdout, stderr } = akacore('digest', '--algorithm', 'AKAv1-MD5', '--res', SET1.res, ...args,
      '--qop', 'auth', '--cnonce', 'c0ffee', '--json');
    expect([status, stderr]).toEqual([0, '']);
    const expected = referenceDigest({ ...request, hash: 'md5', password: bytes(SET1.res), qop: 'auth', nc: '00000001', cnonce: 'c0ffee' });
    const out = JSON.parse(stdout) as { response: string; authorization: string };
    expect(out.response).toBe(expected);
    expect(out.authorization).toBe(`Digest username="${request.username}", realm="${request.realm}", nonce="${request.nonce}", ` +
      `uri="${request.uri}", response="${expected}", algorithm=AKAv1-MD5, qop=auth, nc=00000001, cnonce="c0ffee"`);
  });

  it('AKAv2-MD5 without qop, and names a missing --ik (exit 2)', () => {
    const { status, stdout } = akacore('digest', '--algorithm', 'AKAv2-MD5', '--res', SET1.res, '--ik', SET1.ik, '--ck', SET1.ck, ...args);
    expect(status).toBe(0);
    const password = referenceAkaV2Password(bytes(SET1.res), bytes(SET1.ik), bytes(SET1.ck));
    expect(stdout.split('\n')[0]).toBe(`RESPONSE       ${referenceDigest({ ...request, hash: 'md5', password })}`);
    const missing = akacore('digest', '--algorithm', 'AKAv2-MD5', '--res', SET1.res, '--ck', SET1.ck, ...args);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('AKAv2-MD5 needs --ik and --ck');
  });
});
