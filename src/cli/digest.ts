// `akacore digest`: the Digest AKA response a UE sends back to a captured 401 (RFC 3310 section
// 3.3, RFC 4169 section 3, RFC 2617 section 3.2.2), and the Authorization header around it.

import { Command, Option } from 'commander';
import init, { akaDigestResponse, formatAuthorization, fromHex } from '../index.js';
import type { AkaDigestAlgorithm, AkaDigestParams } from '../index.js';
import { UsageError } from './errors.js';
import { hexSize, parseHexOption } from './options.js';

const ALGORITHMS: readonly AkaDigestAlgorithm[] = ['AKAv1-MD5', 'AKAv2-MD5', 'AKAv1-SHA-256'];

/** The options as commander hands them over: strings, still to be checked. */
interface DigestFlags {
  algorithm: AkaDigestAlgorithm; res: string; ik?: string; ck?: string; username: string; realm: string;
  nonce: string; method: string; uri: string; qop?: 'auth' | 'auth-int'; nc?: string; cnonce?: string;
  body?: string; opaque?: string; json?: boolean;
}

/** Registers `digest` on `program`. */
export function registerDigest(program: Command): Command {
  const command = program
    .command('digest')
    .summary('the Digest AKA response to a 401 (RFC 3310, RFC 4169, RFC 2617)')
    .description(
      'Computes the Digest response a UE sends from RES (AKAv1: the password is RES itself) or from\n' +
      'RES, IK and CK (AKAv2: base64(HMAC-MD5(RES || IK || CK, "http-digest-akav2-password"))),\n' +
      'and prints it with the Authorization header value.',
    );

  command.optionsGroup('AKA:');
  command.addOption(new Option('--algorithm <name>', 'the algorithm of the challenge').choices(ALGORITHMS).makeOptionMandatory());
  command.requiredOption('--res <hex>', 'RES from the ISIM, 4 to 16 bytes');
  command.option('--ik <hex>', `IK, ${hexSize(16)} (AKAv2)`);
  command.option('--ck <hex>', `CK, ${hexSize(16)} (AKAv2)`);

  command.optionsGroup('Request and challenge:');
  command.requiredOption('--username <s>', 'the private user identity, e.g. user@ims.example.com');
  command.requiredOption('--realm <s>', 'the realm of the challenge');
  command.requiredOption('--nonce <s>', 'the nonce of the challenge, as received (base64)');
  command.requiredOption('--method <s>', 'the request method, e.g. REGISTER');
  command.requiredOption('--uri <s>', 'the digest-uri, e.g. sip:ims.example.com');
  command.addOption(new Option('--qop <qop>', 'quality of protection (default: none)').choices(['auth', 'auth-int']));
  command.option('--nc <hex>', 'nonce count, 8 hex digits (default 00000001 with --qop)');
  command.option('--cnonce <s>', 'client nonce (required with --qop)');
  command.option('--body <s>', 'message body for auth-int (default empty)');
  command.option('--opaque <s>', 'opaque of the challenge, echoed in the header');

  command.optionsGroup('Options:');
  command.option('--json', 'print one JSON object { response, authorization }');

  return command.action(digestAction);
}

function parseRes(value: string): Uint8Array {
  let res: Uint8Array;
  try {
    res = fromHex(value, '--res');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (res.length < 4 || res.length > 16) throw new UsageError(`--res must be 4 to 16 bytes (8 to 32 hex digits), got ${res.length}`);
  return res;
}

function paramsOf(flags: DigestFlags): AkaDigestParams {
  const v2 = flags.algorithm === 'AKAv2-MD5';
  if (v2 && (flags.ik === undefined || flags.ck === undefined)) {
    throw new UsageError(`${flags.algorithm} needs --ik and --ck, ${hexSize(16)} each (RFC 4169 section 3)`);
  }
  if (!v2 && (flags.ik !== undefined || flags.ck !== undefined)) {
    throw new UsageError(`--ik and --ck are used with AKAv2-MD5 only, not ${flags.algorithm}`);
  }
  if (flags.qop === undefined && (flags.nc ?? flags.cnonce ?? flags.body) !== undefined) {
    throw new UsageError('--nc, --cnonce and --body need --qop');
  }
  if (flags.body !== undefined && flags.qop !== 'auth-int') throw new UsageError('--body needs --qop auth-int');
  if (flags.qop !== undefined && flags.cnonce === undefined) throw new UsageError(`--qop ${flags.qop} needs --cnonce`);
  const nc = flags.qop !== undefined ? flags.nc ?? '00000001' : undefined;
  if (nc !== undefined && !/^[0-9a-fA-F]{8}$/.test(nc)) throw new UsageError(`--nc must be 8 hex digits, got ${nc.length} characters`);
  return {
    algorithm: flags.algorithm, res: parseRes(flags.res),
    ...(v2 && { ik: parseHexOption('--ik', flags.ik!, 16), ck: parseHexOption('--ck', flags.ck!, 16) }),
    username: flags.username, realm: flags.realm, nonce: flags.nonce, method: flags.method, uri: flags.uri,
    ...(flags.qop !== undefined && { qop: flags.qop, nc, cnonce: flags.cnonce }),
    ...(flags.body !== undefined && { body: flags.body }),
  };
}

async function digestAction(flags: DigestFlags): Promise<void> {
  const params = paramsOf(flags);
  await init();
  const response = akaDigestResponse(params);
  const authorization = formatAuthorization(params, response, flags.opaque !== undefined ? { opaque: flags.opaque } : {});
  process.stdout.write(flags.json === true
    ? JSON.stringify({ response, authorization }) + '\n'
    : `RESPONSE       ${response}\nAUTHORIZATION  ${authorization}\n`);
}
