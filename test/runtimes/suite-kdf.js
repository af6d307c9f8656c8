// The key derivations in every runtime, on their published known answers: the TS 33.220 Annex B.2
// KDF (RFC 5448 CK' || IK' with FC 0x20, TS 33.401 KASME and KeNB), EAP-AKA' (RFC 5448 Appendix C),
// the 5G XRES* / RES*, KAUSF and KSEAF of TS 33.501 Annex A (kdf-5g.json) and the GSM conversions c2
// and c3 (TS 33.102 clause 6.8.1.2) on the TS 55.205 test sets. Plain ES module.
import { bytesOf, concat, hexOf } from './suite-tools.js';

const EAP_AKA_PRIME_KEYS = ['ckPrime', 'ikPrime', 'kEncr', 'kAut', 'kRe', 'msk', 'emsk'];

/** Checks a clean run makes for the parsed files { eapAkaPrime, eps, fiveG, gsm }. */
export function kdfCheckCount({ eapAkaPrime, eps, fiveG, gsm }) {
  return (EAP_AKA_PRIME_KEYS.length + 1) * eapAkaPrime.cases.length
    + eps.kasme.length + 2 * eps.kenb.length + 6 * fiveG.cases.length + 2 * gsm.sets.length;
}

export async function checkKdf(api, files, t) {
  await checkEapAkaPrime(api, files.eapAkaPrime, t);
  await checkEps(api, files.eps, t);
  await checkFiveG(api, files.fiveG, t);
  await checkGsm(api, files.gsm, t);
}

/** RFC 5448 Appendix C: every key, and CK' || IK' straight from the KDF (FC 0x20, RFC 9048 3.3). */
async function checkEapAkaPrime(api, doc, t) {
  for (const c of doc.cases) {
    const where = `kdf-eap-aka-prime.json case ${c.case} (${c.networkName})`;
    await t.guard(where, () => {
      const ck = bytesOf(c.ck), ik = bytesOf(c.ik), sqnXorAk = bytesOf(c.autn).subarray(0, 6);
      const keys = api.eapAkaPrime({ identity: c.identity, networkName: c.networkName, ck, ik, sqnXorAk });
      for (const field of EAP_AKA_PRIME_KEYS) t.same(`${where}: ${field}`, keys[field], c[field]);
      t.same(`${where}: kdf(CK || IK, 0x20, network name, SQN ^ AK)`, api.kdf(concat([ck, ik]), 0x20, c.networkName, sqnXorAk),
        c.ckPrime + c.ikPrime);
    });
  }
}

/** TS 33.401 A.2 KASME and A.3 KeNB; KeNB also through the bare KDF with FC 0x11 and the COUNT. */
async function checkEps(api, doc, t) {
  for (const c of doc.kasme) {
    const where = `kdf-eps.json KASME: ${c.name}`;
    await t.guard(where, () => {
      const ak = bytesOf(c.ak), sqnXorAk = bytesOf(c.sqn).map((b, i) => b ^ ak[i]);
      t.same(where, api.kasme(bytesOf(c.ck), bytesOf(c.ik), api.encodePlmn(c.mcc, c.mnc), sqnXorAk), c.kasme);
    });
  }
  for (const c of doc.kenb) {
    const where = `kdf-eps.json KeNB: ${c.name}`;
    await t.guard(where, () => {
      const kasme = bytesOf(c.kasme);
      t.same(`${where}: kenb()`, api.kenb(kasme, parseInt(c.uplinkNasCount, 16)), c.kenb);
      t.same(`${where}: kdf(KASME, 0x11, COUNT)`, api.kdf(kasme, 0x11, bytesOf(c.uplinkNasCount)), c.kenb);
    });
  }
}

/** TS 33.501 A.4 XRES*, A.2 KAUSF, A.6 KSEAF from the Milenage outputs; the UE's RES* checked. */
async function checkFiveG(api, doc, t) {
  for (const c of doc.cases) {
    const where = `kdf-5g.json: ${c.name}`;
    await t.guard(where, () => {
      const m = api.Milenage.fromOpc(bytesOf(c.k), bytesOf(c.opc));
      const rand = bytesOf(c.rand), sqn = bytesOf(c.sqn), amf = bytesOf(c.amf);
      let out, autn;
      try {
        out = m.compute(rand, sqn, amf);
        autn = m.vector(rand, sqn, amf).autn;
      } finally {
        m.dispose();
      }
      t.same(`${where}: AUTN`, autn, c.autn);
      const snn = api.servingNetworkName(c.mcc, c.mnc);
      t.check(snn === c.servingNetworkName, `${where}: serving network name: expected ${c.servingNetworkName}, got ${snn}`);
      const xres = api.xresStar(out.ck, out.ik, snn, rand, out.res);
      t.same(`${where}: XRES*`, xres, c.xresStar);
      const res = api.resStar(out.ck, out.ik, snn, rand, out.res);
      const verdict = api.checkResStar(xres, res);
      t.check(verdict.ok === true, `${where}: checkResStar(XRES*, RES*): ${verdict.reason ?? 'ok'} (RES* ${hexOf(res)})`);
      const kausf = api.kausf(out.ck, out.ik, snn, autn.subarray(0, 6));
      t.same(`${where}: KAUSF`, kausf, c.kausf);
      t.same(`${where}: KSEAF`, api.kseaf(kausf, snn), c.kseaf);
    });
  }
}

/** TS 55.205 sets: SRES = c2(RES), Kc = c3(CK, IK). */
async function checkGsm(api, doc, t) {
  for (const s of doc.sets) {
    const where = `kdf-gsm-ts55205.json set ${s.set}`;
    await t.guard(where, () => {
      t.same(`${where}: c2(RES)`, api.c2(bytesOf(s.res)), s.sres);
      t.same(`${where}: c3(CK, IK)`, api.c3(bytesOf(s.ck), bytesOf(s.ik)), s.kc);
    });
  }
}
