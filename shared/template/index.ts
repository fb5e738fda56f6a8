// The template engine: Go text/template syntax with Sprig-style functions, evaluated against plain
// JSON-like data (the CR). Owns parsing (cached), rendering and typed substitution, and bounds all of
// them. Pure: no I/O; the only thrown error is TemplateError. Knows nothing about Katalogs or CRs.
import type { Pipeline, TemplateNode } from './ast.js';
import { Evaluation, type Limits, type WorkBudget } from './evaluator.js';
import { parse } from './parser.js';
import { TemplateError, templateErrorAt } from './template-error.js';
import { cloneValue } from './values.js';
import { randomFraction } from './crypto-random.js';
import type { UserNotes } from './user-notes.js';

export { TemplateError } from './template-error.js';
export type { TemplateErrorCode } from './template-error.js';
export type { WorkBudget } from './evaluator.js';
export { UserNotes, MAX_NOTE_DEPTH, noteCycle, notesCalled, type UserNoteDef } from './user-notes.js';
export { lookupFunction } from './functions.js';
export { goTrimSpace, NO_VALUE, noteText, resolvedText } from './go-text.js';
export { formatValue } from './format.js';

export interface TemplateOptions {
  /** [0,1) source for randomAlphanumeric; default crypto-random. */
  random?: () => number;
  /** Evaluation steps budget (default 100_000) → TEMPLATE_LIMIT. */
  maxSteps?: number;
  /** Output size limit in bytes (default 1 MiB) → TEMPLATE_LIMIT. */
  maxOutputBytes?: number;
  /** Shared by many evaluations (one render): every step is charged to it; it throws when spent. */
  budget?: WorkBudget;
  /** The clock the time notes read (timeSince, isExpired, weekday …); default the real one. */
  now?: () => Date;
  /** The Katalog's user notes, callable by name (shared/template/user-notes.ts). */
  notes?: UserNotes;
  /** What an action whose value is missing or nil prints: "" (default) or Go's "<no value>" (go-text.ts). */
  missingValue?: string;
}

export interface ParsedTemplate {
  readonly source: string;
}

export const MAX_TEMPLATE_CHARS = 64 * 1024;
const DEFAULT_MAX_STEPS = 100_000;
const DEFAULT_MAX_OUTPUT = 1024 * 1024;
const CACHE_ENTRIES = 10_000;
const CACHE_CHARS = 32 * 1024 * 1024;

class CompiledTemplate implements ParsedTemplate {
  constructor(
    readonly source: string,
    readonly nodes: TemplateNode[],
    readonly slots: number,
    /** The pipeline when the template is exactly one value-producing action (whitespace around allowed). */
    readonly single: Pipeline | undefined,
  ) {}
}

function singleAction(nodes: TemplateNode[]): Pipeline | undefined {
  let found: Pipeline | undefined;
  for (const node of nodes) {
    if (node.k === 'text' && node.text.trim() === '') continue;
    if (node.k !== 'action' || node.pipe.isDecl || found) return undefined;
    found = node.pipe;
  }
  return found;
}

// Katalogs hold a few hundred distinct templates rendered for every CR, so parse each once.
// Bounded by entries and by total source size; oldest entries go first.
const cache = new Map<string, CompiledTemplate | TemplateError>();
let cachedChars = 0;

function remember(text: string, entry: CompiledTemplate | TemplateError): void {
  cache.set(text, entry);
  cachedChars += text.length;
  while (cache.size > CACHE_ENTRIES || cachedChars > CACHE_CHARS) {
    const oldest = cache.keys().next().value as string;
    cache.delete(oldest);
    cachedChars -= oldest.length;
  }
}

function compile(text: string, notes?: UserNotes): CompiledTemplate {
  if (typeof text !== 'string') {
    throw new TemplateError('TEMPLATE_SYNTAX', String(text), 1, 1, `a template must be a string, not ${text === null ? 'null' : typeof text}`);
  }
  const key = notes ? `${notes.cacheKey}\u0000${text}` : text;
  const hit = cache.get(key);
  if (hit instanceof CompiledTemplate) return hit;
  if (hit) throw hit;
  let entry: CompiledTemplate | TemplateError;
  if (text.length > MAX_TEMPLATE_CHARS) {
    entry = new TemplateError('TEMPLATE_LIMIT', text, 1, 1, `template is ${text.length} characters long; the limit is ${MAX_TEMPLATE_CHARS}`);
  } else {
    try {
      const { nodes, slots } = notes ? parse(text, notes.lookup) : parse(text);
      entry = new CompiledTemplate(text, nodes, slots, singleAction(nodes));
    } catch (e) {
      if (e instanceof TemplateError) entry = e;
      else if (e instanceof RangeError) entry = new TemplateError('TEMPLATE_LIMIT', text, 1, 1, 'template is too complex to parse');
      else throw e;
    }
  }
  remember(key, entry);
  if (entry instanceof TemplateError) throw entry;
  return entry;
}

function positive(n: number | undefined, fallback: number): number {
  return typeof n === 'number' && n > 0 ? n : fallback;
}

function limitsOf(opts: TemplateOptions | undefined): Limits {
  return {
    maxSteps: positive(opts?.maxSteps, DEFAULT_MAX_STEPS),
    maxOutput: positive(opts?.maxOutputBytes, DEFAULT_MAX_OUTPUT),
    random: opts?.random ?? randomFraction,
    ...(opts?.budget ? { budget: opts.budget } : {}),
    ...(opts?.now ? { now: opts.now } : {}),
    ...(opts?.missingValue !== undefined ? { missingValue: opts.missingValue } : {}),
    compileNote: (text: string) => compile(text, opts?.notes),
  };
}

/** Whether the text contains an action `{{`, i.e. needs evaluating at all. */
export function isTemplate(text: string): boolean {
  return typeof text === 'string' && text.includes('{{');
}

/** Parses (or takes from the cache). Throws TemplateError: TEMPLATE_SYNTAX, or TEMPLATE_LIMIT when too long/deep. */
export function parseTemplate(text: string, notes?: UserNotes): ParsedTemplate {
  return compile(text, notes);
}

/** For validators: the template's syntax error, or undefined when it parses. */
export function checkTemplate(text: string, notes?: UserNotes): TemplateError | undefined {
  try {
    compile(text, notes);
    return undefined;
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
}

function compiled(t: ParsedTemplate | string, notes?: UserNotes): CompiledTemplate {
  if (t instanceof CompiledTemplate) return t;
  return compile(typeof t === 'string' ? t : t?.source, notes);
}

/** Renders the template over `data` to text. Throws TemplateError. */
export function executeTemplate(t: ParsedTemplate | string, data: unknown, opts?: TemplateOptions): string {
  const tpl = compiled(t, opts?.notes);
  return new Evaluation(tpl.source, tpl.slots, data, limitsOf(opts)).render(tpl.nodes);
}

/**
 * Typed substitution: if `text` is exactly ONE action (surrounding whitespace allowed, e.g.
 * "{{ .spec.replicas }}") the result keeps the value's type (3 stays number 3, a map stays a map,
 * missing → undefined); otherwise the rendered string. A string with no action is returned unchanged
 * (no parse).
 */
export function evaluateTyped(text: string, data: unknown, opts?: TemplateOptions): unknown {
  if (!isTemplate(text)) return text;
  const tpl = compile(text, opts?.notes);
  const limits = limitsOf(opts);
  const run = new Evaluation(tpl.source, tpl.slots, data, limits);
  if (!tpl.single) return run.render(tpl.nodes);
  const value = run.value(tpl.single);
  if (typeof value === 'string' && value.length > limits.maxOutput) {
    throw templateErrorAt('TEMPLATE_LIMIT', text, tpl.single.pos, `value is larger than ${limits.maxOutput} characters`);
  }
  try {
    return cloneValue(value);
  } catch {
    throw templateErrorAt('TEMPLATE_LIMIT', text, tpl.single.pos, 'the value is too deeply nested to copy');
  }
}
