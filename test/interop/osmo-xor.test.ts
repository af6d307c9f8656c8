import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Milenage, XorAlgorithm, generateVectors, initialSqnState, planSqns, resynchronise, toHex } from '../../src/index.js';
import { referenceMilenage } from '../reference/milenage.js';
import { OSMO, expectSameVector, osmoAucGen as osmo, osmoAvailable as available } from './osmo-auc-gen.js';

// Interop with osmo-auc-gen (an independent C implementation): the XOR test algorithm (TS 34.108
// clause 8.1.2), and HSS resynchronisation from AUTS (-A) with Milenage. osmo-auc-gen.test.ts
// checks that it is installed; here each test fails without it.
const IND_BITS = 5;

const sqnHex = (sqn: number): string => sqn.toString(16).padStart(12, '0');

describe('XOR interop with osmo-auc-gen -a xor', () => {
  // osmo-auc-gen (libosmocore 1.7) lowers the SQN given with -s by 2^IND-length before generating,
  // expecting the algorithm to count it up again (its Milenage does; its XOR does not), so its XOR
  // AUTN carries SQN - 32: we pass SQN + 32 to get a vector for SQN.
  it('agrees on RES (all 128 bits), CK, IK and AUTN for 60 random subscribers', () => {
    expect(available(), `${OSMO} not found`).toBe(true);
    for (let i = 0; i < 60; i++) {
      const k = randomBytes(16), rand = randomBytes(16), amf = randomBytes(2);
      const x = new XorAlgorithm(k);
      const { vectors } = generateVectors(x, initialSqnState(randomInt(0, 2 ** 47)), { count: 1, amf, rand });
      const v = vectors[0]!;
      const peer = osmo(['-a', 'xor', '-k', toHex(k), '-r', toHex(rand), '-s', String(v.sqn + 2 ** IND_BITS), '-f', toHex(amf)]);
      expectSameVector(peer, v);
      x.dispose();
    }
  });
});

describe('resynchronisation interop with osmo-auc-gen -a milenage -A', () => {
  it('recovers the same SQN_MS and the same next SQN (SEQ_MS + 1) on 40 random AUTS', () => {
    expect(available(), `${OSMO} not found`).toBe(true);
    for (let i = 0; i < 40; i++) {
      const k = randomBytes(16), opc = randomBytes(16), rand = randomBytes(16);
      const sqnMs = randomInt(0, 2 ** 47);
      // The USIM's AUTS (TS 33.102 clause 6.3.3), built with the independent reference Milenage.
      const { akStar, macS } = referenceMilenage(k, opc, rand, Buffer.from(sqnHex(sqnMs), 'hex'), new Uint8Array(2));
      const auts = Uint8Array.from([...Buffer.from(sqnHex(sqnMs), 'hex').map((b, j) => b ^ akStar[j]!), ...macS]);
      const peer = osmo(['-a', 'milenage', '-k', toHex(k), '-o', toHex(opc), '-r', toHex(rand), '-A', toHex(auts)]);
      const m = Milenage.fromOpc(k, opc);
      const result = resynchronise(m, initialSqnState(randomInt(0, 2 ** 47)), rand, auts);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(String(result.sqnMs)).toBe(peer['SQN.MS']);
      // osmo-auc-gen then issues the next vector with IND 0 (its -i default): so does a node with IND 0.
      expect(String(planSqns(result.state, 1, { node: 'n', nodes: { n: 0 } }).sqns[0])).toBe(peer.SQN);
      m.dispose();
    }
  });

  it('both refuse an AUTS with a flipped MAC-S bit', () => {
    expect(available(), `${OSMO} not found`).toBe(true);
    const k = randomBytes(16), opc = randomBytes(16), rand = randomBytes(16);
    const { akStar, macS } = referenceMilenage(k, opc, rand, Buffer.from('000000abcdef', 'hex'), new Uint8Array(2));
    const auts = Uint8Array.from([...Buffer.from('000000abcdef', 'hex').map((b, j) => b ^ akStar[j]!), ...macS]);
    auts[13]! ^= 1;
    const out = spawnSync(OSMO, ['-3', '-a', 'milenage', '-k', toHex(k), '-o', toHex(opc), '-r', toHex(rand), '-A', toHex(auts)], { encoding: 'utf8' });
    expect(out.stdout + out.stderr).toMatch(/AUTS from MS seems incorrect/);
    expect(resynchronise(Milenage.fromOpc(k, opc), initialSqnState(), rand, auts)).toEqual({ ok: false, reason: 'mac-s' });
  });
});
