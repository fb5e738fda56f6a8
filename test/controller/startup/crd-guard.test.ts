// The breaking-change guard's decision table (decideCrdGuard, pure) and its shell (guardCrds) on an
// in-memory client: what is refused, acknowledged, stale; the error's code, issues and advice; the
// metric per refused CRD; and that the shell never writes. Against the real API server: e2e/crd-guard.
import { expect } from 'chai';
import { decideCrdGuard, entriesFor, guardCrds } from '../../../controller/startup/crd-guard.js';
import type { ApiResource, KubeClient, KubeObject } from '../../../shared/kube/index.js';
import type { CrdObject } from '../../../shared/bundle/payload.js';
import type { KatalogDocument, CrdEntry } from '../../../shared/katalog/types.js';
import { describeError } from '../../../shared/errors.js';
import { silentLogger } from '../../../shared/log.js';
import { rejection } from '../../support/errors.js';

const GROUP = 'guard.orkspace.test';

interface Shape {
  kind?: string;
  /** spec properties: name → type (+ optional enum) */
  props?: Record<string, { type: string; enum?: string[] }>;
  required?: string[];
}

function crd(shape: Shape = {}, live = false): CrdObject {
  const kind = shape.kind ?? 'Widget';
  const plural = `${kind.toLowerCase()}s`;
  const props = shape.props ?? { size: { type: 'integer' } };
  const obj: CrdObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${GROUP}` },
    spec: {
      group: GROUP,
      scope: 'Namespaced',
      names: { kind, plural },
      versions: [{
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: props, ...(shape.required ? { required: shape.required } : {}) } } } },
      }],
    },
  };
  // The cluster's copy: server defaults and a status, which must not count as changes.
  if (live) {
    const spec = obj.spec as Record<string, unknown>;
    (spec.names as Record<string, unknown>).singular = kind.toLowerCase();
    (spec.names as Record<string, unknown>).listKind = `${kind}List`;
    spec.conversion = { strategy: 'None' };
    obj.metadata.resourceVersion = '42';
    obj.status = { storedVersions: ['v1'], acceptedNames: { kind, plural } };
  }
  return obj;
}

function entry(kind: string, allow?: string[]): CrdEntry {
  return { apiTypes: { group: GROUP, version: 'v1', kind, plural: `${kind.toLowerCase()}s` }, ...(allow ? { allowBreakingChanges: allow } : {}) };
}

const liveOf = (...crds: CrdObject[]) => new Map<string, unknown>(crds.map((c) => [c.metadata.name, c]));

describe('decideCrdGuard', () => {
  const base = crd({}, true);
  const narrowed = { props: { size: { type: 'integer' }, mode: { type: 'string', enum: ['fast'] } } };
  const wide = { props: { size: { type: 'integer' }, mode: { type: 'string', enum: ['fast', 'slow'] } } };

  const table: {
    name: string;
    bundle: CrdObject[];
    live: Map<string, unknown>;
    entries: Record<string, CrdEntry>;
    refused: string[];
    acknowledged?: string[];
    unused?: string[];
    isNew?: boolean;
  }[] = [
    { name: 'no live CRD: new, nothing compared', bundle: [crd({ props: {} })], live: liveOf(), entries: { widget: entry('Widget', ['v1:spec.size:property-removed']) }, refused: [], unused: [], isNew: true },
    { name: 'unchanged (live copy has server defaults and status)', bundle: [crd()], live: liveOf(base), entries: { widget: entry('Widget') }, refused: [] },
    { name: 'safe change: optional property added', bundle: [crd({ props: { size: { type: 'integer' }, colour: { type: 'string' } } })], live: liveOf(base), entries: { widget: entry('Widget') }, refused: [] },
    { name: 'breaking, unacknowledged: property removed and type changed', bundle: [crd({ props: { colour: { type: 'integer' } } })], live: liveOf(crd({ props: { size: { type: 'integer' }, colour: { type: 'string' } } }, true)), entries: { widget: entry('Widget') }, refused: ['v1:spec.colour:type-changed', 'v1:spec.size:property-removed'] },
    { name: 'breaking, one of two acknowledged: the other refused', bundle: [crd({ props: { colour: { type: 'integer' } } })], live: liveOf(crd({ props: { size: { type: 'integer' }, colour: { type: 'string' } } }, true)), entries: { widget: entry('Widget', ['v1:spec.size:property-removed']) }, refused: ['v1:spec.colour:type-changed'], acknowledged: ['v1:spec.size:property-removed'] },
    { name: 'breaking, acknowledged: allowed', bundle: [crd({ ...wide, required: ['mode'] })], live: liveOf(crd(wide, true)), entries: { widget: entry('Widget', ['v1:spec.mode:required-added']) }, refused: [], acknowledged: ['v1:spec.mode:required-added'], unused: [] },
    { name: 'enum narrowed, acknowledged; a stale acknowledgement reported unused', bundle: [crd(narrowed)], live: liveOf(crd(wide, true)), entries: { widget: entry('Widget', ['v1:spec.mode:enum-narrowed', 'v1:spec.gone:property-removed']) }, refused: [], acknowledged: ['v1:spec.mode:enum-narrowed'], unused: ['v1:spec.gone:property-removed'] },
    { name: 'acknowledgement on an entry of another kind does not count', bundle: [crd(narrowed)], live: liveOf(crd(wide, true)), entries: { widget: entry('Widget'), gadget: entry('Gadget', ['v1:spec.mode:enum-narrowed']) }, refused: ['v1:spec.mode:enum-narrowed'] },
    { name: 'CRD no entry references: breaking refused', bundle: [crd(narrowed)], live: liveOf(crd(wide, true)), entries: {}, refused: ['v1:spec.mode:enum-narrowed'] },
    { name: 'CRD no entry references: safe change applied', bundle: [crd(wide)], live: liveOf(crd(narrowed, true)), entries: {}, refused: [] },
  ];

  for (const row of table) {
    it(row.name, () => {
      const decision = decideCrdGuard(row.bundle, row.live, row.entries);
      expect(decision.verdicts).to.have.length(1);
      const v = decision.verdicts[0]!;
      expect(v.refused.map((c) => c.id)).to.deep.equal(row.refused);
      if (row.acknowledged) expect(v.acknowledged.map((c) => c.id)).to.deep.equal(row.acknowledged);
      if (row.unused) expect(v.unusedAcknowledgements).to.deep.equal(row.unused);
      expect(v.isNew).to.equal(row.isNew ?? false);
      if (row.refused.length === 0) {
        expect(decision.error).to.equal(undefined);
      } else {
        expect(decision.error?.code).to.equal('CRD_BREAKING_CHANGE');
        expect(decision.error?.category).to.equal('config');
        expect(decision.error?.issues.map((i) => i.message.split(':').slice(0, 3).join(':'))).to.deep.equal(row.refused);
      }
    });
  }

  it('an unchanged CRD reports no change at all, not only nothing breaking', () => {
    expect(decideCrdGuard([crd()], liveOf(base), { widget: entry('Widget') }).verdicts[0]!.changes).to.deep.equal([]);
  });

  it('the error lists one issue per change as `<crd>: <id>: <sentence>` and says where to acknowledge', () => {
    const { error } = decideCrdGuard([crd(narrowed)], liveOf(crd(wide, true)), { widget: entry('Widget') });
    const lines = describeError(error!);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(new RegExp(`^widgets\\.${GROUP.replaceAll('.', '\\.')}: v1:spec\\.mode:enum-narrowed: .*"slow"`));
    expect(error!.message).to.contain('spec.crds.widget.allowBreakingChanges: [v1:spec.mode:enum-narrowed]');
    expect(error!.message).to.contain('no CRD was applied');
  });

  it('for a CRD no entry references, the error says an entry is needed', () => {
    const { error } = decideCrdGuard([crd(narrowed)], liveOf(crd(wide, true)), {});
    expect(error!.message).to.contain('referenced by no spec.crds entry');
    expect(error!.message).to.not.contain('spec.crds.widget');
  });

  it('two CRDs, one refused: the decision refuses (so none is applied) and names only the refused one', () => {
    const gadgetOld = crd({ kind: 'Gadget' }, true);
    const gadgetNew = crd({ kind: 'Gadget', props: { size: { type: 'integer' }, extra: { type: 'string' } } });
    const decision = decideCrdGuard([gadgetNew, crd(narrowed)], liveOf(gadgetOld, crd(wide, true)), { widget: entry('Widget'), gadget: entry('Gadget') });
    expect(decision.verdicts.map((v) => v.refused.length)).to.deep.equal([0, 1]);
    expect(decision.error?.code).to.equal('CRD_BREAKING_CHANGE');
    expect(decision.error?.source).to.equal(`widgets.${GROUP}`);
    expect(decision.error?.issues.map((i) => i.path)).to.deep.equal([`widgets.${GROUP}`]);
  });

  it('entriesFor matches on group and kind, not on version or plural', () => {
    const entries = { a: entry('Widget'), b: { apiTypes: { group: GROUP, version: 'v9', kind: 'Widget', plural: 'other' } }, c: entry('Gadget'), d: {} };
    expect(entriesFor(crd(), entries)).to.deep.equal(['a', 'b']);
  });
});

const CRD_RESOURCE: ApiResource = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', kind: 'CustomResourceDefinition', namespaced: false };

/** Serves `live` to get; every other method fails the test (the guard must not write). */
function readOnlyKube(live: Map<string, unknown>, gets: string[]): KubeClient {
  const forbidden = (name: string) => () => { throw new Error(`guard called ${name}`); };
  return {
    resourceFor: async () => CRD_RESOURCE,
    invalidateDiscovery: forbidden('invalidateDiscovery'),
    get: async (_r, _ns, name) => { gets.push(name); return live.get(name) as KubeObject | undefined; },
    list: forbidden('list'),
    watch: forbidden('watch'),
    apply: forbidden('apply'),
    applyStatus: forbidden('applyStatus'),
    create: forbidden('create'),
    patch: forbidden('patch'),
    delete: forbidden('delete'),
    request: forbidden('request'),
    close: async () => undefined,
  } as KubeClient;
}

function katalogWith(crds: Record<string, CrdEntry>): KatalogDocument {
  return { apiVersion: 'orkestra.orkspace.io/v1', kind: 'Katalog', metadata: { name: 'guard' }, spec: { crds } } as KatalogDocument;
}

describe('guardCrds', () => {
  const wide = { props: { mode: { type: 'string', enum: ['fast', 'slow'] } } };
  const narrowed = { props: { mode: { type: 'string', enum: ['fast'] } } };

  it('reads each bundle CRD by name, refuses, counts one refusal per refused CRD under its entry name', async () => {
    const gets: string[] = [];
    const counted: string[] = [];
    const gadget = crd({ kind: 'Gadget', ...narrowed });
    const live = liveOf(crd(wide, true), crd({ kind: 'Gadget', ...wide }, true));
    const error = await rejection(guardCrds(readOnlyKube(live, gets), { crds: [crd(narrowed), gadget], katalog: katalogWith({ widget: entry('Widget') }) }, {
      logger: silentLogger(),
      metrics: { countBreakingChangeRefusal: (c) => counted.push(c) },
    }));
    expect(error.code).to.equal('CRD_BREAKING_CHANGE');
    expect(gets).to.deep.equal([`widgets.${GROUP}`, `gadgets.${GROUP}`]);
    // Gadget has no entry: counted under its CRD name.
    expect(counted).to.deep.equal(['widget', `gadgets.${GROUP}`]);
    expect(error.issues).to.have.length(2);
  });

  it('acknowledged changes pass and are logged as warnings; warnings as info; nothing is counted', async () => {
    const lines: { level: string; message: string }[] = [];
    const logger = silentLogger();
    logger.warn = ((message: string) => { lines.push({ level: 'warn', message }); return logger; }) as typeof logger.warn;
    logger.info = ((message: string) => { lines.push({ level: 'info', message }); return logger; }) as typeof logger.info;
    const counted: string[] = [];
    const decision = await guardCrds(readOnlyKube(liveOf(crd(wide, true)), []), {
      crds: [crd(narrowed)],
      katalog: katalogWith({ widget: entry('Widget', ['v1:spec.mode:enum-narrowed', 'v1:spec.old:property-removed']) }),
    }, { logger, metrics: { countBreakingChangeRefusal: (c) => counted.push(c) } });
    expect(decision.error).to.equal(undefined);
    expect(counted).to.deep.equal([]);
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.message)).to.deep.equal([
      'acknowledged breaking crd change',
      'allowBreakingChanges names no breaking change of this upgrade; remove it once shipped',
    ]);
  });

  it('a bundle without CRDs makes no call', async () => {
    const gets: string[] = [];
    const decision = await guardCrds(readOnlyKube(new Map(), gets), { crds: [], katalog: katalogWith({}) }, { logger: silentLogger() });
    expect(decision.verdicts).to.deep.equal([]);
    expect(gets).to.deep.equal([]);
  });
});
