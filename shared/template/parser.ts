// Turns tokens into the template tree, checking everything that can be checked without data:
// known functions and their argument counts, defined variables, matching {{end}}s, nesting depth.
// Named templates (define/template/block) and break/continue are rejected: Orkestra does not support them.
// The grammar is here; the token cursor, depth limit and variable scopes are in parser-state.ts.
import type { Branch, Command, Operand, Pipeline, TemplateNode } from './ast.js';
import { lookupFunction } from './functions.js';
import type { FunctionLookup } from './func-def.js';
import type { Token } from './lexer.js';
import { describeToken, ParserState } from './parser-state.js';

export { MAX_DEPTH } from './parser-state.js';

const UNSUPPORTED: Record<string, string> = {
  define: 'named templates are not supported: {{define}} cannot be used; repeat the text or use a variable',
  template: 'named templates are not supported: {{template}} cannot be used; repeat the text or use a variable',
  block: 'named templates are not supported: {{block}} cannot be used; repeat the text or use a variable',
  break: '{{break}} is not supported; filter with {{if}} inside the {{range}} instead',
  continue: '{{continue}} is not supported; wrap the rest of the {{range}} body in {{if}} instead',
};

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', ...Object.keys(UNSUPPORTED)]);

export interface ParseResult {
  nodes: TemplateNode[];
  /** How many variable slots an execution needs (slot 0 is `$`). */
  slots: number;
}

type ListEnd = { kind: 'end' | 'else' | 'eof'; pos: number };

class Parser extends ParserState {
  parse(): ParseResult {
    const [nodes, end] = this.list();
    if (end.kind !== 'eof') this.fail(end.pos, `unexpected {{${end.kind}}}: there is no {{if}}, {{range}} or {{with}} to close`);
    return { nodes, slots: this.slots };
  }

  /** Nodes up to the {{end}}, {{else}} or end of text that closes this list. */
  private list(): [TemplateNode[], ListEnd] {
    const nodes: TemplateNode[] = [];
    for (;;) {
      const tok = this.next();
      if (tok.t === 'eof') return [nodes, { kind: 'eof', pos: tok.pos }];
      if (tok.t === 'text') {
        nodes.push({ k: 'text', text: tok.text ?? '' });
        continue;
      }
      // Only text and actions occur outside actions, so this is an `open`.
      const word = this.peek();
      const kw = word.t === 'ident' && KEYWORDS.has(word.text ?? '') ? (word.text as string) : undefined;
      if (kw === 'end') {
        this.next();
        this.expect('close', '"}}" after end');
        return [nodes, { kind: 'end', pos: tok.pos }];
      }
      if (kw === 'else') {
        this.next();
        return [nodes, { kind: 'else', pos: tok.pos }];
      }
      if (kw === 'if' || kw === 'with') {
        this.next();
        nodes.push(this.cond(kw, tok.pos));
      } else if (kw === 'range') {
        this.next();
        nodes.push(this.range(tok.pos));
      } else if (kw !== undefined) {
        this.fail(word.pos, UNSUPPORTED[kw] ?? `unexpected keyword "${kw}"`);
      } else {
        const pipe = this.pipeline('close', 1);
        nodes.push({ k: 'action', pos: tok.pos, pipe });
      }
    }
  }

  private missingEnd(kind: string, openPos: number): never {
    return this.fail(openPos, `{{${kind}}} has no matching {{end}}`);
  }

  /** An if/with chain; the opening keyword has been read. Else-if chains are parsed in a loop, not recursively. */
  private cond(kind: 'if' | 'with', openPos: number): TemplateNode {
    this.enter(openPos);
    this.pushScope();
    const branches: Branch[] = [];
    let otherwise: TemplateNode[] | undefined;
    for (;;) {
      const pipe = this.pipeline('close', 1);
      this.pushScope();
      const [body, end] = this.list();
      this.popScope();
      branches.push({ kind, pipe, body });
      if (end.kind === 'eof') this.missingEnd(kind, openPos);
      if (end.kind === 'end') break;
      const after = this.peek();
      if (after.t === 'ident' && (after.text === 'if' || after.text === 'with')) {
        if (after.text !== kind) this.fail(after.pos, `{{else ${after.text}}} cannot follow {{${kind}}}; write {{else}}{{${after.text} …}}…{{end}} instead`);
        this.next();
        continue;
      }
      this.expect('close', '"}}" after else');
      otherwise = this.elseList(kind, openPos);
      break;
    }
    this.popScope();
    this.depth--;
    return { k: 'cond', pos: openPos, branches, otherwise };
  }

  private elseList(kind: string, openPos: number): TemplateNode[] {
    this.pushScope();
    const [nodes, end] = this.list();
    this.popScope();
    if (end.kind === 'eof') this.missingEnd(kind, openPos);
    if (end.kind === 'else') this.fail(end.pos, `a second {{else}} in one {{${kind}}}: expected {{end}}`);
    return nodes;
  }

  private range(openPos: number): TemplateNode {
    this.enter(openPos);
    this.pushScope();
    const pipe = this.pipeline('close', 2);
    const [keySlot, valueSlot] = pipe.assign.length === 2 ? pipe.assign : [undefined, pipe.assign[0]];
    const loopPipe: Pipeline = { ...pipe, assign: [], isDecl: false };
    this.pushScope();
    const [body, end] = this.list();
    this.popScope();
    let otherwise: TemplateNode[] | undefined;
    if (end.kind === 'eof') this.missingEnd('range', openPos);
    if (end.kind === 'else') {
      const after = this.peek();
      if (after.t !== 'close') this.fail(after.pos, '{{range}} may only be followed by a plain {{else}}');
      this.next();
      otherwise = this.elseList('range', openPos);
    }
    this.popScope();
    this.depth--;
    return { k: 'range', pos: openPos, pipe: loopPipe, keySlot, valueSlot, body, otherwise };
  }

  /**
   * `[$x :=] command | command …` up to `closer`. `maxVars` is how many variables may be declared
   * (2 for range, 1 for actions, 0 inside parentheses). Declared variables come into scope after it.
   */
  private pipeline(closer: 'close' | ')', maxVars: number, parenPos = 0): Pipeline {
    const start = this.peek();
    const declared: Token[] = [];
    let op: ':=' | '=' | undefined;
    if (start.t === 'var' && [':=', '=', ','].includes(this.peek(1).t)) {
      declared.push(this.next());
      if (this.peek().t === ',') {
        this.next();
        const second = this.next();
        if (second.t !== 'var') this.fail(second.pos, `expected a variable after ",", found ${describeToken(second)}`);
        declared.push(second);
      }
      const opTok = this.next();
      if (opTok.t !== ':=' && opTok.t !== '=') this.fail(opTok.pos, `expected ":=" or "=", found ${describeToken(opTok)}`);
      op = opTok.t;
      if (declared.length > maxVars) {
        const where = maxVars === 0 ? 'inside parentheses' : maxVars === 1 ? 'here; only {{range}} takes two' : 'here';
        this.fail(start.pos, `cannot declare ${declared.length} variable${declared.length > 1 ? 's' : ''} ${where}`);
      }
      for (const d of declared) if (d.text === '$') this.fail(d.pos, 'cannot assign to "$"');
    }
    const cmds: Command[] = [];
    for (;;) {
      cmds.push(this.command(cmds.length > 0, closer));
      if (this.peek().t !== '|') break;
      this.next();
    }
    const endTok = this.next();
    if (endTok.t !== closer) {
      if (closer === ')') this.fail(parenPos, `unclosed "(": found ${describeToken(endTok)} before ")"`);
      this.fail(endTok.pos, `unexpected ${describeToken(endTok)} in action`);
    }
    const assign = declared.map((d) => (op === ':=' ? this.declare(d.text ?? '') : this.resolve(d)));
    return { pos: start.pos, assign, isDecl: declared.length > 0, cmds };
  }

  private command(piped: boolean, closer: 'close' | ')'): Command {
    const start = this.peek();
    const operands: Operand[] = [];
    for (;;) {
      const t = this.peek().t;
      if (t === '|' || t === 'close' || t === ')' || t === 'eof') break;
      operands.push(this.operand());
    }
    const first = operands[0];
    if (first === undefined) {
      if (piped) this.fail(start.pos, `missing command after "|"`);
      if (start.t === ')' && closer === 'close') this.fail(start.pos, 'unexpected ")" without a matching "("');
      this.fail(start.pos, 'empty action: missing value');
    }
    for (const arg of operands.slice(1)) {
      if (arg.k === 'func' && arg.fn.minArgs > 0) {
        this.fail(arg.pos, `function "${arg.fn.name}" needs arguments here; write (${arg.fn.name} …) in parentheses`);
      }
    }
    if (first.k === 'func') {
      const fn = first.fn;
      const got = operands.length - 1 + (piped ? 1 : 0);
      if (got < fn.minArgs || got > fn.maxArgs) {
        const want = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : fn.maxArgs === Infinity ? `at least ${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
        const note = piped ? ' (counting the piped value as the last one)' : '';
        this.fail(first.pos, `wrong number of arguments for "${fn.name}": want ${want}, got ${got}${note}`);
      }
      return { pos: first.pos, fn, args: operands.slice(1), operand: undefined };
    }
    if (first.k === 'lit' && first.value === null) this.fail(first.pos, 'nil is not a command');
    if (operands.length > 1) {
      this.fail((operands[1] as Operand).pos, `${this.operandText(first)} is not a function and cannot take arguments`);
    }
    if (piped) this.fail(first.pos, `cannot pipe a value into ${this.operandText(first)}: only functions take piped values`);
    return { pos: first.pos, fn: undefined, args: [], operand: first };
  }

  private operandText(op: Operand): string {
    switch (op.k) {
      case 'field':
        return op.names.length ? `.${op.names.join('.')}` : '.';
      case 'var':
        return [op.name, ...op.names].join('.');
      case 'lit':
        return typeof op.value === 'string' ? JSON.stringify(op.value) : String(op.value);
      case 'pipe':
        return 'a parenthesised value';
      default:
        return op.fn.name;
    }
  }

  private operand(): Operand {
    const tok = this.next();
    switch (tok.t) {
      case 'field':
        return { k: 'field', pos: tok.pos, names: tok.names ?? [] };
      case 'var':
        return { k: 'var', pos: tok.pos, slot: this.resolve(tok), name: tok.text ?? '$', names: this.chain(tok) };
      case 'lit':
        return { k: 'lit', pos: tok.pos, value: tok.value };
      case 'ident': {
        const name = tok.text ?? '';
        if (name === 'true' || name === 'false') return { k: 'lit', pos: tok.pos, value: name === 'true' };
        if (name === 'nil') return { k: 'lit', pos: tok.pos, value: null };
        if (KEYWORDS.has(name)) {
          this.fail(tok.pos, UNSUPPORTED[name] ?? `unexpected keyword "${name}" inside an action`);
        }
        const fn = this.lookup(name);
        if (!fn) this.fail(tok.pos, `function "${name}" is not defined`);
        if (this.peek().t === 'field' && this.peek().pos === tok.end) {
          this.fail(this.peek().pos, `cannot read a field of function "${name}"; write (${name} …).field`);
        }
        return { k: 'func', pos: tok.pos, fn };
      }
      case '(': {
        this.enter(tok.pos);
        const pipe = this.pipeline(')', 0, tok.pos);
        this.depth--;
        const close = this.toks[this.i - 1] as Token;
        return { k: 'pipe', pos: tok.pos, pipe, names: this.chain(close) };
      }
      default:
        return this.fail(tok.pos, `unexpected ${describeToken(tok)} where a value was expected`);
    }
  }

  /** Field names written right after a variable or `)`, as in `$x.a.b` or `(index .l 0).name`. */
  private chain(after: Token): string[] {
    const tok = this.peek();
    if (tok.t !== 'field' || tok.pos !== after.end) return [];
    this.next();
    if ((tok.names ?? []).length === 0) this.fail(tok.pos, 'a field name must follow "."');
    return tok.names ?? [];
  }
}

/** Parses a template. Throws TemplateError (TEMPLATE_SYNTAX, or TEMPLATE_LIMIT when nested too deeply). */
export function parse(src: string, lookup: FunctionLookup = lookupFunction): ParseResult {
  return new Parser(src, lookup).parse();
}
