// `ork validate` of `enrich:` / `enrichAll:` on each CRD entry, as upstream's validator refuses
// them: enrichAll beside a non-empty enrich list (they exclude each other), and a target no enricher
// knows (with the nearest known name). Also an entry that is neither a name nor one gated target.
// A gate that cannot be evaluated at reconcile is logged there and its target skipped. Pure.
import type { Issue } from '../errors.js';
import { formatPath, type PathSegment } from '../katalog/path.js';
import { suggestion } from '../katalog/suggest.js';
import type { Locator } from '../katalog/yaml-source.js';
import { ENRICHERS, ENRICH_TARGET_NAMES, parseTarget } from './targets.js';

/** The enrichers' own names: suggested first, and listed in the message. */
const PRIMARY = Object.keys(ENRICHERS);

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export function enrichIssues(doc: Rec, file: string, locate: Locator): Issue[] {
  const issues: Issue[] = [];
  const report = (path: PathSegment[], message: string, at: 'key' | 'value' = 'value') => issues.push({ file, ...locate(path, at), path: formatPath(path), message });
  const crds = isRecord(doc.spec) && isRecord(doc.spec.crds) ? doc.spec.crds : {};
  for (const [name, entry] of Object.entries(crds)) {
    if (!isRecord(entry) || !Array.isArray(entry.enrich)) continue;
    const base = ['spec', 'crds', name, 'enrich'];
    if (entry.enrichAll === true && entry.enrich.length > 0) {
      report(['spec', 'crds', name, 'enrichAll'], 'enrichAll and enrich exclude each other: give enrichAll: true (every target) or an enrich: list', 'key');
    }
    entry.enrich.forEach((item, i) => {
      const { target, problem } = parseTarget(item);
      if (problem) return report([...base, i], problem);
      if (!ENRICH_TARGET_NAMES.includes(target!.name)) {
        const at = typeof item === 'string' ? [...base, i] : [...base, i, Object.keys(item as Rec)[0]!];
        const near = suggestion(target!.name, PRIMARY).startsWith(' (did') ? suggestion(target!.name, PRIMARY) : suggestion(target!.name, ENRICH_TARGET_NAMES);
        report(at, `unknown enrich target ${JSON.stringify(target!.name)}${near.replace(/ \(allowed: .*\)$/, '')}: use one of ${PRIMARY.join(', ')} (or upstream's aliases of them)`, typeof item === 'string' ? 'value' : 'key');
      }
    });
  }
  return issues;
}
