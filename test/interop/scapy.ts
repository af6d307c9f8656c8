// scapy's IPsec layer (scapy.layers.ipsec.SecurityAssociation, Debian package python3-scapy) as a
// second independent ESP implementation: it makes ESP packets and verifies / decrypts them. scapy.py
// does the work under Debian's /usr/bin/python3; this file maps the harness's SAs to scapy's names.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkSa, ENCRYPTION, type EspSa, type Encryption, type Integrity } from './esp-sa.js';

/** Debian's python3-scapy is importable by the system Python only, not by a pyenv python3 on PATH. */
export const SCAPY_PYTHON = '/usr/bin/python3';
export const SCAPY_APT_PACKAGE = 'python3-scapy';
const SCRIPT = fileURLToPath(new URL('./scapy-esp.py', import.meta.url));

/**
 * scapy's CRYPT_ALGOS names, or null where scapy 2.5.0 gets it wrong: its AES-GCM always appends the
 * full 16-byte tag and so cannot make or check the 8- and 12-byte ICVs of RFC 4106.
 */
export const SCAPY_ENCRYPTION: Record<Encryption, string | null> = {
  null: 'NULL',
  'aes-cbc': 'AES-CBC',
  'des-ede3-cbc': '3DES',
  'aes-gcm-8': null,
  'aes-gcm-12': null,
  'aes-gcm-16': 'AES-GCM',
};

/** scapy's AUTH_ALGOS names. */
export const SCAPY_INTEGRITY: Record<Integrity, string | null> = {
  null: null,
  'hmac-sha-1-96': 'HMAC-SHA1-96',
  'hmac-md5-96': 'HMAC-MD5-96',
};

export interface ScapyProtectJob {
  sa: EspSa;
  /** UDP-encapsulate (RFC 3948) from and to port 4500. */
  natT?: boolean;
  /** Plaintext IP packets, each with its sequence number (>= 1) and optionally a fixed IV. */
  packets: { packet: Uint8Array; seq: number; iv?: Uint8Array }[];
}

export interface ScapyVerifyJob {
  sa: EspSa;
  /** IP packets carrying ESP (protocol 50, or UDP port 4500). */
  packets: Uint8Array[];
}

export type ScapyVerdict =
  | { ok: true; nextHeader: number; padLength: number; payload: Uint8Array }
  | { ok: false; error: string; detail: string };

export interface ScapyAnswer<T> {
  version: string;
  /** The algorithm names this scapy supports (CRYPT_ALGOS and AUTH_ALGOS). */
  encryption: string[];
  integrity: string[];
  results: T[][];
}

/** scapy's version, or null when Debian's python3-scapy cannot be imported. */
export function scapyVersion(): string | null {
  const run = spawnSync(SCAPY_PYTHON, ['-c', 'import scapy; print(scapy.VERSION)'], { encoding: 'utf8' });
  return run.error || run.status !== 0 ? null : run.stdout.trim();
}

/** Has scapy build ESP packets (transport mode, RFC 4303 default padding) for each job's SA. */
export function protectWithScapy(jobs: ScapyProtectJob[]): ScapyAnswer<Uint8Array> {
  const answer = runScapy(jobs.map((job) => ({
    op: 'protect',
    sa: scapySa(job.sa),
    nat_t: job.natT ?? false,
    packets: job.packets.map((p) => {
      if (!Number.isInteger(p.seq) || p.seq < 1) throw new RangeError(`seq must be >= 1 for scapy, got ${p.seq}`);
      return { packet: hex(p.packet), seq: p.seq, iv: p.iv ? hex(p.iv) : null };
    }),
  })));
  return { ...answer, results: answer.results.map((job) => job.map((r) => bytes(r.packet!))) };
}

/** Has scapy verify and decrypt ESP packets with each job's SA. */
export function verifyWithScapy(jobs: ScapyVerifyJob[]): ScapyAnswer<ScapyVerdict> {
  const answer = runScapy(jobs.map((job) => ({ op: 'verify', sa: scapySa(job.sa), packets: job.packets.map(hex) })));
  return {
    ...answer,
    results: answer.results.map((job) => job.map((r): ScapyVerdict => r.ok
      ? { ok: true, nextHeader: r.next_header!, padLength: r.pad_length!, payload: bytes(r.payload!) }
      : { ok: false, error: r.error!, detail: r.detail! })),
  };
}

interface RawResult {
  ok: boolean;
  packet?: string;
  next_header?: number;
  pad_length?: number;
  payload?: string;
  error?: string;
  detail?: string;
}

function runScapy(jobs: object[]): ScapyAnswer<RawResult> {
  const run = spawnSync(SCAPY_PYTHON, [SCRIPT], {
    input: JSON.stringify({ jobs }), encoding: 'utf8', maxBuffer: 256 << 20,
  });
  if (run.error) throw new Error(`${SCAPY_PYTHON} could not run (apt-get install ${SCAPY_APT_PACKAGE}): ${run.error.message}`);
  if (run.status !== 0) {
    throw new Error(`scapy-esp.py exited with ${run.status} (is ${SCAPY_APT_PACKAGE} installed?): ${run.stderr.trim()}`);
  }
  const answer = JSON.parse(run.stdout) as { scapy: string; encryption: string[]; integrity: string[]; results: RawResult[][] };
  return { version: answer.scapy, encryption: answer.encryption, integrity: answer.integrity, results: answer.results };
}

function scapySa(sa: EspSa) {
  checkSa(sa);
  const algo = SCAPY_ENCRYPTION[sa.encryption];
  if (algo === null) throw new RangeError(`encryption ${sa.encryption} is not supported by scapy's IPsec layer`);
  return {
    spi: sa.spi,
    crypt_algo: algo, crypt_key: hex(sa.encryptionKey), crypt_icv_size: ENCRYPTION[sa.encryption].icvBytes || null,
    auth_algo: SCAPY_INTEGRITY[sa.integrity], auth_key: hex(sa.integrityKey),
  };
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

function bytes(h: string): Uint8Array {
  return Uint8Array.from(Buffer.from(h, 'hex'));
}
