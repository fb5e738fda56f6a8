import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Issue } from '../../../shared/errors.js';
import { parseKatalog } from '../../../shared/katalog/index.js';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/katalog/', import.meta.url));

// Lines 1-8 of every case; each case's own lines start at 9.
const HEAD = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: web
spec:
  crds:
    website:
      apiTypes: {group: example.com, version: v1, kind: Website, plural: websites}
`;
const HEAD7 = HEAD.split('\n').slice(0, 7).join('\n') + '\n';

interface Case {
  name: string;
  text: string;
  path: string;
  /** Line, and a text on that line whose first occurrence starts the expected column. */
  at: [number, string?];
  message: string;
}

const cases: Case[] = [
  {
    name: 'unknown key, with a suggestion',
    text: `${HEAD}      operatorBox:\n        onCreate:\n          deploymentz: []\n`,
    path: 'spec.crds.website.operatorBox.onCreate.deploymentz', at: [11, 'deploymentz'], message: 'unknown key (did you mean "deployments"?)',
  },
  {
    name: 'a plural spelling upstream does not have as a key',
    text: `${HEAD}      operatorBox:\n        onCreate:\n          hpas: []\n`,
    path: 'spec.crds.website.operatorBox.onCreate.hpas', at: [11, 'hpas'], message: 'unknown key (did you mean "hpa"?)',
  },
  {
    name: 'child key only the Go runtime supports',
    text: `${HEAD}      operatorBox:\n        onCreate:\n          configMaps:\n            - {name: a, binaryData: {}}\n`,
    path: 'spec.crds.website.operatorBox.onCreate.configMaps[0].binaryData', at: [12, 'binaryData'], message: 'not supported by this runtime (supported by the Go runtime; remove it)',
  },
  {
    name: 'top-level key that needs Go code',
    text: `${HEAD}providers: []\n`,
    path: 'providers', at: [9, 'providers'], message: 'not supported: providers needs compiled Go code',
  },
  {
    name: 'a Go hook is refused as needing compiled Go code',
    text: `${HEAD}      operatorBox:\n        reconciler:\n          hooks: {location: example.com/hooks, function: Hooks}\n`,
    path: 'spec.crds.website.operatorBox.reconciler.hooks', at: [11, 'hooks'], message: 'not supported: hooks needs compiled Go code',
  },
  {
    name: 'Go rule key with its replacement',
    text: `${HEAD}      validation:\n        rules:\n          - {field: spec.n, exists: true, message: m, severity: high}\n`,
    path: 'spec.crds.website.validation.rules[0].severity', at: [11, 'severity'], message: 'use action: deny or warn',
  },
  {
    name: 'between that is no "min,max"',
    text: `${HEAD}      operatorBox:\n        onCreate:\n          configMaps:\n            - when:\n                - {field: spec.n, between: "1-3"}\n`,
    path: 'spec.crds.website.operatorBox.onCreate.configMaps[0].when[0].between', at: [13, '"1-3"'], message: 'between: expected "min,max" such as "1,10", got "1-3"',
  },
  {
    name: 'typeOf naming no type',
    text: `${HEAD}      operatorBox:\n        onCreate:\n          configMaps:\n            - when:\n                - {field: spec.n, operator: typeOf, value: list}\n`,
    path: 'spec.crds.website.operatorBox.onCreate.configMaps[0].when[0].value', at: [13, 'list'], message: 'typeOf takes one of map, slice, string, number, bool, null, got "list"',
  },
  {
    name: 'wrong type',
    text: `${HEAD}      operatorBox:\n        reconciler: {workers: four}\n`,
    path: 'spec.crds.website.operatorBox.reconciler.workers', at: [10, 'four'], message: 'expected an integer, got "four"',
  },
  {
    name: 'wrong type for a shorthand that may be a template',
    text: `${HEAD}      operatorBox:\n        onCreate:\n          deployments:\n            - image: nginx\n              replicas: [3]\n`,
    path: 'spec.crds.website.operatorBox.onCreate.deployments[0].replicas', at: [13, '[3]'], message: 'expected an integer or a template, got a list',
  },
  {
    name: 'bad enum (service type)',
    text: `${HEAD}      operatorBox:\n        onCreate:\n          services:\n            - type: Foo\n`,
    path: 'spec.crds.website.operatorBox.onCreate.services[0].type', at: [12, 'Foo'],
    message: 'expected one of ClusterIP, NodePort, LoadBalancer, ExternalName, or a template, got "Foo"',
  },
  {
    name: 'bad enum (rule action)',
    text: `${HEAD}      validation:\n        rules:\n          - {field: spec.a, equals: 1, message: m, action: block}\n`,
    path: 'spec.crds.website.validation.rules[0].action', at: [11, 'block'], message: 'must be one of: deny, warn (got "block")',
  },
  {
    name: 'bad enum (dependency state)',
    text: `${HEAD}      dependsOn: {db: ready}\n    db:\n      apiTypes: {group: example.com, version: v1, kind: Db, plural: dbs}\n`,
    path: 'spec.crds.website.dependsOn.db', at: [9, 'ready'], message: 'must be one of: started, healthy (got "ready")',
  },
  {
    name: 'missing required key: position of the parent mapping',
    text: `${HEAD7}      apiTypes: {group: example.com, kind: Website, plural: websites}\n`,
    path: 'spec.crds.website.apiTypes', at: [8, 'apiTypes'], message: 'missing required key "version"',
  },
  {
    name: 'missing required top-level key',
    text: 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nspec:\n  crds: {}\n',
    path: '', at: [1, 'apiVersion'], message: 'missing required key "metadata"',
  },
  {
    name: 'wrong apiVersion',
    text: HEAD.replace('orkspace.io/v1', 'orkspace.io/v2'),
    path: 'apiVersion', at: [1, 'orkestra'], message: 'must be "orkestra.orkspace.io/v1" (got "orkestra.orkspace.io/v2")',
  },
  {
    name: 'wrong kind',
    text: HEAD.replace('kind: Katalog', 'kind: Catalog'),
    path: 'kind', at: [2, 'Catalog'], message: 'must be one of: Katalog, Komposer (got "Catalog")',
  },
  {
    name: 'metadata.name not a DNS label',
    text: HEAD.replace('name: web', 'name: Web_App'),
    path: 'metadata.name', at: [4, 'Web_App'], message: '"Web_App" is not a DNS-1123 label',
  },
  {
    name: 'CRD key not a label value',
    text: HEAD.replace('    website:', '    web site:'),
    path: 'spec.crds["web site"]', at: [7, 'web site'], message: 'CRD name "web site" is not a valid label value',
  },
  {
    name: 'duplicate group/version/kind',
    text: `${HEAD}    other:\n      apiTypes: {group: example.com, version: v1, kind: Website, plural: sites}\n`,
    path: 'spec.crds.other.apiTypes', at: [10, 'apiTypes'], message: 'CRDs "website" and "other" both declare example.com/v1, Kind=Website',
  },
  {
    name: 'duplicate resource (group/plural)',
    text: `${HEAD}    other:\n      apiTypes: {group: example.com, version: v2, kind: Site, plural: websites}\n`,
    path: 'spec.crds.other.apiTypes', at: [10, 'apiTypes'], message: 'both declare the resource websites.example.com',
  },
  {
    name: 'dependsOn cycle, named',
    text: `${HEAD}      dependsOn: {db: started}\n    db:\n      apiTypes: {group: example.com, version: v1, kind: Db, plural: dbs}\n      dependsOn: {cache: healthy}\n    cache:\n      apiTypes: {group: example.com, version: v1, kind: Cache, plural: caches}\n      dependsOn: {website: healthy}\n`,
    path: 'spec.crds.website.dependsOn', at: [9, 'dependsOn'], message: 'dependency cycle: website → db → cache → website',
  },
  {
    name: 'dependsOn itself',
    text: `${HEAD}      dependsOn: {website: started}\n`,
    path: 'spec.crds.website.dependsOn', at: [9, 'dependsOn'], message: 'dependency cycle: website → website',
  },
  {
    name: 'template syntax error at the line of the field',
    text: `${HEAD}      operatorBox:\n        onCreate:\n          configMaps:\n            - name: ok\n              data:\n                greeting: "hello {{ .spec.name "\n`,
    path: 'spec.crds.website.operatorBox.onCreate.configMaps[0].data.greeting', at: [14, '"hello'], message: 'template error: ',
  },
  {
    name: 'template syntax error in a custom body',
    text: `${HEAD}      operatorBox:\n        onReconcile:\n          custom:\n            - apiVersion: v1\n              kind: LimitRange\n              body:\n                note: "{{ if .spec.x }}"\n`,
    path: 'spec.crds.website.operatorBox.onReconcile.custom[0].body.note', at: [15, '"{{'], message: 'template error: ',
  },
  {
    name: 'a Katalog with imports',
    text: `${HEAD}imports:\n  files: [./other.yaml]\n`,
    path: 'imports', at: [9, 'imports'], message: 'a Katalog cannot have imports; use kind: Komposer',
  },
  {
    name: 'inline CRD that is not v1',
    text: `${HEAD7}      crd:\n        apiVersion: apiextensions.k8s.io/v1beta1\n        kind: CustomResourceDefinition\n        metadata: {name: websites.example.com}\n        spec:\n          group: example.com\n          names: {plural: websites, kind: Website}\n          scope: Namespaced\n          versions:\n            - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}\n`,
    path: 'spec.crds.website.crd.apiVersion', at: [9, 'apiextensions'], message: 'must be "apiextensions.k8s.io/v1"',
  },
  {
    name: 'inline CRD with a non-structural schema',
    text: `${HEAD7}      crd:\n        apiVersion: apiextensions.k8s.io/v1\n        kind: CustomResourceDefinition\n        metadata: {name: websites.example.com}\n        spec:\n          group: example.com\n          names: {plural: websites, kind: Website}\n          scope: Namespaced\n          versions:\n            - name: v1\n              served: true\n              storage: true\n              schema:\n                openAPIV3Schema:\n                  type: object\n                  properties:\n                    spec: {properties: {size: {type: integer}}}\n`,
    path: 'spec.crds.website.crd.spec.versions[0].schema.openAPIV3Schema.properties.spec', at: [24, 'spec'], message: 'not structural: this schema node has no type',
  },
  {
    name: 'workers out of range',
    text: `${HEAD}      operatorBox:\n        reconciler:\n          workers: 51\n`,
    path: 'spec.crds.website.operatorBox.reconciler.workers', at: [11, '51'], message: 'must be between 1 and 50 (got 51)',
  },
  {
    name: 'resync not a duration',
    text: `${HEAD}      operatorBox:\n        reconciler:\n          resync: 10 minutes\n`,
    path: 'spec.crds.website.operatorBox.reconciler.resync', at: [11, '10 minutes'], message: '"10 minutes" is not a duration; write it like 30s, 10m or 1h',
  },
  {
    name: 'regex that does not compile',
    text: `${HEAD}      operatorBox:\n        onCreate:\n          configMaps:\n            - when:\n                - field: spec.tier\n                  regex: "([a-z"\n`,
    path: 'spec.crds.website.operatorBox.onCreate.configMaps[0].when[0].regex', at: [14, '"(['], message: 'invalid RE2 regular expression "([a-z": missing closing ]',
  },
  {
    name: 'regex rule in the operator/value form that does not compile',
    text: `${HEAD}      validation:\n        rules:\n          - field: spec.image\n            operator: regex\n            value: "*x"\n            message: bad\n`,
    path: 'spec.crds.website.validation.rules[0].value', at: [13, '"*x"'], message: 'invalid RE2 regular expression "*x": missing argument to repetition operator',
  },
  {
    // JavaScript's RegExp accepts these; Go's regexp (RE2), which upstream Katalogs target, does not.
    name: 'regex with a lookahead (not RE2)',
    text: `${HEAD}      validation:\n        rules:\n          - field: spec.password\n            regex: "^(?=.*[0-9]).{8,}$"\n            message: weak\n`,
    path: 'spec.crds.website.validation.rules[0].regex', at: [12, '"^(?='], message: 'invalid or unsupported Perl syntax: `(?=`; lookahead and lookbehind are not RE2',
  },
  {
    name: 'regex with a backreference (not RE2)',
    text: `${HEAD}      operatorBox:\n        onReconcile:\n          configMaps:\n            - or:\n                - field: spec.pair\n                  regex: "^(a+)-\\\\1$"\n`,
    path: 'spec.crds.website.operatorBox.onReconcile.configMaps[0].or[0].regex', at: [14, '"^(a+)'], message: 'invalid escape sequence: `\\1`; backreferences are not RE2',
  },
  {
    name: 'both apiTypes and crd',
    text: `${HEAD}      crd: {}\n`,
    path: 'spec.crds.website', at: [7, 'website'], message: 'give exactly one of apiTypes, crdFile or crd (found apiTypes and crd)',
  },
  {
    name: 'none of apiTypes, crdFile, crd in a Katalog',
    text: `${HEAD7}      enabled: true\n`,
    path: 'spec.crds.website', at: [7, 'website'], message: '(found none)',
  },
  {
    name: 'YAML syntax error',
    text: `${HEAD}      operatorBox: {onCreate: [}\n`,
    path: '', at: [9], message: 'YAML syntax error',
  },
  {
    name: 'duplicate key',
    text: `${HEAD}      apiTypes: {group: example.com, version: v1, kind: Other, plural: others}\n`,
    path: 'spec.crds.website.apiTypes', at: [9, 'apiTypes'], message: 'duplicate key',
  },
  {
    name: 'validation rule without operator (a condition may name none: exists)',
    text: `${HEAD}      validation:\n        rules:\n          - field: spec.a\n            message: m\n`,
    path: 'spec.crds.website.validation.rules[0]', at: [11, 'field'], message: 'no operator: give one of equals',
  },
  {
    name: 'in given as neither a list nor a string',
    text: `${HEAD}      validation:\n        rules:\n          - {field: spec.tier, in: 3, message: m}\n`,
    path: 'spec.crds.website.validation.rules[0].in', at: [11, '3,'], message: 'expected a list such as [a, b], or upstream\'s comma-separated string, got 3',
  },
  {
    name: 'replicas that can never be a number',
    text: `${HEAD}      operatorBox:\n        onCreate:\n          deployments:\n            - image: nginx\n              replicas: "abc"\n`,
    path: 'spec.crds.website.operatorBox.onCreate.deployments[0].replicas', at: [13, '"abc"'], message: '"abc" is neither an integer nor a template',
  },
  {
    name: 'forEach without field',
    text: `${HEAD}      operatorBox:\n        onCreate:\n          jobs:\n            - image: busybox\n              forEach: {as: region}\n`,
    path: 'spec.crds.website.operatorBox.onCreate.jobs[0].forEach', at: [13, 'forEach'], message: 'missing required key "field"',
  },
  {
    name: 'custom without kind',
    text: `${HEAD}      operatorBox:\n        onCreate:\n          custom:\n            - apiVersion: v1\n`,
    path: 'spec.crds.website.operatorBox.onCreate.custom[0]', at: [12, 'apiVersion'], message: 'missing required key "kind"',
  },
  {
    name: 'key of another kind (schedule on a Deployment)',
    text: `${HEAD}      operatorBox:\n        onCreate:\n          deployments:\n            - image: nginx\n              schedule: "* * * * *"\n`,
    path: 'spec.crds.website.operatorBox.onCreate.deployments[0].schedule', at: [13, 'schedule'], message: 'unknown key',
  },
  {
    name: 'mutation rule with both default and override',
    text: `${HEAD}      mutation:\n        rules:\n          - {field: spec.a, default: 1, override: 2}\n`,
    path: 'spec.crds.website.mutation.rules[0]', at: [11, '{field'], message: 'give exactly one of default or override (found both)',
  },
  {
    name: 'envFrom with a source kind neither Kubernetes nor the Go runtime has',
    text: `${HEAD}      operatorBox:\n        onCreate:\n          deployments:\n            - image: nginx\n              envFrom: {vaultRef: [{name: s}]}\n`,
    path: 'spec.crds.website.operatorBox.onCreate.deployments[0].envFrom', at: [13, '{vaultRef'], message: 'expected a list of sources as in Kubernetes, or {secretRef: [...], configMapRef: [...]}',
  },
  {
    name: 'resources profile that is neither declared nor imported',
    text: `${HEAD}      operatorBox:\n        onCreate:\n          deployments:\n            - image: nginx\n              resources:\n                profile: bursty\n`,
    path: 'spec.crds.website.operatorBox.onCreate.deployments[0].resources.profile', at: [14, 'bursty'],
    message: 'unknown resources profile "bursty" (did you mean "burst"?): declare it under profiles.resources (upstream\'s built-ins are tiny, small, medium, large, burst, steady, compute-heavy, memory-heavy)',
  },
  {
    name: 'bad finalizer name',
    text: `${HEAD}      finalizers: ["not a name"]\n`,
    path: 'spec.crds.website.finalizers[0]', at: [9, '"not'], message: 'expected a qualified name such as example.com/cleanup',
  },
  {
    name: 'Komposer import auth missing the password variable',
    text: `${HEAD.replace('kind: Katalog', 'kind: Komposer')}imports:\n  oci:\n    - ref: registry.example.org/x:1\n      auth: {type: basic, usernameFromEnv: U}\n`,
    path: 'imports.oci[0].auth', at: [12, 'auth'], message: 'missing required key "passwordFromEnv"',
  },
  {
    name: 'Komposer import digest malformed',
    text: `${HEAD.replace('kind: Katalog', 'kind: Komposer')}imports:\n  files:\n    - {url: https://example.org/k.yaml, digest: "md5:abc"}\n`,
    path: 'imports.files[0].digest', at: [11, '"md5'], message: 'expected sha256:<64 lower-case hex digits>',
  },
  {
    name: 'Komposer file import of the wrong type',
    text: `${HEAD.replace('kind: Katalog', 'kind: Komposer')}imports:\n  files:\n    - 42\n`,
    path: 'imports.files[0]', at: [11, '42'], message: 'expected a path or URL string, or {url | path, auth, digest}, got 42',
  },
  {
    name: 'Helm import missing its version (exact versions only)',
    text: `${HEAD.replace('kind: Katalog', 'kind: Komposer')}imports:\n  helm:\n    - {repo: https://charts.example.org, chart: c}\n`,
    path: 'imports.helm[0]', at: [11, '{repo'], message: 'missing required key "version"',
  },
  {
    name: 'two documents in one file',
    text: `${HEAD}---\n${HEAD}`,
    path: '', at: [10, 'apiVersion'], message: 'a Katalog file holds one document; found 2',
  },
  { name: 'empty file', text: '# nothing here\n', path: '', at: [1], message: 'file is empty' },
  { name: 'a YAML list', text: '- a\n- b\n', path: '', at: [1, '-'], message: 'expected a mapping, got a list' },
  { name: 'a scalar', text: 'hello\n', path: '', at: [1, 'hello'], message: 'expected a mapping, got "hello"' },
  { name: 'NUL bytes', text: 'a: \u0000\u0001\u0002', path: '', at: [1], message: 'not a text file' },
  { name: 'deep flow nesting', text: `a: ${'['.repeat(100_000)}`, path: '', at: [1], message: 'nested more than 64 levels deep' },
  {
    name: 'alias bomb',
    text: 'a: &a [x, x, x, x, x, x, x, x, x, x]\n' + Array.from({ length: 8 }, (_, i) => `b${i}: &b${i} [${Array(10).fill(i === 0 ? '*a' : `*b${i - 1}`).join(', ')}]`).join('\n') + '\n',
    path: '', at: [1], message: 'expands too many aliases',
  },
];

function find(issues: Issue[], c: Case): Issue | undefined {
  return issues.find((i) => i.path === c.path && i.message.includes(c.message));
}

describe('shared/katalog parseKatalog: invalid Katalogs', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).to.be.at.least(30);
  });

  for (const c of cases) {
    it(c.name, () => {
      const { document, issues } = parseKatalog(c.text, 'k.yaml');
      expect(document, 'no document for an invalid file').to.equal(undefined);
      const issue = find(issues, c);
      expect(issue, `expected ${c.path}: …${c.message}… in:\n${issues.map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`).join('\n')}`).to.not.equal(undefined);
      expect(issue!.file).to.equal('k.yaml');
      expect(issue!.line, 'line').to.equal(c.at[0]);
      if (c.at[1] !== undefined) {
        const col = c.text.split('\n')[c.at[0] - 1]!.indexOf(c.at[1]) + 1;
        expect(col, `test case: "${c.at[1]}" not on line ${c.at[0]}`).to.be.greaterThan(0);
        expect(issue!.col, 'col').to.equal(col);
      }
    });
  }

  it('reports every problem at once, sorted by position', () => {
    const text = `${HEAD}      dependsOn: {ghost: healthy}\n      operatorBox:\n        reconciler: {workers: 0, resync: soon}\n        onCreate:\n          daemonSets: []\n`;
    const { issues } = parseKatalog(text, 'k.yaml');
    expect(issues.map((i) => i.path)).to.deep.equal([
      'spec.crds.website.dependsOn.ghost',
      'spec.crds.website.operatorBox.reconciler.workers',
      'spec.crds.website.operatorBox.reconciler.resync',
      'spec.crds.website.operatorBox.onCreate.daemonSets',
    ]);
  });

  it('accepts upstream\'s placeholder lists with a warning that nothing is created, and still refuses an unknown key', () => {
    const { issues } = parseKatalog(`${HEAD}      operatorBox:\n        onCreate:\n          daemonSets: []\n          serviceMonitors: [{}]\n          daemonz: []\n`, 'k.yaml');
    const byPath = new Map(issues.map((i) => [i.path, `${i.severity ?? 'error'} ${i.message}`]));
    for (const key of ['daemonSets', 'serviceMonitors']) {
      expect(byPath.get(`spec.crds.website.operatorBox.onCreate.${key}`)).to.match(/^warning .*placeholder list the Go runtime accepts and ignores too: nothing is created/);
    }
    expect(byPath.get('spec.crds.website.operatorBox.onCreate.daemonz')).to.match(/^error unknown key/);
  });

  it('drops placeholder lists from the model: they create nothing', () => {
    const { document, issues } = parseKatalog(`${HEAD}      operatorBox:\n        onCreate:\n          serviceMonitors: [{name: m}]\n          configMaps: [{name: c}]\n`, 'k.yaml');
    expect(issues.filter((i) => i.severity !== 'warning')).to.deep.equal([]);
    expect(Object.keys(document!.spec.crds.website!.operatorBox!.onCreate!)).to.deep.equal(['configMaps']);
  });
});

describe('shared/katalog parseKatalog: valid documents', () => {
  for (const name of ['website.yaml', 'database.yaml', 'komposer.yaml']) {
    it(`${name} parses with no issues`, () => {
      const { document, issues } = parseKatalog(readFileSync(`${FIXTURES}valid/${name}`, 'utf8'), name);
      expect(issues).to.deep.equal([]);
      expect(document).to.not.equal(undefined);
    });
  }

  it('returns the document with conditions in the Go long form rewritten to shorthands', () => {
    const { document } = parseKatalog(readFileSync(`${FIXTURES}valid/website.yaml`, 'utf8'), 'website.yaml');
    const custom = document!.spec.crds.website!.operatorBox!.onReconcile!.custom![0]!;
    expect(custom.or).to.deep.equal([
      { field: 'spec.monitoring', equals: true },
      { field: 'spec.tier', in: ['gold', 'platinum'] },
    ]);
    const rule = document!.spec.crds.website!.mutation!.rules[1]!;
    expect(rule.when).to.deep.equal([{ field: 'spec.title', exists: true }]);
    // validation rules keep the long form (the renderer reads both)
    expect(document!.spec.crds.website!.validation!.rules[1]).to.include({ operator: 'regex' });
  });

  it('a Komposer entry may omit apiTypes (it overrides an imported CRD) and depend on imported CRDs', () => {
    const { document, issues } = parseKatalog(readFileSync(`${FIXTURES}valid/komposer.yaml`, 'utf8'), 'komposer.yaml');
    expect(issues).to.deep.equal([]);
    expect(document!.imports!.files).to.have.length(5);
    expect(document!.spec.crds.website!.dependsOn).to.deep.equal({ database: 'healthy' });
  });

  it('accepts numbers and templates where a field is numeric', () => {
    const text = `${HEAD}      operatorBox:\n        onCreate:\n          deployments:\n            - {image: a, replicas: 3, port: "8080"}\n            - {image: b, replicas: "{{ .spec.replicas }}", port: "{{ .spec.port }}"}\n`;
    expect(parseKatalog(text, 'k.yaml').issues).to.deep.equal([]);
  });

  it('keeps YAML warnings as warnings and still returns the document', () => {
    const { document, issues } = parseKatalog(`${HEAD}      enabled: !!bool true\n      namespace: !custom web\n`, 'k.yaml');
    expect(issues).to.have.length.greaterThan(0);
    expect(issues.every((i) => i.severity === 'warning')).to.equal(true);
    expect(document).to.not.equal(undefined);
  });
});
