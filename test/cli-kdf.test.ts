// `akacore kdf ...`, run as users run it: `node dist/cli/main.js kdf ...` (npm test builds first).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import prime from '../test-vectors/kdf-eap-aka-prime.json' with { type: 'json' };
import aka from '../test-vectors/kdf-eap-aka.json' with { type: 'json' };
import eps from '../test-vectors/kdf-eps.json' with { type: 'json' };
import fiveg from '../test-vectors/kdf-5g.json' with { type: 'json' };
import gsm from '../test-vectors/kdf-gsm-ts55205.json' with { type: 'json' };
import { REFERENCE_DEFAULTS, referenceMilenage } from './reference/milenage.js';

const MAIN = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

function akacore(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, [MAIN, 'kdf', ...args], { encoding: 'utf8' });
  return { status, stdout, stderr };
}

function json(...args: string[]): Record<string, string> {
  const { status, stdout, stderr } = akacore(...args, '--json');
  expect(stderr).toBe('');
  expect(status).toBe(0);
  return JSON.parse(stdout) as Record<string, string>;
}

const xorHex = (a: string, b: string) => Buffer.from(a, 'hex').map((x, i) => x ^ Buffer.from(b, 'hex')[i]!).toString('hex');

describe("akacore kdf eap-aka-prime / eap-aka", () => {
  const c1 = prime.cases[0]!, c3 = prime.cases[2]!;
  const args = (c: typeof c1) => ['eap-aka-prime', '--identity', c.identity, '--network-name', c.networkName,
    '--ik', c.ik, '--ck', c.ck, '--sqn-xor-ak', c.autn.slice(0, 12)];

  it('prints RFC 5448 case 1 as aligned "NAME  hex" lines', () => {
    const { status, stdout, stderr } = akacore(...args(c1));
    expect([status, stderr]).toEqual([0, '']);
    const lines = stdout.trimEnd().split('\n').map((l) => l.split(/\s+/));
    expect(lines.map((l) => l[0])).toEqual(["CK'", "IK'", 'K_encr', 'K_aut', 'K_re', 'MSK', 'EMSK']);
    expect(lines.map((l) => l[1])).toEqual([c1.ckPrime, c1.ikPrime, c1.kEncr, c1.kAut, c1.kRe, c1.msk, c1.emsk]);
  });

  it('prints RFC 5448 case 3 as JSON', () => {
    expect(json(...args(c3))).toEqual({
      ckPrime: c3.ckPrime, ikPrime: c3.ikPrime, kEncr: c3.kEncr, kAut: c3.kAut, kRe: c3.kRe, msk: c3.msk, emsk: c3.emsk,
    });
  });

  it('eap-aka prints the EAP-AKA keys', () => {
    const c = aka.keys[0]!;
    const out = json('eap-aka', '--identity', c.identity, '--ik', c.ik, '--ck', c.ck);
    expect([out.kEncr, out.kAut, out.msk, out.emsk]).toEqual([c.kEncr, c.kAut, c.msk, c.emsk]);
    expect(Object.keys(out)).toEqual(['mk', 'kEncr', 'kAut', 'msk', 'emsk']);
  });
});

describe('akacore kdf: EPS, 5G, GSM and the generic KDF', () => {
  it('kasme builds the PLMN identity from --plmn', () => {
    const c = eps.kasme[0]!;
    expect(json('kasme', '--ck', c.ck, '--ik', c.ik, '--plmn', c.mcc + c.mnc, '--sqn-xor-ak', xorHex(c.sqn, c.ak)))
      .toEqual({ snId: '00f110', kasme: c.kasme });
  });

  it('kausf, kseaf and res-star give the magma / OAI values, with --snn or --plmn', () => {
    const c = fiveg.cases[0]!;
    const m = referenceMilenage(Buffer.from(c.k, 'hex'), Buffer.from(c.opc, 'hex'), Buffer.from(c.rand, 'hex'),
      Buffer.from(c.sqn, 'hex'), Buffer.from(c.amf, 'hex'), REFERENCE_DEFAULTS);
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    const ckIk = ['--ck', hex(m.ck), '--ik', hex(m.ik)];
    expect(json('kausf', ...ckIk, '--snn', c.servingNetworkName, '--sqn-xor-ak', c.autn.slice(0, 12))).toEqual({ kausf: c.kausf });
    expect(json('kseaf', '--kausf', c.kausf, '--plmn', c.mcc + c.mnc)).toEqual({ kseaf: c.kseaf });
    expect(json('res-star', ...ckIk, '--plmn', c.mcc + c.mnc, '--rand', c.rand, '--res', hex(m.res)).resStar).toBe(c.xresStar);
  });

  it('generic takes repeated --p: KeNB as the KDF with FC 0x11', () => {
    const c = eps.kenb[1]!;
    expect(json('generic', '--key', c.kasme, '--fc', '11', '--p', c.uplinkNasCount)).toEqual({ key: c.kenb });
  });

  it('c2 and c3 give TS 55.205 set 1', () => {
    const s = gsm.sets[0]!;
    expect(json('c2', '--xres', s.res)).toEqual({ sres: s.sres });
    expect(json('c3', '--ck', s.ck, '--ik', s.ik)).toEqual({ kc: s.kc });
  });
});

describe('akacore kdf usage errors exit 2 and name the option', () => {
  it.each([
    [['kausf', '--ck', '00', '--ik', '00'.repeat(16), '--snn', 'x', '--sqn-xor-ak', '00'.repeat(6)], /--ck must be 16 bytes \(32 hex digits\), got 1/],
    [['kseaf', '--kausf', '00'.repeat(32)], /one of --snn or --plmn is required/],
    [['kasme', '--ck', '00'.repeat(16), '--ik', '00'.repeat(16), '--plmn', '0010', '--sqn-xor-ak', '00'.repeat(6)], /--plmn must be MCC and MNC, 5 or 6 decimal digits/],
    [['res-star', '--ck', '00'.repeat(16), '--ik', '00'.repeat(16), '--snn', 'x', '--rand', '00'.repeat(16), '--res', '00'], /--res must be 4 to 32 bytes/],
    [['eap-aka', '--identity', 'x', '--ik', '00'.repeat(16)], /required option '--ck <hex>' not specified/],
  ])('%j', (args, message) => {
    const { status, stdout, stderr } = akacore(...(args as string[]));
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message as RegExp);
  });
});
