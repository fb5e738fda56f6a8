// A small bundle payload for the admission tests: one CRD (`widget`, group test.orkspace.io) with
// validation, mutation and conversion rules, and a CRD manifest serving v1alpha1 and v1.
import type { BundlePayload, CrdObject } from '../../../shared/bundle/payload.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import { AdmissionTargets } from '../../../shared/admission/index.js';

export const GROUP = 'test.orkspace.io';

const schema = (props: Record<string, unknown>) => ({ openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: props } } } });

export function widgetCrd(versions: Array<{ name: string; props: Record<string, unknown>; storage?: boolean }>): CrdObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `widgets.${GROUP}` },
    spec: {
      group: GROUP,
      scope: 'Namespaced',
      names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
      versions: versions.map((v) => ({ name: v.name, served: true, storage: v.storage ?? false, schema: schema(v.props) })),
    },
  };
}

export const widgetEntry = (extra: Partial<CrdEntry> = {}): CrdEntry => ({
  apiTypes: { group: GROUP, version: 'v1', kind: 'Widget', plural: 'widgets' },
  validation: {
    rules: [
      { field: 'spec.replicas', lte: 5, message: 'replicas must be at most 5' },
      { field: 'spec.image', prefix: 'registry.example/', message: 'images come from registry.example', action: 'warn' },
    ],
  },
  mutation: { rules: [{ field: 'spec.tier', default: 'standard' }] },
  ...extra,
});

export function targetsWith(entry: CrdEntry, crds: CrdObject[] = [widgetCrd([{ name: 'v1', props: {}, storage: true }])], katalogExtra: Record<string, unknown> = {}): AdmissionTargets {
  const payload: BundlePayload = {
    schemaVersion: 1,
    resolver: { name: 'orkestra', version: 'test' },
    katalog: { apiVersion: 'orkestra.orkspace.io/v1', kind: 'Katalog', metadata: { name: 'shop' }, spec: { crds: { widget: entry } }, ...katalogExtra } as BundlePayload['katalog'],
    crds,
    imports: [],
  };
  return new AdmissionTargets(payload);
}

export function admissionReview(object: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: 'uid-1',
      operation: 'CREATE',
      resource: { group: GROUP, version: 'v1', resource: 'widgets' },
      namespace: 'team-a',
      name: 'w1',
      object,
      ...extra,
    },
  };
}

export const widget = (spec: Record<string, unknown>, apiVersion = `${GROUP}/v1`) => ({
  apiVersion,
  kind: 'Widget',
  metadata: { name: 'w1', namespace: 'team-a' },
  spec,
});
