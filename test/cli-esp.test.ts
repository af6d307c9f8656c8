// `akacore esp protect | verify`, run as users run it: `node dist/cli/main.js ...` (npm test builds first).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LINKTYPE_ETHERNET, LINKTYPE_RAW, espPacket, pcapFile, udpPacket } from './interop/pcap.js';

const MAIN = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

interface Run { status: number | null; stdout: string; stderr: string }

function akacore(args: string[], input = ''): Run {
  const { status, stdout, stderr } = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', input });
  return { status, stdout, stderr };
}

const IK = '00112233445566778899aabbccddeeff';
const CK = '0123456789abcdef0123456789abcdef';
const KEYS = ['--ik', IK, '--ck', CK];
const CBC_SA = ['--spi', '0x1000', '--integrity', 'hmac-sha-1-96', '--encryption', 'aes-cbc', ...KEYS];
const GCM_SA = ['--spi', '4096', '--integrity', 'null', '--encryption', 'aes-gcm-16', ...KEYS];
const PAYLOADS = ['68656c6c6f', '00', 'deadbeef'.repeat(20)];

function protect(sa: string[], payloads: readonly string[], ...extra: string[]): string[] {
  const { status, stdout, stderr } = akacore(['esp', 'protect', ...sa, ...extra], payloads.join('\n') + '\n');
  expect(stderr).toBe('');
  expect(status).toBe(0);
  return stdout.trimEnd().split('\n');
}

type Result = { line?: number; frame?: number; ok?: boolean; seq?: number; nextHeader?: number; payload?: string; reason?: string };

function verifyJson(sa: string[], input: string, ...extra: string[]): { status: number | null; results: Result[]; stderr: string } {
  const { status, stdout, stderr } = akacore(['esp', 'verify', ...sa, '--json', ...extra], input);
  return { status, results: JSON.parse(stdout) as Result[], stderr };
}

const flip = (hex: string, at: number): string =>
  hex.slice(0, at * 2) + (parseInt(hex.slice(at * 2, at * 2 + 2), 16) ^ 1).toString(16).padStart(2, '0') + hex.slice(at * 2 + 2);
const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));

describe('akacore esp protect / verify round trip', () => {
  it.each([['hmac-sha-1-96 + aes-cbc', CBC_SA], ['null + aes-gcm-16', GCM_SA]])('%s with --ik / --ck', (_name, sa) => {
    const packets = protect(sa, PAYLOADS);
    expect(packets).toHaveLength(PAYLOADS.length);
    for (const packet of packets) expect(packet).toMatch(/^00001000[0-9a-f]+$/);
    expect(packets.map((p) => parseInt(p.slice(8, 16), 16))).toEqual([1, 2, 3]);

    const text = akacore(['esp', 'verify', ...sa], packets.join('\n') + '\n');
    expect(text.stderr).toBe('');
    expect(text.status).toBe(0);
    expect(text.stdout.trimEnd().split('\n')).toEqual(
      PAYLOADS.map((p, i) => `line ${i + 1}: ok seq=${i + 1} next-header=17 payload=${p}`));

    const { status, results } = verifyJson(sa, packets.join('\n'));
    expect(status).toBe(0);
    expect(results).toEqual(PAYLOADS.map((payload, i) => ({ line: i + 1, ok: true, seq: i + 1, nextHeader: 17, payload })));
  });

  it('protect --json gives {seq, packet} and honours --next-header', () => {
    const { status, stdout } = akacore(['esp', 'protect', ...CBC_SA, '--json', '--next-header', '6'], 'aa\nbb\n');
    expect(status).toBe(0);
    const out = JSON.parse(stdout) as Array<{ seq: number; packet: string }>;
    expect(out.map((o) => o.seq)).toEqual([1, 2]);
    const { results } = verifyJson(CBC_SA, out.map((o) => o.packet).join('\n'));
    expect(results.map((r) => [r.nextHeader, r.payload])).toEqual([[6, 'aa'], [6, 'bb']]);
  });

  it('takes explicit keys: the keys TS 33.203 Annex I derives from IK and CK verify the same packets', () => {
    const packets = protect(CBC_SA, ['0102']);
    const explicit = ['--spi', '0x1000', '--integrity', 'hmac-sha-1-96', '--encryption', 'aes-cbc',
      '--integrity-key', IK + '00000000', '--cipher-key', CK];
    const { status, results } = verifyJson(explicit, packets[0]!);
    expect(status).toBe(0);
    expect(results[0]).toMatchObject({ ok: true, payload: '0102' });
  });

  it('ESN: sequence numbers verify with --esn on both sides', () => {
    const packets = protect([...CBC_SA, '--esn'], ['01', '02']);
    const { stdout, status } = akacore(['esp', 'verify', ...CBC_SA, '--esn'], packets.join('\n'));
    expect(status).toBe(0);
    expect(stdout).toContain('line 2: ok seq=2 seq-high=0 next-header=17 payload=02');
  });
});

describe('akacore esp verify reports failures per packet and exits 1', () => {
  it.each([['hmac-sha-1-96 + aes-cbc', CBC_SA], ['null + aes-gcm-16', GCM_SA]])('a tampered packet fails with reason icv (%s)', (_n, sa) => {
    const [first, second] = protect(sa, ['0a0b0c', '0d0e0f']);
    const tampered = flip(first!, first!.length / 2 - 1); // the last ICV byte
    const { status, results, stderr } = verifyJson(sa, [tampered, second].join('\n'));
    expect(status).toBe(1);
    expect(results).toEqual([{ line: 1, ok: false, reason: 'icv' }, { line: 2, ok: true, seq: 2, nextHeader: 17, payload: '0d0e0f' }]);
    expect(stderr).toMatch(/1 of 2 packets failed verification/);
  });

  it('a replayed line fails with reason replay', () => {
    const [first, second] = protect(CBC_SA, ['01', '02']);
    const { status, stdout } = akacore(['esp', 'verify', ...CBC_SA], [first, second, first].join('\n'));
    expect(status).toBe(1);
    expect(stdout.trimEnd().split('\n')[2]).toBe('line 3: fail replay');
  });

  it('a packet of another SPI fails with reason spi', () => {
    const [packet] = protect(CBC_SA, ['01']);
    const { status, results } = verifyJson(CBC_SA.map((a) => (a === '0x1000' ? '0x1001' : a)), packet!);
    expect(status).toBe(1);
    expect(results).toEqual([{ line: 1, ok: false, reason: 'spi' }]);
  });

  it('a non-hex line is data: reported as malformed, the other lines still verified, exit 1', () => {
    const [packet] = protect(CBC_SA, ['01']);
    const { status, results } = verifyJson(CBC_SA, ['not hex', packet].join('\n'));
    expect(status).toBe(1);
    expect(results[0]).toMatchObject({ line: 1, ok: false, reason: 'malformed' });
    expect(results[1]).toMatchObject({ line: 2, ok: true, payload: '01' });
  });

  it('a --replay-window of 32 rejects a packet 32 behind the highest', () => {
    const packets = protect(CBC_SA, Array.from({ length: 34 }, (_, i) => i.toString(16).padStart(2, '0')));
    const order = [...packets.slice(1), packets[0]!];
    expect(verifyJson(CBC_SA, order.join('\n'), '--replay-window', '32').results.at(-1)).toMatchObject({ ok: false, reason: 'replay' });
    expect(verifyJson(CBC_SA, order.join('\n'), '--replay-window', '64').status).toBe(0);
  });

  it('--udp-encap takes UDP datagrams on port 4500 and skips NAT-keepalives', () => {
    const [packet] = protect(GCM_SA, ['c0ffee']);
    const esp = bytes(packet!);
    const udp = Buffer.alloc(8 + esp.length);
    udp.writeUInt16BE(4500, 0);
    udp.writeUInt16BE(4500, 2);
    udp.writeUInt16BE(udp.length, 4);
    udp.set(esp, 8);
    const keepalive = '11941194000900' + '00' + 'ff';
    const { status, results } = verifyJson(GCM_SA, [udp.toString('hex'), keepalive].join('\n'), '--udp-encap');
    expect(status).toBe(0);
    expect(results).toEqual([{ line: 1, ok: true, seq: 1, nextHeader: 17, payload: 'c0ffee' }, { line: 2, skipped: 'keepalive' }]);
  });
});

describe('akacore esp verify --pcap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'akacore-esp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, file: Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, file);
    return path;
  };

  it.each([
    ['raw IPv4, ESP as protocol 50', LINKTYPE_RAW, '10.0.0.1', '10.0.0.2', false],
    ['Ethernet IPv6, ESP in UDP 4500', LINKTYPE_ETHERNET, '2001:db8::1', '2001:db8::2', true],
  ] as const)('verifies the packets of --spi in a capture: %s', (_name, linkType, src, dst, natT) => {
    const ours = protect(CBC_SA, ['45000014', '6000', 'ff']).map(bytes);
    const other = protect(CBC_SA.map((a) => (a === '0x1000' ? '0x2000' : a)), ['01'])[0]!;
    const packets = [
      espPacket(src, dst, ours[0]!, natT),
      udpPacket(src, dst, 5060, 5060, new TextEncoder().encode('SIP/2.0 200 OK')),
      espPacket(dst, src, bytes(other), natT),
      espPacket(src, dst, ours[1]!, natT),
      espPacket(src, dst, ours[2]!, natT),
    ];
    const path = write(`capture-${linkType}-${natT}.pcap`, pcapFile(packets, linkType));
    const { status, stdout, stderr } = akacore(['esp', 'verify', ...CBC_SA, '--pcap', path]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout.trimEnd().split('\n')).toEqual([
      'frame 1: ok seq=1 next-header=17 payload=45000014',
      'frame 4: ok seq=2 next-header=17 payload=6000',
      'frame 5: ok seq=3 next-header=17 payload=ff',
    ]);
  });

  it('reports a tampered packet in a capture and exits 1', () => {
    const [a, b] = protect(CBC_SA, ['01', '02']);
    const path = write('tampered.pcap', pcapFile([espPacket('10.0.0.1', '10.0.0.2', bytes(flip(a!, 20))),
      espPacket('10.0.0.1', '10.0.0.2', bytes(b!))]));
    const { status, results } = verifyJson(CBC_SA, '', '--pcap', path);
    expect(status).toBe(1);
    expect(results).toEqual([{ frame: 1, ok: false, reason: 'icv' }, { frame: 2, ok: true, seq: 2, nextHeader: 17, payload: '02' }]);
  });

  it('exits 1 naming the SPIs seen when no packet has --spi', () => {
    const [a] = protect(CBC_SA, ['01']);
    const path = write('other-spi.pcap', pcapFile([espPacket('10.0.0.1', '10.0.0.2', bytes(a!))]));
    const { status, stderr } = akacore(['esp', 'verify', ...CBC_SA.map((x) => (x === '0x1000' ? '0x1234' : x)), '--pcap', path]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/no ESP packet with SPI 0x00001234 .*SPIs seen \(packets\): 0x00001000 \(1\)/);
  });

  it('exits 1 on a file that is not a pcap capture', () => {
    const path = write('not.pcap', new TextEncoder().encode('this is not a capture, just some text'));
    const { status, stderr } = akacore(['esp', 'verify', ...CBC_SA, '--pcap', path]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/not a pcap file/);
  });
});

describe('akacore esp usage errors exit 2 with a message naming the option', () => {
  const without = (args: string[], option: string): string[] => {
    const i = args.indexOf(option);
    return [...args.slice(0, i), ...args.slice(i + 2)];
  };
  const replacing = (args: string[], option: string, value: string): string[] =>
    args.map((a, i) => (args[i - 1] === option ? value : a));

  const cases: Array<[string, string[], RegExp]> = [
    ['a missing --spi', ['esp', 'verify', ...without(CBC_SA, '--spi')], /required option '--spi <n>' not specified/],
    ['a bad --integrity', ['esp', 'verify', ...replacing(CBC_SA, '--integrity', 'hmac-sha-256')],
      /option '--integrity <alg>' argument 'hmac-sha-256' is invalid/],
    ['a bad --encryption', ['esp', 'protect', ...replacing(CBC_SA, '--encryption', 'aes-ctr')],
      /option '--encryption <alg>' argument 'aes-ctr' is invalid/],
    ['a 15-byte --ik', ['esp', 'verify', ...replacing(CBC_SA, '--ik', IK.slice(0, 30))], /--ik must be 16 bytes \(32 hex digits\), got 15/],
    ['a 17-byte --ck', ['esp', 'protect', ...replacing(CBC_SA, '--ck', CK + 'ab')], /--ck must be 16 bytes \(32 hex digits\), got 17/],
    ['--ik without --ck', ['esp', 'verify', ...without(CBC_SA, '--ck')], /--ck is missing/],
    ['a reserved --spi', ['esp', 'verify', ...replacing(CBC_SA, '--spi', '255')], /--spi must be a number .* from 256 to 4294967295.*got 255/],
    ['a non-numeric --spi', ['esp', 'verify', ...replacing(CBC_SA, '--spi', '0xzz')], /--spi must be a number/],
    ['integrity null with aes-cbc', ['esp', 'verify', ...replacing(CBC_SA, '--integrity', 'null')],
      /--integrity null and --encryption aes-cbc cannot be combined/],
    ['--ik with --cipher-key', ['esp', 'verify', ...CBC_SA, '--cipher-key', CK], /'--ik <hex>' cannot be used with option '--cipher-key <hex>'/],
    ['explicit keys without the cipher key', ['esp', 'verify', '--spi', '4096', '--integrity', 'hmac-md5-96', '--encryption', 'aes-cbc',
      '--integrity-key', IK], /--encryption aes-cbc needs --cipher-key, 16 bytes \(32 hex digits\)/],
    ['a short --salt', ['esp', 'verify', '--spi', '4096', '--integrity', 'null', '--encryption', 'aes-gcm-8', '--cipher-key', CK,
      '--salt', '0102'], /--salt must be 4 bytes \(8 hex digits\), got 2/],
    ['a --replay-window not a multiple of 32', ['esp', 'verify', ...CBC_SA, '--replay-window', '100'], /--replay-window must be a multiple of 32/],
    ['a --next-header of 256', ['esp', 'protect', ...CBC_SA, '--next-header', '256'], /--next-header must be a whole number .* from 0 to 255, got 256/],
    ['an unreadable --pcap', ['esp', 'verify', ...CBC_SA, '--pcap', '/nonexistent/x.pcap'], /--pcap \/nonexistent\/x.pcap cannot be read/],
    ['--pcap with --udp-encap', ['esp', 'verify', ...CBC_SA, '--pcap', 'x', '--udp-encap'], /'--pcap <file>' cannot be used with option '--udp-encap'/],
  ];

  it.each(cases)('%s', (_name, args, message) => {
    const { status, stdout, stderr } = akacore(args, '');
    expect(stderr).toMatch(message);
    expect(status).toBe(2);
    expect(stdout).toBe('');
  });

  it('a non-hex payload line in protect is data: reported by line number, exit 1, the rest protected', () => {
    const { status, stdout, stderr } = akacore(['esp', 'protect', ...CBC_SA], '01\nxyz\n02\n');
    expect(status).toBe(1);
    expect(stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(stderr).toMatch(/line 2 must be hex digits/);
  });

  it('esp verify --help lists the SA options', () => {
    const { status, stdout } = akacore(['esp', 'verify', '--help']);
    expect(status).toBe(0);
    for (const option of ['--spi', '--integrity', '--encryption', '--ik', '--ck', '--integrity-key', '--cipher-key', '--salt',
      '--esn', '--replay-window', '--pcap', '--udp-encap', '--json']) {
      expect(stdout).toContain(`${option} `);
    }
  });
});
