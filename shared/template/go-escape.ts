// Go text/template's escaping built-ins: html (HTMLEscapeString), js (JSEscapeString) and urlquery
// (url.QueryEscape), byte for byte as Go writes them, so templates that build HTML, script or URLs
// print what the Go runtime prints.

const HTML: Record<string, string> = { '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;', '\0': '\uFFFD' };

export function htmlEscape(s: string): string {
  return s.replace(/["'&<>\0]/g, (c) => HTML[c] ?? c);
}

const JS: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D' };
// Go's unicode.IsPrint beyond ASCII: letters, marks, numbers, punctuation and symbols (no spaces).
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

function hex4(cp: number): string {
  return cp.toString(16).toUpperCase().padStart(4, '0');
}

export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) {
      if (JS[ch]) out += JS[ch];
      else if (cp < 0x20) out += `\\u00${hex4(cp).slice(2)}`;
      else out += ch;
    } else if (PRINTABLE.test(ch)) {
      out += ch;
    } else {
      out += `\\u${hex4(cp)}`;
    }
  }
  return out;
}

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

export function queryEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (UNRESERVED.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
