// Running osmo-auc-gen (Debian's libosmocore-utils), the independent C implementation the interop
// tests compare with. .ci/run installs it; without it those tests fail rather than skip.
import { execFileSync, spawnSync } from 'node:child_process';

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
