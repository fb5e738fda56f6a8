// Every regular expression taken from a Katalog, a CR or a template: RE2 syntax (what Go's regexp,
// and so every upstream Katalog, uses) on the re2js engine, which matches in time linear in the
// input, so no pattern can freeze the process. Pattern and input lengths are bounded. Pure: the only
// state is a cache of compiled patterns. Methods follow Go's regexp (MatchString, FindAllString...).
import { RE2JS, RE2JSException } from 're2js';
import { expandInto, type GroupIndex } from './expand.js';

export const REGEX_LIMITS = {
  /** Characters in one pattern. Katalog patterns are a few hundred at most. */
  maxPatternChars: 4096,
  /** Characters of input one call matches against (the template output limit is 1 MiB too). */
  maxInputChars: 1 << 20,
  /** Characters one replaceAll may produce. */
  maxOutputChars: 1 << 20,
  /** Compiled patterns kept for reuse (templated patterns are recompiled on every render). */
  cacheEntries: 256,
} as const;

/** `invalid`: the pattern is not RE2; `limit`: a pattern, input or result is too long. */
export type RegexErrorKind = 'invalid' | 'limit';

export class RegexError extends Error {
  constructor(
    readonly kind: RegexErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'RegexError';
  }
}

/** A compiled RE2 pattern. `n` arguments follow Go: n < 0 means all, n = 0 means none. */
export interface Re2 {
  readonly source: string;
  /** Number of capturing groups. */
  readonly groupCount: number;
  /** Whether the pattern matches anywhere in `s` (Go MatchString). */
  test(s: string): boolean;
  /** The leftmost match, or undefined when there is none (Go FindString, but distinguishable). */
  find(s: string): string | undefined;
  /** Up to n successive non-overlapping matches (Go FindAllString). */
  findAll(s: string, n: number): string[];
  /** The leftmost match and its groups ("" for a group that did not take part), or undefined. */
  findSubmatch(s: string): string[] | undefined;
  /** Up to n matches with their groups (Go FindAllStringSubmatch). */
  findAllSubmatch(s: string, n: number): string[][];
  /** Every match replaced by `repl` with `$1`, `${name}`, `$$` expanded (Go ReplaceAllString). */
  replaceAll(s: string, repl: string): string;
  /** Every match replaced by `repl` taken literally (Go ReplaceAllLiteralString). */
  replaceAllLiteral(s: string, repl: string): string;
  /** `s` cut around the matches into at most n pieces (Go Regexp.Split). */
  split(s: string, n: number): string[];
}

type Engine = ReturnType<RE2JS['re2']>;

const cache = new Map<string, Re2>();

/** Compiles `pattern` as RE2 (Go regexp syntax). Throws RegexError saying why it is refused. */
export function compileRe2(pattern: string): Re2 {
  const hit = cache.get(pattern);
  if (hit) {
    cache.delete(pattern);
    cache.set(pattern, hit);
    return hit;
  }
  if (pattern.length > REGEX_LIMITS.maxPatternChars) {
    throw new RegexError('limit', `regular expression is ${pattern.length} characters long; the limit is ${REGEX_LIMITS.maxPatternChars}`);
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch (e) {
    if (e instanceof RE2JSException) throw new RegexError('invalid', invalidMessage(pattern, e.message));
    throw e;
  }
  const re = new Compiled(pattern, compiled.re2(), compiled.groupCount(), namedGroups(compiled));
  cache.set(pattern, re);
  if (cache.size > REGEX_LIMITS.cacheEntries) cache.delete(cache.keys().next().value as string);
  return re;
}

/** Why a pattern is refused, with a hint for the Perl/JavaScript features RE2 leaves out. */
function invalidMessage(pattern: string, reason: string): string {
  const shown = pattern.length > 120 ? `${pattern.slice(0, 120)}…` : pattern;
  const why = reason.replace(/^error parsing regexp: /, '');
  return `invalid RE2 regular expression ${JSON.stringify(shown)}: ${why}${hint(pattern, why)}`;
}

function hint(pattern: string, why: string): string {
  if (/\(\?<?[=!]/.test(pattern)) return '; lookahead and lookbehind are not RE2 syntax: match the text itself, or use two conditions (one with negate: true)';
  if (/invalid escape sequence: `\\[1-9]`/.test(why)) return '; backreferences are not RE2 syntax: capture the part and compare it in a separate condition';
  if (/\\Z/.test(why)) return '; write \\z for the end of the text';
  if (/nested repetition operator: `[*+?}][+]`/.test(why)) return '; possessive quantifiers are not RE2 syntax: drop the extra +';
  if (/invalid escape sequence: `\\[uc]`/.test(why)) return '; write a code point as \\x{41}';
  return ' (RE2 syntax, as Go\'s regexp package reads it)';
}

function namedGroups(compiled: RE2JS): Record<string, number> {
  const names: Record<string, number> = Object.create(null);
  for (const [name, index] of Object.entries(compiled.namedGroups())) names[name] = index;
  return names;
}

function checkInput(s: string): void {
  if (s.length > REGEX_LIMITS.maxInputChars) {
    throw new RegexError('limit', `text to match is ${s.length} characters long; the limit is ${REGEX_LIMITS.maxInputChars}`);
  }
}

/** Go's allMatches count: n < 0 means all (there are at most len+1 matches). */
const count = (s: string, n: number): number => (n < 0 ? s.length + 1 : n);

class Compiled implements Re2 {
  constructor(
    readonly source: string,
    private readonly engine: Engine,
    readonly groupCount: number,
    private readonly names: Readonly<Record<string, number>>,
  ) {}

  test(s: string): boolean {
    checkInput(s);
    return this.engine.match(s);
  }

  find(s: string): string | undefined {
    checkInput(s);
    const m = this.engine.findIndex(s) as number[] | null;
    return m ? s.slice(m[0], m[1]) : undefined;
  }

  findAll(s: string, n: number): string[] {
    return this.indexes(s, n, false).map((m) => s.slice(m[0], m[1]));
  }

  findSubmatch(s: string): string[] | undefined {
    return this.findAllSubmatch(s, 1)[0];
  }

  findAllSubmatch(s: string, n: number): string[][] {
    return this.indexes(s, n, true).map((m) => groups(s, m));
  }

  replaceAll(s: string, repl: string): string {
    return this.replace(s, (out, m, room) => expandInto(out, repl, s, m, this.names, room));
  }

  replaceAllLiteral(s: string, repl: string): string {
    return this.replace(s, (out, _m, room) => {
      room.left -= repl.length;
      out.push(repl);
      return room.left >= 0;
    });
  }

  split(s: string, n: number): string[] {
    if (n === 0) return [];
    if (this.source.length > 0 && s.length === 0) return [''];
    const pieces: string[] = [];
    let beg = 0;
    let end = 0;
    for (const m of this.indexes(s, n, false)) {
      if (n > 0 && pieces.length === n - 1) break;
      end = m[0] as number;
      if (m[1] !== 0) pieces.push(s.slice(beg, end));
      beg = m[1] as number;
    }
    if (end !== s.length) pieces.push(s.slice(beg));
    return pieces;
  }

  private indexes(s: string, n: number, submatches: boolean): GroupIndex[] {
    checkInput(s);
    if (n === 0) return [];
    const found = submatches ? this.engine.findAllSubmatchIndex(s, count(s, n)) : this.engine.findAllIndex(s, count(s, n));
    return (found ?? []) as GroupIndex[];
  }

  private replace(s: string, each: (out: string[], m: GroupIndex, room: { left: number }) => boolean): string {
    const out: string[] = [];
    const room = { left: REGEX_LIMITS.maxOutputChars };
    let last = 0;
    for (const m of this.indexes(s, -1, true)) {
      const [from, to] = m as [number, number];
      room.left -= from - last;
      out.push(s.slice(last, from));
      if (room.left < 0 || !each(out, m, room)) throw tooLong();
      last = to;
    }
    room.left -= s.length - last;
    if (room.left < 0) throw tooLong();
    out.push(s.slice(last));
    return out.join('');
  }
}

function tooLong(): RegexError {
  return new RegexError('limit', `replacement result is longer than ${REGEX_LIMITS.maxOutputChars} characters`);
}

function groups(s: string, m: GroupIndex): string[] {
  const out: string[] = [];
  for (let i = 0; i < m.length; i += 2) {
    const from = m[i] as number;
    out.push(from >= 0 ? s.slice(from, m[i + 1]) : '');
  }
  return out;
}

/** `s` with every regexp metacharacter escaped (Go QuoteMeta). */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
