import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Milenage, toHex } from '../../src/index.js';
import { OSMO, expectSameVector, osmoAucGen, osmoAvailable as available } from './osmo-auc-gen.js';

// Interop with osmo-auc-gen (Debian's libosmocore-utils), an independent Milenage in C.
// .ci/run installs it; without it this test fails rather than skips.

/** osmo-auc-gen for 3G Milenage. */
const osmo = (args: string[]): Record<string, string> => osmoAucGen(['-a', 'milenage', ...args]);

describe('Milenage interop with osmo-auc-gen', () => {
  it('is installed (apt-get install libosmocore-utils)', () => {
    expect(available(), `${OSMO} not found: apt-get install libosmocore-utils`).toBe(true);
  });

  it('agrees on RES, CK, IK and AUTN for 300 random subscribers, with OP and with OPc', () => {
    expect(available(), `${OSMO} not found`).toBe(true);
    for (let i = 0; i < 300; i++) {
      const k = randomBytes(16), op = randomBytes(16), rand = randomBytes(16), amf = randomBytes(2);
      // osmo-auc-gen takes SQN in decimal; keep it below 2^48.
      const sqn = randomBytes(6);
      const useOp = i % 2 === 0;
      const m = useOp ? Milenage.fromOp(k, op) : Milenage.fromOpc(k, op);
      const peer = osmo([
        '-k', toHex(k), useOp ? '-O' : '-o', toHex(op), '-r', toHex(rand),
        '-s', BigInt('0x' + toHex(sqn)).toString(), '-f', toHex(amf),
      ]);
      const v = m.vector(rand, sqn, amf);
      expectSameVector(peer, v);
      m.dispose();
    }
  });
});
