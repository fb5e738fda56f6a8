// WWW-Authenticate challenges as registries send them (`Bearer realm="…",service="…",scope="…"`),
// parsed so the client can run the token exchange the registry names. Pure.

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/**
 * Parses a WWW-Authenticate value (`Bearer realm="…",service="…",scope="…"`; several challenges may be
 * joined by `, `). Quoted values may contain commas (`scope="repository:a:pull,push"`).
 */
export function parseChallenges(header: string): Challenge[] {
  const out: Challenge[] = [];
  let i = 0;
  const skip = (chars: RegExp): void => {
    while (i < header.length && chars.test(header[i]!)) i++;
  };
  const token = (): string => {
    const start = i;
    while (i < header.length && /[A-Za-z0-9!#$%&'*+.^_`|~-]/.test(header[i]!)) i++;
    return header.slice(start, i);
  };
  let current: Challenge | undefined;
  while (i < header.length) {
    skip(/[\s,]/);
    const name = token();
    if (name === '') {
      i++;
      continue;
    }
    skip(/[ \t]/);
    if (header[i] !== '=' || current === undefined) {
      // A token not followed by `=` starts a new challenge (a scheme name).
      current = { scheme: name.toLowerCase(), params: {} };
      out.push(current);
      continue;
    }
    i++;
    skip(/[ \t]/);
    let value = '';
    if (header[i] === '"') {
      i++;
      while (i < header.length && header[i] !== '"') {
        if (header[i] === '\\' && i + 1 < header.length) i++;
        value += header[i];
        i++;
      }
      i++;
    } else {
      // Unquoted values are tokens by the grammar, but registries send bare URLs here too.
      const start = i;
      while (i < header.length && !/[\s,]/.test(header[i]!)) i++;
      value = header.slice(start, i);
    }
    current.params[name.toLowerCase()] = value;
  }
  return out;
}
