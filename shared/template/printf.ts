// Go's fmt.Sprintf for template values: verbs v s d f F e E g G t q x X o O b c U and %%, with
// flags `+ - # space 0`, width and precision. Wrong arguments print like Go (`%!d(string=x)`)
// instead of failing, except widths/precisions so large they would blow up the output.
import { CallFailure } from './template-error.js';
import { formatG, formatValue, goExponent, goQuote, toText } from './format.js';
import { goTypeName, kindOf } from './values.js';

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | undefined;
  prec: number | undefined;
}

const MAX_PRECISION = 100;

function badVerb(verb: string, arg: unknown): string {
  if (arg === undefined || arg === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(arg)}=${formatValue(arg)})`;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  const width = spec.width ?? 0;
  const len = [...s].length;
  if (len >= width) return s;
  const fill = width - len;
  if (spec.minus) return s + ' '.repeat(fill);
  if (spec.zero && numeric) {
    const signed = s.startsWith('-') || s.startsWith('+') || s.startsWith(' ');
    return signed ? s[0] + '0'.repeat(fill) + s.slice(1) : '0'.repeat(fill) + s;
  }
  return ' '.repeat(fill) + s;
}

function signOf(n: number, spec: Spec): string {
  if (n < 0 || Object.is(n, -0)) return '-';
  if (spec.plus) return '+';
  return spec.space ? ' ' : '';
}

function formatInt(n: number, verb: string, spec: Spec): string {
  const a = Math.abs(n);
  let digits: string;
  let prefix = '';
  switch (verb) {
    case 'x':
    case 'X':
      digits = a.toString(16);
      if (verb === 'X') digits = digits.toUpperCase();
      if (spec.sharp) prefix = verb === 'x' ? '0x' : '0X';
      break;
    case 'o':
      digits = a.toString(8);
      if (spec.sharp && digits !== '0') prefix = '0';
      break;
    case 'O':
      digits = a.toString(8);
      prefix = '0o';
      break;
    case 'b':
      digits = a.toString(2);
      break;
    default:
      digits = a < 1e21 ? String(a) : BigInt(a).toString();
  }
  if (spec.prec !== undefined) {
    if (spec.prec === 0 && a === 0) digits = '';
    else digits = digits.padStart(spec.prec, '0');
  }
  const sign = n < 0 ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  return pad(sign + prefix + digits, spec.prec === undefined ? spec : { ...spec, zero: false }, true);
}

function formatFloat(n: number, verb: string, spec: Spec): string {
  if (!Number.isFinite(n)) {
    const text = Number.isNaN(n) ? 'NaN' : n > 0 ? (spec.plus ? '+Inf' : spec.space ? ' Inf' : 'Inf') : '-Inf';
    return pad(text, { ...spec, zero: false }, true);
  }
  const sign = signOf(n, spec);
  const a = Math.abs(n);
  let body: string;
  switch (verb) {
    case 'f':
    case 'F':
      body = a.toFixed(spec.prec ?? 6);
      break;
    case 'e':
    case 'E': {
      const e = a.toExponential(spec.prec ?? 6);
      const at = e.indexOf('e');
      body = e.slice(0, at) + goExponent(Number(e.slice(at + 1)));
      if (verb === 'E') body = body.toUpperCase();
      break;
    }
    default: {
      const prec = spec.prec === undefined ? undefined : Math.max(1, spec.prec);
      body = formatG(a, prec, verb === 'G');
    }
  }
  return pad(sign + body, spec, true);
}

function formatString(s: string, verb: string, spec: Spec): string {
  let text = s;
  if (spec.prec !== undefined) text = [...text].slice(0, spec.prec).join('');
  switch (verb) {
    case 'q':
      text = spec.sharp && !text.includes('`') ? `\`${text}\`` : goQuote(text);
      break;
    case 'x':
    case 'X': {
      const h = Buffer.from(text, 'utf8').toString('hex');
      text = verb === 'X' ? h.toUpperCase() : h;
      break;
    }
    default:
      break;
  }
  return pad(text, spec, false);
}

function formatArg(arg: unknown, verb: string, spec: Spec): string {
  const kind = kindOf(arg);
  if (verb === 'v') {
    if (kind === 'string' && spec.sharp) return pad(goQuote(arg as string), spec, false);
    if (kind === 'int' || kind === 'float') return formatArg(arg, kind === 'int' ? 'd' : 'g', spec);
    return pad(kind === 'nil' ? '<nil>' : toText(arg), spec, false);
  }
  switch (verb) {
    case 's':
      if (kind === 'string') return formatString(arg as string, 's', spec);
      if (kind === 'list' || kind === 'map') return pad(formatValue(arg), spec, false);
      return badVerb(verb, arg);
    case 'd':
      return kind === 'int' ? formatInt(arg as number, 'd', spec) : badVerb(verb, arg);
    case 'x':
    case 'X':
      if (kind === 'int') return formatInt(arg as number, verb, spec);
      if (kind === 'string') return formatString(arg as string, verb, spec);
      return badVerb(verb, arg);
    case 'o':
    case 'O':
    case 'b':
      return kind === 'int' ? formatInt(arg as number, verb, spec) : badVerb(verb, arg);
    case 'c':
    case 'U': {
      const cp = arg as number;
      if (kind !== 'int' || cp < 0 || cp > 0x10ffff) return badVerb(verb, arg);
      const text = verb === 'c' ? String.fromCodePoint(cp) : `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      return pad(text, spec, false);
    }
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
      return kind === 'int' || kind === 'float' ? formatFloat(arg as number, verb, spec) : badVerb(verb, arg);
    case 't':
      return kind === 'bool' ? pad(String(arg), spec, false) : badVerb(verb, arg);
    case 'q': {
      if (kind === 'string') return formatString(arg as string, 'q', spec);
      if (kind === 'int' && (arg as number) >= 0 && (arg as number) <= 0x10ffff) {
        const ch = String.fromCodePoint(arg as number);
        const q = ch === "'" ? "\\'" : ch === '"' ? '"' : goQuote(ch).slice(1, -1);
        return pad(`'${q}'`, spec, false);
      }
      return badVerb(verb, arg);
    }
    default:
      return badVerb(verb, arg);
  }
}

/** Reads a width or precision: digits, or `*` taking an int argument. */
function readNumber(
  format: string,
  i: number,
  args: unknown[],
  next: { arg: number },
  limit: number,
): [number | undefined, number, boolean] {
  if (format[i] === '*') {
    const arg = args[next.arg++];
    if (kindOf(arg) !== 'int') return [undefined, i + 1, false];
    return [checkSize(arg as number, limit), i + 1, true];
  }
  let j = i;
  while (j < format.length && format.charCodeAt(j) >= 48 && format.charCodeAt(j) <= 57) j++;
  if (j === i) return [undefined, i, true];
  return [checkSize(Number(format.slice(i, j)), limit), j, true];
}

function checkSize(n: number, limit: number): number {
  if (Math.abs(n) > limit) {
    throw new CallFailure(`width or precision ${n} is too large (at most ${limit})`, 'TEMPLATE_LIMIT');
  }
  return n;
}

/** Go fmt.Sprintf. `maxWidth` bounds widths (the output limit); precision is bounded by 100. */
export function sprintf(format: string, args: unknown[], maxWidth: number): string {
  let out = '';
  const next = { arg: 0 };
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, width: undefined, prec: undefined };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = !spec.minus;
      else break;
    }
    let ok: boolean;
    [spec.width, i, ok] = readNumber(format, i, args, next, maxWidth);
    if (!ok) out += '%!(BADWIDTH)';
    if (spec.width !== undefined && spec.width < 0) {
      spec.minus = true;
      spec.width = -spec.width;
    }
    if (format[i] === '.') {
      [spec.prec, i, ok] = readNumber(format, i + 1, args, next, MAX_PRECISION);
      if (!ok) out += '%!(BADPREC)';
      if (spec.prec === undefined || spec.prec < 0) spec.prec = ok ? 0 : undefined;
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) ?? 0);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (next.arg >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatArg(args[next.arg++], verb, spec);
    if (out.length > maxWidth) throw new CallFailure(`result is longer than ${maxWidth} characters`, 'TEMPLATE_LIMIT');
  }
  if (next.arg < args.length) {
    const extra = args.slice(next.arg).map((a) => (a === undefined || a === null ? '<nil>' : `${goTypeName(a)}=${formatValue(a)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}
