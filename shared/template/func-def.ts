// What a template function is to the parser and evaluator: a name, how many arguments it takes
// (checked at parse time), and its implementation. Functions are pure apart from `random`.

/** What the evaluator hands to every function call. */
export interface CallEnv {
  /** [0,1) source for randomAlphanumeric. */
  random: () => number;
  /** No string a function builds may be longer than this (characters). */
  maxOutput: number;
  /**
   * Charges work beyond one step to the caller's budget (e.g. characters a regex scans); throws
   * when the budget is spent. A no-op when the caller set no budget.
   */
  spend(units: number): void;
  /** The current time for the time notes; absent means the real clock. Tests pass a fixed one. */
  now?: () => Date;
  /**
   * Runs a user note (notes.functions) over the data the outermost template was given, within
   * this evaluation's step budget; absent outside the evaluator (tests of single functions).
   */
  runNote?(note: NoteBody): unknown;
}

/** What the evaluator needs of a user note: its name (for messages) and its expression's text. */
export interface NoteBody {
  readonly name: string;
  readonly expression: string;
}

/** Finds the function a name in a template refers to; undefined when none. */
export type FunctionLookup = (name: string) => FuncDef | undefined;

export interface FuncDef {
  name: string;
  minArgs: number;
  /** Infinity for variadic functions. */
  maxArgs: number;
  /** `and`/`or` evaluate their arguments lazily, so the evaluator runs them itself. */
  lazy?: 'and' | 'or';
  call: (args: unknown[], env: CallEnv) => unknown;
  /** For docs/template-functions.md: the domain, a Go-style signature, one line, and an example. */
  doc?: { domain: string; signature: string; summary: string; example: string };
}
