// An entry's labelSelector/fieldSelector: the selector text the CR informer lists and watches
// with, the matching the reconciler re-checks, and refusals of what the API server would refuse.
import { expect } from 'chai';
import { crSelected, crSelectorsOf } from '../../../shared/katalog/cr-selectors.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';

const cr = (labels: Record<string, string> | undefined, namespace = 'web', name = 'a') => ({ metadata: { name, namespace, ...(labels ? { labels } : {}) } });
const refusal = (entry: CrdEntry): string => {
  try {
    crSelectorsOf('app', entry);
  } catch (e) {
    expect(e).to.have.property('code', 'KATALOG_INVALID');
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('shared/katalog/cr-selectors', () => {
  it('has no selector for an entry without one, and selects every CR', () => {
    const s = crSelectorsOf('app', {});
    expect(s).to.deep.equal({ labels: {}, fields: {} });
    expect(crSelected(cr(undefined), s)).to.equal(true);
  });

  it('joins the pairs into the selectors of the list and watch, numbers and booleans as text', () => {
    const s = crSelectorsOf('app', { labelSelector: { tier: 'frontend', 'example.com/team': 'web', replicas: 3, on: true }, fieldSelector: { 'metadata.namespace': 'web' } });
    expect(s.labelSelector).to.equal('tier=frontend,example.com/team=web,replicas=3,on=true');
    expect(s.fieldSelector).to.equal('metadata.namespace=web');
  });

  it('escapes , = and \\ in field values as the API server reads them', () => {
    expect(crSelectorsOf('app', { fieldSelector: { 'metadata.name': 'a,b=c\\d' } }).fieldSelector).to.equal('metadata.name=a\\,b\\=c\\\\d');
  });

  it('selects a CR only when every label and every field matches', () => {
    const s = crSelectorsOf('app', { labelSelector: { tier: 'frontend' }, fieldSelector: { 'metadata.namespace': 'web' } });
    expect(crSelected(cr({ tier: 'frontend', other: 'x' }), s)).to.equal(true);
    expect(crSelected(cr({ tier: 'backend' }), s)).to.equal(false);
    expect(crSelected(cr(undefined), s)).to.equal(false);
    expect(crSelected(cr({ tier: 'frontend' }, 'other'), s)).to.equal(false);
    // A missing field reads as "" (as the server does for an empty value).
    expect(crSelected(cr(undefined), crSelectorsOf('app', { fieldSelector: { 'spec.zone': '' } }))).to.equal(true);
  });

  it('refuses label keys and values, field paths and templates the server would refuse, naming the key', () => {
    expect(refusal({ labelSelector: { 'bad key': 'x' } })).to.contain('spec.crds.app.labelSelector: "bad key" is not a label key');
    expect(refusal({ labelSelector: { 'Bad_Prefix/name': 'x' } })).to.contain('is not a label key');
    expect(refusal({ labelSelector: { tier: '-frontend' } })).to.contain('spec.crds.app.labelSelector.tier: "-frontend" is not a label value');
    expect(refusal({ labelSelector: { tier: 'x'.repeat(64) } })).to.contain('is not a label value');
    expect(refusal({ labelSelector: { tier: '{{ .spec.tier }}' } })).to.contain('templates are not read in selectors');
    expect(refusal({ labelSelector: { tier: ['a'] } as unknown as Record<string, unknown> })).to.contain('give a plain value');
    expect(refusal({ fieldSelector: { 'metadata name': 'x' } })).to.contain('spec.crds.app.fieldSelector: "metadata name" is not a field path');
    expect(refusal({ fieldSelector: ['metadata.name'] as unknown as Record<string, unknown> })).to.contain('give a map of key: value pairs');
  });
});
