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
}

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
