// Label keys, label values and label selector text as the API server parses them (apimachinery's
// labels.Parse and validation): `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`,
// `k>1`, `k<1`, joined by commas. A selector the API server would refuse makes every list and watch
// fail, so `ork validate` checks it first and says which requirement is wrong. Pure.

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `key` is not a label key (`name` or `prefix/name`), or undefined. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return `"${key}" is not a label key: its prefix must be a DNS subdomain (lower case, digits, - and .; at most 253 characters)`;
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    return `"${key}" is not a label key; use name or prefix/name (letters, digits, - _ . ; at most 63 characters, starting and ending with a letter or digit)`;
  }
  return undefined;
}

/** Why `value` is not a label value ("" is one), or undefined. */
export function labelValueProblem(value: string): string | undefined {
  if (value === '' || (value.length <= 63 && NAME.test(value))) return undefined;
  return `"${value}" is not a label value; use at most 63 letters, digits, - _ . starting and ending with a letter or digit`;
}

/** The requirements of a selector, split at the commas outside `( … )`. */
function requirements(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((r) => r.trim());
}

const SET = /^(\S+?)\s+(in|notin)\s*\((.*)\)$/;
const EQUALITY = /^([^\s!=<>(),]+)\s*(==|!=|=)\s*(.*)$/;
const ORDER = /^([^\s!=<>(),]+)\s*(<|>)\s*(.*)$/;

/** The first problem of a label selector written as text, or undefined when the API server accepts it. */
export function labelSelectorProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  for (const req of requirements(text)) {
    const problem = requirementProblem(req);
    if (problem) return `"${req === '' ? text : req}": ${problem}`;
  }
  return undefined;
}

function requirementProblem(req: string): string | undefined {
  if (req === '') return 'an empty requirement (a comma too many?)';
  const set = SET.exec(req);
  if (set) {
    // `()` is the set of one empty value, as the API server reads it.
    const values = set[3]!.split(',').map((v) => v.trim());
    return labelKeyProblem(set[1]!) ?? values.map(labelValueProblem).find((p) => p !== undefined);
  }
  const equality = EQUALITY.exec(req);
  if (equality) return labelKeyProblem(equality[1]!) ?? labelValueProblem(equality[3]!.trim());
  const order = ORDER.exec(req);
  if (order) return labelKeyProblem(order[1]!) ?? (/^-?\d+$/.test(order[3]!.trim()) ? undefined : `${order[2]} needs a whole number, got "${order[3]!.trim()}"`);
  const exists = /^!?\s*([^\s!=<>(),]+)$/.exec(req);
  if (exists) return labelKeyProblem(exists[1]!);
  return 'not a requirement; write key=value, key!=value, key in (a,b), key notin (a,b), key or !key';
}
