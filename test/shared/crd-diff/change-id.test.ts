import { expect } from 'chai';
import { changeId, childPath, itemsPath, valuesPath } from '../../../shared/crd-diff/change-id.js';

describe('shared/crd-diff change ids', () => {
  const paths: Array<[string, string]> = [
    [childPath('', 'spec'), 'spec'],
    [childPath('spec', 'replicas'), 'spec.replicas'],
    [childPath('spec', 'with-dash_and$'), 'spec.with-dash_and$'],
    [childPath('spec', 'app.kubernetes.io/name'), 'spec["app.kubernetes.io/name"]'],
    [childPath('spec', 'a:b'), 'spec["a:b"]'],
    [childPath('spec', 'say "hi"'), 'spec["say \\"hi\\""]'],
    [childPath('', 'a b'), '["a b"]'],
    [itemsPath('spec.containers'), 'spec.containers[]'],
    [childPath(itemsPath('spec.containers'), 'image'), 'spec.containers[].image'],
    [valuesPath('spec.labels'), 'spec.labels{}'],
    [itemsPath(valuesPath('spec.groups')), 'spec.groups{}[]'],
  ];
  for (const [got, want] of paths) it(`writes ${want}`, () => expect(got).to.equal(want));

  it('joins version, path and kind with colons, leaving empty parts empty', () => {
    expect(changeId('v1alpha1', 'spec.replicas', 'type-changed')).to.equal('v1alpha1:spec.replicas:type-changed');
    expect(changeId('v1alpha1', '', 'version-removed')).to.equal('v1alpha1::version-removed');
    expect(changeId(undefined, 'scope', 'scope-changed')).to.equal(':scope:scope-changed');
  });
});
