// Splits template text into tokens: text runs, action delimiters, and the words inside actions.
// Applies `{{-`/`-}}` whitespace trimming and drops `{{/* comments */}}` here, so the parser never
// sees them. String, number and character literals become values (decoded by literals.ts). Pure,
// no evaluation.
import { parseGoNumber, unquoteGo } from './literals.js';
import { templateErrorAt } from './template-error.js';

export type TokType =
  | 'text'
  | 'open'
  | 'close'
  | 'field'
  | 'var'
  | 'ident'
  | 'lit'
  | '|'
  | '('
  | ')'
  | ':='
  | '='
  | ','
  | 'eof';

export interface Token {
  t: TokType;
  /** Offset of the first character in the template. */
  pos: number;
  /** Offset just past the last character; adjacency (no space) matters for `$x.a` and `(…).a`. */
  end: number;
  /** text: the (trimmed) text; var/ident: the name, `$` included for variables. */
  text?: string;
  /** field: the names after each dot; empty for `.` alone. */
  names?: string[];
  /** lit: the decoded literal. */
  value?: unknown;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const DASH = 45;

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const NON_ASCII_WORD = /^[\p{L}\p{N}]$/u;

function isWordChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || isDigit(c) || c === 95;
  return NON_ASCII_WORD.test(s[i] ?? '');
}

function trimRightSpace(s: string): string {
  let e = s.length;
  while (e > 0 && isSpace(s.charCodeAt(e - 1))) e--;
  return s.slice(0, e);
}

function trimLeftSpace(s: string): string {
  let b = 0;
  while (b < s.length && isSpace(s.charCodeAt(b))) b++;
  return s.slice(b);
}

class Lexer {
  private readonly toks: Token[] = [];
  private i = 0;

  constructor(private readonly src: string) {}

  run(): Token[] {
    const src = this.src;
    let trimNext = false;
    while (this.i <= src.length) {
      const open = src.indexOf('{{', this.i);
      const textEnd = open < 0 ? src.length : open;
      const leftTrim = open >= 0 && src.charCodeAt(open + 2) === DASH && isSpace(src.charCodeAt(open + 3));
      let text = src.slice(this.i, textEnd);
      if (trimNext) text = trimLeftSpace(text);
      if (leftTrim) text = trimRightSpace(text);
      if (text !== '') this.toks.push({ t: 'text', pos: this.i, end: textEnd, text });
      if (open < 0) break;
      trimNext = this.action(open, leftTrim);
    }
    this.toks.push({ t: 'eof', pos: src.length, end: src.length });
    return this.toks;
  }

  private fail(at: number, reason: string): never {
    throw templateErrorAt('TEMPLATE_SYNTAX', this.src, at, reason);
  }

  /** Lexes one action starting at `{{`; returns whether it ends with a trimming `-}}`. */
  private action(open: number, leftTrim: boolean): boolean {
    const src = this.src;
    let p = open + 2 + (leftTrim ? 2 : 0);
    if (src.startsWith('/*', p)) return this.comment(open, p);
    this.toks.push({ t: 'open', pos: open, end: open + 2 });
    for (;;) {
      const before = p;
      while (p < src.length && isSpace(src.charCodeAt(p))) p++;
      if (p >= src.length) this.fail(open, 'unclosed action: "{{" has no matching "}}"');
      if (p > before && src.startsWith('-}}', p)) {
        this.toks.push({ t: 'close', pos: p, end: p + 3 });
        this.i = p + 3;
        return true;
      }
      if (src.startsWith('}}', p)) {
        this.toks.push({ t: 'close', pos: p, end: p + 2 });
        this.i = p + 2;
        return false;
      }
      p = this.word(p);
    }
  }

  private comment(open: number, start: number): boolean {
    const src = this.src;
    const close = src.indexOf('*/', start + 2);
    if (close < 0) this.fail(open, 'unclosed comment: "/*" has no matching "*/"');
    const after = close + 2;
    if (src.startsWith('}}', after)) {
      this.i = after + 2;
      return false;
    }
    if (isSpace(src.charCodeAt(after)) && src.startsWith('-}}', after + 1)) {
      this.i = after + 4;
      return true;
    }
    return this.fail(after, 'a comment must end right before "}}": write {{/* comment */}}');
  }

  /** Lexes one token inside an action at `p` (not whitespace, not `}}`); returns the next offset. */
  private word(p: number): number {
    const src = this.src;
    const c = src.charCodeAt(p);
    const ch = src[p];
    switch (ch) {
      case '|':
      case '(':
      case ')':
      case ',':
        this.toks.push({ t: ch, pos: p, end: p + 1 });
        return p + 1;
      case '=':
        this.toks.push({ t: '=', pos: p, end: p + 1 });
        return p + 1;
      case ':':
        if (src[p + 1] !== '=') this.fail(p, 'unexpected ":" in action; did you mean ":="?');
        this.toks.push({ t: ':=', pos: p, end: p + 2 });
        return p + 2;
      case '"':
        return this.quoted(p);
      case '`':
        return this.raw(p);
      case "'":
        return this.char(p);
      case '$':
        return this.variable(p);
      case '.':
        if (isDigit(src.charCodeAt(p + 1))) return this.number(p);
        return this.field(p);
      default:
        break;
    }
    if (isDigit(c) || ((ch === '-' || ch === '+') && (isDigit(src.charCodeAt(p + 1)) || src[p + 1] === '.'))) {
      return this.number(p);
    }
    if (isWordChar(src, p)) return this.ident(p);
    return this.fail(p, `unexpected character ${JSON.stringify(ch)} in action`);
  }

  /** Go requires a word to be followed by a separator; `.a"x"` is a typo, not two operands. */
  private checkTerminator(p: number): void {
    const src = this.src;
    if (p >= src.length) return;
    const c = src.charCodeAt(p);
    if (isSpace(c)) return;
    if ('.,|:)(='.includes(src[p] ?? '')) return;
    if (src.startsWith('}}', p)) return;
    this.fail(p, `unexpected character ${JSON.stringify(src[p])} after ${JSON.stringify(src.slice(this.lastStart, p))}`);
  }

  private lastStart = 0;

  private wordEnd(p: number): number {
    while (p < this.src.length && isWordChar(this.src, p)) p++;
    return p;
  }

  private ident(p: number): number {
    const e = this.wordEnd(p);
    this.lastStart = p;
    this.checkTerminator(e);
    this.toks.push({ t: 'ident', pos: p, end: e, text: this.src.slice(p, e) });
    return e;
  }

  private variable(p: number): number {
    const e = this.wordEnd(p + 1);
    this.lastStart = p;
    this.checkTerminator(e);
    this.toks.push({ t: 'var', pos: p, end: e, text: this.src.slice(p, e) });
    return e;
  }

  private field(p: number): number {
    const src = this.src;
    const names: string[] = [];
    let e = p;
    while (src[e] === '.') {
      const nameEnd = this.wordEnd(e + 1);
      if (nameEnd === e + 1) {
        if (names.length > 0) this.fail(e, 'a field name must follow "."');
        e++;
        break;
      }
      names.push(src.slice(e + 1, nameEnd));
      e = nameEnd;
    }
    this.lastStart = p;
    this.checkTerminator(e);
    this.toks.push({ t: 'field', pos: p, end: e, names });
    return e;
  }

  private number(p: number): number {
    const src = this.src;
    let e = p + 1;
    while (e < src.length) {
      const ch = src[e] ?? '';
      if (isWordChar(src, e) || ch === '.') e++;
      else if ((ch === '+' || ch === '-') && /[eEpP]/.test(src[e - 1] ?? '')) e++;
      else break;
    }
    const text = src.slice(p, e);
    const value = parseGoNumber(text);
    if (value === undefined) {
      const hint = /i$/.test(text) ? ' (complex numbers are not supported)' : '';
      this.fail(p, `bad number syntax: ${JSON.stringify(text)}${hint}`);
    }
    this.lastStart = p;
    this.checkTerminator(e);
    this.toks.push({ t: 'lit', pos: p, end: e, value });
    return e;
  }

  private raw(p: number): number {
    const close = this.src.indexOf('`', p + 1);
    if (close < 0) this.fail(p, 'unterminated raw string: "`" has no matching "`"');
    const value = this.src.slice(p + 1, close).replace(/\r/g, '');
    this.toks.push({ t: 'lit', pos: p, end: close + 1, value });
    return close + 1;
  }

  private quoted(p: number): number {
    const [value, e] = unquoteGo(this.src, p, '"');
    this.toks.push({ t: 'lit', pos: p, end: e, value });
    return e;
  }

  private char(p: number): number {
    const [value, e] = unquoteGo(this.src, p, "'");
    const cps = Array.from(value);
    if (cps.length !== 1) this.fail(p, 'a character literal holds exactly one character');
    this.toks.push({ t: 'lit', pos: p, end: e, value: (cps[0] ?? '').codePointAt(0) });
    return e;
  }

}

/** The tokens of a template, ending with an `eof` token. Throws TemplateError(TEMPLATE_SYNTAX). */
export function lex(src: string): Token[] {
  return new Lexer(src).run();
}
