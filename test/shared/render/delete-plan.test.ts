// The delete plan of a CR: Jobs to run, objects to delete by kind and name, ordered groups with
// their labels, gates and timeout.
import { expect } from 'chai';
import { OrkError } from '../../../shared/errors.js';
import { parseKatalog } from '../../../shared/katalog/index.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import { renderDeletePlan, type DeletePlan } from '../../../shared/render/index.js';
import { KINDS } from '../../../shared/render/kinds/index.js';
import { issueLines, makeCr, render } from './fixtures.js';

/** The entry as the loader builds it (block settings moved to phaseSettings). */
function entryOf(onDelete: string): CrdEntry {
  const text = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: demo}
spec:
  crds:
    website:
      apiTypes: {group: examples.orkspace.io, version: v1, kind: Website, plural: websites}
      operatorBox:
        onDelete:
${onDelete.split('\n').map((l) => `          ${l}`).join('\n')}
`;
  const parsed = parseKatalog(text, 'k.yaml');
  expect(parsed.issues.filter((i) => i.severity === 'error'), 'load errors').to.deep.equal([]);
  return parsed.document!.spec.crds.website!;
}

const plan = (entry: CrdEntry, spec: Record<string, unknown> = {}) =>
  renderDeletePlan({ crdName: 'website', entry, cr: makeCr(spec), katalogName: 'demo' });

const summary = (p: DeletePlan) => p.groups.map((g) => ({
  label: g.label,
  jobs: g.jobs.map((j) => j.object.metadata.name),
  targets: g.targets.map((t) => `${t.kind} ${t.namespace ?? ''}/${t.name}`),
}));

describe('shared/render delete plan', () => {
  it('unordered: Jobs to run and the other entries as objects to delete, one group, no timeout', () => {
    const p = plan(entryOf('jobs:\n  - {name: "{{ .metadata.name }}-backup", image: "busybox:1.36"}\ndeployments:\n  - name: "{{ .metadata.name }}"\nconfigMaps:\n  - {}\ncustom:\n  - {apiVersion: example.com/v1, kind: Bucket, name: b1, namespace: store}'));
    expect(p.ordered).to.equal(false);
    expect(p.timeoutMs).to.equal(0);
    expect(summary(p)).to.deep.equal([{ label: 'onDelete', jobs: ['blog-backup'], targets: ['Deployment default/blog', 'ConfigMap default/blog-config', 'Bucket store/b1'] }]);
    expect(p.groups[0]!.jobs[0]!.object.metadata.ownerReferences?.[0]?.name).to.equal('blog');
  });

  it('ordered groups in order with their names, group gates and the timeout; a group without name is numbered', () => {
    const p = plan(entryOf([
      'ordered: true',
      'timeout: 90s',
      'groups:',
      '  - name: drain',
      '    jobs: [{image: "busybox:1.36"}]',
      '  - when: [{field: spec.keepData, equals: true}]',
      '    secrets: [{name: skipped}]',
      '  - services: [{name: "{{ .metadata.name }}-svc"}]',
      '    configMaps:',
      '      - {name: "data-{{ .item }}", forEach: {field: spec.disks}}',
    ].join('\n')), { disks: ['a', 'b'] });
    expect(p).to.include({ ordered: true, timeoutMs: 90_000 });
    expect(summary(p)).to.deep.equal([
      { label: 'drain', jobs: ['blog-job'], targets: [] },
      { label: 'group 3', jobs: [], targets: ['Service default/blog-svc', 'ConfigMap default/data-a', 'ConfigMap default/data-b'] },
    ]);
  });

  it('ordered without groups: the flat lists are one group; the timeout defaults to 5m', () => {
    const p = plan(entryOf('ordered: true\nconfigMaps: [{name: a}]'));
    expect(p.timeoutMs).to.equal(300_000);
    expect(summary(p)).to.deep.equal([{ label: 'onDelete', jobs: [], targets: ['ConfigMap default/a'] }]);
  });

  it("a Job's sleep holds it back by its own sleep plus the sleeps of the Jobs before it, across ordered groups; capped at 10m", () => {
    const offsets = (p: DeletePlan) => p.groups.flatMap((g) => g.jobs.map((j) => `${j.object.metadata.name}:${j.startAfterMs ?? 0}`));
    expect(offsets(plan(entryOf('jobs:\n  - {name: a, image: i, sleep: 10s}\n  - {name: b, image: i}\n  - {name: c, image: i, sleep: "{{ .spec.wait }}"}'), { wait: '1m' }))).to.deep.equal(['a:10000', 'b:10000', 'c:70000']);
    const ordered = entryOf('ordered: true\ngroups:\n  - jobs: [{name: a, image: i}]\n  - jobs: [{name: b, image: i, sleep: 2h}]\n  - jobs: [{name: c, image: i, sleep: 5s}]');
    expect(offsets(plan(ordered))).to.deep.equal(['a:0', 'b:600000', 'c:605000']);
    expect(offsets(plan(entryOf('jobs:\n  - {name: a, image: i}')))).to.deep.equal(['a:0']);
  });

  it('names every problem with its path', () => {
    try {
      // The loader refuses an unknown list; a bundle written by hand reaches the plan with one.
      plan({ operatorBox: { phaseSettings: { onDelete: { ordered: true, groups: [{ configMaps: [{ name: 'Bad_Name' }], widgets: [{ name: 'x' }] } as never] } } } });
      expect.fail('expected RENDER_INVALID');
    } catch (e) {
      expect(e).to.be.instanceOf(OrkError);
      expect(issueLines(e as OrkError)).to.deep.equal([
        'operatorBox.onDelete.groups[0].configMaps[0].name: invalid name "Bad_Name": use lower-case letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (CR default/blog)',
        `operatorBox.onDelete.groups[0].widgets: not a resource list; lists are ${Object.keys(KINDS).join(', ')} (CR default/blog)`,
      ]);
    }
  });

  it('renderDesired renders only the onDelete Jobs as children: a name-only Deployment there is no child', () => {
    const r = render(entryOf('jobs: [{image: "busybox:1.36"}]\ndeployments: [{name: web}]'));
    expect(r.onDelete.map((c) => `${c.object.kind}/${c.object.metadata.name}`)).to.deep.equal(['Job/blog-job']);
  });
});
