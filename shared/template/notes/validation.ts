// Input-format notes for validation rules: email, git repository, http(s) URL, container image
// reference, JSON, port. Shape checks only (nothing is dialled); fixed patterns on
// length-checked input, so matching is bounded. Anything malformed is false, not an error.
import type { FuncDef } from '../func-def.js';
import { kindOf } from '../values.js';
import { note, str, type DocLine } from './note.js';

const MAX_TEXT = 2048;
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const DOT_ATOM = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`);
const QUOTED = /^"(?:[^"\\\r\n]|\\.)*"$/;
const WORD = /^[\w.-]+$/;
const GIT_PATH = /^[\w./~-]+$/;
const HOST = /^[a-z0-9]+(?:[.-][a-z0-9]+)*(?::\d+)?$/;
const PATH_PART = /^[a-z0-9]+(?:[._-]+[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}$/;

/** A bare address `local@domain` (surrounding spaces allowed), not `Name <local@domain>`. */
function isEmail(text: string): boolean {
  const s = text.trim();
  const at = s.lastIndexOf('@');
  if (s.length > MAX_TEXT || at <= 0) return false;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  return (DOT_ATOM.test(local) || QUOTED.test(local)) && DOT_ATOM.test(domain);
}

/** `https://…`, `http://…`, `git://…`, `ssh://…`, or scp-like `user@host:path[.git]`. */
function isGitRepository(s: string): boolean {
  if (s === '' || s.length > MAX_TEXT) return false;
  const scheme = /^(?:https?|git|ssh):\/\/(.+)$/.exec(s);
  if (scheme) return !/\s/.test(scheme[1]!);
  const at = s.indexOf('@');
  const colon = s.indexOf(':', at + 1);
  if (at <= 0 || colon < 0) return false;
  return WORD.test(s.slice(0, at)) && WORD.test(s.slice(at + 1, colon)) && GIT_PATH.test(s.slice(colon + 1));
}

/** An absolute http or https URL with a host. */
function isURL(s: string): boolean {
  if (s.length > MAX_TEXT || !/^https?:\/\/[^\s/?#]/i.test(s) || /[\s\x00-\x1f\x7f]/.test(s)) return false;
  try {
    return new URL(s).hostname !== '';
  } catch {
    return false;
  }
}

/** `[registry[:port]/]path[/path…][:tag|@digest]`, lowercase path, as upstream's pragmatic check. */
function isImageRef(s: string): boolean {
  if (s === '' || s.length > MAX_TEXT) return false;
  let name = s;
  const at = s.indexOf('@');
  if (at >= 0) {
    if (!DIGEST.test(s.slice(at + 1))) return false;
    name = s.slice(0, at);
  } else {
    const colon = s.lastIndexOf(':');
    if (colon > s.lastIndexOf('/')) {
      if (!TAG.test(s.slice(colon + 1))) return false;
      name = s.slice(0, colon);
    }
  }
  const parts = name.split('/');
  // The first of several parts may be a registry host (with a port); the rest are path parts.
  const path = parts.length > 1 && !PATH_PART.test(parts[0]!) && HOST.test(parts[0]!) ? parts.slice(1) : parts;
  return path.every((p) => PATH_PART.test(p));
}

function isJSON(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

/** A port 1–65535 as text (Go's Atoi: optional sign, leading zeros) or, more leniently, an integer. */
function isPort(v: unknown): boolean {
  if (kindOf(v) === 'int') return (v as number) >= 1 && (v as number) <= 65535;
  const s = str(v, 1);
  if (!/^[+-]?\d{1,10}$/.test(s)) return false;
  const n = Number(s);
  return n >= 1 && n <= 65535;
}

const check = (name: string, doc: DocLine, test: (s: string) => boolean): FuncDef => note('validation', name, [1, 1], doc, (a) => test(str(a[0], 1)));

export const VALIDATION_NOTES: FuncDef[] = [
  check('isValidEmail', ['isValidEmail TEXT', 'Whether TEXT is one bare email address (not "Name <addr>").', '{{ isValidEmail .spec.ownerEmail }}'], isEmail),
  check('isValidGitRepository', ['isValidGitRepository TEXT', 'Whether TEXT looks like a git remote: http(s)://, git://, ssh:// or user@host:path.', '{{ isValidGitRepository .spec.repoURL }}'], isGitRepository),
  check('isValidURL', ['isValidURL TEXT', 'Whether TEXT is an absolute http or https URL with a host.', '{{ isValidURL .spec.webhookUrl }}'], isURL),
  check('isValidImageRef', ['isValidImageRef TEXT', 'Whether TEXT looks like an image reference: [registry[:port]/]lowercase/path[:tag|@digest].', '{{ isValidImageRef .spec.image }}'], isImageRef),
  check('isValidJSON', ['isValidJSON TEXT', 'Whether TEXT is well-formed JSON.', '{{ isValidJSON .spec.selector }}'], isJSON),
  note('validation', 'isValidPort', [1, 1], ['isValidPort PORT', 'Whether PORT (text, or an integer) is a port number 1–65535.', '{{ isValidPort .spec.port }}'], (a) => isPort(a[0])),
];
