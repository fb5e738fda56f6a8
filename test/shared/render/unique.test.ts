// `unique` against the kind's other CRs: the first to claim a value keeps it (creation time, then
// name), only the later claimant's rule fails; its own value, an empty value and a template field
// are handled; without peers it passes (admission, ork template).
import { expect } from 'chai';
import { OrkError } from '../../../shared/errors.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import { renderDesired, type KubeObject } from '../../../shared/render/index.js';

const entry = { validation: { rules: [{ field: 'spec.domain', operator: 'unique', message: 'domain {{ .spec.domain }} is taken' }, { field: '{{ .spec.team }}-x', unique: true, message: 'team taken' }] } } as unknown as CrdEntry;
const site = (name: string, at: string, spec: Record<string, unknown>, uid = name): KubeObject =>
  ({ apiVersion: 'x.example.org/v1', kind: 'Site', metadata: { name, namespace: 'web', uid, creationTimestamp: at }, spec }) as KubeObject;

function denied(cr: KubeObject, peers: KubeObject[] | undefined): string[] {
  try {
    renderDesired({ crdName: 'site', entry, cr, katalogName: 'k', ...(peers ? { peers: () => peers } : {}) });
    return [];
  } catch (e) {
    expect(e).to.be.instanceOf(OrkError);
    return (e as OrkError).issues.map((i) => i.message.replace(/ \(CR .*\)$/, ''));
  }
}

describe('shared/render unique', () => {
  const first = site('a', '2026-01-01T00:00:00Z', { domain: 'shop.example.com', team: 'red' });
  const later = site('b', '2026-01-02T00:00:00Z', { domain: 'shop.example.com', team: 'blue' });
  const twin = site('c', '2026-01-01T00:00:00Z', { domain: 'docs.example.com', team: 'red' });

  it('fails only the later claimant of a value', () => {
    const all = [first, later, twin];
    expect(denied(later, all)).to.deep.equal(['domain shop.example.com is taken']);
    expect(denied(first, all)).to.deep.equal([]);
  });

  it('breaks a tie in creation time by name, and reads a template field on each peer', () => {
    expect(denied(twin, [first, later, twin])).to.deep.equal(['team taken']);
    expect(denied(first, [first, later, twin])).to.deep.equal([]);
  });

  it('passes without peers, for itself alone, and for an empty value', () => {
    expect(denied(later, undefined)).to.deep.equal([]);
    expect(denied(later, [later])).to.deep.equal([]);
    expect(denied(site('d', '2026-01-03T00:00:00Z', { team: 'green' }), [first, later])).to.deep.equal([]);
  });
});
