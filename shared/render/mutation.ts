// Mutation rules: `default` fills a field that is absent, `override` always sets it. Applied in
// order to an in-memory copy of the CR (later rules see earlier results); the live CR is untouched.
import type { MutationRule, ValueType } from '../katalog/types.js';
import type { RuleSite } from './rules.js';
import { gatePasses } from './conditions.js';
import { parsePath, getPath, setPath } from './paths.js';
import { show } from './problems.js';
import { FAILED, evaluateDeep, type TemplateScope } from './templating.js';
import { scalarToText, toBoolean, toInteger, toNumber, type Checked } from './typecheck.js';

// Identity fields: changing them would render children for a different object than the one we own.
const PROTECTED = new Set(['apiVersion', 'kind', 'metadata.name', 'metadata.namespace', 'metadata.uid']);

/** Applies `rules` to `cr` in place (the caller passes a copy); `scope.data` must be that copy. */
export function applyMutations(cr: Record<string, unknown>, rules: MutationRule[] | undefined, scope: TemplateScope, site: RuleSite = 'reconcile'): void {
  (rules ?? []).forEach((rule, i) => {
    const path = `mutation.rules[${i}]`;
    const hasDefault = rule.default !== undefined;
    const hasOverride = rule.override !== undefined;
    if (hasDefault === hasOverride) {
      scope.problems.error(path, 'give exactly one of default or override');
      return;
    }
    const segments = typeof rule.field === 'string' ? parsePath(rule.field) : undefined;
    if (!segments || segments.length === 0) {
      scope.problems.error(`${path}.field`, `expected a dot path such as .spec.replicas, got ${show(rule.field)}`);
      return;
    }
    if (PROTECTED.has(segments.join('.'))) {
      scope.problems.error(`${path}.field`, `${segments.join('.')} identifies the CR and cannot be mutated`);
      return;
    }
    // fires.reconcile: false is an admission-only rule: reconcile skips it, the webhook runs it.
    if (site === 'reconcile' && rule.fires?.reconcile === false) return;
    const gate = gatePasses(rule.when, rule.or, scope, path);
    if (gate !== true) return;
    if (hasDefault) {
      const current = getPath(cr, segments);
      if (current !== undefined && current !== null) return;
    }
    const value = evaluateDeep(hasDefault ? rule.default : rule.override, scope, `${path}.${hasDefault ? 'default' : 'override'}`);
    if (value === FAILED) return;
    const typed = rule.valueType === undefined ? { ok: true as const, value } : convert(value, rule.valueType);
    if (!typed.ok) {
      scope.problems.error(`${path}.${hasDefault ? 'default' : 'override'}`, `valueType ${rule.valueType}: ${typed.message}`);
      return;
    }
    const err = setPath(cr, segments, typed.value);
    if (err) scope.problems.error(`${path}.field`, `cannot set ${segments.join('.')}: ${err}`);
  });
}

/** Upstream's valueType spellings: int/integer, float/number, bool/boolean, string. */
function convert(value: unknown, type: ValueType): Checked<unknown> {
  switch (type) {
    case 'int':
    case 'integer':
      return toInteger(value);
    case 'float':
    case 'number':
      return toNumber(value);
    case 'bool':
    case 'boolean':
      return toBoolean(value);
    default:
      return scalarToText(value);
  }
}
