// Exit codes of the `akacore` command and the error that carries a usage mistake to them.

/** Exit codes: 0 success (and --help, --version), 1 data error, 2 usage error. */
export const EXIT = Object.freeze({ ok: 0, data: 1, usage: 2 });

/**
 * A mistake in how the command was called (a missing, malformed or conflicting option). Its message
 * names the option, and for sizes the expected and the received size. Exits with EXIT.usage.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
