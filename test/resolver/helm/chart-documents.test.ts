import { expect } from 'chai';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { chartLayout, planChart, splitDocuments, katalogsFromRendered, findHelm, chartDocuments } from '../../../resolver/helm/chart-documents.js';
import type { ArchiveFile } from '../../../resolver/archive/tar-gz.js';
import { OrkError } from '../../../shared/errors.js';
import { tempDir } from '../../support/tools.js';
import { thrown } from '../../support/errors.js';

const file = (path: string, text: string): ArchiveFile => ({ path, data: Buffer.from(text) });
const chartYaml = (name = 'c', version = '1.0.0'): string => `apiVersion: v2\nname: ${name}\nversion: ${version}\n`;
const KATALOG = 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: k}\nspec: {crds: {}}\n';
const CRD = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: a.b.c}\n';

describe('resolver/sources/helm-render chartLayout', () => {
  it('reads the root and Chart.yaml name and version', () => {
    const layout = chartLayout([file('c/Chart.yaml', chartYaml('c', '1.2.3')), file('c/values.yaml', '')], 'l');
    expect([layout.root, layout.name, layout.version]).to.deep.equal(['c', 'c', '1.2.3']);
  });
  const bad: Array<[string, ArchiveFile[], RegExp]> = [
    ['two top-level directories', [file('a/Chart.yaml', chartYaml()), file('b/x', '')], /one top-level directory/],
    ['no Chart.yaml', [file('c/values.yaml', '')], /Chart.yaml is missing/],
    ['a Chart.yaml without version', [file('c/Chart.yaml', 'name: c\n')], /lacks name or version/],
    ['a Chart.yaml that does not parse', [file('c/Chart.yaml', 'name: [\n')], /does not parse/],
  ];
  for (const [title, files, says] of bad) {
    it(`refuses ${title}`, () => {
      const e = thrown(() => chartLayout(files, 'l'));
      expect(e.code).to.equal('IMPORT_INVALID');
      expect(e.message).to.match(says);
    });
  }
});

describe('resolver/sources/helm-render planChart', () => {
  const cases: Array<{ title: string; files: ArchiveFile[]; documents: string[]; render: string[] }> = [
    {
      title: 'CRDs from crds/, one per document, other kinds dropped',
      files: [file('c/crds/a.yaml', `${CRD}---\n${CRD}---\nkind: ConfigMap\n`), file('c/crds/notes.txt', 'kind: CustomResourceDefinition')],
      documents: ['crds/a.yaml#1', 'crds/a.yaml#2'],
      render: [],
    },
    {
      title: 'CRDs of a vendored subchart',
      files: [file('c/charts/sub/crds/x.yaml', CRD), file('c/charts/sub/Chart.yaml', chartYaml('sub'))],
      documents: ['charts/sub/crds/x.yaml'],
      render: [],
    },
    {
      title: 'plain Katalog files outside templates/, not values or subchart files',
      files: [file('c/katalog.yaml', KATALOG), file('c/katalogs/more.yml', KATALOG), file('c/values.yaml', 'kind: Katalog\n'), file('c/charts/sub/katalog.yaml', KATALOG), file('c/README.md', 'Katalog')],
      documents: ['katalog.yaml', 'katalogs/more.yml'],
      render: [],
    },
    {
      title: 'a template mentioning Katalog without actions is taken as is; with actions it needs helm',
      files: [file('c/templates/plain.yaml', KATALOG), file('c/templates/templated.yaml', `${KATALOG}  x: {{ .Values.x }}\n`)],
      documents: ['templates/plain.yaml'],
      render: ['templates/templated.yaml'],
    },
    {
      title: 'templates that do not mention Katalog, partials and NOTES are not rendered',
      files: [file('c/templates/svc.yaml', 'kind: Service\nname: {{ .Release.Name }}\n'), file('c/templates/_helpers.tpl', '{{ define "x" }}Katalog{{ end }}'), file('c/templates/NOTES.txt', 'Katalog {{ .x }}')],
      documents: [],
      render: [],
    },
    {
      title: 'a subchart template producing Katalogs needs helm',
      files: [file('c/charts/sub/templates/k.yaml', 'kind: Katalog\nname: {{ .Values.n }}\n')],
      documents: [],
      render: ['charts/sub/templates/k.yaml'],
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const plan = planChart(chartLayout([file('c/Chart.yaml', chartYaml()), ...c.files], 'l'), 'l');
      expect(plan.documents.map((d) => d.path)).to.deep.equal(c.documents);
      expect(plan.templatesToRender).to.deep.equal(c.render);
    });
  }

  it('reports a syntax error in another file mentioning Katalog with the file and line', () => {
    const e = thrown(() => planChart(chartLayout([file('c/Chart.yaml', chartYaml()), file('c/extra.yaml', 'kind: Katalog\nspec: [\n')], 'l'), 'l'));
    expect(e.code).to.equal('IMPORT_INVALID');
    expect(e.message).to.match(/^extra\.yaml:\d+: YAML syntax error/);
  });

  it('hands a katalog.yaml to the loader whole, whatever it holds (the loader fails closed on it)', () => {
    for (const text of ['kind: Katalog\nspec: [\n', 'apiVersion: v1\nmetadata: {name: x}\n']) {
      const plan = planChart(chartLayout([file('c/Chart.yaml', chartYaml()), file('c/katalog.yaml', text), file('c/templates/katalog.yml', text)], 'l'), 'l');
      expect(plan.documents).to.deep.equal([{ path: 'katalog.yaml', text }, { path: 'templates/katalog.yml', text }]);
    }
  });
});

describe('resolver/sources/helm-render splitDocuments and rendered output', () => {
  it('keeps a single document byte for byte, comments included', () => {
    const text = '# head comment\nkind: Katalog # trailing\nmetadata:\n  name: "{{ .x }}"\n';
    expect(splitDocuments(text, 'f', 'l')).to.deep.equal([{ kind: 'Katalog', text }]);
  });
  it('cuts several documents out of the original text, skipping empty ones', () => {
    const docs = splitDocuments('---\nkind: A\nx: 1\n---\n---\n# only a comment\n---\nkind: B\n', 'f', 'l');
    expect(docs.map((d) => d.kind)).to.deep.equal(['A', 'B']);
    expect(parseYaml(docs[0]!.text)).to.deep.equal({ kind: 'A', x: 1 });
    expect(parseYaml(docs[1]!.text)).to.deep.equal({ kind: 'B' });
  });
  it('names rendered Katalogs by their # Source: template and ignores other kinds', () => {
    const output = [
      '---\n# Source: c/templates/cm.yaml\nkind: ConfigMap\n',
      '---\n# Source: c/templates/k.yaml\nkind: Katalog\nmetadata: {name: one}\n',
      '---\n# Source: c/templates/k.yaml\nkind: Katalog\nmetadata: {name: two}\n',
      '---\n# Source: c/charts/sub/templates/k.yaml\nkind: Katalog\nmetadata: {name: three}\n',
    ].join('');
    const got = katalogsFromRendered(output, 'c', 'l');
    expect(got.map((d) => d.path)).to.deep.equal(['templates/k.yaml (rendered)', 'templates/k.yaml (rendered #2)', 'charts/sub/templates/k.yaml (rendered)']);
    expect(got.map((d) => (parseYaml(d.text) as { metadata: { name: string } }).metadata.name)).to.deep.equal(['one', 'two', 'three']);
  });
});

describe('resolver/sources/helm-render findHelm and chartDocuments', () => {
  it('prefers the option, then ORKESTRA_HELM, then an executable helm on PATH', () => {
    const dir = tempDir('helm-path');
    const bin = join(dir, 'helm');
    writeFileSync(bin, '#!/bin/sh\n');
    chmodSync(bin, 0o755);
    expect(findHelm({ ORKESTRA_HELM: '/env/helm', PATH: dir }, '/opt/helm')).to.equal('/opt/helm');
    expect(findHelm({ ORKESTRA_HELM: '/env/helm', PATH: dir })).to.equal('/env/helm');
    expect(findHelm({ PATH: `/nonexistent:${dir}` })).to.equal(bin);
    expect(findHelm({ PATH: '/nonexistent' })).to.equal(undefined);
    chmodSync(bin, 0o644);
    expect(findHelm({ PATH: dir })).to.equal(undefined);
  });

  it('says that helm is needed when templates produce Katalogs and none is found', async () => {
    const layout = chartLayout([file('c/Chart.yaml', chartYaml()), file('c/templates/k.yaml', 'kind: Katalog\nx: {{ .Values.x }}\n')], 'l');
    const e = await chartDocuments(Buffer.alloc(0), layout, { label: 'l', env: { PATH: '/nonexistent' } }).catch((x: unknown) => x as OrkError);
    expect((e as OrkError).code).to.equal('IMPORT_INVALID');
    expect((e as OrkError).message).to.contain('templates/k.yaml').and.to.contain('ORKESTRA_HELM');
  });
});
