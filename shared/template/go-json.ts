// JSON as Go's encoding/json writes a decoded CR (what Sprig's toJson prints): compact, map keys
// sorted, and <, >, & and U+2028/U+2029 escaped. Deterministic for equal inputs.
import { CallFailure } from './template-error.js';

const NEEDS_ESCAPE = /[<>&\u2028\u2029]/;
const ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function jsonString(s: string): string {
  const text = JSON.stringify(s);
  return NEEDS_ESCAPE.test(text) ? text.replace(/[<>&\u2028\u2029]/g, (c) => ESCAPES[c] ?? c) : text;
}

function encode(v: unknown, parts: string[], budget: { left: number }): void {
  if (--budget.left < 0) throw new CallFailure('value is too large to encode', 'TEMPLATE_LIMIT');
  switch (typeof v) {
    case 'string':
      parts.push(jsonString(v));
      return;
    case 'number':
      if (!Number.isFinite(v)) throw new CallFailure(`cannot encode ${v} as JSON`);
      parts.push(JSON.stringify(v));
      return;
    case 'boolean':
      parts.push(v ? 'true' : 'false');
      return;
    case 'object':
      if (v === null) break;
      if (Array.isArray(v)) {
        parts.push('[');
        v.forEach((item, i) => {
          if (i > 0) parts.push(',');
          encode(item, parts, budget);
        });
        parts.push(']');
        return;
      } else {
        const map = v as Record<string, unknown>;
        parts.push('{');
        let first = true;
        for (const key of Object.keys(map).sort()) {
          if (map[key] === undefined) continue;
          if (!first) parts.push(',');
          first = false;
          parts.push(jsonString(key), ':');
          encode(map[key], parts, budget);
        }
        parts.push('}');
        return;
      }
    default:
      break;
  }
  parts.push('null');
}

/** Compact, key-sorted JSON; `maxNodes` bounds the work on huge or cyclic-looking data. */
export function goJson(v: unknown, maxNodes: number): string {
  const parts: string[] = [];
  encode(v, parts, { left: maxNodes });
  return parts.join('');
}

/** Compact JSON from goJson re-indented as Go's json.MarshalIndent(v, "", "  ") writes it. */
export function goJsonIndent(compact: string): string {
  let out = '';
  let depth = 0;
  let inString = false;
  for (let i = 0; i < compact.length; i++) {
    const c = compact[i] as string;
    if (inString) {
      out += c;
      if (c === '\\') out += compact[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if ((c === '{' || c === '[') && (compact[i + 1] === '}' || compact[i + 1] === ']')) {
      out += c + (compact[++i] as string);
    } else if (c === '{' || c === '[') {
      out += `${c}\n${'  '.repeat(++depth)}`;
    } else if (c === '}' || c === ']') {
      out += `\n${'  '.repeat(--depth)}${c}`;
    } else if (c === ',') {
      out += `,\n${'  '.repeat(depth)}`;
    } else if (c === ':') {
      out += ': ';
    } else {
      out += c;
    }
  }
  return out;
}
