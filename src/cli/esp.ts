// `akacore esp protect | verify`: ESP in transport mode (RFC 4303) for one SA given on the command
// line, to build packets for a UE or check packets captured from one. Keys come from IK and CK as
// TS 33.203 Annex I derives them, or are given as they are. Packets travel as hex, one per line, or
// (verify) come out of a pcap capture.

import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Command, Option } from 'commander';
import init, {
  ENCRYPTION, INTEGRITY, InboundSa, MAX_REPLAY_WINDOW, DEFAULT_REPLAY_WINDOW, OutboundSa, checkAlgorithms, decapsulate,
  espKeys, fromHex, toHex,
} from '../index.js';
import type { EncryptionAlgorithm, EspKeys, IntegrityAlgorithm, VerifyFailure } from '../index.js';
import { UsageError } from './errors.js';
import { hexSize, parseHexOption, parseIntegerOption } from './options.js';
import { PcapError, espOfRecord, readPcap } from './pcap.js';

/** The SA options as commander hands them over: strings, still to be checked. */
interface SaFlags {
  spi: string;
  integrity: IntegrityAlgorithm;
  encryption: EncryptionAlgorithm;
  ik?: string;
  ck?: string;
  integrityKey?: string;
  cipherKey?: string;
  salt?: string;
  esn?: boolean;
  json?: boolean;
}
type ProtectFlags = SaFlags & { nextHeader: string };
type VerifyFlags = SaFlags & { replayWindow?: string; pcap?: string; udpEncap?: boolean };

/** The checked SA parameters. */
interface Sa {
  spi: number;
  integrity: IntegrityAlgorithm;
  encryption: EncryptionAlgorithm;
  keys: EspKeys;
  esn: boolean;
}

const MIN_SPI = 256;
const MAX_SPI = 0xffffffff;

/** Registers `esp` with its subcommands `protect` and `verify` on `program`. */
export function registerEsp(program: Command): Command {
  const esp = program
    .command('esp')
    .summary('ESP protect / verify for one SA (RFC 4303, TS 33.203)')
    .description(
      'Protects payloads into ESP packets, or verifies ESP packets, for one transport-mode SA (RFC ' +
      '4303) whose parameters are given as options. Keys are derived from IK and CK as TS 33.203 Annex ' +
      'I says (--ik, --ck), or given explicitly.',
    );

  const protect = esp
    .command('protect')
    .summary('protect payloads (hex lines on stdin) into ESP packets')
    .description(
      'Reads payloads as hex, one per line, from stdin and prints one ESP packet (SPI through ICV) per ' +
      'line, with sequence numbers 1, 2, 3, ... Blank lines and lines starting with # are skipped.',
    );
  addSaOptions(protect);
  protect.optionsGroup('Options:');
  protect.option('--next-header <n>', 'IP protocol number of the payloads (Next Header field)', '17');
  protect.option('--json', 'print one JSON array of {seq, packet}');
  protect.addHelpText('after', '\nExample:\n' +
    '  echo 68656c6c6f | akacore esp protect --spi 0x1000 --integrity hmac-sha-1-96 --encryption aes-cbc \\\n' +
    '    --ik 00112233445566778899aabbccddeeff --ck 0123456789abcdef0123456789abcdef');
  protect.action(protectAction);

  const verify = esp
    .command('verify')
    .summary('verify ESP packets (hex lines on stdin, or a pcap file)')
    .description(
      'Verifies ESP packets (RFC 4303 section 3.4: SPI, anti-replay window, ICV, padding), in order, ' +
      'through one inbound SA. Packets come from stdin as hex, one per line, each starting at the SPI ' +
      '(with --udp-encap: a UDP datagram on port 4500, RFC 3948), or from --pcap FILE, a classic pcap ' +
      'capture (Ethernet, raw IP or Linux cooked; IPv4 or IPv6; ESP as protocol 50 or in UDP port 4500)' +
      ' of which the packets with SPI --spi are taken. Prints per packet ok, the sequence number, next ' +
      'header and payload, or the reason it failed: malformed, spi, replay, icv or padding. Exits 1 if ' +
      'any packet failed.',
    );
  addSaOptions(verify);
  verify.optionsGroup('Options:');
  verify.option('--replay-window <n>', `anti-replay window size, a multiple of 32 (default ${DEFAULT_REPLAY_WINDOW})`);
  verify.addOption(new Option('--pcap <file>', 'read packets from a pcap capture instead of stdin').conflicts('udpEncap'));
  verify.option('--udp-encap', 'stdin lines are UDP datagrams (header included) on port 4500 (RFC 3948)');
  verify.option('--json', 'print one JSON array of per-packet results');
  verify.addHelpText('after', '\nExample:\n' +
    '  akacore esp verify --spi 0x1000 --integrity hmac-sha-1-96 --encryption aes-cbc \\\n' +
    '    --ik 00112233445566778899aabbccddeeff --ck 0123456789abcdef0123456789abcdef --pcap ue.pcap');
  verify.action(verifyAction);

  return esp;
}

function addSaOptions(command: Command): void {
  command.optionsGroup('Security association:');
  command.addOption(new Option('--spi <n>', `SPI, decimal or 0x hex, ${MIN_SPI} to ${MAX_SPI}`).makeOptionMandatory());
  command.addOption(new Option('--integrity <alg>', 'integrity algorithm')
    .choices(Object.keys(INTEGRITY)).makeOptionMandatory());
  command.addOption(new Option('--encryption <alg>', 'encryption algorithm')
    .choices(Object.keys(ENCRYPTION)).makeOptionMandatory());
  command.option('--esn', 'extended (64-bit) sequence numbers (RFC 4303 section 2.2.1)');

  command.optionsGroup('Keys, from IK and CK (TS 33.203 Annex I):');
  const explicit = ['integrityKey', 'cipherKey', 'salt'];
  command.addOption(new Option('--ik <hex>', `IK, ${hexSize(16)}`).conflicts(explicit));
  command.addOption(new Option('--ck <hex>', `CK, ${hexSize(16)}`).conflicts(explicit));

  command.optionsGroup('Keys, explicitly (instead of --ik and --ck):');
  command.option('--integrity-key <hex>', 'integrity key: 20 bytes for hmac-sha-1-96, 16 for hmac-md5-96 and aes-gmac');
  command.option('--cipher-key <hex>', 'cipher key: 16 bytes for aes-cbc and aes-gcm-*, 24 for des-ede3-cbc');
  command.option('--salt <hex>', `salt of aes-gcm-* and aes-gmac, ${hexSize(4)}`);
}

/** Parses an SPI: decimal or 0x hex, in the range RFC 4303 section 2.1 allows. */
function parseSpi(value: string): number {
  const expected = `--spi must be a number (decimal or 0x hex) from ${MIN_SPI} to ${MAX_SPI}`;
  if (!/^(?:0[xX][0-9a-fA-F]{1,8}|\d{1,10})$/.test(value)) throw new UsageError(`${expected}, got ${JSON.stringify(value)}`);
  const spi = Number(value);
  if (spi < MIN_SPI || spi > MAX_SPI) {
    throw new UsageError(`${expected} (RFC 4303 section 2.1: 1 to 255 are reserved), got ${spi}`);
  }
  return spi;
}

/** The checked SA parameters and keys; every mistake is a UsageError naming the option. */
function parseSa(flags: SaFlags): Sa {
  const spi = parseSpi(flags.spi);
  const { integrity, encryption } = flags;
  try {
    checkAlgorithms(integrity, encryption);
  } catch (error) {
    throw new UsageError(`--integrity ${integrity} and --encryption ${encryption} cannot be combined: ${(error as Error).message}`);
  }
  return { spi, integrity, encryption, keys: parseKeys(flags), esn: flags.esn === true };
}

function parseKeys(flags: SaFlags): EspKeys {
  const { integrity, encryption } = flags;
  if (flags.ik !== undefined || flags.ck !== undefined) {
    if (flags.ik === undefined || flags.ck === undefined) {
      throw new UsageError(`--ik and --ck go together, ${hexSize(16)} each; --${flags.ik === undefined ? 'ik' : 'ck'} is missing`);
    }
    const ik = parseHexOption('--ik', flags.ik, 16);
    const ck = parseHexOption('--ck', flags.ck, 16);
    return espKeys(ik, ck, { integrity, encryption });
  }
  const integrityLength = INTEGRITY[integrity].keyLength;
  const cipherLength = ENCRYPTION[encryption].keyLength;
  const saltLength = INTEGRITY[integrity].saltLength + ENCRYPTION[encryption].saltLength;
  const key = (option: string, value: string | undefined, length: number, what: string): Uint8Array | undefined => {
    if (length === 0) {
      if (value !== undefined) throw new UsageError(`${option} is not used with ${what}`);
      return undefined;
    }
    if (value === undefined) {
      throw new UsageError(`${what} needs ${option}, ${hexSize(length)} (or give --ik and --ck to derive the keys)`);
    }
    return parseHexOption(option, value, length);
  };
  const integrityKey = key('--integrity-key', flags.integrityKey, integrityLength, `--integrity ${integrity}`);
  const cipherKey = key('--cipher-key', flags.cipherKey, cipherLength, `--encryption ${encryption}`);
  const salt = key('--salt', flags.salt, saltLength, `--integrity ${integrity} with --encryption ${encryption}`);
  return {
    ...(integrityKey && { integrityKey }),
    ...(cipherKey && { cipherKey }),
    ...(salt && { salt }),
  };
}

/** One input line: its number (from 1) and text; blank lines and # comments are left out. */
interface Line {
  readonly number: number;
  readonly text: string;
}

async function* stdinLines(): AsyncGenerator<Line> {
  const reader = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let number = 0;
  for await (const raw of reader) {
    number += 1;
    const text = raw.replace(/[\s:]/g, '');
    if (text === '' || raw.trimStart().startsWith('#')) continue;
    yield { number, text };
  }
}

/** Hex with separators (spaces, colons) removed; `field` names the line in the error. */
function lineBytes(line: Line): Uint8Array {
  return fromHex(line.text, `line ${line.number}`);
}

async function protectAction(flags: ProtectFlags): Promise<void> {
  await init(); // before parseSa: espKeys derives the GCM / GMAC salts on the WebAssembly core
  const sa = parseSa(flags);
  const nextHeader = parseIntegerOption('--next-header', flags.nextHeader, 0, 255, 'an IP protocol number');
  const outbound = new OutboundSa(sa);
  const json = flags.json === true;
  const packets: Array<{ seq: number; packet: string }> = [];
  let bad = 0;
  try {
    for await (const line of stdinLines()) {
      let payload: Uint8Array;
      try {
        payload = lineBytes(line);
      } catch (error) {
        bad += 1;
        process.stderr.write(`${(error as Error).message}\n`);
        continue;
      }
      const packet = toHex(outbound.protect(payload, nextHeader));
      if (json) packets.push({ seq: Number(outbound.sequence), packet });
      else process.stdout.write(`${packet}\n`);
    }
  } finally {
    outbound.dispose();
  }
  if (json) process.stdout.write(JSON.stringify(packets) + '\n');
  if (bad > 0) throw new Error(`${bad} line${bad === 1 ? ' was' : 's were'} not hex and not protected`);
}

/** Where a packet came from: a stdin line or a pcap frame. */
type Origin = { line: number } | { frame: number };

type Outcome =
  | { ok: true; seq: number; seqHigh: number; nextHeader: number; payload: Uint8Array }
  | { ok: false; reason: VerifyFailure; detail?: string }
  | { skipped: string };

async function verifyAction(flags: VerifyFlags): Promise<void> {
  await init(); // before parseSa: espKeys derives the GCM / GMAC salts on the WebAssembly core
  const sa = parseSa(flags);
  const replayWindow = flags.replayWindow === undefined ? DEFAULT_REPLAY_WINDOW : parseReplayWindow(flags.replayWindow);
  const capture = flags.pcap === undefined ? undefined : loadPcap(flags.pcap);
  const inbound = new InboundSa({ ...sa, replayWindow });
  const json = flags.json === true;
  const results: Array<Record<string, unknown>> = [];
  let total = 0, failed = 0;
  const report = (origin: Origin, outcome: Outcome): void => {
    if ('ok' in outcome) {
      total += 1;
      if (!outcome.ok) failed += 1;
    }
    if (json) results.push(jsonResult(origin, outcome, sa.esn));
    else process.stdout.write(textResult(origin, outcome, sa.esn));
  };
  try {
    if (capture) {
      const seen = new Map<number, number>();
      for (const record of capture.records) {
        const packet = espOfRecord(record, capture.linkType);
        if (!packet || packet.length < 4) continue;
        const spi = ((packet[0]! << 24) | (packet[1]! << 16) | (packet[2]! << 8) | packet[3]!) >>> 0;
        seen.set(spi, (seen.get(spi) ?? 0) + 1);
        if (spi !== sa.spi) continue;
        const outcome = verifyPacket(inbound, packet);
        if (record.truncated && 'ok' in outcome && !outcome.ok) {
          report({ frame: record.frame }, { ...outcome, detail: 'the capture truncated this packet (snapshot length)' });
        } else {
          report({ frame: record.frame }, outcome);
        }
      }
      if (total === 0) {
        const others = [...seen].map(([spi, n]) => `${spiText(spi)} (${n})`).join(', ');
        throw new Error(`no ESP packet with SPI ${spiText(sa.spi)} in ${flags.pcap}; ` +
          (others ? `SPIs seen (packets): ${others}` : 'it holds no ESP packets'));
      }
    } else {
      for await (const line of stdinLines()) {
        let bytes: Uint8Array;
        try {
          bytes = lineBytes(line);
        } catch (error) {
          report({ line: line.number }, { ok: false, reason: 'malformed', detail: (error as Error).message });
          continue;
        }
        if (flags.udpEncap) {
          const inner = decapsulate(bytes);
          if (inner.kind === 'esp') report({ line: line.number }, verifyPacket(inbound, inner.packet));
          else if (inner.kind === 'malformed') report({ line: line.number }, { ok: false, reason: 'malformed', detail: 'not a UDP datagram' });
          else report({ line: line.number }, { skipped: inner.kind });
        } else {
          report({ line: line.number }, verifyPacket(inbound, bytes));
        }
      }
    }
  } finally {
    inbound.dispose();
    if (json) process.stdout.write(JSON.stringify(results) + '\n');
  }
  if (failed > 0) throw new Error(`${failed} of ${total} packet${total === 1 ? '' : 's'} failed verification`);
}

function verifyPacket(inbound: InboundSa, packet: Uint8Array): Outcome {
  const result = inbound.verify(packet);
  if (!result.ok) return { ok: false, reason: result.reason };
  return { ok: true, seq: result.seq, seqHigh: result.seqHigh, nextHeader: result.nextHeader, payload: result.payload };
}

function parseReplayWindow(value: string): number {
  const size = parseIntegerOption('--replay-window', value, 32, MAX_REPLAY_WINDOW, 'packets');
  if (size % 32 !== 0) throw new UsageError(`--replay-window must be a multiple of 32 (RFC 6479), got ${size}`);
  return size;
}

function loadPcap(path: string): ReturnType<typeof readPcap> {
  let file: Uint8Array;
  try {
    file = readFileSync(path);
  } catch (error) {
    throw new UsageError(`--pcap ${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return readPcap(file);
  } catch (error) {
    if (error instanceof PcapError) throw new Error(`--pcap ${path}: ${error.message}`);
    throw error;
  }
}

function spiText(spi: number): string {
  return `0x${spi.toString(16).padStart(8, '0')}`;
}

function where(origin: Origin): string {
  return 'line' in origin ? `line ${origin.line}` : `frame ${origin.frame}`;
}

/** "line 1: ok seq=1 next-header=17 payload=...", "line 2: fail icv", "frame 3: skip keepalive". */
function textResult(origin: Origin, outcome: Outcome, esn: boolean): string {
  if ('skipped' in outcome) return `${where(origin)}: skip ${outcome.skipped}\n`;
  if (!outcome.ok) return `${where(origin)}: fail ${outcome.reason}${outcome.detail ? ` (${outcome.detail})` : ''}\n`;
  const high = esn ? ` seq-high=${outcome.seqHigh}` : '';
  return `${where(origin)}: ok seq=${outcome.seq}${high} next-header=${outcome.nextHeader} payload=${toHex(outcome.payload)}\n`;
}

function jsonResult(origin: Origin, outcome: Outcome, esn: boolean): Record<string, unknown> {
  if ('skipped' in outcome) return { ...origin, skipped: outcome.skipped };
  if (!outcome.ok) return { ...origin, ok: false, reason: outcome.reason, ...(outcome.detail && { detail: outcome.detail }) };
  return {
    ...origin, ok: true, seq: outcome.seq, ...(esn && { seqHigh: outcome.seqHigh }),
    nextHeader: outcome.nextHeader, payload: toHex(outcome.payload),
  };
}
