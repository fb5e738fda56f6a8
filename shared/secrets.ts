// The process's credential registry and the one scrub applied to everything it prints. The resolver
// registers each credential the moment it reads it (an `auth:` env var, a docker config entry, a
// registry token); formatting an error or issue, a log record, or a termination message replaces
// every registered value, in every encoding a leak could take, with `***`. No I/O; state is memory.

const REDACTED = '***';
/** Shorter values would turn ordinary words into `***`; such a credential is not worth keeping out. */
const MIN_SECRET_LENGTH = 4;
const registered = new Set<string>();
let ordered: string[] = [];

/** Registers a credential value and its encoded forms (JSON-escaped, base64, base64url). */
export function registerSecret(value: string): void {
  if (value.length < MIN_SECRET_LENGTH) return;
  const b64 = Buffer.from(value, 'utf8').toString('base64');
  const forms = [value, JSON.stringify(value).slice(1, -1), b64, b64.replace(/=+$/, ''), Buffer.from(value, 'utf8').toString('base64url'), encodeURIComponent(value)];
  let added = false;
  for (const form of forms) {
    if (form.length < MIN_SECRET_LENGTH || registered.has(form)) continue;
    registered.add(form);
    added = true;
  }
  // Longest first, so a value that contains another is replaced whole.
  if (added) ordered = [...registered].sort((a, b) => b.length - a.length);
}

/** Registers a basic-auth pair: the password and base64(user:password), the header's token. */
export function registerBasicCredential(user: string, password: string): void {
  registerSecret(password);
  registerSecret(`${user}:${password}`);
}

/** The text with every registered credential replaced by `***`. */
export function scrubSecrets(text: string): string {
  if (ordered.length === 0) return text;
  let out = text;
  for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** Forgets every registered value (tests only: a process holds its credentials for its lifetime). */
export function forgetSecretsForTests(): void {
  registered.clear();
  ordered = [];
}
