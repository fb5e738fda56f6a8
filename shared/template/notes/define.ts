// notes/ holds the template functions by domain: upstream Orkestra's notes (string.ts, math.ts …,
// value first as upstream) and Sprig's names (sprig-*.ts, value last). This file is how a domain
// declares them: one spec per function (name, arity, doc entry) next to its implementation.
import type { FuncDef } from '../func-def.js';

export interface NoteSpec {
  name: string;
  /** Fewest arguments; also the most unless `max` is given. */
  min: number;
  /** Most arguments; Infinity for variadic functions. */
  max?: number;
  sig: string;
  summary: string;
  example: string;
}

export function defineNotes(domain: string, entries: ReadonlyArray<readonly [NoteSpec, FuncDef['call']]>): FuncDef[] {
  return entries.map(([spec, call]) => ({
    name: spec.name,
    minArgs: spec.min,
    maxArgs: spec.max ?? spec.min,
    call,
    doc: { domain, signature: spec.sig, summary: spec.summary, example: spec.example },
  }));
}
