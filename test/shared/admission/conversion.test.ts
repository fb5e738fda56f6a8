import { expect } from 'chai';
import { answerConversion } from '../../../shared/admission/index.js';
import { GROUP, targetsWith, widget, widgetCrd, widgetEntry } from './fixtures.js';

const review = (desiredAPIVersion: string, objects: unknown[]) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'ConversionReview',
  request: { uid: 'c-1', desiredAPIVersion, objects },
});
type Response = { uid: string; convertedObjects: Array<Record<string, unknown>>; result: { status: string; message?: string } };
const responseOf = (r: Record<string, unknown>) => r.response as Response;

describe('shared/admission answerConversion', () => {
  const paths = [
    { from: 'v1alpha1', to: 'v1', spec: { size: '{{ .spec.replicas }}', image: '{{ .spec.containerImage }}', note: '{{ .spec.missing }}' } },
    { from: 'v1', to: 'v1alpha1', spec: { replicas: '{{ .spec.size }}', containerImage: '{{ .spec.image }}' } },
  ];
  const crd = widgetCrd([{ name: 'v1alpha1', props: { replicas: {}, containerImage: {} } }, { name: 'v1', props: { size: {}, image: {} }, storage: true }]);
  const targets = targetsWith(widgetEntry({ conversion: { storageVersion: 'v1', paths } }), [crd]);

  it('converts along a declared path: spec from its templates (typed), the rest kept, apiVersion set', () => {
    const old = { ...widget({ replicas: 3, containerImage: 'nginx' }, `${GROUP}/v1alpha1`), status: { ready: true } };
    const r = responseOf(answerConversion(targets, review(`${GROUP}/v1`, [old])).review);
    expect(r.result).to.deep.equal({ status: 'Success' });
    expect(r.uid).to.equal('c-1');
    expect(r.convertedObjects).to.deep.equal([{ ...old, apiVersion: `${GROUP}/v1`, spec: { size: 3, image: 'nginx' } }]);
    expect(answerConversion(targets, review(`${GROUP}/v1`, [old, old])).outcome).to.deep.include({ crd: 'widget', ok: true, objects: 2, from: { [`${GROUP}/v1alpha1`]: 2 }, to: `${GROUP}/v1` });
    const stranger = answerConversion(targets, review(`${GROUP}/v9`, [widget({}, `${GROUP}/v7`), widget({}, 'other.io/v1')])).outcome;
    expect(stranger).to.deep.include({ crd: 'widget', from: { other: 2 }, to: 'other' });
    const back = responseOf(answerConversion(targets, review(`${GROUP}/v1alpha1`, r.convertedObjects)).review);
    expect(back.convertedObjects[0]!.spec).to.deep.equal({ replicas: 3, containerImage: 'nginx' });
  });

  it('converts to the same version by setting apiVersion only', () => {
    const same = widget({ size: 1 });
    expect(responseOf(answerConversion(targets, review(`${GROUP}/v1`, [same])).review).convertedObjects).to.deep.equal([same]);
  });

  it('goes through the storage version when there is no direct path', () => {
    const three = widgetCrd([{ name: 'v1alpha1', props: { replicas: {} } }, { name: 'v1beta1', props: { size: {}, image: {} } }, { name: 'v1', props: { size: {}, image: {} }, storage: true }]);
    const hub = targetsWith(widgetEntry({ conversion: { storageVersion: 'v1', paths: [paths[1]] } }), [three]);
    const r = responseOf(answerConversion(hub, review(`${GROUP}/v1alpha1`, [widget({ size: 2, image: 'x' }, `${GROUP}/v1beta1`)])).review);
    expect(r.result.status).to.equal('Success');
    expect(r.convertedObjects[0]).to.deep.include({ apiVersion: `${GROUP}/v1alpha1`, spec: { replicas: 2, containerImage: 'x' } });
  });

  it('allows the identity between versions with the same schema, and fails naming the path to declare otherwise', () => {
    const twins = widgetCrd([{ name: 'v1beta1', props: { a: {} } }, { name: 'v1', props: { a: {} }, storage: true }]);
    const identity = targetsWith(widgetEntry(), [twins]);
    expect(responseOf(answerConversion(identity, review(`${GROUP}/v1`, [widget({ a: 1 }, `${GROUP}/v1beta1`)])).review).convertedObjects[0]).to.deep.include({ apiVersion: `${GROUP}/v1`, spec: { a: 1 } });
    const none = targetsWith(widgetEntry(), [crd]);
    const failed = responseOf(answerConversion(none, review(`${GROUP}/v1`, [widget({}, `${GROUP}/v1alpha1`)])).review);
    expect(failed.convertedObjects).to.deep.equal([]);
    expect(failed.result.status).to.equal('Failure');
    expect(failed.result.message).to.equal("no conversion path from v1alpha1 to v1 for CRD widget, and the two versions' schemas differ; declare one under spec.crds.widget.conversion.paths (from: v1alpha1, to: v1, spec: the fields in v1)");
  });

  it('fails a review whose template fails, naming the field', () => {
    const bad = targetsWith(widgetEntry({ conversion: { paths: [{ from: 'v1alpha1', to: 'v1', spec: { size: '{{ .spec.replicas | nosuchfunction }}' } }] } }), [crd]);
    const r = responseOf(answerConversion(bad, review(`${GROUP}/v1`, [widget({ replicas: 1 }, `${GROUP}/v1alpha1`)])).review);
    expect(r.result.status).to.equal('Failure');
    expect(r.result.message).to.match(/^cannot convert from v1alpha1 to v1 for CR team-a\/w1: 1 problem; fix the Katalog entry or the CR: spec\.crds\.widget\.conversion\.paths\[v1alpha1→v1\]\.spec\.size: template error: /);
  });
});
