// Walks a parsed template over data, within a step budget and an output size limit. Missing
// fields are undefined (printed as nothing), never an error; reading a field of a string, number
// or list is one. Every failure leaves as a TemplateError positioned in the template.
import type { Command, Operand, Pipeline, TemplateNode } from './ast.js';
import type { CallEnv, FuncDef, NoteBody } from './func-def.js';
import { toText } from './format.js';
import { CallFailure, TemplateError, templateErrorAt, type TemplateErrorCode } from './template-error.js';
import { isTrue, kindOf } from './values.js';
import { MAX_NOTE_DEPTH, noteResult } from './user-notes.js';
import { isOrkError } from '../errors.js';

export interface Limits {
  maxSteps: number;
  maxOutput: number;
  random: () => number;
  /** Work shared by every evaluation of one render; each step costs one unit. */
  budget?: WorkBudget;
  now?: () => Date;
  /** Parses a user note's body in the same function scope as the calling template. */
  compileNote?: (text: string) => { source: string; nodes: TemplateNode[]; slots: number };
  /** How many user notes are running around this evaluation (0 for the outermost template). */
  noteDepth?: number;
  /** What an action whose value is missing or nil prints: "" (default) or Go's "<no value>". */
  missingValue?: string;
}

/** A budget several evaluations draw from; `spend` throws (an OrkError) once it is used up. */
export interface WorkBudget {
  spend(units: number): void;
}

export class Evaluation implements CallEnv {
  private out = '';
  /** Steps taken so far (read by a calling note's evaluation, which pays for them). */
  steps = 0;
  /** Offset of the command being evaluated, for errors that are not TemplateErrors. */
  private at = 0;
  private readonly vars: unknown[];
  readonly random: () => number;
  readonly maxOutput: number;
  readonly now: (() => Date) | undefined;

  constructor(
    private readonly src: string,
    slots: number,
    data: unknown,
    private readonly limits: Limits,
  ) {
    this.vars = new Array<unknown>(slots);
    this.vars[0] = data;
    this.random = limits.random;
    this.maxOutput = limits.maxOutput;
    this.now = limits.now;
  }

  /** Renders the nodes to text. */
  render(nodes: TemplateNode[]): string {
    this.guard(() => this.walk(nodes, this.vars[0]));
    if (this.out.length * 3 > this.maxOutput && Buffer.byteLength(this.out, 'utf8') > this.maxOutput) {
      this.fail(this.at, `output is larger than ${this.maxOutput} bytes`, 'TEMPLATE_LIMIT');
    }
    return this.out;
  }

  /** The value of a single pipeline, keeping its type. */
  value(pipe: Pipeline): unknown {
    return this.guard(() => this.pipeline(pipe, this.vars[0]));
  }

  /** Turns any stray JS exception (deep data, huge strings) into a TemplateError. */
  private guard<T>(run: () => T): T {
    try {
      return run();
    } catch (e) {
      // TemplateError, and the caller's budget running out: neither is this template's fault alone.
      if (isOrkError(e)) throw e;
      if (e instanceof CallFailure) throw this.error(this.at, e.reason, e.code);
      if (e instanceof RangeError) {
        throw this.error(this.at, 'the data or the output is too large or too deeply nested to evaluate', 'TEMPLATE_LIMIT');
      }
      const why = e instanceof Error ? e.message : String(e);
      throw this.error(this.at, `evaluation failed: ${why.slice(0, 200)}`, 'TEMPLATE_EXEC');
    }
  }

  private error(at: number, reason: string, code: TemplateErrorCode): TemplateError {
    return templateErrorAt(code, this.src, at, reason);
  }

  private fail(at: number, reason: string, code: TemplateErrorCode = 'TEMPLATE_EXEC'): never {
    throw this.error(at, reason, code);
  }

  spend(units: number): void {
    this.limits.budget?.spend(units);
  }

  /**
   * A user note: its body rendered over the outermost data (`$`), sharing this evaluation's step
   * limit and budget; an error inside it is reported at the call, naming the note.
   */
  runNote(note: NoteBody): unknown {
    const depth = (this.limits.noteDepth ?? 0) + 1;
    if (depth > MAX_NOTE_DEPTH || !this.limits.compileNote) {
      throw new CallFailure(`user notes call each other more than ${MAX_NOTE_DEPTH} deep`, 'TEMPLATE_LIMIT');
    }
    let body: { source: string; nodes: TemplateNode[]; slots: number };
    try {
      body = this.limits.compileNote(note.expression);
    } catch (e) {
      if (e instanceof TemplateError) throw new CallFailure(`in the note's expression: ${e.reason}`, e.code === 'TEMPLATE_LIMIT' ? 'TEMPLATE_LIMIT' : 'TEMPLATE_EXEC');
      throw e;
    }
    const nested = new Evaluation(body.source, body.slots, this.vars[0], { ...this.limits, maxSteps: this.limits.maxSteps - this.steps, noteDepth: depth });
    try {
      return noteResult(nested.render(body.nodes));
    } catch (e) {
      // A limit reached deep inside nested notes is reported once, where it was reached.
      if (e instanceof TemplateError && e.code !== 'TEMPLATE_LIMIT') throw new CallFailure(`in the note's expression: ${e.reason}`);
      throw e;
    } finally {
      this.steps += nested.steps;
    }
  }

  private step(at: number): void {
    this.limits.budget?.spend(1);
    if (++this.steps > this.limits.maxSteps) {
      this.fail(at, `evaluation takes more than ${this.limits.maxSteps} steps; is a {{range}} over a very large list?`, 'TEMPLATE_LIMIT');
    }
  }

  private write(s: string, at: number): void {
    if (s === '') return;
    this.out += s;
    if (this.out.length > this.maxOutput) this.fail(at, `output is larger than ${this.maxOutput} bytes`, 'TEMPLATE_LIMIT');
  }

  private walk(nodes: TemplateNode[], dot: unknown): void {
    for (const node of nodes) {
      switch (node.k) {
        case 'text':
          this.write(node.text, this.at);
          break;
        case 'action': {
          this.step(node.pos);
          const v = this.pipeline(node.pipe, dot);
          if (!node.pipe.isDecl) this.write(v === undefined || v === null ? (this.limits.missingValue ?? '') : toText(v), node.pos);
          break;
        }
        case 'cond': {
          this.step(node.pos);
          let taken = false;
          for (const b of node.branches) {
            const v = this.pipeline(b.pipe, dot);
            if (isTrue(v)) {
              this.walk(b.body, b.kind === 'with' ? v : dot);
              taken = true;
              break;
            }
          }
          if (!taken && node.otherwise) this.walk(node.otherwise, dot);
          break;
        }
        case 'range':
          this.range(node, dot);
          break;
      }
    }
  }

  private range(node: Extract<TemplateNode, { k: 'range' }>, dot: unknown): void {
    this.step(node.pos);
    const v = this.pipeline(node.pipe, dot);
    const { keySlot, valueSlot, body } = node;
    let count = 0;
    const visit = (key: unknown, item: unknown): void => {
      this.step(node.pos);
      if (keySlot !== undefined) this.vars[keySlot] = key;
      if (valueSlot !== undefined) this.vars[valueSlot] = item;
      this.walk(body, item);
      count++;
    };
    switch (kindOf(v)) {
      case 'list':
        (v as unknown[]).forEach((item, i) => visit(i, item));
        break;
      case 'map': {
        const map = v as Record<string, unknown>;
        for (const key of Object.keys(map).sort()) visit(key, map[key]);
        break;
      }
      case 'int': {
        // Go 1.22: ranging over an integer n visits 0..n-1; the step budget bounds large n.
        for (let i = 0; i < (v as number); i++) visit(i, i);
        break;
      }
      case 'nil':
        break;
      default:
        this.fail(node.pos, `{{range}} cannot iterate over a ${kindOf(v) === 'float' ? 'fractional number' : kindOf(v)}; it needs a list, a map or an integer`);
    }
    if (count === 0 && node.otherwise) this.walk(node.otherwise, dot);
  }

  private pipeline(pipe: Pipeline, dot: unknown): unknown {
    let v: unknown;
    const cmds = pipe.cmds;
    for (let i = 0; i < cmds.length; i++) v = this.command(cmds[i] as Command, dot, i > 0, v);
    for (const slot of pipe.assign) this.vars[slot] = v;
    return v;
  }

  private command(cmd: Command, dot: unknown, piped: boolean, final: unknown): unknown {
    this.step(cmd.pos);
    this.at = cmd.pos;
    const fn = cmd.fn;
    if (!fn) return this.operand(cmd.operand as Operand, dot);
    if (fn.lazy) return this.andOr(fn.lazy, cmd, dot, piped, final);
    const args = new Array<unknown>(cmd.args.length + (piped ? 1 : 0));
    for (let i = 0; i < cmd.args.length; i++) args[i] = this.operand(cmd.args[i] as Operand, dot);
    if (piped) args[cmd.args.length] = final;
    return this.call(fn, args, cmd.pos);
  }

  private andOr(kind: 'and' | 'or', cmd: Command, dot: unknown, piped: boolean, final: unknown): unknown {
    let v: unknown;
    const n = cmd.args.length;
    for (let i = 0; i < n + (piped ? 1 : 0); i++) {
      v = i < n ? this.operand(cmd.args[i] as Operand, dot) : final;
      if (isTrue(v) === (kind === 'or')) return v;
    }
    return v;
  }

  private call(fn: FuncDef, args: unknown[], at: number): unknown {
    this.at = at;
    try {
      return fn.call(args, this);
    } catch (e) {
      if (e instanceof CallFailure) this.fail(at, `${fn.name}: ${e.reason}`, e.code);
      throw e;
    }
  }

  private operand(op: Operand, dot: unknown): unknown {
    switch (op.k) {
      case 'field':
        return this.fields(dot, op.names, op.pos, '');
      case 'var':
        return op.names.length ? this.fields(this.vars[op.slot], op.names, op.pos, op.name) : this.vars[op.slot];
      case 'lit':
        return op.value;
      case 'func':
        return this.call(op.fn, [], op.pos);
      case 'pipe': {
        const v = this.pipeline(op.pipe, dot);
        return op.names.length ? this.fields(v, op.names, op.pos, '(…)') : v;
      }
    }
  }

  private fields(start: unknown, names: string[], at: number, base: string): unknown {
    let v = start;
    for (let i = 0; i < names.length; i++) {
      // Lenient where the Go runtime (missingkey=zero) stops with "nil pointer evaluating
      // interface {}.<name>": a Katalog that renders there renders the same here (docs/katalog-compat.md).
      if (v === undefined || v === null) return undefined;
      const name = names[i] as string;
      if (typeof v === 'object' && !Array.isArray(v)) {
        v = Object.hasOwn(v, name) ? (v as Record<string, unknown>)[name] : undefined;
        continue;
      }
      const path = `${base}.${names.slice(0, i).join('.')}`.replace(/\.$/, '') || '.';
      const what = Array.isArray(v) ? 'a list; use index or range' : `a ${kindOf(v) === 'int' || kindOf(v) === 'float' ? 'number' : kindOf(v)}`;
      this.fail(at, `cannot read field "${name}": ${path} is ${what}`);
    }
    return v;
  }
}
