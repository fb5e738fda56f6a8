// The functions a template may call, by name: Go's builtins plus the Sprig-style library.
// The parser looks names up here, so an unknown function is a syntax error with a position.
import { BUILTINS } from './builtins.js';
import type { FuncDef } from './func-def.js';
import { LIBRARY } from './library.js';

const FUNCTIONS: ReadonlyMap<string, FuncDef> = new Map([...BUILTINS, ...LIBRARY].map((f) => [f.name, f]));

export function lookupFunction(name: string): FuncDef | undefined {
  return FUNCTIONS.get(name);
}

/** Every function name, sorted; for messages and documentation. */
export function functionNames(): string[] {
  return [...FUNCTIONS.keys()].sort();
}
