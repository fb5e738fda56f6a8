// Two runtime keys of a child the renderer hands to the controller: `sleep` (a pause after the
// child is written, pause.ts: extended units, templated, capped) and a custom child's initial
// `status` (written once after create, never part of the applied object; `hasStatus: false` says
// never).
import { expect } from 'chai';
import { MAX_PAUSE_MS, pauseOf } from '../../../shared/render/pause.js';
import { Problems } from '../../../shared/render/problems.js';
import { issueLines, makeCr, reconcile, render, renderError } from './fixtures.js';

describe('shared/render sleep and a custom child\'s initial status', () => {
  it('reads sleep as a pause in milliseconds: Go units, extended units, templates, numbers as seconds', () => {
    const cases: [unknown, number | undefined][] = [
      ['2s', 2000], ['1m30s', 90_000], ['250ms', 250], ['1.5s', 1500], [3, 3000], ['0s', undefined], ['', undefined], [undefined, undefined],
      ['{{ .spec.delay }}', 4000],
    ];
    for (const [raw, want] of cases) {
      const problems = new Problems('blog');
      const scope = { data: { spec: { delay: '4s' } }, problems } as never;
      expect(pauseOf(raw, scope, 'x.sleep', problems), String(raw)).to.equal(want);
      expect(problems.issues, String(raw)).to.deep.equal([]);
    }
  });

  it('caps a pause at 10 minutes with a warning, and refuses text that is not a duration', () => {
    const problems = new Problems('blog');
    const scope = { data: {}, problems } as never;
    expect(pauseOf('1w', scope, 'e.sleep', problems)).to.equal(MAX_PAUSE_MS);
    expect(pauseOf('soon', scope, 'e.sleep', problems)).to.equal(undefined);
    expect(pauseOf('-5s', scope, 'e.sleep', problems)).to.equal(undefined);
    expect([...problems.warnings, ...problems.issues].map((i) => `${i.severity} ${i.path}: ${i.message}`)).to.deep.equal([
      'warning e.sleep: 1w is longer than the 10m0s a child may pause the reconcile; paused 10m0s (CR blog)',
      'error e.sleep: "soon" is not a duration; write it like 5s, 2m or 1h (units ms, s, m, h, d, w, mo, y) (CR blog)',
      'error e.sleep: "-5s" is not a duration; write it like 5s, 2m or 1h (units ms, s, m, h, d, w, mo, y) (CR blog)',
    ]);
  });

  it('puts the pause on the rendered child, not in its object', () => {
    const { children } = render(reconcile({ configMaps: [{ name: 'a', data: { k: 'v' }, sleep: '{{ .spec.pause }}' }, { name: 'b' }] }), makeCr({ pause: '2s' }));
    expect(children.map((c) => c.pauseMs)).to.deep.equal([2000, undefined]);
    expect(children[0]!.object).to.not.have.property('sleep');
    expect(issueLines(renderError(reconcile({ configMaps: [{ name: 'a', sleep: 'later' }] })))[0]).to.match(/configMaps\[0\]\.sleep: "later" is not a duration/);
  });

  it('hands a custom child\'s rendered status to the controller and keeps it out of the object', () => {
    const entry = (extra: Record<string, unknown>) => reconcile({ custom: [{ apiVersion: 'example.org/v1', kind: 'Seed', name: 's', spec: { size: 1 }, status: { phase: 'Pending', owner: '{{ .metadata.name }}' }, ...extra }] });
    const [child] = render(entry({})).children;
    expect(child!.initialStatus).to.deep.equal({ phase: 'Pending', owner: 'blog' });
    expect(child!.object).to.not.have.property('status');
    expect(child!.object.spec).to.deep.equal({ size: 1 });
    expect(render(entry({ hasStatus: true })).children[0]!.initialStatus).to.deep.equal({ phase: 'Pending', owner: 'blog' });
    expect(render(entry({ hasStatus: false })).children[0]!.initialStatus).to.equal(undefined);
    expect(render(entry({ status: {} })).children[0]!.initialStatus).to.equal(undefined);
    expect(issueLines(renderError(entry({ hasStatus: 'maybe' })))[0]).to.match(/custom\[0\]\.hasStatus: /);
  });
});
