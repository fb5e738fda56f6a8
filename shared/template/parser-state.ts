// The template parser's state, apart from its grammar (parser.ts extends this class): a cursor
// over the lexer's tokens (peek, next, expect), the nesting-depth limit, and the variable scopes
// that give each $name its execution slot. Pure.
import type { FunctionLookup } from './func-def.js';
import { lex, type Token } from './lexer.js';
import { templateErrorAt, type TemplateErrorCode } from './template-error.js';

export const MAX_DEPTH = 100;

/** A token as an error message names it. */
export function describeToken(tok: Token): string {
  switch (tok.t) {
    case 'eof':
      return 'end of template';
    case 'close':
      return '"}}"';
    case 'open':
      return '"{{"';
    case 'field':
      return JSON.stringify(`.${(tok.names ?? []).join('.')}`);
    case 'var':
    case 'ident':
      return JSON.stringify(tok.text);
    case 'lit':
      return typeof tok.value === 'string' ? `string ${JSON.stringify(tok.value)}` : String(tok.value);
    default:
      return JSON.stringify(tok.t);
  }
}

/** A cursor over one template's tokens, with its depth and variable scopes; the grammar extends it. */
export class ParserState {
  protected readonly toks: Token[];
  protected i = 0;
  protected depth = 0;
  protected slots = 1;
  private readonly scopes: Map<string, number>[] = [new Map([['$', 0]])];

  constructor(
    protected readonly src: string,
    protected readonly lookup: FunctionLookup,
  ) {
    this.toks = lex(src);
  }

  protected fail(at: number, reason: string, code: TemplateErrorCode = 'TEMPLATE_SYNTAX'): never {
    throw templateErrorAt(code, this.src, at, reason);
  }

  protected peek(ahead = 0): Token {
    return this.toks[Math.min(this.i + ahead, this.toks.length - 1)] as Token;
  }

  protected next(): Token {
    const tok = this.peek();
    if (this.i < this.toks.length - 1) this.i++;
    return tok;
  }

  protected expect(t: Token['t'], what: string): Token {
    const tok = this.next();
    if (tok.t !== t) this.fail(tok.pos, `expected ${what}, found ${describeToken(tok)}`);
    return tok;
  }

  protected enter(at: number): void {
    if (++this.depth > MAX_DEPTH) this.fail(at, `template is nested more than ${MAX_DEPTH} levels deep`, 'TEMPLATE_LIMIT');
  }

  protected pushScope(): void {
    this.scopes.push(new Map());
  }

  protected popScope(): void {
    this.scopes.pop();
  }

  protected declare(name: string): number {
    const slot = this.slots++;
    (this.scopes[this.scopes.length - 1] as Map<string, number>).set(name, slot);
    return slot;
  }

  protected resolve(tok: Token): number {
    const name = tok.text ?? '';
    for (let s = this.scopes.length - 1; s >= 0; s--) {
      const slot = this.scopes[s]?.get(name);
      if (slot !== undefined) return slot;
    }
    return this.fail(tok.pos, `undefined variable "${name}": declare it first with {{ ${name} := … }}`);
  }
}
