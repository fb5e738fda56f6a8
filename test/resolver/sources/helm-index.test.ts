import { expect } from 'chai';
import { findChartVersion, checkHelmImport, helmLabel } from '../../../resolver/sources/helm.js';
import type { HelmImport } from '../../../shared/katalog/types.js';
import { thrown } from '../../support/errors.js';

const HEX = 'ab'.repeat(32);
const index = {
  apiVersion: 'v1',
  entries: {
    web: [
      { version: '1.10.0', urls: ['web-1.10.0.tgz'], digest: HEX },
      { version: '1.9.0', urls: ['https://cdn.example.org/web-1.9.0.tgz'], digest: `sha256:${HEX.toUpperCase()}` },
      { version: '1.10.0-rc.1', urls: ['web-1.10.0-rc.1.tgz'] },
      { version: '2.0.0', urls: [] },
      { version: '3.0.0', urls: ['x.tgz'], digest: 'md5:abc' },
    ],
    db: [],
  },
};

describe('resolver/sources/helm findChartVersion', () => {
  it('finds an exact version with its URL and normalised digest', () => {
    expect(findChartVersion(index, 'web', '1.10.0', 'l')).to.deep.equal({ url: 'web-1.10.0.tgz', digest: `sha256:${HEX}` });
    expect(findChartVersion(index, 'web', '1.9.0', 'l')).to.deep.equal({ url: 'https://cdn.example.org/web-1.9.0.tgz', digest: `sha256:${HEX}` });
    expect(findChartVersion(index, 'web', '1.10.0-rc.1', 'l')).to.deep.equal({ url: 'web-1.10.0-rc.1.tgz', digest: undefined });
  });
  it('lists available versions newest first (releases before their pre-releases)', () => {
    const e = thrown(() => findChartVersion(index, 'web', '1.11.0', 'l'));
    expect(e.code).to.equal('IMPORT_NOT_FOUND');
    expect(e.message).to.contain('available: 3.0.0, 2.0.0, 1.10.0, 1.10.0-rc.1, 1.9.0');
  });
  it('caps a long list of versions', () => {
    const many = { entries: { x: Array.from({ length: 30 }, (_, i) => ({ version: `1.${i}.0`, urls: ['u'] })) } };
    const e = thrown(() => findChartVersion(many, 'x', '9.0.0', 'l'));
    expect(e.message).to.contain('1.29.0, 1.28.0').and.to.contain('and 10 more');
    expect(e.message).not.to.contain('1.9.0,');
  });
  const bad: Array<[string, unknown, string, string, string, RegExp]> = [
    ['an unknown chart', index, 'api', '1.0.0', 'IMPORT_NOT_FOUND', /no chart named api \(charts: db, web\)/],
    ['a chart without versions', index, 'db', '1.0.0', 'IMPORT_NOT_FOUND', /available: none/],
    ['a version without URL', index, 'web', '2.0.0', 'IMPORT_INVALID', /without a download URL/],
    ['a non-sha256 digest', index, 'web', '3.0.0', 'IMPORT_INVALID', /sha256/],
    ['an index without entries', { apiVersion: 'v1' }, 'web', '1.0.0', 'IMPORT_INVALID', /no entries/],
    ['something that is not an index', '<html>', 'web', '1.0.0', 'IMPORT_INVALID', /no entries/],
  ];
  for (const [title, idx, chart, version, code, says] of bad) {
    it(`refuses ${title}`, () => {
      const e = thrown(() => findChartVersion(idx, chart, version, 'l'));
      expect(e.code).to.equal(code);
      expect(e.message).to.match(says);
    });
  }
});

describe('resolver/sources/helm checkHelmImport and label', () => {
  const base: HelmImport = { repo: 'https://charts.example.org', chart: 'platform-crds', version: '3.2.1' };
  const good: Array<Partial<HelmImport>> = [{}, { version: 'v3.2.1' }, { version: '1.0.0-rc.1+build.5' }, { repo: 'oci://r.example.org/charts' }, { values: { a: 1 } }];
  for (const g of good) {
    it(`accepts ${JSON.stringify(g)}`, () => expect(() => checkHelmImport({ ...base, ...g }, 'l')).not.to.throw());
  }
  const bad: Array<[Partial<HelmImport>, RegExp]> = [
    [{ version: '^3.2.1' }, /exact/],
    [{ version: '3.2' }, /exact/],
    [{ version: '3.2.*' }, /exact/],
    [{ version: '>=3.2.1 <4' }, /exact/],
    [{ version: '' }, /exact/],
    [{ chart: '../etc' }, /chart name/],
    [{ chart: 'a/b' }, /chart name/],
    [{ repo: '' }, /repo/],
    [{ repo: 'https://user:secret@charts.example.org' }, /credentials in the repo URL/],
    [{ values: [] as unknown as Record<string, unknown> }, /mapping/],
    [{ repo: 'https://github.com/myorg/charts', version: 'main' }, /is a Git repository/],
    [{ repo: 'git@github.com:myorg/charts.git' }, /is a Git repository/],
    [{ repo: 'https://git.example.org/charts.git' }, /is a Git repository/],
  ];
  for (const [b, says] of bad) {
    it(`refuses ${JSON.stringify(b)}`, () => {
      const e = thrown(() => checkHelmImport({ ...base, ...b }, 'l'));
      expect(e.code).to.equal('IMPORT_INVALID');
      expect(e.message).to.match(says);
      expect(e.message).not.to.contain('secret');
    });
  }
  it('says what to write instead of a Git repo: (package, push, import from oci://), naming path: when given', () => {
    const e = thrown(() => checkHelmImport({ ...base, repo: 'https://github.com/myorg/platform.git', version: 'v2', path: 'deploy/charts/platform-crds' }, 'l'));
    expect(e.message).to.equal(
      'repo: https://github.com/myorg/platform.git is a Git repository, and charts are read from chart repositories here (https with index.yaml, or oci://): package the chart (helm package <clone>/deploy/charts/platform-crds), push it (helm push platform-crds-<version>.tgz oci://<registry>/<path>), and import {repo: oci://<registry>/<path>, chart: platform-crds, version: <chart version>}',
    );
  });
  it('labels without userinfo, query or trailing slash', () => {
    expect(helmLabel({ ...base, repo: 'https://u:tok@charts.example.org/stable/?token=x' })).to.equal('helm:https://charts.example.org/stable/platform-crds@3.2.1');
    expect(helmLabel({ ...base, repo: 'oci://r.example.org/charts' })).to.equal('helm:oci://r.example.org/charts/platform-crds@3.2.1');
  });
});
