// Sprig's regular-expression functions on RE2 (shared/regex): Go's syntax and linear-time
// matching, so a pattern from a CR cannot stall the controller. Sprig's order: the pattern first,
// then the text. The must* names are the same functions: both stop with an error on a bad pattern.
import type { FuncDef } from '../func-def.js';
import { compileRe2, quoteMeta, RegexError, type Re2 } from '../../regex/index.js';
import { CallFailure } from '../template-error.js';
import { bounded, intArg, str } from './arguments.js';
import { defineNotes, type NoteSpec } from './define.js';

const BIG = Number.MAX_SAFE_INTEGER;

/** Runs `use` on the compiled pattern, turning a refused pattern or input into a template error. */
function withRe<T>(pattern: unknown, use: (re: Re2) => T): T {
  try {
    return use(compileRe2(str(pattern)));
  } catch (e) {
    if (e instanceof RegexError) throw new CallFailure(e.message, e.kind === 'limit' ? 'TEMPLATE_LIMIT' : 'TEMPLATE_EXEC');
    throw e;
  }
}

const count = (v: unknown): number => intArg(v, 'the count', -BIG, BIG);

const FUNCTIONS: [NoteSpec, FuncDef['call']][] = [
  [{ name: 'regexMatch', min: 2, sig: 'regexMatch REGEX S', summary: 'Whether REGEX matches anywhere in S.', example: '{{ regexMatch "^[a-z0-9-]+$" .metadata.name }}' }, (a) => withRe(a[0], (re) => re.test(str(a[1])))],
  [{ name: 'regexFind', min: 2, sig: 'regexFind REGEX S', summary: 'The leftmost match of REGEX in S, or "".', example: '{{ regexFind "[0-9]+" .spec.image }}' }, (a) => withRe(a[0], (re) => re.find(str(a[1])) ?? '')],
  [{ name: 'regexFindAll', min: 3, sig: 'regexFindAll REGEX S N', summary: 'Up to N matches of REGEX in S (all when N < 0).', example: '{{ regexFindAll "[0-9]+" .spec.ports -1 }}' }, (a) => withRe(a[0], (re) => re.findAll(str(a[1]), count(a[2])))],
  [
    { name: 'regexReplaceAll', min: 3, sig: 'regexReplaceAll REGEX S REPL', summary: 'S with every match replaced by REPL, where $1 and ${name} stand for groups.', example: '{{ regexReplaceAll "v([0-9]+)" .spec.tag "${1}" }}' },
    (a, env) => withRe(a[0], (re) => bounded(re.replaceAll(str(a[1]), str(a[2])), env.maxOutput)),
  ],
  [
    { name: 'regexReplaceAllLiteral', min: 3, sig: 'regexReplaceAllLiteral REGEX S REPL', summary: 'S with every match replaced by REPL taken literally ($ is not special).', example: '{{ regexReplaceAllLiteral "[.]" .spec.host "$" }}' },
    (a, env) => withRe(a[0], (re) => bounded(re.replaceAllLiteral(str(a[1]), str(a[2])), env.maxOutput)),
  ],
  [{ name: 'regexSplit', min: 3, sig: 'regexSplit REGEX S N', summary: 'S cut around the matches into at most N pieces (all when N < 0).', example: '{{ regexSplit "[,;] *" .spec.hosts -1 }}' }, (a) => withRe(a[0], (re) => re.split(str(a[1]), count(a[2])))],
];

function mustVariant([spec, call]: [NoteSpec, FuncDef['call']]): [NoteSpec, FuncDef['call']] {
  const name = `must${spec.name[0]?.toUpperCase()}${spec.name.slice(1)}`;
  return [{ ...spec, name, sig: spec.sig.replace(spec.name, name), summary: `Same as ${spec.name} (both fail on an invalid pattern).`, example: spec.example.replace(spec.name, name) }, call];
}

export const REGEX_NOTES = defineNotes('Regular expressions (RE2)', [
  ...FUNCTIONS,
  ...FUNCTIONS.map(mustVariant),
  [{ name: 'regexQuoteMeta', min: 1, sig: 'regexQuoteMeta S', summary: 'S with every regular-expression metacharacter escaped.', example: '{{ regexMatch (regexQuoteMeta .spec.host) .spec.url }}' }, (a) => quoteMeta(str(a[0]))],
]);
