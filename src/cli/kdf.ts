// `akacore kdf ...`: the key derivations for one set of inputs, hex in and out: EAP-AKA' and
// EAP-AKA keys (RFC 9048, RFC 4187), the EPS keys KASME, KNAS*, KeNB (TS 33.401 Annex A), the 5G
// KAUSF, RES* / HRES*, KSEAF, KAMF (TS 33.501 Annex A), the GSM conversions c2 and c3 (TS 33.102
// 6.8.1.2) and the generic KDF of TS 33.220 Annex B.2.

import { Command, Option } from 'commander';
import init, {
  c2, c3, eapAkaKeys, eapAkaPrime, encodePlmn, hresStar, kamf, kasme, kausf, kdf, kenb, knasEnc, knasInt, kseaf, resStar,
  servingNetworkName, splitMccMnc,
} from '../index.js';
import type { Plmn } from '../index.js';
import { UsageError } from './errors.js';
import { hexSize, parseHexOption, parseHexRangeOption, parseIntegerOption } from './options.js';
import { printFields } from './output.js';
import type { Field } from './output.js';

type Flags = Record<string, string | string[] | boolean | undefined>;

const str = (flags: Flags, name: string) => flags[name] as string;
const hex = (flags: Flags, name: string, option: string, length: number) => parseHexOption(option, str(flags, name), length);

/** Parses --plmn MCCMNC (5 or 6 digits). */
function parsePlmn(value: string): Plmn {
  try {
    return splitMccMnc(value);
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) {
      throw new UsageError(`--plmn must be MCC and MNC, 5 or 6 decimal digits (e.g. 00101 or 310410), got ${JSON.stringify(value)}`);
    }
    throw error;
  }
}

/** The serving network name from --snn, or built from --plmn (TS 33.501 clause 6.1.1.4). */
function snnOf(flags: Flags): string {
  if (flags.snn !== undefined) return str(flags, 'snn');
  if (flags.plmn !== undefined) {
    const { mcc, mnc } = parsePlmn(str(flags, 'plmn'));
    return servingNetworkName(mcc, mnc);
  }
  throw new UsageError('one of --snn or --plmn is required (e.g. --snn 5G:mnc001.mcc001.3gppnetwork.org or --plmn 00101)');
}

/** Adds --snn and --plmn (one of them is required; checked by snnOf). */
function addSnn(command: Command): void {
  command.addOption(new Option('--snn <name>', 'serving network name, e.g. 5G:mnc001.mcc001.3gppnetwork.org').conflicts('plmn'));
  command.addOption(new Option('--plmn <mccmnc>', 'or MCC and MNC (e.g. 00101) to build it from').conflicts('snn'));
}

const CK_IK: [string, string][] = [['--ck <hex>', `CK, ${hexSize(16)}`], ['--ik <hex>', `IK, ${hexSize(16)}`]];
const SQN_XOR_AK: [string, string] = ['--sqn-xor-ak <hex>', `SQN xor AK (the first 6 bytes of AUTN), ${hexSize(6)}`];

/** Declares a subcommand with its required options, --json and an action that prints fields. */
function subcommand(
  parent: Command, name: string, summary: string, required: [string, string][], compute: (flags: Flags) => Field[],
  extra?: (command: Command) => void,
): Command {
  const command = parent.command(name).summary(summary).description(summary);
  for (const [flag, description] of required) command.requiredOption(flag, description);
  extra?.(command);
  command.option('--json', 'print one JSON object of lower-case hex strings');
  return command.action(async (flags: Flags) => {
    await init();
    printFields(compute(flags), flags.json === true);
  });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Registers `kdf` and its subcommands on `program`. */
export function registerKdf(program: Command): Command {
  const group = program
    .command('kdf')
    .summary("key derivations: EAP-AKA', EAP-AKA, EPS, 5G, GSM conversions, the 3GPP KDF")
    .description(
      "Derives keys from hex inputs: EAP-AKA' (RFC 9048), EAP-AKA (RFC 4187), KASME / KNAS / KeNB " +
      '(TS 33.401 Annex A), KAUSF / RES* / KSEAF / KAMF (TS 33.501 Annex A), c2 / c3 (TS 33.102 ' +
      '6.8.1.2) and the generic KDF of TS 33.220 Annex B.2. Hex values may carry a 0x prefix.',
    );

  subcommand(group, 'eap-aka-prime', "EAP-AKA' CK', IK', K_encr, K_aut, K_re, MSK, EMSK (RFC 9048 3.3)", [
    ['--identity <identity>', 'the peer identity (NAI), as text'],
    ['--network-name <name>', 'the access network name (AT_KDF_INPUT), e.g. WLAN'],
    ...CK_IK, SQN_XOR_AK,
  ], (f) => {
    const k = eapAkaPrime({
      identity: str(f, 'identity'), networkName: str(f, 'networkName'),
      ck: hex(f, 'ck', '--ck', 16), ik: hex(f, 'ik', '--ik', 16), sqnXorAk: hex(f, 'sqnXorAk', '--sqn-xor-ak', 6),
    });
    return [
      { label: "CK'", key: 'ckPrime', value: k.ckPrime }, { label: "IK'", key: 'ikPrime', value: k.ikPrime },
      { label: 'K_encr', key: 'kEncr', value: k.kEncr }, { label: 'K_aut', key: 'kAut', value: k.kAut },
      { label: 'K_re', key: 'kRe', value: k.kRe }, { label: 'MSK', key: 'msk', value: k.msk }, { label: 'EMSK', key: 'emsk', value: k.emsk },
    ];
  }).addHelpText('after', "\nExample (RFC 5448 Appendix C, case 1):\n" +
    '  akacore kdf eap-aka-prime --identity 0555444333222111 --network-name WLAN \\\n' +
    '    --ck 5349fbe098649f948f5d2e973a81c00f --ik 9744871ad32bf9bbd1dd5ce54e3e2e5a --sqn-xor-ak bb52e91c747a');

  subcommand(group, 'eap-aka', 'EAP-AKA MK, K_encr, K_aut, MSK, EMSK (RFC 4187 section 7)', [
    ['--identity <identity>', 'the peer identity (NAI), as text'], ...CK_IK,
  ], (f) => {
    const k = eapAkaKeys(str(f, 'identity'), hex(f, 'ik', '--ik', 16), hex(f, 'ck', '--ck', 16));
    return [
      { label: 'MK', key: 'mk', value: k.mk }, { label: 'K_encr', key: 'kEncr', value: k.kEncr },
      { label: 'K_aut', key: 'kAut', value: k.kAut }, { label: 'MSK', key: 'msk', value: k.msk }, { label: 'EMSK', key: 'emsk', value: k.emsk },
    ];
  });

  subcommand(group, 'kasme', 'KASME from CK, IK, the PLMN and SQN xor AK (TS 33.401 A.2)', [
    ...CK_IK, ['--plmn <mccmnc>', 'serving network MCC and MNC, e.g. 00101 or 310410'], SQN_XOR_AK,
  ], (f) => {
    const { mcc, mnc } = parsePlmn(str(f, 'plmn'));
    const snId = encodePlmn(mcc, mnc);
    return [
      { label: 'SN-ID', key: 'snId', value: snId },
      { label: 'KASME', key: 'kasme', value: kasme(hex(f, 'ck', '--ck', 16), hex(f, 'ik', '--ik', 16), snId, hex(f, 'sqnXorAk', '--sqn-xor-ak', 6)) },
    ];
  });

  subcommand(group, 'knas', 'KNASenc and KNASint from KASME (TS 33.401 A.7, 128 bits)', [
    ['--kasme <hex>', `KASME, ${hexSize(32)}`],
    ['--enc-alg <n>', 'NAS encryption algorithm identity, 0 to 15 (e.g. 2 for 128-EEA2)'],
    ['--int-alg <n>', 'NAS integrity algorithm identity, 0 to 15 (e.g. 2 for 128-EIA2)'],
  ], (f) => {
    const key = hex(f, 'kasme', '--kasme', 32);
    return [
      { label: 'KNASenc', key: 'knasEnc', value: knasEnc(key, parseIntegerOption('--enc-alg', str(f, 'encAlg'), 0, 15, 'identity')) },
      { label: 'KNASint', key: 'knasInt', value: knasInt(key, parseIntegerOption('--int-alg', str(f, 'intAlg'), 0, 15, 'identity')) },
    ];
  });

  subcommand(group, 'kenb', 'KeNB from KASME and the uplink NAS COUNT (TS 33.401 A.3)', [
    ['--kasme <hex>', `KASME, ${hexSize(32)}`], ['--count <n>', 'uplink NAS COUNT, 0 to 4294967295'],
  ], (f) => [{
    label: 'KeNB', key: 'kenb',
    value: kenb(hex(f, 'kasme', '--kasme', 32), parseIntegerOption('--count', str(f, 'count'), 0, 0xffffffff, 'counts')),
  }]);

  subcommand(group, 'kausf', 'KAUSF from CK, IK, the serving network name and SQN xor AK (TS 33.501 A.2)',
    [...CK_IK, SQN_XOR_AK],
    (f) => [{ label: 'KAUSF', key: 'kausf', value: kausf(hex(f, 'ck', '--ck', 16), hex(f, 'ik', '--ik', 16), snnOf(f), hex(f, 'sqnXorAk', '--sqn-xor-ak', 6)) }],
    addSnn);

  subcommand(group, 'res-star', 'RES* / XRES* and HRES* / HXRES* (TS 33.501 A.4, A.5)', [
    ...CK_IK, ['--rand <hex>', `RAND, ${hexSize(16)}`], ['--res <hex>', 'RES or XRES, 4 to 32 bytes'],
  ], (f) => {
    const rand = hex(f, 'rand', '--rand', 16);
    const rs = resStar(hex(f, 'ck', '--ck', 16), hex(f, 'ik', '--ik', 16), snnOf(f), rand, parseHexRangeOption('--res', str(f, 'res'), 4, 32));
    return [{ label: 'RES*', key: 'resStar', value: rs }, { label: 'HRES*', key: 'hresStar', value: hresStar(rand, rs) }];
  }, addSnn);

  subcommand(group, 'kseaf', 'KSEAF from KAUSF and the serving network name (TS 33.501 A.6)', [
    ['--kausf <hex>', `KAUSF, ${hexSize(32)}`],
  ], (f) => [{ label: 'KSEAF', key: 'kseaf', value: kseaf(hex(f, 'kausf', '--kausf', 32), snnOf(f)) }], addSnn);

  subcommand(group, 'kamf', 'KAMF from KSEAF, the SUPI and ABBA (TS 33.501 A.7)', [
    ['--kseaf <hex>', `KSEAF, ${hexSize(32)}`], ['--supi <supi>', 'the SUPI: IMSI digits or a NAI, as text'],
  ], (f) => [{
    label: 'KAMF', key: 'kamf',
    value: kamf(hex(f, 'kseaf', '--kseaf', 32), str(f, 'supi'), parseHexRangeOption('--abba', str(f, 'abba'), 2, 0xffff)),
  }], (c) => c.option('--abba <hex>', 'ABBA parameter, at least 2 bytes', '0000'));

  subcommand(group, 'c2', 'SRES from XRES (TS 33.102 6.8.1.2 c2)', [['--xres <hex>', 'XRES or RES, 4 to 16 bytes']],
    (f) => [{ label: 'SRES', key: 'sres', value: c2(parseHexRangeOption('--xres', str(f, 'xres'), 4, 16)) }]);

  subcommand(group, 'c3', 'Kc from CK and IK (TS 33.102 6.8.1.2 c3)', [...CK_IK],
    (f) => [{ label: 'Kc', key: 'kc', value: c3(hex(f, 'ck', '--ck', 16), hex(f, 'ik', '--ik', 16)) }]);

  subcommand(group, 'generic', 'the KDF of TS 33.220 B.2: HMAC-SHA-256(key, FC || P0 || L0 || ...)', [
    ['--key <hex>', 'the key, any length'], ['--fc <hex>', 'FC, one byte (2 hex digits)'],
  ], (f) => {
    const params = (f.p as string[]).map((p, i) => parseHexRangeOption(`--p (number ${i + 1})`, p, 0, 0xffff));
    const key = parseHexRangeOption('--key', str(f, 'key'), 0, 0xffff);
    return [{ label: 'KEY', key: 'key', value: kdf(key, parseHexOption('--fc', str(f, 'fc'), 1)[0]!, ...params) }];
  }, (c) => c.option('--p <hex>', 'a parameter Pi in hex (repeat for P0, P1, ...; each is followed by its length Li)', collect, []));

  return group;
}
