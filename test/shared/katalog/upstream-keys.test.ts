// Keys of the Go runtime's format that load into the model: informational keys are kept, runtime
// keys the runtime does not act on yet load with a warning naming them, and Komposer spellings.
import { expect } from 'chai';
import { parseKatalog } from '../../../shared/katalog/index.js';

const katalog = (entry: string, metadata = '') => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: shop
${metadata}spec:
  crds:
    store:
      apiTypes: {group: shop.example.org, version: v1, kind: Store, plural: stores}
${entry}`;

const load = (text: string) => {
  const parsed = parseKatalog(text, 'k.yaml');
  const errors = parsed.issues.filter((i) => i.severity !== 'warning');
  expect(errors.map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`), 'errors').to.deep.equal([]);
  return { document: parsed.document!, warnings: parsed.issues.filter((i) => i.severity === 'warning') };
};

describe('shared/katalog upstream keys: informational and runtime keys', () => {
  it('keeps metadata author, license, tags and the Control Center keys in the model, without warnings', () => {
    const metadata = '  author: Ada\n  license: Apache-2.0\n  tags: [retail, stateful]\n  namespace: team-a\n  clusterName: eu-1\n  version: 1.0.0\n';
    const { document, warnings } = load(katalog('', metadata));
    expect(document.metadata).to.deep.equal({ name: 'shop', author: 'Ada', license: 'Apache-2.0', tags: ['retail', 'stateful'], namespace: 'team-a', clusterName: 'eu-1', version: '1.0.0' });
    expect(warnings).to.deep.equal([]);
  });

  it('keeps an entry\'s description and labels without warnings', () => {
    const { document, warnings } = load(katalog('      description: the stores\n      labels: {team: retail}\n'));
    expect(document.spec.crds.store).to.include({ description: 'the stores' });
    expect(document.spec.crds.store!.labels).to.deep.equal({ team: 'retail' });
    expect(warnings).to.deep.equal([]);
  });

  it('keeps apiTypes shortNames, singular and apiPath and the runtime-stamped entry keys without warnings', () => {
    const entry = '      apiTypes: {group: shop.example.org, version: v1, kind: Store, plural: stores, shortNames: [st], singular: store, apiPath: /apis}\n' +
      '      katalogName: shop\n      katalogNamespace: team-a\n      katalogDescription: the shop\n      katalogVersion: 1.0.0\n      workersActive: 2\n';
    const { document, warnings } = load(katalog(entry).replace(/ {6}apiTypes: \{group: shop.example.org, version: v1, kind: Store, plural: stores\}\n/, ''));
    expect(document.spec.crds.store!.apiTypes).to.deep.include({ shortNames: ['st'], singular: 'store', apiPath: '/apis' });
    expect(document.spec.crds.store).to.include({ katalogName: 'shop', workersActive: 2 });
    expect(warnings).to.deep.equal([]);
  });

  it('warns that watch index/enqueueGate, event enqueueGate and admission external calls are kept but not acted on', () => {
    const entry = `      admission:
        validation:
          rules: [{field: spec.size, exists: true, message: size}]
          external: [{name: stock, url: "https://stock.example.org/check"}]
      operatorBox:
        observe:
          watch: [{apiVersion: v1, kind: ConfigMap, index: byStore, enqueueGate: {when: [{field: spec.x, exists: true}]}}]
          events: {restock: {reason: Restocked, enqueueGate: {when: [{field: spec.x, exists: true}]}}}
`;
    const { document, warnings } = load(katalog(entry));
    expect(document.spec.crds.store!.validation).to.have.property('external');
    expect(warnings.map((w) => `${w.path}: ${w.message.replace(/ is accepted but not acted on by this runtime yet/, ':')}`)).to.deep.equal([
      'spec.crds.store.admission.validation.external: external: (the calls are not made, so a rule reading .external sees nothing)',
      'spec.crds.store.operatorBox.observe.watch[0].index: index: (watched objects are matched to CRs by keyFrom, owner reference or broadcast; no index is built)',
      'spec.crds.store.operatorBox.observe.watch[0].enqueueGate: enqueueGate: (a watch event queues its CRs without this gate)',
      'spec.crds.store.operatorBox.observe.events.restock.enqueueGate: enqueueGate: (a matching Event queues its CRs without this gate)',
    ]);
  });

  it('reads operatorBox.runtime keys at their older places, keeps cleanup with a warning, and refuses a key given at both', () => {
    const entry = `      operatorBox:
        finalizers: [shop.example.org/box]
        runtime:
          finalizers: [shop.example.org/runtime]
          removeFinalizers: true
          allowedNamespaces: [shops-*]
          ignoreObservedGeneration: true
          cleanup: {or: [{field: status.phase, equals: Closed}], deleteAfter: 1h}
`;
    const { document, warnings } = load(katalog(entry));
    const store = document.spec.crds.store!;
    expect(store).to.deep.include({ removeFinalizers: true, allowedNamespaces: ['shops-*'], ignoreObservedGeneration: true, finalizers: ['shop.example.org/box', 'shop.example.org/runtime'] });
    expect(store.operatorBox).to.have.nested.property('runtime.cleanup.deleteAfter', '1h');
    expect(warnings.map((w) => w.path)).to.deep.equal(['spec.crds.store.operatorBox.runtime.cleanup']);
    const twice = parseKatalog(katalog('      removeFinalizers: true\n      operatorBox:\n        runtime: {removeFinalizers: false}\n'), 'k.yaml').issues;
    expect(twice.map((i) => `${i.path}: ${i.message}`)).to.deep.equal([
      'spec.crds.store.operatorBox.runtime.removeFinalizers: also given as spec.crds.store.removeFinalizers; write it once (spec.crds.store.operatorBox.runtime.removeFinalizers is the current layout\'s spelling)',
    ]);
  });

  it('keeps crFiles without a warning (ork run applies them: test/cli/run/)', () => {
    const { document, warnings } = load(katalog('      crFiles: [./store.yaml]\n'));
    expect(document.spec.crds.store!.crFiles).to.deep.equal(['./store.yaml']);
    expect(warnings).to.deep.equal([]);
  });

  it('keeps enrich and enrichAll without warnings (the controller embeds what they ask for: controller/enrich/)', () => {
    for (const entry of ['      enrichAll: true\n', '      enrich: [pods, {events: {when: [{field: spec.debug, equals: "true"}]}}]\n']) {
      const { document, warnings } = load(katalog(entry));
      expect(Object.keys(document.spec.crds.store!).some((k) => k.startsWith('enrich'))).to.equal(true);
      expect(warnings).to.deep.equal([]);
    }
  });

  const runtimeKeys: Array<[string, string, string]> = [
    ['serve', '      serve: {enabled: true}\n', 'serve is accepted but not acted on by this runtime yet (the Gateway API is not served by this runtime)'],
  ];
  for (const [name, entry, message] of runtimeKeys) {
    it(`loads ${name} into the model and warns that the runtime does not act on it yet`, () => {
      const { document, warnings } = load(katalog(entry));
      const key = name.split(' ')[0]!;
      expect(document.spec.crds.store).to.have.property(key);
      expect(warnings).to.have.length(1);
      expect(warnings[0]!.path).to.equal(`spec.crds.store.${key}`);
      expect(warnings[0]!.line).to.equal(9);
      expect(warnings[0]!.message).to.contain(message);
    });
  }

  it('keeps the runtime switches the runtime acts on (selectors, status, finalizers, requeue) without warnings', () => {
    const entry = [
      '      labelSelector: {tier: gold}',
      '      fieldSelector: {metadata.namespace: shops}',
      '      ignoreStatusPatch: true',
      '      ignoreObservedGeneration: true',
      '      removeFinalizers: true',
      '      operatorBox:',
      '        reconciler:',
      '          requeue: {after: 30s, when: [{field: spec.watching, equals: "true"}]}',
      '',
    ].join('\n');
    const { document, warnings } = load(katalog(entry));
    expect(document.spec.crds.store).to.include({ ignoreStatusPatch: true, ignoreObservedGeneration: true, removeFinalizers: true });
    expect(document.spec.crds.store!.labelSelector).to.deep.equal({ tier: 'gold' });
    expect(document.spec.crds.store!.operatorBox!.reconciler!.requeue!.after).to.equal('30s');
    expect(warnings).to.deep.equal([]);
  });

  it('keeps setup, the namespace guards, preReconcile and the queue settings the runtime acts on, without warnings', () => {
    const entry = [
      '      setup: [./namespace.yaml]',
      '      allowedNamespaces: [apps, team-*]',
      '      restrictedNamespaces: [kube-system]',
      '      operatorBox:',
      '        reconciler:',
      '          queue: {maxDepth: 50, retryBackoff: 5s, behaviour: {onLimit: {drop: true}}}',
      '        preReconcile:',
      '          sentinels: [generationChanged]',
      '          reconcileGate: {sentinels: [generationChanged]}',
      '',
    ].join('\n');
    const { document, warnings } = load(katalog(entry));
    expect(document.spec.crds.store).to.include.keys('setup', 'allowedNamespaces', 'restrictedNamespaces');
    expect(document.spec.crds.store!.operatorBox!.preReconcile).to.deep.equal({ sentinels: ['generationChanged'], reconcileGate: { sentinels: ['generationChanged'] } });
    expect(warnings).to.deep.equal([]);
  });

  it('warns about external-call keys this runtime does not honour (sleep, include, retryBackoff)', () => {
    const entry = '      operatorBox:\n        onReconcile:\n          external:\n            - {name: a, url: "https://a.example.org/x", sleep: 2s, retryBackoff: 3s}\n            - {include: ./calls.yaml}\n';
    const { warnings } = load(katalog(entry));
    expect(warnings.map((w) => w.path)).to.deep.equal(['spec.crds.store.operatorBox.onReconcile.external[0].sleep', 'spec.crds.store.operatorBox.onReconcile.external[0].retryBackoff', 'spec.crds.store.operatorBox.onReconcile.external[1].include']);
  });

  it('warns for an enqueueGate\'s eventAware (a reconcileGate\'s is honoured) and that a call whose host is templated is never made; gate calls on written hosts load quietly', () => {
    const entry = '      operatorBox:\n        preReconcile:\n          external: [{name: flags, url: "https://flags.example.org/{{ .metadata.name }}"}]\n          enqueueGate: {eventAware: true}\n          reconcileGate: {eventAware: true, failPolicy: closed, external: [{name: q, url: "{{ .spec.quotaUrl }}/q"}]}\n';
    const { warnings } = load(katalog(entry));
    expect(warnings.map((w) => `${w.path}: ${w.message}`)).to.deep.equal([
      'spec.crds.store.operatorBox.preReconcile.enqueueGate.eventAware: eventAware is accepted but not acted on by this runtime yet (upstream reads eventAware on the reconcileGate only; move it there)',
      'spec.crds.store.operatorBox.preReconcile.reconcileGate.external[0].url: url is accepted but not acted on by this runtime yet (a URL whose scheme or host is rendered from a template is never called here (the call fails); write scheme and host in the Katalog and template only the path)',
    ]);
  });

  it('keeps Katalog-wide upstream blocks, warning for those with a runtime meaning', () => {
    const text = katalog('').replace('spec:\n', 'publish: {signing: {verify: true}}\nnotes:\n  functions: [{name: greeting, expression: hello}]\nspec:\n');
    const { document, warnings } = load(text);
    expect(document.notes).to.deep.equal({ functions: [{ name: 'greeting', expression: 'hello' }] });
    expect(document.publish).to.deep.equal({ signing: { verify: true } });
    // publish has no runtime meaning; notes are acted on (user notes), so neither warns.
    expect(warnings.map((w) => `${w.line}: ${w.path}`)).to.deep.equal([]);
  });

  it('reads entry-level workers and resync as the reconciler settings', () => {
    const { document } = load(katalog('      workers: 3\n      resync: 45s\n'));
    expect(document.spec.crds.store!.operatorBox).to.deep.equal({ reconciler: { workers: 3, resync: '45s' } });
    expect(document.spec.crds.store).to.not.have.property('workers');
  });

  it('reads blocks written with nothing after them as absent, but keeps nulls in a child\'s raw spec', () => {
    const entry = [
      '      dependsOn:',
      '      operatorBox:',
      '        reconcile:',
      '          onCreate:',
      '            custom:',
      '              - {apiVersion: v1, kind: ConfigMap, name: a, body: {data: {k: null}}}',
      '          onDelete:',
      '        emit:',
      '          status:',
      '',
    ].join('\n');
    const { document } = load(katalog(entry));
    expect(document.spec.crds.store!.operatorBox).to.deep.equal({ onCreate: { custom: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'a', body: { data: { k: null } } }] } });
  });

  it('accepts an empty operatorBox: (as upstream\'s first Katalog writes it)', () => {
    const { document } = load(katalog('      operatorBox:\n'));
    expect(document.spec.crds.store).to.not.have.property('operatorBox');
  });
});

const komposer = (body: string) => `apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata:\n  name: platform\n${body}`;

describe('shared/katalog upstream keys: Komposer', () => {
  it('accepts a Komposer without spec; the model has no entries', () => {
    const { document } = load(komposer('imports:\n  files: [./katalog.yaml]\n'));
    expect(document.spec).to.deep.equal({ crds: {} });
    expect(document.imports).to.deep.equal({ files: ['./katalog.yaml'] });
  });

  it('reads sources: as the older spelling of imports:', () => {
    const { document } = load(komposer('sources:\n  files: [./katalog.yaml]\n  helm:\n    - {repo: https://charts.example.org, chart: shop, version: 1.2.0}\n'));
    expect(document.imports).to.deep.equal({ files: ['./katalog.yaml'], helm: [{ repo: 'https://charts.example.org', chart: 'shop', version: '1.2.0' }] });
    expect(document).to.not.have.property('sources');
  });

  it('refuses imports and sources together, at sources', () => {
    const { issues } = parseKatalog(komposer('imports:\n  files: [./a.yaml]\nsources:\n  files: [./b.yaml]\n'), 'k.yaml');
    expect(issues.map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`)).to.deep.equal(['7:1: sources: give imports: or its older spelling sources:, not both']);
  });

  it('refuses sources in a Katalog, as it refuses imports', () => {
    const { issues } = parseKatalog(katalog('').replace('spec:', 'sources:\n  files: [./a.yaml]\nspec:'), 'k.yaml');
    expect(issues.map((i) => i.message)).to.deep.equal(['a Katalog cannot have sources; use kind: Komposer to compose Katalogs']);
  });

  it('still requires spec in a Katalog', () => {
    const { issues } = parseKatalog('apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata:\n  name: shop\n', 'k.yaml');
    expect(issues.map((i) => i.message)).to.deep.equal(['missing required key "spec"']);
  });

  it('reads registry imports in every upstream form: a string, oci://, url@version, useKomposer', () => {
    const { document, warnings } = load(komposer([
      'imports:',
      '  registry:',
      '    - oci://ghcr.io/example/patterns/shop@v2',
      '    - url: ghcr.io/example/patterns/cart',
      '      version: v1.4.0',
      '      oci: true',
      '      useKomposer: true',
      '',
    ].join('\n')));
    expect(document.imports!.registry).to.deep.equal([
      { url: 'ghcr.io/example/patterns/shop@v2', oci: true },
      { url: 'ghcr.io/example/patterns/cart', version: 'v1.4.0', oci: true, useKomposer: true },
    ]);
    // useKomposer is acted on (resolver/nested-komposer.ts): no warning.
    expect(warnings.map((w) => w.path)).to.deep.equal([]);
  });
  it("takes a watch entry's upstream keys (WatchEntry) and refuses a misspelt one, in watch and observe.watch alike", () => {
    const watch = (key: string) => `      operatorBox:
        observe:
          watch:
            - {apiVersion: v1, kind: ConfigMap, namespace: ops, name: shared, on: [update], ${key}}
        watch:
          - {apiVersion: v1, kind: Secret, ${key}}
`;
    expect(parseKatalog(katalog(watch('keyFrom: {name: main, namespace: ops}')), 'k.yaml').issues.filter((i) => i.severity !== 'warning')).to.deep.equal([]);
    const errors = parseKatalog(katalog(watch('keyFrm: {name: main}')), 'k.yaml').issues.filter((i) => i.severity !== 'warning').map((i) => `${i.line}: ${i.path}: ${i.message}`);
    expect(errors).to.deep.equal([
      '12: spec.crds.store.operatorBox.observe.watch[0].keyFrm: unknown key (did you mean "keyFrom"?)',
      '14: spec.crds.store.operatorBox.watch[0].keyFrm: unknown key (did you mean "keyFrom"?)',
    ]);
  });
  it("takes an Event trigger's upstream keys (EventEntry) and refuses a misspelt one, which would match every Event", () => {
    const events = (key: string) => `      operatorBox:
        observe:
          events:
            dbReady: {${key}: DatabaseReady, regarding: {apiVersion: db.example.org/v1, kind: Database}, keyFrom: {name: main}}
`;
    expect(parseKatalog(katalog(events('reason')), 'k.yaml').issues.filter((i) => i.severity !== 'warning')).to.deep.equal([]);
    const errors = parseKatalog(katalog(events('reasn')), 'k.yaml').issues.filter((i) => i.severity !== 'warning').map((i) => `${i.line}: ${i.path}: ${i.message}`);
    expect(errors).to.deep.equal(['12: spec.crds.store.operatorBox.observe.events.dbReady.reasn: unknown key (did you mean "reason"?)']);
  });
  it('takes rollback and its trigger with upstream\'s keys only (RollbackBlock, RollbackTrigger)', () => {
    const rollback = (trigger: string) => `      operatorBox:
        rollback:
          trigger: {${trigger}: 3, withinDuration: 5m}
`;
    expect(parseKatalog(katalog(rollback('consecutiveFailures')), 'k.yaml').issues.filter((i) => i.severity !== 'warning')).to.deep.equal([]);
    const errors = parseKatalog(katalog(rollback('consecutiveFailure')), 'k.yaml').issues.filter((i) => i.severity !== 'warning').map((i) => `${i.line}: ${i.path}: ${i.message}`);
    expect(errors).to.deep.equal(['11: spec.crds.store.operatorBox.rollback.trigger.consecutiveFailure: unknown key (did you mean "consecutiveFailures"?)']);
  });
  const misspelt: [string, string][] = [
    ['      conversion: {storagVersion: v1}\n', 'conversion.storagVersion: unknown key (did you mean "storageVersion"?)'],
    ['      webhooks: {validaton: false}\n', 'webhooks.validaton: unknown key (did you mean "validation"?)'],
    ['      endpoints: {helth: false}\n', 'endpoints.helth: unknown key (did you mean "health"?)'],
    ['      deletionProtection: {protectCR: false}\n', 'deletionProtection.protectCR: unknown key (did you mean "protectCRs"?)'],
    ['      normalize: {specs: {tier: gold}}\n', 'normalize.specs: unknown key (did you mean "spec"?)'],
    ['      operatorBox:\n        autoscale: {intervl: 10s, do: {workers: 3}}\n', 'operatorBox.autoscale.intervl: unknown key (did you mean "interval"?)'],
    ['      operatorBox:\n        autoscale: {interval: 10s, do: {worker: 3}}\n', 'operatorBox.autoscale.do.worker: unknown key (did you mean "workers"?)'],
    ['      operatorBox:\n        cross:\n          - {crd: store, selctor: {name: x}, as: db}\n', 'operatorBox.cross[0].selctor: unknown key (did you mean "selector"?)'],
    ['      operatorBox:\n        reconciler:\n          queue: {maxDepth: 5, behaviour: {onLimt: {drop: true}}}\n', 'operatorBox.reconciler.queue.behaviour.onLimt: unknown key (did you mean "onLimit"?)'],
    ['      operatorBox:\n        reconciler:\n          queue: {retryBackoff: {initail: 5s}}\n', 'operatorBox.reconciler.queue.retryBackoff.initail: unknown key (did you mean "initial"?)'],
    ["      operatorBox:\n        onReconcile:\n          external:\n            - {name: probe, url: 'https://status.example.org/', continueOnEror: true}\n", 'operatorBox.onReconcile.external[0].continueOnEror: unknown key (did you mean "continueOnError"?)'],
  ];
  for (const [entry, want] of misspelt) {
    it(`refuses ${want.split(':')[0]} (upstream decodes the entry strictly)`, () => {
      const errors = parseKatalog(katalog(entry), 'k.yaml').issues.filter((i) => i.severity !== 'warning').map((i) => `${i.path}: ${i.message}`);
      expect(errors).to.deep.equal([`spec.crds.store.${want}`]);
    });
  }
  const errorsOf = (text: string) => parseKatalog(text, 'k.yaml').issues.filter((i) => i.severity !== 'warning').map((i) => `${i.line}: ${i.path}: ${i.message}`);
  const top = (block: string) => katalog('').replace('spec:\n', `${block}\nspec:\n`);
  it("takes gateway with upstream's keys only (GatewayConfig)", () => {
    const gateway = (key: string) => top(`gateway: {${key}: true, standalone: false, endpoint: "http://gw.ops:8080", api: {enabled: true}, webhooks: {}, clusters: {}}`);
    expect(errorsOf(gateway('enabled'))).to.deep.equal([]);
    expect(errorsOf(gateway('enable'))).to.deep.equal(['5: gateway.enable: unknown key (did you mean "enabled"?)']);
  });
  it("takes publish, its signing and tests with upstream's keys only (PublishConfig); tests load with a warning", () => {
    const publish = (key: string) => top(`publish: {signing: {verify: true, expectedIdentities: [ci]}, tests: {e2e: true, ${key}: false, intent: false}}`);
    const { warnings } = load(publish('simulate'));
    expect(warnings.map((w) => `${w.path}: ${w.message}`)).to.deep.equal(['publish.tests: tests is accepted but not acted on by this runtime yet (this runtime has no push command to run the quality gates)']);
    expect(errorsOf(publish('simulat'))).to.deep.equal(['5: publish.tests.simulat: unknown key (did you mean "simulate"?)']);
  });
  it("takes serve with upstream's keys only (ServeConfig)", () => {
    const serve = (key: string) => `      serve:\n        enabled: true\n        ${key}: Retail\n        title: Stores\n        modes: {cr: true}\n        matchFields: [spec.size]\n        namespace: shop\n        tokens: {}\n        clusters: [eu]\n`;
    expect(errorsOf(katalog(serve('category')))).to.deep.equal([]);
    expect(errorsOf(katalog(serve('categroy')))).to.deep.equal(['11: spec.crds.store.serve.categroy: unknown key (did you mean "category"?)']);
  });
  it('takes idp with the keys this runtime has read (upstream v0.7.17 has no idp: serve replaced it)', () => {
    const idp = (key: string) => `      idp: {enabled: true, category: Retail, ${key}: [spec.internal], fields: {}}\n`;
    expect(errorsOf(katalog(idp('ignoreFields')))).to.deep.equal([]);
    expect(errorsOf(katalog(idp('ignoreField')))).to.deep.equal(['9: spec.crds.store.idp.ignoreField: unknown key (did you mean "ignoreFields"?)']);
  });
  it("takes setup's mapping form with upstream's keys only (SetupConfig); helm and wait load with a warning", () => {
    const setup = (key: string) => `      setup:\n        apply:\n          - ./ns.yaml\n          - {path: ./secret.yaml, ${key}: [{kind: Secret, name: db}]}\n        helm: [{chart: ./charts/db}]\n`;
    const { warnings } = load(katalog(setup('wait')));
    expect(warnings.map((w) => w.path)).to.deep.equal(['spec.crds.store.setup.apply[1].wait', 'spec.crds.store.setup.helm']);
    expect(errorsOf(katalog(setup('wiat')))).to.deep.equal(['12: spec.crds.store.setup.apply[1].wiat: unknown key (did you mean "wait"?)']);
    expect(errorsOf(katalog('      setup: {aply: [./ns.yaml]}\n'))).to.deep.equal(['9: spec.crds.store.setup.aply: unknown key (did you mean "apply"?)']);
  });
  it("takes an env item's valueFrom with upstream's sources and Kubernetes' fieldRef and resourceFieldRef only", () => {
    const env = (key: string) => `      operatorBox:\n        onCreate:\n          deployments:\n            - image: nginx:1.27\n              env:\n                - {name: PASSWORD, valueFrom: {${key}: {name: db, key: password}}}\n                - {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}\n`;
    expect(errorsOf(katalog(env('secretKeyRef')))).to.deep.equal([]);
    expect(errorsOf(katalog(env('secretKeyref')))).to.deep.equal(['14: spec.crds.store.operatorBox.onCreate.deployments[0].env[0].valueFrom.secretKeyref: unknown key (did you mean "secretKeyRef"?)']);
  });
  it("refuses a watch entry's include as not read (upstream v0.7.17 never expands it), and a misspelt key beside it", () => {
    const unread = 'not read by this runtime: upstream v0.7.17 declares it but never expands it either (only observe.include is read); list the entries in the file observe.include names, or write them here';
    expect(errorsOf(katalog('      operatorBox:\n        observe:\n          watch: [{include: ./watches.yaml}]\n'))).to.deep.equal([`11: spec.crds.store.operatorBox.observe.watch[0].include: ${unread}`]);
    expect(errorsOf(katalog('      operatorBox:\n        watch:\n          - {include: ./watches.yaml, kynd: ConfigMap}\n'))).to.deep.equal([
      `11: spec.crds.store.operatorBox.watch[0].include: ${unread}`,
      '11: spec.crds.store.operatorBox.watch[0].kynd: unknown key (did you mean "kind"?)',
    ]);
  });
  it('says where a CRD entry key written inside operatorBox belongs (upstream pages write crdFile: and mutation: there)', () => {
    const entry = '      operatorBox:\n        crdFile: ./store-crd.yaml\n        mutation: {rules: [{field: spec.tier, default: basic}]}\n';
    const errors = parseKatalog(katalog(entry), 'k.yaml').issues.filter((i) => i.severity !== 'warning').map((i) => `${i.line}: ${i.message}`);
    expect(errors).to.deep.equal([
      '10: crdFile belongs to the CRD entry, not operatorBox: write it as spec.crds.store.crdFile (one level up); the Go runtime refuses it inside operatorBox too',
      '11: mutation belongs to the CRD entry, not operatorBox: write it as spec.crds.store.mutation (one level up); the Go runtime refuses it inside operatorBox too',
    ]);
  });
});
