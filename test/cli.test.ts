// The `akacore` command, run as users run it: `node dist/cli/main.js ...` (npm test builds first).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DEFAULTS, referenceMilenage } from './reference/milenage.js';

const MAIN = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

function akacore(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8' });
  return { status, stdout, stderr };
}

// TS 35.208 test set 1.
const SET1 = {
  k: '465b5ce8b199b49faa5f0a2ee238a6bc', op: 'cdc202d5123e20f62b6d676ac72cb318',
  rand: '23553cbe9637a89d218ae64dae47bf35', sqn: 'ff9bb4d0b607', amf: 'b9b9',
};
const SET1_OUT = {
  opc: 'cd63cb71954a9f4e48a5994e37a02baf',
  macA: '4a9ffac354dfafb3',
  macS: '01cfaf9ec4e871e9',
  res: 'a54211d5e3ba50bf',
  ck: 'b40ba9a3c58b2a05bbf0d987b21bf8cb',
  ik: 'f769bcd751044604127672711c6d3441',
  ak: 'aa689c648370',
  akStar: '451e8beca43b',
  autn: '55f328b43577b9b94a9ffac354dfafb3',
};
const LABELS: Record<keyof typeof SET1_OUT, string> = {
  opc: 'OPc', macA: 'MAC-A', macS: 'MAC-S', res: 'RES', ck: 'CK', ik: 'IK', ak: 'AK', akStar: 'AK*', autn: 'AUTN',
};

const SUBSCRIBER = ['--k', SET1.k, '--op', SET1.op];
const CHALLENGE = ['--rand', SET1.rand, '--sqn', SET1.sqn, '--amf', SET1.amf];
const SET1_ARGS = ['milenage', ...SUBSCRIBER, ...CHALLENGE];

function json(...args: string[]): Record<string, string> {
  const { status, stdout, stderr } = akacore(...args, '--json');
  expect(stderr).toBe('');
  expect(status).toBe(0);
  return JSON.parse(stdout) as Record<string, string>;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const bytes = (hexString: string): Uint8Array => Uint8Array.from(Buffer.from(hexString, 'hex'));

describe('akacore milenage', () => {
  it('prints TS 35.208 set 1 as aligned "NAME  hex" lines', () => {
    const { status, stdout, stderr } = akacore(...SET1_ARGS);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(Object.values(LABELS));
    const columns = new Set(lines.map((l) => l.search(/[0-9a-f]+$/)));
    expect(columns.size).toBe(1); // every value starts in the same column
    expect(lines.map((l) => l.split(/\s+/)[1])).toEqual(Object.values(SET1_OUT));
    expect(stdout).toContain('MAC-A  4a9ffac354dfafb3\n');
  });

  it('prints TS 35.208 set 1 as one JSON object with --json', () => {
    const out = json(...SET1_ARGS);
    expect(out).toEqual(SET1_OUT);
    expect(Object.keys(out)).toEqual(Object.keys(SET1_OUT));
  });

  it('takes OPc instead of OP', () => {
    expect(json('milenage', '--k', SET1.k, '--opc', SET1_OUT.opc, ...CHALLENGE)).toEqual(SET1_OUT);
  });

  it('accepts a 0x prefix and upper-case hex', () => {
    const args = ['milenage', '--k', '0x' + SET1.k.toUpperCase(), '--op', '0X' + SET1.op, '--rand', '0x' + SET1.rand,
      '--sqn', SET1.sqn.toUpperCase(), '--amf', '0xB9B9'];
    expect(json(...args)).toEqual(SET1_OUT);
  });

  it('gives the same output with the TS 35.206 default constants given explicitly', () => {
    const c = REFERENCE_DEFAULTS.c.flatMap((value, i) => [`--c${i + 1}`, hex(value)]);
    const r = REFERENCE_DEFAULTS.r.flatMap((value, i) => [`--r${i + 1}`, String(value)]);
    expect(json(...SET1_ARGS, ...c, ...r)).toEqual(SET1_OUT);
  });

  it('applies operator-chosen constants', () => {
    const c = ['0f', '1e', '2d', '3c', '4b'].map((b) => b.repeat(16));
    const r = [5, 127, 0, 33, 100];
    const out = json(...SET1_ARGS, ...c.flatMap((v, i) => [`--c${i + 1}`, v]), ...r.flatMap((v, i) => [`--r${i + 1}`, String(v)]));
    const expected = referenceMilenage(bytes(SET1.k), bytes(SET1_OUT.opc), bytes(SET1.rand), bytes(SET1.sqn),
      bytes(SET1.amf), { c: c.map(bytes), r });
    expect(out.opc).toBe(SET1_OUT.opc); // OPc does not depend on the constants
    for (const key of ['macA', 'macS', 'res', 'ck', 'ik', 'ak', 'akStar'] as const) {
      expect(out[key], key).toBe(hex(expected[key]));
      expect(out[key], key).not.toBe(SET1_OUT[key]);
    }
    const sqnXorAk = hex(bytes(SET1.sqn).map((b, i) => b ^ expected.ak[i]!));
    expect(out.autn).toBe(sqnXorAk + SET1.amf + hex(expected.macA));
  });

  it('changes only what a single constant affects', () => {
    const out = json(...SET1_ARGS, '--r3', '0'); // r3 feeds f3 only
    expect(out.ck).not.toBe(SET1_OUT.ck);
    expect({ ...out, ck: SET1_OUT.ck }).toEqual(SET1_OUT);
  });
});

describe('akacore usage errors exit 2 with a message naming the option', () => {
  const without = (option: string): string[] => {
    const i = SET1_ARGS.indexOf(option);
    return [...SET1_ARGS.slice(0, i), ...SET1_ARGS.slice(i + 2)];
  };
  const replacing = (option: string, value: string): string[] =>
    SET1_ARGS.map((a, i) => (SET1_ARGS[i - 1] === option ? value : a));

  const cases: Array<[string, string[], RegExp]> = [
    ['a 15-byte --k', replacing('--k', SET1.k.slice(0, 30)), /--k must be 16 bytes \(32 hex digits\), got 15/],
    ['a 5-byte --sqn', replacing('--sqn', SET1.sqn.slice(0, 10)), /--sqn must be 6 bytes \(12 hex digits\), got 5/],
    ['a 3-byte --amf', replacing('--amf', 'b9b9b9'), /--amf must be 2 bytes \(4 hex digits\), got 3/],
    ['an odd number of hex digits', replacing('--op', SET1.op.slice(1)),
      /--op must be 16 bytes \(32 hex digits\), got 31 hex digits \(an odd number\)/],
    ['a non-hex --rand', replacing('--rand', SET1.rand.slice(0, 30) + 'zz'),
      /--rand must be 16 bytes \(32 hex digits\), got a non-hex character at position 31 of 32/],
    ['both --op and --opc', [...SET1_ARGS, '--opc', SET1_OUT.opc], /--op.*cannot be used with.*--opc/],
    ['neither --op nor --opc', without('--op'), /one of --op or --opc is required, 16 bytes \(32 hex digits\)/],
    ['a missing --rand', without('--rand'), /required option '--rand <hex>' not specified/],
    ['a missing --k', without('--k'), /required option '--k <hex>' not specified/],
    ['an unknown option', [...SET1_ARGS, '--bogus'], /unknown option '--bogus'/],
    ['--r1 200', [...SET1_ARGS, '--r1', '200'], /--r1 must be a whole number of bits from 0 to 127, got 200/],
    ['--r5 not a number', [...SET1_ARGS, '--r5', '1.5'], /--r5 must be a whole number of bits from 0 to 127, got "1.5"/],
    ['a short --c2', [...SET1_ARGS, '--c2', '01'], /--c2 must be 16 bytes \(32 hex digits\), got 1/],
    ['an option without its value', [...SET1_ARGS, '--c1'], /option '--c1 <hex>' argument missing/],
    ['an unknown command', ['milenag'], /unknown command 'milenag'/],
    ['no command at all', [], /Usage: akacore/],
  ];

  it.each(cases)('%s', (_name, args, message) => {
    const { status, stdout, stderr } = akacore(...args);
    expect(stderr).toMatch(message);
    expect(status).toBe(2);
    expect(stdout).toBe('');
  });

  it('does not echo a malformed value, which may be a key', () => {
    const key = SET1.k.slice(0, 31) + 'g';
    const { status, stderr } = akacore(...replacing('--k', key));
    expect(status).toBe(2);
    expect(stderr).not.toContain(key);
  });
});

describe('akacore help', () => {
  it('--help exits 0 and lists the milenage command', () => {
    const { status, stdout } = akacore('--help');
    expect(status).toBe(0);
    expect(stdout).toMatch(/Usage: akacore/);
    expect(stdout).toMatch(/^\s+milenage\b/m);
  });

  it('milenage --help exits 0 and lists every option', () => {
    const { status, stdout } = akacore('milenage', '--help');
    expect(status).toBe(0);
    for (const option of ['--k', '--op', '--opc', '--rand', '--sqn', '--amf', '--json', '--c1', '--c5', '--r1', '--r5']) {
      expect(stdout).toContain(`${option} `);
    }
  });

  it('--version exits 0 and prints the package version', () => {
    const { status, stdout } = akacore('--version');
    expect(status).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
