// The ISIM's AUTS and the Digest AKA nonce against osmo-auc-gen (Debian's libosmocore-utils), an
// independent C implementation: `-A AUTS` checks MAC-S and recovers SQN_MS (TS 33.102 clause 6.3.5),
// and every run prints the "IMS nonce" base64(RAND || AUTN) of RFC 3310 section 3.2.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Isim, Milenage, buildNonce, toHex } from '../../src/index.js';
import { joinSqn, sqnToBytes } from '../../src/sqn.js';

const OSMO = 'osmo-auc-gen';

function available(): boolean {
  return spawnSync(OSMO, ['--help'], { stdio: 'ignore' }).error === undefined;
}

/** osmo-auc-gen for 3G Milenage with OPc; its "NAME:\tvalue" lines as a record. */
function osmo(args: string[]): Record<string, string> {
  const out = execFileSync(OSMO, ['-3', '-a', 'milenage', ...args], { encoding: 'utf8' });
  return Object.fromEntries(
    out.split('\n').map((line) => line.split(':\t')).filter((p) => p.length === 2).map(([k, v]) => [k!, v!.trim()]),
  );
}

describe('Isim and Digest AKA interop with osmo-auc-gen', () => {
  it('osmo-auc-gen accepts the AUTS of 40 random out-of-sync cards and recovers their SQN_MS', () => {
    expect(available(), `${OSMO} not found: apt-get install libosmocore-utils`).toBe(true);
    for (let n = 0; n < 40; n++) {
      const k = randomBytes(16), opc = randomBytes(16), rand = randomBytes(16);
      const m = Milenage.fromOpc(k, opc);
      try {
        const isim = new Isim(m);
        // Bring the card to a random SQN_MS, then replay it: the card answers AUTS.
        const sqn = joinSqn(1 + randomInt(2 ** 28), randomInt(32), 5);
        const { autn } = m.vector(rand, sqnToBytes(sqn), Uint8Array.of(0x80, 0));
        expect(isim.authenticate(rand, autn).ok).toBe(true);
        const result = isim.authenticate(rand, autn);
        if (result.ok || result.reason !== 'sync') throw new Error(`expected sync, got ${JSON.stringify(result)}`);
        const peer = osmo(['-k', toHex(k), '-o', toHex(opc), '-r', toHex(rand), '-A', toHex(result.auts)]);
        expect(peer['SQN.MS']).toBe(String(sqn));
        // And the IMS nonce osmo-auc-gen prints for its resynchronised vector is RFC 3310's.
        expect(peer['IMS nonce']).toBe(buildNonce(rand, Buffer.from(peer.AUTN!, 'hex')));
      } finally {
        m.dispose();
      }
    }
  });

  it('osmo-auc-gen refuses an AUTS with one bit of MAC-S flipped', () => {
    expect(available(), `${OSMO} not found`).toBe(true);
    const k = randomBytes(16), opc = randomBytes(16), rand = randomBytes(16);
    const m = Milenage.fromOpc(k, opc);
    const isim = new Isim(m, { delta: 4 });
    const { autn } = m.vector(rand, sqnToBytes(joinSqn(100, 0, 5)), Uint8Array.of(0x80, 0));
    const result = isim.authenticate(rand, autn);
    m.dispose();
    if (result.ok || result.reason !== 'sync') throw new Error('expected sync');
    result.auts[13]! ^= 1;
    const run = spawnSync(OSMO, ['-3', '-a', 'milenage', '-k', toHex(k), '-o', toHex(opc), '-r', toHex(rand), '-A', toHex(result.auts)], { encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('AUTS from MS seems incorrect');
  });
});
