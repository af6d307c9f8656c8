// `akacore tuak`, run as users run it: `node dist/cli/main.js ...` (npm test builds first).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import ts35233 from '../test-vectors/tuak-ts35233.json' with { type: 'json' };

const MAIN = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

function akacore(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8' });
  return { status, stdout, stderr };
}

type TestSet = (typeof ts35233.sets)[number];

/** The command line of a TS 35.233 set, from TOP or from TOPc, with its options. */
function argsOf(set: TestSet, from: 'top' | 'topc'): string[] {
  return ['tuak', '--k', set.k, `--${from}`, set[from], '--rand', set.rand, '--sqn', set.sqn, '--amf', set.amf,
    '--mac-bits', String(set.macBits), '--res-bits', String(set.resBits), '--ck-bits', String(set.ckBits),
    '--ik-bits', String(set.ikBits), '--iterations', String(set.iterations)];
}

function expectedOf(set: TestSet): Record<string, string> {
  return {
    topc: set.topc, macA: set.f1, macS: set.f1star, res: set.f2, ck: set.f3, ik: set.f4, ak: set.f5, akStar: set.f5star,
  };
}

/** AUTN = SQN ^ AK || AMF || MAC-A (TS 33.102 clause 6.3.2), from hex. */
function autnOf(sqn: string, ak: string, amf: string, macA: string): string {
  const masked = Buffer.from(sqn, 'hex').map((byte, i) => byte ^ Buffer.from(ak, 'hex')[i]!);
  return Buffer.from(masked).toString('hex') + amf + macA;
}

describe('akacore tuak', () => {
  it('prints TS 35.233 set 1 as aligned lines, with AUTN for its 64-bit MAC', () => {
    const set = ts35233.sets[0]!;
    const { status, stdout, stderr } = akacore(...argsOf(set, 'top'));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n').map((line) => line.split(/\s+/));
    expect(lines).toEqual([
      ['TOPc', set.topc], ['MAC-A', set.f1], ['MAC-S', set.f1star], ['RES', set.f2], ['CK', set.f3],
      ['IK', set.f4], ['AK', set.f5], ['AK*', set.f5star],
      ['AUTN', autnOf(set.sqn, set.f5, set.amf, set.f1)],
    ]);
  });

  it('prints TS 35.233 set 6 (256-bit outputs, two Keccak iterations) from TOPc as JSON, without AUTN', () => {
    const set = ts35233.sets[5]!;
    const { status, stdout, stderr } = akacore(...argsOf(set, 'topc'), '--json');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual(expectedOf(set));
  });

  it('uses the defaults (64-bit MAC and RES, 128-bit CK and IK, one iteration) when no choice is given', () => {
    // Set 1 differs from the defaults only in its 32-bit RES, which the INSTANCE of f2..f5 carries:
    // TOPc, f1, f1* and f5* are the set's; RES, CK, IK and AK are of the default lengths.
    const set = ts35233.sets[0]!;
    const { status, stdout } = akacore('tuak', '--k', set.k, '--top', set.top, '--rand', set.rand,
      '--sqn', set.sqn, '--amf', set.amf, '--json');
    expect(status).toBe(0);
    const out = JSON.parse(stdout) as Record<string, string>;
    expect([out.topc, out.macA, out.macS, out.akStar]).toEqual([set.topc, set.f1, set.f1star, set.f5star]);
    expect([out.res, out.ck, out.ik, out.ak].map((value) => value!.length / 2)).toEqual([8, 16, 16, 6]);
    expect(out.autn).toBe(autnOf(set.sqn, out.ak!, set.amf, set.f1));
  });

  it('exits 2 with a message naming the option on usage errors', () => {
    const set = ts35233.sets[0]!;
    const noTop = akacore('tuak', '--k', set.k, '--rand', set.rand, '--sqn', set.sqn, '--amf', set.amf);
    expect(noTop.status).toBe(2);
    expect(noTop.stderr).toContain('one of --top or --topc is required');
    const badMac = akacore(...argsOf(set, 'top').map((a) => (a === '64' ? '96' : a)));
    expect(badMac.status).toBe(2);
    expect(badMac.stderr).toContain('--mac-bits must be 64, 128, 256 bits, got 96');
    const shortK = akacore(...argsOf(set, 'top').map((a) => (a === set.k ? set.k.slice(2) : a)));
    expect(shortK.status).toBe(2);
    expect(shortK.stderr).toContain('--k must be 16 or 32 bytes (32 or 64 hex digits), got 15');
    expect(shortK.stdout).toBe('');
  });
});
