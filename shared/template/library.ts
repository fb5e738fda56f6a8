// The Sprig-named functions that predate the upstream notes (quote, toYaml, b64enc, b64dec) and
// upstream's randomAlphanumeric. Sprig's order: the value a pipeline passes in is the LAST
// argument. The upstream notes by domain live in notes/; Sprig aliases in notes/sprig-*.ts.
import { stringify as yamlStringify } from 'yaml';
import type { FuncDef } from './func-def.js';
import { CallFailure } from './template-error.js';
import { goQuote, toStr } from './format.js';
import { limited } from './builtins.js';
import { intArg } from './notes/arguments.js';
import { defineNotes } from './notes/define.js';

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const MAX_RANDOM_LENGTH = 4096;

function randomAlphanumeric(n: number, random: () => number): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    const r = random();
    const at = Number.isFinite(r) ? Math.min(ALPHANUMERIC.length - 1, Math.max(0, Math.floor(r * ALPHANUMERIC.length))) : 0;
    out += ALPHANUMERIC[at];
  }
  return out;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function b64dec(s: string): string {
  const clean = s.replace(/[\r\n]/g, '');
  if (!BASE64.test(clean)) throw new CallFailure('the input is not valid standard base64');
  return Buffer.from(clean, 'base64').toString('utf8');
}

/** YAML as Helm's toYaml prints it, without the trailing newline. */
export function toYaml(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  const text = yamlStringify(v, { sortMapEntries: true, indentSeq: false, lineWidth: 0, aliasDuplicateObjects: false });
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

const s = toStr;

export const LIBRARY: FuncDef[] = [
  ...defineNotes('Sprig', [
    [
      { name: 'quote', min: 1, max: Infinity, sig: 'quote V...', summary: 'Each non-missing argument double-quoted with Go escapes, joined with spaces.', example: '{{ .spec.name | quote }}' },
      (a, env) =>
        limited(
          a
            .filter((v) => v !== undefined && v !== null)
            .map((v) => goQuote(s(v)))
            .join(' '),
          env.maxOutput,
        ),
    ],
    [{ name: 'toYaml', min: 1, sig: 'toYaml V', summary: 'V as YAML with sorted keys and no trailing newline.', example: '{{ toYaml .spec.resources | nindent 12 }}' }, (a, env) => limited(toYaml(a[0]), env.maxOutput)],
    [{ name: 'b64enc', min: 1, sig: 'b64enc S', summary: 'S encoded as standard base64 (Sprig name of toBase64).', example: '{{ .spec.password | b64enc }}' }, (a, env) => limited(Buffer.from(s(a[0]), 'utf8').toString('base64'), env.maxOutput)],
    [{ name: 'b64dec', min: 1, sig: 'b64dec S', summary: 'Standard base64 S decoded; invalid input is an error.', example: '{{ index .children.secret.data "token" | b64dec }}' }, (a) => b64dec(s(a[0]))],
  ]),
  ...defineNotes('Random', [
    [
      { name: 'randomAlphanumeric', min: 1, sig: 'randomAlphanumeric N', summary: 'N random characters from [a-zA-Z0-9] (N at most 4096).', example: '{{ randomAlphanumeric 32 }}' },
      (a, env) => randomAlphanumeric(intArg(a[0], 'the length', 0, MAX_RANDOM_LENGTH), env.random),
    ],
  ]),
];
