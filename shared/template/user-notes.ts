// User notes (a Katalog's `notes.functions`): named functions without arguments whose body is a
// template, evaluated over the same data as the template that calls them. A UserNotes value is one
// function scope — the built-ins plus these notes, a note replacing a built-in of its name (the
// Go runtime merges them into one FuncMap the same way). Pure; the evaluator runs the bodies.
import type { FuncDef, NoteBody } from './func-def.js';
import { lookupFunction } from './functions.js';
import { noteText } from './go-text.js';
import { CallFailure } from './template-error.js';
import { lex } from './lexer.js';

export interface UserNoteDef {
  name: string;
  expression: string;
}

/** Nested note calls one evaluation may make; a cycle is refused at load time, this is a backstop. */
export const MAX_NOTE_DEPTH = 32;

let scopes = 0;

export class UserNotes {
  /** Distinguishes this scope's parsed templates in the parse cache (a name may mean another note elsewhere). */
  readonly cacheKey: string;
  private readonly notes = new Map<string, FuncDef>();

  constructor(defs: readonly UserNoteDef[]) {
    this.cacheKey = `notes#${++scopes}`;
    for (const def of defs) this.notes.set(def.name, noteFunction({ name: def.name, expression: def.expression }));
  }

  /** The function a name means in this scope: a user note first, else the built-in. */
  readonly lookup = (name: string): FuncDef | undefined => this.notes.get(name) ?? lookupFunction(name);

  has(name: string): boolean {
    return this.notes.has(name);
  }
}

function noteFunction(body: NoteBody): FuncDef {
  return {
    name: body.name,
    minArgs: 0,
    maxArgs: 0,
    call: (_args, env) => {
      if (!env.runNote) throw new CallFailure(`user note "${body.name}" can run only inside a template`);
      return env.runNote(body);
    },
  };
}

/** A note's output as the Go runtime hands it back: trimmed text without "<no value>", or a boolean for "true"/"false". */
export function noteResult(output: string): unknown {
  const text = noteText(output);
  if (text === 'true') return true;
  if (text === 'false') return false;
  return text;
}

/** The notes of `names` an expression calls (by the identifiers it uses); unreadable text calls none. */
export function notesCalled(expression: string, names: ReadonlySet<string>): string[] {
  let tokens: ReturnType<typeof lex>;
  try {
    tokens = lex(expression);
  } catch {
    return [];
  }
  const called = new Set<string>();
  for (const token of tokens) if (token.t === 'ident' && token.text !== undefined && names.has(token.text)) called.add(token.text);
  return [...called];
}

/**
 * A chain of notes that calls back into itself (`a → b → a`), or undefined. A note takes no
 * arguments and sees the same data on every call, so a cycle that runs once runs for ever.
 */
export function noteCycle(defs: readonly UserNoteDef[]): string[] | undefined {
  const names = new Set(defs.map((d) => d.name));
  const calls = new Map(defs.map((d) => [d.name, notesCalled(d.expression, names)]));
  const state = new Map<string, 'open' | 'done'>();
  const visit = (name: string, chain: string[]): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'open') return [...chain.slice(chain.indexOf(name)), name];
    state.set(name, 'open');
    for (const next of calls.get(name) ?? []) {
      const cycle = visit(next, [...chain, name]);
      if (cycle) return cycle;
    }
    state.set(name, 'done');
    return undefined;
  };
  for (const def of defs) {
    const cycle = visit(def.name, []);
    if (cycle) return cycle;
  }
  return undefined;
}
