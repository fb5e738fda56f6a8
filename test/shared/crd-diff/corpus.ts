// The corpus of old/new CRD pairs and what diffCrds must say about each: a base CRD, an edit that
// makes the old revision from it (optional) and an edit that makes the new one from the old.
// Expected changes are `<severity> <id>` in the order diffCrds returns them (breaking, warning,
// safe; then by id).

export type Crd = any;

export interface CorpusCase {
  name: string;
  old?: (c: Crd) => void;
  edit: (c: Crd) => void;
  storedVersions?: string[];
  expect: string[];
}

function schema(): Crd {
  return {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        required: ['size'],
        properties: {
          size: { type: 'integer', minimum: 1, maximum: 10 },
          replicas: { type: 'integer' },
          mode: { type: 'string', enum: ['fast', 'slow'] },
          name: { type: 'string', pattern: '^[a-z]+$', minLength: 1, maxLength: 63, format: 'hostname' },
          owner: { type: 'string' },
          tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 10 },
          containers: {
            type: 'array',
            items: { type: 'object', required: ['image'], properties: { image: { type: 'string' }, port: { type: 'integer' } } },
          },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          note: { type: 'string', nullable: true },
        },
      },
      status: { type: 'object', properties: { ready: { type: 'boolean' } } },
    },
  };
}

export function version(name: string, served: boolean, storage: boolean): Crd {
  return {
    name,
    served,
    storage,
    schema: { openAPIV3Schema: schema() },
    subresources: { status: {} },
    additionalPrinterColumns: [{ name: 'Size', type: 'integer', jsonPath: '.spec.size' }],
  };
}

/** widgets.example.com with one version, v1alpha1 (served, storage). */
export function baseCrd(): Crd {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'], categories: ['all'] },
      versions: [version('v1alpha1', true, true)],
    },
  };
}

export const ver = (c: Crd, name = 'v1alpha1'): Crd => c.spec.versions.find((v: Crd) => v.name === name);
export const root = (c: Crd, name = 'v1alpha1'): Crd => ver(c, name).schema.openAPIV3Schema;
export const spec = (c: Crd, name = 'v1alpha1'): Crd => root(c, name).properties.spec;
export const props = (c: Crd, name = 'v1alpha1'): Crd => spec(c, name).properties;

/** v1alpha1 served but no longer stored, v1 served and stored, same schema. */
const twoVersions = (c: Crd) => {
  ver(c).storage = false;
  c.spec.versions.push(version('v1', true, true));
};

const nest = (depth: number, leaf: Crd): Crd => {
  let node = leaf;
  for (let i = 0; i < depth; i++) node = { type: 'object', properties: { n: node } };
  return node;
};

export const CORPUS: CorpusCase[] = [
  // Nothing, or nothing that counts.
  { name: 'identical CRDs', edit: () => {}, expect: [] },
  {
    name: 'key order and explicit API-server defaults only',
    edit: (c) => {
      c.spec.names.listKind = 'WidgetList';
      c.spec.conversion = { strategy: 'None' };
      const p = props(c);
      spec(c).properties = Object.fromEntries(Object.entries(p).reverse());
    },
    expect: [],
  },
  {
    name: "the cluster's copy (status, metadata) against the file it came from",
    old: (c) => {
      c.metadata.uid = 'a-uid';
      c.metadata.resourceVersion = '42';
      c.status = { storedVersions: ['v1alpha1'], acceptedNames: { kind: 'Widget', plural: 'widgets' } };
    },
    edit: (c) => {
      delete c.metadata.uid;
      delete c.metadata.resourceVersion;
      delete c.status;
      delete c.spec.names.singular;
    },
    expect: [],
  },
  { name: 'description added', edit: (c) => { props(c).size.description = 'How big.'; }, expect: ['safe v1alpha1:spec.size:description-changed'] },
  {
    name: 'descriptions changed at the root and in array items',
    old: (c) => { root(c).description = 'A widget.'; },
    edit: (c) => { root(c).description = 'A widget, the best kind.'; props(c).containers.items.properties.image.description = 'An image.'; },
    expect: ['safe v1alpha1::description-changed', 'safe v1alpha1:spec.containers[].image:description-changed'],
  },

  // Properties and required.
  { name: 'optional property added', edit: (c) => { props(c).color = { type: 'string' }; }, expect: ['safe v1alpha1:spec.color:property-added'] },
  {
    name: 'new property that is required',
    edit: (c) => { props(c).color = { type: 'string' }; spec(c).required.push('color'); },
    expect: ['breaking v1alpha1:spec.color:required-added', 'safe v1alpha1:spec.color:property-added'],
  },
  { name: 'existing property newly required', edit: (c) => { spec(c).required = ['size', 'replicas']; }, expect: ['breaking v1alpha1:spec.replicas:required-added'] },
  { name: 'required removed', edit: (c) => { delete spec(c).required; }, expect: ['safe v1alpha1:spec.size:required-removed'] },
  { name: 'property removed', edit: (c) => { delete props(c).replicas; }, expect: ['breaking v1alpha1:spec.replicas:property-removed'] },
  {
    name: 'required property removed is reported once, as removed',
    edit: (c) => { delete props(c).size; spec(c).required = []; },
    expect: ['breaking v1alpha1:spec.size:property-removed'],
  },
  { name: 'whole status removed', edit: (c) => { delete root(c).properties.status; }, expect: ['breaking v1alpha1:status:property-removed'] },

  // Types.
  { name: 'type changed', edit: (c) => { props(c).replicas.type = 'string'; }, expect: ['breaking v1alpha1:spec.replicas:type-changed'] },
  {
    name: 'integer widened to int-or-string is still a type change (readers see strings)',
    edit: (c) => { props(c).replicas = { 'x-kubernetes-int-or-string': true }; },
    expect: ['breaking v1alpha1:spec.replicas:type-changed'],
  },
  {
    name: 'a type change hides the changes below it',
    edit: (c) => { props(c).containers = { type: 'object', properties: { image: { type: 'integer' } } }; },
    expect: ['breaking v1alpha1:spec.containers:type-changed'],
  },
  {
    name: 'typed object becomes untyped (preserve-unknown-fields, no type)',
    edit: (c) => { props(c).config = { 'x-kubernetes-preserve-unknown-fields': true }; },
    expect: ['breaking v1alpha1:spec.config:type-changed'],
  },

  // Enums.
  { name: 'enum narrowed', edit: (c) => { props(c).mode.enum = ['fast']; }, expect: ['breaking v1alpha1:spec.mode:enum-narrowed'] },
  { name: 'enum widened', edit: (c) => { props(c).mode.enum = ['fast', 'slow', 'turbo']; }, expect: ['safe v1alpha1:spec.mode:enum-widened'] },
  { name: 'enum reordered only', edit: (c) => { props(c).mode.enum = ['slow', 'fast']; }, expect: [] },
  {
    name: 'enum value replaced: narrowed and widened',
    edit: (c) => { props(c).mode.enum = ['fast', 'turbo']; },
    expect: ['breaking v1alpha1:spec.mode:enum-narrowed', 'safe v1alpha1:spec.mode:enum-widened'],
  },
  { name: 'enum added where there was none', edit: (c) => { props(c).owner.enum = ['alice', 'bob']; }, expect: ['breaking v1alpha1:spec.owner:enum-added'] },
  { name: 'enum removed', edit: (c) => { delete props(c).mode.enum; }, expect: ['safe v1alpha1:spec.mode:enum-removed'] },

  // Patterns and formats.
  { name: 'pattern added', edit: (c) => { props(c).owner.pattern = '^[a-z]+$'; }, expect: ['breaking v1alpha1:spec.owner:pattern-added'] },
  { name: 'pattern changed', edit: (c) => { props(c).name.pattern = '^[a-z0-9]+$'; }, expect: ['breaking v1alpha1:spec.name:pattern-changed'] },
  { name: 'pattern removed', edit: (c) => { delete props(c).name.pattern; }, expect: ['safe v1alpha1:spec.name:pattern-removed'] },
  {
    name: 'format added, changed, removed',
    old: (c) => { props(c).owner.format = 'email'; },
    edit: (c) => { props(c).replicas.format = 'int32'; props(c).name.format = 'uuid'; delete props(c).owner.format; },
    expect: ['breaking v1alpha1:spec.name:format-changed', 'breaking v1alpha1:spec.replicas:format-added', 'safe v1alpha1:spec.owner:format-removed'],
  },

  // Numeric bounds.
  { name: 'minimum raised', edit: (c) => { props(c).size.minimum = 2; }, expect: ['breaking v1alpha1:spec.size:minimum-raised'] },
  { name: 'minimum lowered', edit: (c) => { props(c).size.minimum = 0; }, expect: ['safe v1alpha1:spec.size:minimum-lowered'] },
  {
    name: 'minimum added and maximum added',
    edit: (c) => { props(c).replicas.minimum = 0; props(c).replicas.maximum = 5; },
    expect: ['breaking v1alpha1:spec.replicas:maximum-added', 'breaking v1alpha1:spec.replicas:minimum-added'],
  },
  {
    name: 'bounds removed',
    edit: (c) => { delete props(c).size.minimum; delete props(c).size.maximum; },
    expect: ['safe v1alpha1:spec.size:maximum-removed', 'safe v1alpha1:spec.size:minimum-removed'],
  },
  { name: 'maximum lowered', edit: (c) => { props(c).size.maximum = 9; }, expect: ['breaking v1alpha1:spec.size:maximum-lowered'] },
  { name: 'maximum raised', edit: (c) => { props(c).size.maximum = 100; }, expect: ['safe v1alpha1:spec.size:maximum-raised'] },
  {
    name: 'exclusiveMinimum and exclusiveMaximum added',
    edit: (c) => { props(c).size.exclusiveMinimum = true; props(c).size.exclusiveMaximum = true; },
    expect: ['breaking v1alpha1:spec.size:exclusive-maximum-added', 'breaking v1alpha1:spec.size:exclusive-minimum-added'],
  },
  {
    name: 'exclusiveMinimum and exclusiveMaximum removed',
    old: (c) => { props(c).size.exclusiveMinimum = true; props(c).size.exclusiveMaximum = true; },
    edit: (c) => { props(c).size.exclusiveMinimum = false; delete props(c).size.exclusiveMaximum; },
    expect: ['safe v1alpha1:spec.size:exclusive-maximum-removed', 'safe v1alpha1:spec.size:exclusive-minimum-removed'],
  },
  {
    name: 'multipleOf added, changed, loosened, removed',
    old: (c) => { props(c).size.multipleOf = 2; props(c).replicas.multipleOf = 4; props(c).containers.items.properties.port.multipleOf = 10; },
    edit: (c) => {
      props(c).size.multipleOf = 3;
      props(c).replicas.multipleOf = 2;
      delete props(c).containers.items.properties.port.multipleOf;
      props(c).note.multipleOf = 0.5;
    },
    expect: [
      'breaking v1alpha1:spec.note:multiple-of-added',
      'breaking v1alpha1:spec.size:multiple-of-changed',
      'safe v1alpha1:spec.containers[].port:multiple-of-removed',
      'safe v1alpha1:spec.replicas:multiple-of-loosened',
    ],
  },

  // String, array and map sizes.
  {
    name: 'minLength raised and maxLength lowered',
    edit: (c) => { props(c).name.minLength = 3; props(c).name.maxLength = 30; },
    expect: ['breaking v1alpha1:spec.name:max-length-lowered', 'breaking v1alpha1:spec.name:min-length-raised'],
  },
  {
    name: 'minLength lowered and maxLength raised',
    edit: (c) => { props(c).name.minLength = 0; props(c).name.maxLength = 253; },
    expect: ['safe v1alpha1:spec.name:max-length-raised', 'safe v1alpha1:spec.name:min-length-lowered'],
  },
  {
    name: 'length bounds added and removed',
    edit: (c) => { props(c).owner.minLength = 1; props(c).owner.maxLength = 10; delete props(c).name.minLength; delete props(c).name.maxLength; },
    expect: [
      'breaking v1alpha1:spec.owner:max-length-added',
      'breaking v1alpha1:spec.owner:min-length-added',
      'safe v1alpha1:spec.name:max-length-removed',
      'safe v1alpha1:spec.name:min-length-removed',
    ],
  },
  {
    name: 'item counts tightened',
    edit: (c) => { props(c).tags.minItems = 2; props(c).tags.maxItems = 5; props(c).containers.maxItems = 3; props(c).containers.minItems = 1; },
    expect: [
      'breaking v1alpha1:spec.containers:max-items-added',
      'breaking v1alpha1:spec.containers:min-items-added',
      'breaking v1alpha1:spec.tags:max-items-lowered',
      'breaking v1alpha1:spec.tags:min-items-raised',
    ],
  },
  {
    name: 'item counts loosened',
    old: (c) => { props(c).containers.maxItems = 3; props(c).containers.minItems = 1; },
    edit: (c) => { props(c).tags.minItems = 0; props(c).tags.maxItems = 50; delete props(c).containers.maxItems; delete props(c).containers.minItems; },
    expect: [
      'safe v1alpha1:spec.containers:max-items-removed',
      'safe v1alpha1:spec.containers:min-items-removed',
      'safe v1alpha1:spec.tags:max-items-raised',
      'safe v1alpha1:spec.tags:min-items-lowered',
    ],
  },
  {
    name: 'map key counts: added, raised, lowered, removed',
    old: (c) => { props(c).config.minProperties = 1; props(c).config.maxProperties = 10; },
    edit: (c) => {
      props(c).labels.minProperties = 1;
      props(c).labels.maxProperties = 20;
      props(c).config.minProperties = 2;
      props(c).config.maxProperties = 5;
    },
    expect: [
      'breaking v1alpha1:spec.config:max-properties-lowered',
      'breaking v1alpha1:spec.config:min-properties-raised',
      'breaking v1alpha1:spec.labels:max-properties-added',
      'breaking v1alpha1:spec.labels:min-properties-added',
    ],
  },
  {
    name: 'map key counts loosened',
    old: (c) => { props(c).config.minProperties = 2; props(c).config.maxProperties = 5; props(c).labels.maxProperties = 5; props(c).labels.minProperties = 5; },
    edit: (c) => { props(c).config.minProperties = 1; props(c).config.maxProperties = 10; delete props(c).labels.maxProperties; delete props(c).labels.minProperties; },
    expect: [
      'safe v1alpha1:spec.config:max-properties-raised',
      'safe v1alpha1:spec.config:min-properties-lowered',
      'safe v1alpha1:spec.labels:max-properties-removed',
      'safe v1alpha1:spec.labels:min-properties-removed',
    ],
  },
  {
    name: 'uniqueItems added and removed',
    old: (c) => { props(c).containers.uniqueItems = true; },
    edit: (c) => { props(c).tags.uniqueItems = true; props(c).containers.uniqueItems = false; },
    expect: ['breaking v1alpha1:spec.tags:unique-items-added', 'safe v1alpha1:spec.containers:unique-items-removed'],
  },

  // Nullable, unknown fields, maps.
  { name: 'nullable true to false', edit: (c) => { props(c).note.nullable = false; }, expect: ['breaking v1alpha1:spec.note:nullable-removed'] },
  { name: 'nullable added', edit: (c) => { props(c).owner.nullable = true; }, expect: ['safe v1alpha1:spec.owner:nullable-added'] },
  {
    name: 'x-kubernetes-preserve-unknown-fields removed',
    edit: (c) => { delete props(c).config['x-kubernetes-preserve-unknown-fields']; },
    expect: ['breaking v1alpha1:spec.config:preserve-unknown-fields-removed'],
  },
  {
    name: 'x-kubernetes-preserve-unknown-fields removed at the schema root',
    old: (c) => { root(c)['x-kubernetes-preserve-unknown-fields'] = true; },
    edit: (c) => { delete root(c)['x-kubernetes-preserve-unknown-fields']; },
    expect: ['breaking v1alpha1::preserve-unknown-fields-removed'],
  },
  {
    name: 'x-kubernetes-preserve-unknown-fields added',
    edit: (c) => { props(c).containers.items['x-kubernetes-preserve-unknown-fields'] = true; },
    expect: ['safe v1alpha1:spec.containers[]:preserve-unknown-fields-added'],
  },
  {
    name: 'map values removed and added',
    edit: (c) => { delete props(c).labels.additionalProperties; props(c).config.additionalProperties = { type: 'string' }; },
    expect: ['breaking v1alpha1:spec.labels:additional-properties-removed', 'safe v1alpha1:spec.config:additional-properties-added'],
  },
  {
    name: 'additionalProperties: true and an untyped schema are the same',
    old: (c) => { props(c).config.additionalProperties = true; },
    edit: (c) => { props(c).config.additionalProperties = {}; },
    expect: [],
  },

  // Nested: arrays, maps, arrays of arrays, odd property names, deep schemas.
  {
    name: 'changes inside array items',
    edit: (c) => {
      const item = props(c).containers.items;
      item.properties.image.type = 'integer';
      delete item.properties.port;
      item.properties.command = { type: 'array', items: { type: 'string' } };
      item.required = ['image', 'command'];
    },
    expect: [
      'breaking v1alpha1:spec.containers[].command:required-added',
      'breaking v1alpha1:spec.containers[].image:type-changed',
      'breaking v1alpha1:spec.containers[].port:property-removed',
      'safe v1alpha1:spec.containers[].command:property-added',
    ],
  },
  {
    name: 'changes inside map values',
    old: (c) => { props(c).ports = { type: 'object', additionalProperties: { type: 'object', properties: { number: { type: 'integer' }, name: { type: 'string' } } } }; },
    edit: (c) => {
      props(c).labels.additionalProperties.maxLength = 63;
      props(c).ports.additionalProperties.properties.number.maximum = 65535;
      delete props(c).ports.additionalProperties.properties.name;
    },
    expect: [
      'breaking v1alpha1:spec.labels{}:max-length-added',
      'breaking v1alpha1:spec.ports{}.name:property-removed',
      'breaking v1alpha1:spec.ports{}.number:maximum-added',
    ],
  },
  {
    name: 'arrays of arrays of maps',
    old: (c) => { props(c).matrix = { type: 'array', items: { type: 'array', items: { type: 'object', additionalProperties: { type: 'integer' } } } }; },
    edit: (c) => { props(c).matrix.items.items.additionalProperties.type = 'number'; },
    expect: ['breaking v1alpha1:spec.matrix[][]{}:type-changed'],
  },
  {
    name: 'property names that are not plain words are quoted',
    old: (c) => { props(c).annotations = { type: 'object', properties: { 'app.kubernetes.io/name': { type: 'string' }, 'a:b': { type: 'string' } } }; },
    edit: (c) => { delete props(c).annotations.properties['app.kubernetes.io/name']; props(c).annotations.properties['a:b'].type = 'boolean'; },
    expect: ['breaking v1alpha1:spec.annotations["a:b"]:type-changed', 'breaking v1alpha1:spec.annotations["app.kubernetes.io/name"]:property-removed'],
  },
  {
    name: 'a property named description or items is a property, not a keyword',
    old: (c) => { props(c).description = { type: 'string' }; props(c).items = { type: 'string' }; },
    edit: (c) => { props(c).description.type = 'integer'; delete props(c).items; },
    expect: ['breaking v1alpha1:spec.description:type-changed', 'breaking v1alpha1:spec.items:property-removed'],
  },
  {
    name: 'a change deeper than the walk goes is reported where the walk stops',
    old: (c) => { props(c).deep = nest(140, { type: 'string' }); },
    edit: (c) => { props(c).deep = nest(140, { type: 'integer' }); },
    expect: [`breaking v1alpha1:spec.deep${'.n'.repeat(127)}:schema-too-deep`],
  },

  // Kubernetes extensions, CEL, combinators, defaults.
  {
    name: 'x-kubernetes-embedded-resource set',
    edit: (c) => { props(c).config['x-kubernetes-embedded-resource'] = true; },
    expect: ['breaking v1alpha1:spec.config:embedded-resource-changed'],
  },
  {
    name: 'list type: atomic to set, and map keys changed',
    old: (c) => { props(c).containers['x-kubernetes-list-type'] = 'map'; props(c).containers['x-kubernetes-list-map-keys'] = ['image']; },
    edit: (c) => { props(c).tags['x-kubernetes-list-type'] = 'set'; props(c).containers['x-kubernetes-list-map-keys'] = ['image', 'port']; },
    expect: ['breaking v1alpha1:spec.containers:list-type-changed', 'breaking v1alpha1:spec.tags:list-type-changed'],
  },
  { name: 'list type atomic made explicit', edit: (c) => { props(c).tags['x-kubernetes-list-type'] = 'atomic'; }, expect: [] },
  { name: 'map type granular to atomic', edit: (c) => { props(c).labels['x-kubernetes-map-type'] = 'atomic'; }, expect: ['warning v1alpha1:spec.labels:map-type-changed'] },
  {
    name: 'CEL rules added and removed (messages do not count)',
    old: (c) => { spec(c)['x-kubernetes-validations'] = [{ rule: 'self.size <= 5', message: 'too big' }, { rule: 'has(self.mode)' }]; },
    edit: (c) => {
      spec(c)['x-kubernetes-validations'] = [{ rule: 'self.size <= 5', message: 'size is at most 5' }, { rule: 'self.replicas >= 1' }];
    },
    expect: ['breaking v1alpha1:spec:validation-rules-added', 'safe v1alpha1:spec:validation-rules-removed'],
  },
  {
    name: 'anyOf added; oneOf removed elsewhere',
    old: (c) => { props(c).owner.oneOf = [{ minLength: 1 }, { maxLength: 0 }]; },
    edit: (c) => { props(c).name.anyOf = [{ minLength: 5 }, { pattern: '^x' }]; delete props(c).owner.oneOf; },
    expect: ['breaking v1alpha1:spec.name:composition-changed', 'safe v1alpha1:spec.owner:composition-removed'],
  },
  {
    name: 'default added, changed and removed',
    old: (c) => { props(c).mode.default = 'fast'; props(c).owner.default = 'root'; },
    edit: (c) => { props(c).replicas.default = 1; props(c).mode.default = 'slow'; delete props(c).owner.default; },
    expect: ['warning v1alpha1:spec.mode:default-changed', 'warning v1alpha1:spec.owner:default-changed', 'warning v1alpha1:spec.replicas:default-changed'],
  },

  // The CRD as a whole.
  { name: 'scope changed', edit: (c) => { c.spec.scope = 'Cluster'; }, expect: ['breaking :scope:scope-changed'] },
  {
    name: 'group and plural changed (a different CRD name)',
    edit: (c) => { c.spec.group = 'example.org'; c.spec.names.plural = 'gadgets'; c.metadata.name = 'gadgets.example.org'; },
    expect: ['breaking :group:group-changed', 'breaking :names.plural:plural-changed'],
  },
  {
    name: 'kind changed (singular and listKind follow it)',
    old: (c) => { delete c.spec.names.singular; },
    edit: (c) => { c.spec.names.kind = 'Gadget'; },
    expect: ['breaking :names.kind:kind-changed', 'warning :names.listKind:list-kind-changed', 'warning :names.singular:singular-changed'],
  },
  {
    name: 'short names and categories replaced',
    edit: (c) => { c.spec.names.shortNames = ['wg']; c.spec.names.categories = ['all', 'example']; },
    expect: ['warning :names.shortNames:short-names-removed', 'safe :names.categories:categories-added', 'safe :names.shortNames:short-names-added'],
  },
  { name: 'categories removed', edit: (c) => { delete c.spec.names.categories; }, expect: ['warning :names.categories:categories-removed'] },

  // Versions and storedVersions.
  { name: 'version added', edit: (c) => { c.spec.versions.push(version('v1beta1', true, false)); }, expect: ['safe v1beta1::version-added'] },
  {
    name: 'served version removed (not stored) breaks its clients',
    old: twoVersions,
    edit: (c) => { c.spec.versions = c.spec.versions.filter((v: Crd) => v.name !== 'v1alpha1'); },
    expect: ['breaking v1alpha1::version-removed'],
  },
  {
    name: 'unserved, unstored version removed',
    old: (c) => { twoVersions(c); ver(c).served = false; },
    edit: (c) => { c.spec.versions = c.spec.versions.filter((v: Crd) => v.name !== 'v1alpha1'); },
    expect: ['safe v1alpha1::version-removed'],
  },
  {
    name: 'unserved version removed while still in status.storedVersions',
    old: (c) => { twoVersions(c); ver(c).served = false; c.status = { storedVersions: ['v1alpha1', 'v1'] }; },
    edit: (c) => { c.spec.versions = c.spec.versions.filter((v: Crd) => v.name !== 'v1alpha1'); },
    expect: ['breaking v1alpha1::version-removed'],
  },
  {
    name: 'storedVersions given by the caller win over the manifest',
    old: (c) => { twoVersions(c); ver(c).served = false; c.status = { storedVersions: ['v1'] }; },
    edit: (c) => { c.spec.versions = c.spec.versions.filter((v: Crd) => v.name !== 'v1alpha1'); },
    storedVersions: ['v1alpha1', 'v1'],
    expect: ['breaking v1alpha1::version-removed'],
  },
  {
    name: 'served and stored storage version removed, new storage version with other schema',
    old: (c) => { c.status = { storedVersions: ['v1alpha1'] }; },
    edit: (c) => {
      const v1 = version('v1', true, true);
      delete v1.schema.openAPIV3Schema.properties.spec.properties.replicas;
      c.spec.versions = [v1];
    },
    expect: ['breaking v1::storage-version-changed', 'breaking v1alpha1::version-removed', 'safe v1::version-added'],
  },
  { name: 'version no longer served', old: twoVersions, edit: (c) => { ver(c).served = false; }, expect: ['breaking v1alpha1::version-unserved'] },
  { name: 'version served again', old: (c) => { twoVersions(c); ver(c).served = false; }, edit: (c) => { ver(c).served = true; }, expect: ['safe v1alpha1::version-served'] },
  { name: 'version deprecated', old: twoVersions, edit: (c) => { ver(c).deprecated = true; }, expect: ['warning v1alpha1::version-deprecated'] },
  {
    name: 'deprecation warning reworded; another version undeprecated',
    old: (c) => { twoVersions(c); ver(c).deprecated = true; ver(c, 'v1').deprecated = true; },
    edit: (c) => { ver(c).deprecationWarning = 'use v1'; ver(c, 'v1').deprecated = false; },
    expect: ['safe v1::version-undeprecated', 'safe v1alpha1::deprecation-warning-changed'],
  },
  {
    name: 'schema change in one of two versions names that version',
    old: twoVersions,
    edit: (c) => { delete props(c, 'v1').replicas; },
    expect: ['breaking v1:spec.replicas:property-removed'],
  },

  // Storage version and conversion.
  {
    name: 'storage version moves to an identical schema with conversion None: safe',
    old: twoVersions,
    edit: (c) => { ver(c).storage = true; ver(c, 'v1').storage = false; props(c).size.description = 'Size.'; },
    expect: ['safe v1alpha1::storage-version-changed', 'safe v1alpha1:spec.size:description-changed'],
  },
  {
    name: 'storage version moves to a different schema with conversion None: breaking',
    old: twoVersions,
    edit: (c) => { ver(c).storage = true; ver(c, 'v1').storage = false; props(c).color = { type: 'string' }; },
    expect: ['breaking v1alpha1::storage-version-changed', 'safe v1alpha1:spec.color:property-added'],
  },
  {
    name: 'storage version moves with a conversion webhook: safe',
    old: (c) => { twoVersions(c); c.spec.conversion = { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'] } }; },
    edit: (c) => { ver(c).storage = true; ver(c, 'v1').storage = false; props(c).color = { type: 'string' }; },
    expect: ['safe v1alpha1::storage-version-changed', 'safe v1alpha1:spec.color:property-added'],
  },
  {
    name: 'conversion webhook dropped while two versions exist',
    old: (c) => { twoVersions(c); c.spec.conversion = { strategy: 'Webhook' }; },
    edit: (c) => { c.spec.conversion = { strategy: 'None' }; },
    expect: ['breaking :conversion.strategy:conversion-changed'],
  },
  { name: 'conversion webhook added', edit: (c) => { c.spec.conversion = { strategy: 'Webhook' }; }, expect: ['warning :conversion.strategy:conversion-changed'] },
  {
    name: 'conversion webhook dropped with a single version',
    old: (c) => { c.spec.conversion = { strategy: 'Webhook' }; },
    edit: (c) => { delete c.spec.conversion; },
    expect: ['safe :conversion.strategy:conversion-changed'],
  },

  // Printer columns and subresources.
  {
    name: 'printer columns removed, changed and added',
    old: (c) => { ver(c).additionalPrinterColumns.push({ name: 'Ready Replicas', type: 'integer', jsonPath: '.status.ready' }); },
    edit: (c) => {
      ver(c).additionalPrinterColumns = [
        { name: 'Size', type: 'string', jsonPath: '.spec.size', description: 'new words' },
        { name: 'Mode', type: 'string', jsonPath: '.spec.mode' },
      ];
    },
    expect: [
      'warning v1alpha1:additionalPrinterColumns.Size:printer-column-changed',
      'warning v1alpha1:additionalPrinterColumns["Ready Replicas"]:printer-column-removed',
      'safe v1alpha1:additionalPrinterColumns.Mode:printer-column-added',
    ],
  },
  { name: 'printer column description only', edit: (c) => { ver(c).additionalPrinterColumns[0].description = 'Size.'; }, expect: [] },
  { name: 'status subresource removed', edit: (c) => { delete ver(c).subresources; }, expect: ['breaking v1alpha1:subresources.status:subresource-removed'] },
  {
    name: 'scale subresource added',
    edit: (c) => { ver(c).subresources.scale = { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' }; },
    expect: ['safe v1alpha1:subresources.scale:subresource-added'],
  },
  {
    name: 'scale subresource paths changed',
    old: (c) => { ver(c).subresources.scale = { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' }; },
    edit: (c) => { ver(c).subresources.scale.specReplicasPath = '.spec.size'; },
    expect: ['warning v1alpha1:subresources.scale:subresource-changed'],
  },
  {
    name: 'scale subresource removed',
    old: (c) => { ver(c).subresources.scale = { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' }; },
    edit: (c) => { delete ver(c).subresources.scale; },
    expect: ['breaking v1alpha1:subresources.scale:subresource-removed'],
  },
  {
    name: 'status subresource added',
    old: (c) => { delete ver(c).subresources; },
    edit: (c) => { ver(c).subresources = { status: {} }; },
    expect: ['warning v1alpha1:subresources.status:subresource-added'],
  },

  // Several at once.
  {
    name: 'a realistic v1alpha1 → v1 upgrade (a new version is not compared with the others)',
    old: (c) => { c.status = { storedVersions: ['v1alpha1'] }; },
    edit: (c) => {
      ver(c).storage = false;
      ver(c).deprecated = true;
      const v1 = version('v1', true, true);
      c.spec.versions.push(v1);
      c.spec.conversion = { strategy: 'Webhook' };
      props(c, 'v1').size.maximum = 20;
      props(c, 'v1').tier = { type: 'string', enum: ['gold', 'silver'] };
    },
    expect: [
      'warning :conversion.strategy:conversion-changed',
      'warning v1alpha1::version-deprecated',
      'safe v1::storage-version-changed',
      'safe v1::version-added',
    ],
  },
];
