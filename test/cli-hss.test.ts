// `akacore av` and `akacore resync`, run as users run them: `node dist/cli/main.js ...`.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { referenceMilenage, referenceOpc } from './reference/milenage.js';

const MAIN = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

function akacore(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8' });
  return { status, stdout, stderr };
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const xor = (a: Uint8Array, b: Uint8Array): Uint8Array => a.map((v, i) => v ^ b[i]!);

// TS 35.208 test set 1's subscriber.
const K = '465b5ce8b199b49faa5f0a2ee238a6bc', OP = 'cdc202d5123e20f62b6d676ac72cb318';
const OPC = hex(referenceOpc(bytes(K), bytes(OP)));

describe('akacore av', () => {
  it('--json: vectors after SQN_HE (SEQ + 1 each, the next IND), checked against the reference Milenage', () => {
    const { status, stdout, stderr } = akacore('av', '--k', K, '--op', OP, '--sqn', '00000000003e', '--amf', '8000', '--count', '3', '--json');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const out = JSON.parse(stdout) as { vectors: Record<string, string>[]; sqn: string };
    // SQN_HE = 0x3e: SEQ 1, IND 30; the batch takes IND 31 and SEQ 2, 3, 4.
    expect(out.vectors.map((v) => v.sqn)).toEqual(['00000000005f', '00000000007f', '00000000009f']);
    expect(out.sqn).toBe('00000000009f');
    expect(new Set(out.vectors.map((v) => v.rand)).size).toBe(3);
    for (const v of out.vectors) {
      const ref = referenceMilenage(bytes(K), bytes(OPC), bytes(v.rand!), bytes(v.sqn!), bytes('8000'));
      expect(v.xres).toBe(hex(ref.res));
      expect(v.ck + v.ik + v.ak).toBe(hex(ref.ck) + hex(ref.ik) + hex(ref.ak));
      expect(v.autn).toBe(hex(xor(bytes(v.sqn!), ref.ak)) + '8000' + hex(ref.macA));
    }
  });

  it('--csv with --ind and --ind-bits: a header and one line per vector', () => {
    const { status, stdout } = akacore('av', '--k', K, '--opc', OPC, '--sqn', '000000000000', '--amf', '0000', '--count', '2',
      '--ind-bits', '4', '--ind', '9', '--csv');
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('sqn,rand,xres,ck,ik,ak,autn');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['000000000019', '000000000029']);
  });

  it('--algorithm xor: aligned lines per vector and the next SQN_HE', () => {
    const { status, stdout } = akacore('av', '--algorithm', 'xor', '--k', K, '--sqn', '000000000020', '--amf', '8000', '--count', '1');
    expect(status).toBe(0);
    const rand = bytes(/^RAND\s+([0-9a-f]{32})$/m.exec(stdout)![1]!);
    const xdout = xor(rand, bytes(K));
    expect(stdout).toMatch(new RegExp(`^XRES  ${hex(xdout)}$`, 'm')); // RES = all of XDOUT (TS 34.108 8.1.2)
    expect(stdout).toMatch(/^next SQN_HE {2}000000000041$/m);
  });

  it('usage errors exit 2 naming the option; an exhausted SQN exits 1', () => {
    const noOp = akacore('av', '--k', K, '--sqn', '000000000000', '--amf', '8000', '--count', '1');
    expect(noOp.status).toBe(2);
    expect(noOp.stderr).toMatch(/one of --op or --opc is required/);
    const badCount = akacore('av', '--k', K, '--op', OP, '--sqn', '000000000000', '--amf', '8000', '--count', '0');
    expect(badCount.status).toBe(2);
    expect(badCount.stderr).toMatch(/--count must be a whole number of vectors from 1 to 100000, got 0/);
    const exhausted = akacore('av', '--k', K, '--op', OP, '--sqn', 'ffffffffffe0', '--amf', '8000', '--count', '1');
    expect(exhausted.status).toBe(1);
    expect(exhausted.stderr).toMatch(/SQN exhausted/);
  });
});

describe('akacore resync', () => {
  const rand = randomBytes(16), sqnMs = bytes('0000075bcd15');
  const { akStar, macS } = referenceMilenage(bytes(K), bytes(OPC), rand, sqnMs, new Uint8Array(2));
  const auts = hex(xor(sqnMs, akStar)) + hex(macS);

  it('prints SQN_MS from a good AUTS (as a line, and with --json)', () => {
    const line = akacore('resync', '--k', K, '--op', OP, '--rand', hex(rand), '--auts', auts);
    expect(line.stderr).toBe('');
    expect(line.status).toBe(0);
    expect(line.stdout).toBe('SQN_MS  0000075bcd15\n');
    const json = akacore('resync', '--k', K, '--opc', OPC, '--rand', hex(rand), '--auts', auts, '--json');
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, sqnMs: '0000075bcd15' });
  });

  it('refuses a bad MAC-S or a short AUTS with the reason and exit 1', () => {
    const flipped = auts.slice(0, 27) + (auts[27] === '0' ? '1' : '0');
    const bad = akacore('resync', '--k', K, '--op', OP, '--rand', hex(rand), '--auts', flipped, '--json');
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toEqual({ ok: false, reason: 'mac-s' });
    expect(bad.stderr).toMatch(/AUTS refused: mac-s/);
    const short = akacore('resync', '--k', K, '--op', OP, '--rand', hex(rand), '--auts', auts.slice(0, 20));
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/AUTS refused: malformed/);
  });
});
