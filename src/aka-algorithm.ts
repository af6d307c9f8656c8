// The common face of the authentication and key generation functions of TS 33.102 clause 6.3,
// whatever algorithm set sits behind them: Milenage (TS 35.206), TUAK (TS 35.231) or the 3GPP test
// algorithm XOR (TS 34.108 clause 8.1.2). The HSS (hss.ts) and the USIM / ISIM (isim.ts) are written
// against this interface only, so either side runs any algorithm set.

/** Output sizes in bytes. Milenage: mac 8, res 8, ck 16, ik 16; TUAK chooses them per operator. */
export interface AkaSizes {
  /** MAC-A and MAC-S (f1, f1*). */
  readonly mac: number;
  /** RES / XRES (f2). */
  readonly res: number;
  /** CK (f3). */
  readonly ck: number;
  /** IK (f4). */
  readonly ik: number;
}

/** What the USIM / ISIM computes for one challenge (TS 33.102 clause 6.3.3), before its checks. */
export interface ChallengeOutputs {
  /** SQN, uncovered from AUTN's SQN ^ AK with AK = f5(RAND): 6 bytes. */
  sqn: Uint8Array;
  /** XMAC-A = f1(RAND, SQN, AMF), to be compared with AUTN's MAC-A. */
  xmac: Uint8Array;
  /** f2, f3, f4: RES, CK and IK. */
  res: Uint8Array;
  ck: Uint8Array;
  ik: Uint8Array;
}

/** Every output of f1..f5* for one RAND, SQN and AMF; lengths as in AkaSizes, AK and AK* 6 bytes. */
export interface AkaOutputs {
  /** f1: network authentication code MAC-A. */
  macA: Uint8Array;
  /** f1*: resynchronisation authentication code MAC-S. */
  macS: Uint8Array;
  /** f2: response RES. */
  res: Uint8Array;
  /** f3: cipher key CK. */
  ck: Uint8Array;
  /** f4: integrity key IK. */
  ik: Uint8Array;
  /** f5: anonymity key AK. */
  ak: Uint8Array;
  /** f5*: resynchronisation anonymity key AK*. */
  akStar: Uint8Array;
}

/** AUTN = SQN ^ AK || AMF || MAC-A (TS 33.102 clause 6.3.2); SQN and AK 6 bytes, AMF 2. */
export function buildAutn(sqn: Uint8Array, ak: Uint8Array, amf: Uint8Array, macA: Uint8Array): Uint8Array {
  const autn = new Uint8Array(8 + macA.length);
  for (let i = 0; i < 6; i++) autn[i] = sqn[i]! ^ ak[i]!;
  autn.set(amf, 6);
  autn.set(macA, 8);
  return autn;
}

/**
 * One subscriber's f1, f1*, f2, f3, f4, f5 and f5* (TS 33.102 clause 6.3.2 and 6.3.3). RAND is 16
 * bytes, SQN 6 and AMF 2; AK and AK* are always 6 bytes. dispose() zeroes the key material.
 */
export interface AkaAlgorithm {
  /** The algorithm set, for logs and serialised state: 'milenage', 'tuak', 'xor'. */
  readonly name: string;
  readonly sizes: AkaSizes;
  /** f1: MAC-A from RAND, SQN and AMF. */
  f1(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): Uint8Array;
  /** f1*: MAC-S from RAND, SQN (SQN_MS in resynchronisation) and AMF. */
  f1star(rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): Uint8Array;
  /** f2, f3, f4, f5: RES, CK, IK and AK from RAND. */
  f2345(rand: Uint8Array): { res: Uint8Array; ck: Uint8Array; ik: Uint8Array; ak: Uint8Array };
  /** f5*: AK* from RAND, for resynchronisation (AUTS). */
  f5star(rand: Uint8Array): Uint8Array;
  /** Zeroes and releases the key material; the object cannot be used afterwards. */
  dispose(): void;
  /**
   * Optional: the USIM / ISIM side of one challenge at once (TS 33.102 clause 6.3.3): f2345(RAND),
   * SQN = AUTN[0..5] ^ AK and XMAC-A = f1(RAND, SQN, AMF), with AUTN = SQN ^ AK || AMF || MAC-A of
   * 8 + sizes.mac bytes. Isim uses it when present: one call into the core instead of two.
   */
  challenge?(rand: Uint8Array, autn: Uint8Array): ChallengeOutputs;
}
