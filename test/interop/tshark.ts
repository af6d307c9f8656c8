// tshark (Wireshark's ESP dissector, Debian package "tshark") as an independent judge of ESP packets:
// given the SAs, it checks each ICV and decrypts. Its SA table is the "esp_sa" UAT, set on the command
// line with -o, with the exact algorithm labels of Wireshark's packet-ipsec.c (checked on 4.0.17).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EspSa, Encryption, Integrity } from './esp-sa.js';
import { checkSa } from './esp-sa.js';
import { LINKTYPE_RAW, pcapFile } from './pcap.js';

export const TSHARK = 'tshark';
export const TSHARK_APT_PACKAGE = 'tshark';

/** Wireshark's encryption algorithm labels (a wrong label makes tshark exit with "invalid value"). */
export const TSHARK_ENCRYPTION_LABEL: Record<Encryption, string> = {
  null: 'NULL',
  'aes-cbc': 'AES-CBC [RFC3602]',
  'des-ede3-cbc': 'TripleDES-CBC [RFC2451]',
  'aes-gcm-8': 'AES-GCM with 8 octet ICV [RFC4106]',
  'aes-gcm-12': 'AES-GCM with 12 octet ICV [RFC4106]',
  'aes-gcm-16': 'AES-GCM with 16 octet ICV [RFC4106]',
};

/** Wireshark's authentication algorithm labels. */
export const TSHARK_INTEGRITY_LABEL: Record<Integrity, string> = {
  null: 'NULL',
  'hmac-sha-1-96': 'HMAC-SHA-1-96 [RFC2404]',
  'hmac-md5-96': 'HMAC-MD5-96 [RFC2403]',
};

export interface TsharkVerdict {
  /** The SPI tshark read, or null when it found no ESP in the packet. */
  spi: number | null;
  /** 'unchecked': no matching SA, no integrity algorithm, or the dissection stopped before the ICV. */
  icv: 'good' | 'bad' | 'unchecked';
  /** The decrypted payload without padding, pad length and next header (tshark's "ESP Contained Data"). */
  decrypted: Uint8Array | null;
  padding: Uint8Array | null;
  nextHeader: number | null;
  /** tshark marked the packet malformed (an exception in ESP or, with dissectPayload, an inner dissector). */
  malformed: boolean;
  /** The protocol stack tshark saw, e.g. "raw:ip:esp:udp:data" (tshark's frame.protocols). */
  protocols: string;
}

export interface TsharkJudgeOptions {
  /**
   * Let tshark dissect the decrypted payload (UDP, then SIP, RTCP, ...). Off by default: tshark adds
   * the ICV verdict after dissecting the payload, so an inner dissector that throws on it (port
   * 5060 without SIP text, a heuristic such as RTCP claiming random bytes) would leave the ICV
   * unchecked. Off, every protocol above UDP is disabled and the payload shows as data.
   */
  dissectPayload?: boolean;
}

/** `tshark --version`'s first line, or null when tshark cannot be run. */
export function tsharkVersion(): string | null {
  const run = spawnSync(TSHARK, ['--version'], { encoding: 'utf8' });
  return run.error || run.status !== 0 ? null : run.stdout.split('\n')[0]!.trim();
}

/** One row of the esp_sa UAT: protocol, src, dst, SPI, encryption algorithm and key, authentication algorithm and key. */
export function espSaUatRow(sa: EspSa): string {
  checkSa(sa);
  const key = (k: Uint8Array) => (k.length === 0 ? '' : '0x' + Buffer.from(k).toString('hex'));
  return [
    sa.src.includes(':') ? 'IPv6' : 'IPv4', sa.src, sa.dst, '0x' + sa.spi.toString(16).padStart(8, '0'),
    TSHARK_ENCRYPTION_LABEL[sa.encryption], key(sa.encryptionKey),
    TSHARK_INTEGRITY_LABEL[sa.integrity], key(sa.integrityKey),
  ].map((field) => `"${field}"`).join(',');
}

/** The -o options that turn on ESP decryption and ICV checking with these SAs. */
export function espPreferences(sas: EspSa[]): string[] {
  return [
    'esp.enable_encryption_decode:TRUE',
    'esp.enable_authentication_check:TRUE',
    ...sas.map((sa) => `uat:esp_sa:${espSaUatRow(sa)}`),
  ].flatMap((pref) => ['-o', pref]);
}

/**
 * Runs tshark over a pcap file and returns, per frame, the values of `fields` (each a list of
 * occurrences). `options` go before the field list (preferences, --disable-protocol, ...). The file
 * goes through a temporary file: tshark 4.0 refuses some pipes on stdin as "special files".
 */
export function tsharkFields(pcap: Uint8Array, fields: string[], options: string[] = []): string[][][] {
  const dir = mkdtempSync(join(tmpdir(), 'akacore-tshark-'));
  const file = join(dir, 'capture.pcap');
  writeFileSync(file, pcap);
  const args = [
    '-r', file, '-n', ...options, '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=/s',
    ...fields.flatMap((f) => ['-e', f]),
  ];
  const run = spawnSync(TSHARK, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  rmSync(dir, { recursive: true, force: true });
  if (run.error) throw new Error(`${TSHARK} could not run (apt-get install ${TSHARK_APT_PACKAGE}): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${TSHARK} exited with ${run.status}: ${run.stderr.trim()}`);
  const lines = run.stdout === '' ? [] : run.stdout.replace(/\n$/, '').split('\n');
  return lines.map((line) => line.split('\t').map((value) => (value === '' ? [] : value.split(' '))));
}

const VERDICT_FIELDS = [
  'frame.protocols', 'esp.spi', 'esp.icv_good', 'esp.icv_bad', 'esp.contained_data', 'esp.pad', 'esp.protocol', '_ws.malformed',
];

/**
 * Asks tshark to judge IP packets carrying ESP (protocol 50, or UDP port 4500): for each, whether
 * the ICV is good, bad or unchecked under `sas`, and the payload it decrypts to.
 */
export function judgeWithTshark(packets: Uint8Array[], sas: EspSa[], options: TsharkJudgeOptions = {}): TsharkVerdict[] {
  const tsharkOptions = [...espPreferences(sas), ...(options.dissectPayload ? [] : payloadAsData())];
  const rows = tsharkFields(pcapFile(packets, LINKTYPE_RAW), VERDICT_FIELDS, tsharkOptions);
  if (rows.length !== packets.length) {
    throw new Error(`${TSHARK} printed ${rows.length} rows for ${packets.length} packets`);
  }
  return rows.map(([protocols, spi, good, bad, contained, pad, protocol, malformed]) => {
    const nextHeader = protocol!.length ? Number(protocol![0]) : null;
    return {
      spi: spi!.length ? Number(spi![0]) : null,
      icv: isTrue(good!) ? 'good' : isTrue(bad!) ? 'bad' : 'unchecked',
      decrypted: contained!.length ? fromHex(contained![0]!) : null,
      // tshark omits the Pad field when the pad length is 0.
      padding: pad!.length ? fromHex(pad![0]!) : nextHeader === null ? null : new Uint8Array(0),
      nextHeader,
      malformed: malformed!.length > 0,
      protocols: protocols![0] ?? '',
    };
  });
}

// What the judge needs: link layers, IP, UDP (outer for RFC 3948, inner as the payload), ESP and
// its NAT-T wrapper, data, and tshark's own pseudo-protocols (malformed, expert, ...).
const KEPT_PROTOCOLS = new Set(['frame', 'raw', 'eth', 'ethertype', 'ip', 'ipv6', 'udp', 'udpencap', 'esp', 'data']);
let disabledProtocols: string[] | undefined;

/**
 * --disable-protocol for every protocol but KEPT_PROTOCOLS. tshark 4.0 has no "disable all" and
 * takes one name per option, so the list comes from `tshark -G protocols` (once per process).
 */
function payloadAsData(): string[] {
  if (!disabledProtocols) {
    const run = spawnSync(TSHARK, ['-G', 'protocols'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (run.error || run.status !== 0) throw new Error(`${TSHARK} -G protocols failed: ${run.error?.message ?? run.stderr}`);
    disabledProtocols = run.stdout.split('\n').map((line) => line.split('\t')[2])
      .filter((name): name is string => !!name && !KEPT_PROTOCOLS.has(name) && !name.startsWith('_ws.'));
  }
  return disabledProtocols.flatMap((name) => ['--disable-protocol', name]);
}

// Booleans print as 1/0 in tshark 4.0's field output and as True/False in some other versions.
function isTrue(values: string[]): boolean {
  return values.length > 0 && (values[0] === '1' || values[0]!.toLowerCase() === 'true');
}

function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.replaceAll(':', ''), 'hex'));
}
