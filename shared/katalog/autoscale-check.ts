// `operatorBox.autoscale` (either layout) at load. The profile, as upstream's validator checks it:
// the name must be one of the built-in presets (any case), and a profile stands alone — interval,
// cooldown, conditions and do beside it are refused. The runtime expands it (shared/autoscale).
// The time conditions under conditions.when / conditions.or, as everywhere (time-condition-check.ts). Pure.
import { AUTOSCALE_MANUAL_KEYS, AUTOSCALE_PROFILES } from '../autoscale/profiles.js';
import type { Issue } from '../errors.js';
import { formatPath, type PathSegment } from './path.js';
import { suggestion } from './suggest.js';
import { timeConditionProblems } from './time-condition-check.js';
import type { Locator } from './yaml-source.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export function autoscaleProfileIssues(doc: Rec, file: string, locate: Locator): Issue[] {
  const issues: Issue[] = [];
  const spec = isRecord(doc.spec) ? doc.spec : {};
  const crds = isRecord(spec.crds) ? spec.crds : {};
  for (const [name, entry] of Object.entries(crds)) {
    const box = isRecord(entry) && isRecord(entry.operatorBox) ? entry.operatorBox : {};
    const runtime = isRecord(box.runtime) ? box.runtime : {};
    const sites: [PathSegment[], unknown][] = [[['spec', 'crds', name, 'operatorBox', 'autoscale'], box.autoscale], [['spec', 'crds', name, 'operatorBox', 'runtime', 'autoscale'], runtime.autoscale]];
    for (const [path, autoscale] of sites) {
      if (isRecord(autoscale)) issues.push(...conditionsIssues(autoscale.conditions, [...path, 'conditions'], file, locate));
      if (!isRecord(autoscale) || autoscale.profile === undefined) continue;
      const at = [...path, 'profile'];
      const problem = profileProblem(autoscale);
      if (problem) issues.push({ file, ...locate(at, 'value'), path: formatPath(at), message: problem });
    }
  }
  return issues;
}

function conditionsIssues(conditions: unknown, at: PathSegment[], file: string, locate: Locator): Issue[] {
  if (!isRecord(conditions)) return [];
  const issues: Issue[] = [];
  for (const list of ['when', 'or'] as const) {
    const items = conditions[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item, i) => {
      for (const [under, message] of timeConditionProblems(item)) {
        const path = [...at, list, i, ...under];
        issues.push({ file, ...locate(path, under.length === 0 ? 'key' : 'value'), path: formatPath(path), message });
      }
    });
  }
  return issues;
}

function profileProblem(autoscale: Rec): string | undefined {
  const { profile } = autoscale;
  const mixed = AUTOSCALE_MANUAL_KEYS.filter((k) => autoscale[k] !== undefined);
  if (mixed.length > 0) return `give the profile or ${mixed.join('/')}, not both (a profile is the whole autoscale spec)`;
  if (typeof profile !== 'string' || !AUTOSCALE_PROFILES.includes(profile.toLowerCase())) {
    const near = typeof profile === 'string' ? suggestion(profile, [...AUTOSCALE_PROFILES]).replace(/ \(allowed: .*\)$/, '') : '';
    return `unknown autoscale profile ${JSON.stringify(profile)}${near}: use one of ${AUTOSCALE_PROFILES.join(', ')}`;
  }
  return undefined;
}
