// TUAK (TS 35.233 test sets 1-6, test-vectors/tuak-ts35233.json) in every runtime: from TOP through
// compute(), and from TOPc through each function of the AkaAlgorithm interface. Plain ES module.
import { bytesOf } from './suite-tools.js';

/** Checks a clean run makes: per set, TOPc and the 7 outputs from TOP, TOPc and the 7 again from TOPc. */
export function tuakCheckCount(doc) {
  return 16 * doc.sets.length;
}

export async function checkTuak(api, doc, t) {
  for (const s of doc.sets) {
    const where = `tuak-ts35233.json set ${s.set} (clause ${s.clause})`;
    await t.guard(where, () => {
      const k = bytesOf(s.k), rand = bytesOf(s.rand), sqn = bytesOf(s.sqn), amf = bytesOf(s.amf);
      const options = { macBits: s.macBits, resBits: s.resBits, ckBits: s.ckBits, ikBits: s.ikBits, iterations: s.iterations };

      const fromTop = api.Tuak.fromTop(k, bytesOf(s.top), options);
      try {
        t.same(`${where} fromTop: topc`, fromTop.topc, s.topc);
        const out = fromTop.compute(rand, sqn, amf);
        t.same(`${where} compute().macA (f1)`, out.macA, s.f1);
        t.same(`${where} compute().macS (f1*)`, out.macS, s.f1star);
        t.same(`${where} compute().res (f2)`, out.res, s.f2);
        t.same(`${where} compute().ck (f3)`, out.ck, s.f3);
        t.same(`${where} compute().ik (f4)`, out.ik, s.f4);
        t.same(`${where} compute().ak (f5)`, out.ak, s.f5);
        t.same(`${where} compute().akStar (f5*)`, out.akStar, s.f5star);
      } finally {
        fromTop.dispose();
      }

      const fromTopc = api.Tuak.fromTopc(k, bytesOf(s.topc), options);
      try {
        t.same(`${where} fromTopc: topc`, fromTopc.topc, s.topc);
        t.same(`${where} f1()`, fromTopc.f1(rand, sqn, amf), s.f1);
        t.same(`${where} f1star()`, fromTopc.f1star(rand, sqn, amf), s.f1star);
        const { res, ck, ik, ak } = fromTopc.f2345(rand);
        t.same(`${where} f2345().res`, res, s.f2);
        t.same(`${where} f2345().ck`, ck, s.f3);
        t.same(`${where} f2345().ik`, ik, s.f4);
        t.same(`${where} f2345().ak`, ak, s.f5);
        t.same(`${where} f5star()`, fromTopc.f5star(rand), s.f5star);
      } finally {
        fromTopc.dispose();
      }
    });
  }
}
