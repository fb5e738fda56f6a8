// The protocol of each `external:` call, checked when the Katalog loads: the controller makes http
// and prometheus calls only and refuses to start on any other (shared/external/calls.ts), so
// `ork validate` says so first, at the call, with what to do instead. Pure.
import type { Issue } from '../errors.js';
import { formatPath } from './path.js';
import { EXTERNAL_LISTS, matches, valueAt } from './inert-keys.js';
import type { Locator } from './yaml-source.js';

/** The protocols this runtime calls; the default is http. */
export const EXTERNAL_PROTOCOLS = ['http', 'prometheus'] as const;

export function externalProtocolIssues(doc: unknown, file: string, locate: Locator): Issue[] {
  const issues: Issue[] = [];
  for (const list of EXTERNAL_LISTS) {
    for (const path of matches(doc, [...list, '*', 'protocol'])) {
      const protocol = valueAt(doc, path);
      if ((EXTERNAL_PROTOCOLS as readonly unknown[]).includes(protocol)) continue;
      const message = `${JSON.stringify(protocol)} is not made by this runtime (only ${EXTERNAL_PROTOCOLS.join(', ')}); read that system from a Job, or keep this CRD on the Go runtime`;
      issues.push({ file, ...locate(path, 'value'), path: formatPath(path), message });
    }
  }
  return issues;
}
