// The kubelet's `$(VAR)` expansion for command, args, env values and subPathExpr. Pure.
// `$$` yields a literal `$`; a reference to an unknown variable, or one without a closing `)`,
// stays as written.

/** Expands `$(NAME)` in `input` with `lookup`; `undefined` from lookup keeps the reference literal. */
export function expandVars(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch !== '$' || i + 1 >= input.length) {
      out += ch;
      i += 1;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        out += '$(';
        i += 2;
      } else {
        const name = input.slice(i + 2, close);
        out += lookup(name) ?? `$(${name})`;
        i = close + 1;
      }
    } else {
      // A `$` that starts no reference is kept together with the character after it.
      out += '$' + next;
      i += 2;
    }
  }
  return out;
}

/** A lookup over ordered maps: the first one that defines the name wins. */
export function lookupIn(...maps: ReadonlyMap<string, string>[]): (name: string) => string | undefined {
  return (name) => {
    for (const m of maps) {
      const v = m.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  };
}
