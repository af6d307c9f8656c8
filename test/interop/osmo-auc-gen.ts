// Running osmo-auc-gen (Debian's libosmocore-utils), the independent C implementation the interop
// tests compare with. .ci/run installs it; without it those tests fail rather than skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { toHex } from '../../src/index.js';

export const OSMO = 'osmo-auc-gen';

/** Whether osmo-auc-gen can be started. */
export function osmoAvailable(): boolean {
  return spawnSync(OSMO, ['--help'], { stdio: 'ignore' }).error === undefined;
}

/** Runs osmo-auc-gen for 3G (-3) with `args` and parses its "NAME:\tvalue" lines. */
export function osmoAucGen(args: string[]): Record<string, string> {
  const out = execFileSync(OSMO, ['-3', ...args], { encoding: 'utf8' });
  return Object.fromEntries(
    out.split('\n').map((line) => line.split(':\t')).filter((p) => p.length === 2).map(([k, v]) => [k!, v!.trim()]),
  );
}

/** Expects osmo-auc-gen's printed vector to equal ours, field by field (lower-case hex). */
export function expectSameVector(
  peer: Record<string, string>, ours: { rand: Uint8Array; xres: Uint8Array; ck: Uint8Array; ik: Uint8Array; autn: Uint8Array },
): void {
  expect(peer.RAND).toBe(toHex(ours.rand));
  expect(peer.RES).toBe(toHex(ours.xres));
  expect(peer.CK).toBe(toHex(ours.ck));
  expect(peer.IK).toBe(toHex(ours.ik));
  expect(peer.AUTN).toBe(toHex(ours.autn));
}
