// Go literals inside template actions, decoded to values as Go's strconv does for text/template:
// numbers (decimal, float, 0x/0o/0b, legacy octal, `_` separators) and quoted strings and
// characters with their escapes. Pure; the lexer finds where a literal ends and calls these.
import { templateErrorAt } from './template-error.js';

/** Decodes a Go number literal (decimal, float, 0x/0o/0b, legacy octal, `_` separators). */
export function parseGoNumber(text: string): number | undefined {
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s.includes('_')) {
    if (!/^[0-9a-zA-Z.]+(_[0-9a-zA-Z.]+)*$/.test(s)) return undefined;
    s = s.replace(/_/g, '');
  }
  let n: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) n = parseInt(s.slice(2), 16);
  else if (/^0[oO][0-7]+$/.test(s)) n = parseInt(s.slice(2), 8);
  else if (/^0[bB][01]+$/.test(s)) n = parseInt(s.slice(2), 2);
  else if (/^0[0-7]+$/.test(s)) n = parseInt(s.slice(1), 8);
  else if (/^0\d+$/.test(s)) return undefined; // 08: not octal, and Go refuses it as decimal
  else if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) n = Number(s);
  else return undefined;
  return Number.isFinite(n) ? sign * n : undefined;
}

/**
 * Decodes a Go quoted literal ("…" or '…') that starts at offset `p` of `src`; returns the value and
 * the offset after the closing quote. Byte escapes (\x, octal) are gathered and decoded as UTF-8.
 * Throws TemplateError(TEMPLATE_SYNTAX) at the offending offset.
 */
export function unquoteGo(src: string, p: number, quote: '"' | "'"): [string, number] {
  const fail = (at: number, reason: string): never => {
    throw templateErrorAt('TEMPLATE_SYNTAX', src, at, reason);
  };
  let out = '';
  let bytes: number[] = [];
  const flushBytes = (): void => {
    if (bytes.length > 0) out += Buffer.from(bytes).toString('utf8');
    bytes = [];
  };
  let i = p + 1;
  for (;;) {
    if (i >= src.length || src[i] === '\n') {
      fail(p, quote === '"' ? 'unterminated string: missing closing \'"\'' : 'unterminated character literal');
    }
    const ch = src[i] as string;
    if (ch === quote) break;
    if (ch !== '\\') {
      flushBytes();
      out += ch;
      i++;
      continue;
    }
    const esc = src[i + 1] ?? '';
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (esc in simple) {
      flushBytes();
      out += simple[esc];
      i += 2;
    } else if (esc === quote) {
      flushBytes();
      out += quote;
      i += 2;
    } else if (esc === 'x' || /[0-7]/.test(esc)) {
      const hex = esc === 'x';
      const digits = hex ? src.slice(i + 2, i + 4) : src.slice(i + 1, i + 4);
      const ok = hex ? /^[0-9a-fA-F]{2}$/.test(digits) : /^[0-7]{3}$/.test(digits);
      const byte = ok ? parseInt(digits, hex ? 16 : 8) : NaN;
      if (!ok || byte > 255) fail(i, `invalid escape "\\${esc}${digits}" in string`);
      bytes.push(byte);
      i += hex ? 4 : 4;
    } else if (esc === 'u' || esc === 'U') {
      const len = esc === 'u' ? 4 : 8;
      const digits = src.slice(i + 2, i + 2 + len);
      const cp = /^[0-9a-fA-F]+$/.test(digits) && digits.length === len ? parseInt(digits, 16) : NaN;
      if (!(cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) {
        fail(i, `invalid escape "\\${esc}${digits}" in string`);
      }
      flushBytes();
      out += String.fromCodePoint(cp);
      i += 2 + len;
    } else {
      fail(i, `invalid escape "\\${esc}" in string`);
    }
  }
  flushBytes();
  return [out, i + 1];
}
