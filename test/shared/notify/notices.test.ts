// Which held conditions become notices: a status field's `when`, a child's `when`, a rule's `when`;
// not a condition that does not hold, nor one without notify; the key stable across renders and
// the older list form read as teams.
import { expect } from 'chai';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import { noticeOf, notifyOf } from '../../../shared/notify/notices.js';
import { renderStatus } from '../../../shared/render/index.js';
import { makeCr, render } from '../render/fixtures.js';

const failing = { field: 'spec.replicas', lt: 3, notify: { teams: ['ops'], message: '{{ .metadata.name }} is small' } };

describe('shared/notify notices', () => {
  it('collects held notify conditions of status fields apart from the children\'s and the rules\'', () => {
    const entry = {
      operatorBox: {
        onReconcile: { configMaps: [{ name: 'cfg', data: { a: 'b' }, when: [{ field: 'spec.image', exists: true, notify: ['dev'] }] }] },
        status: { fields: [{ path: 'phase', value: 'Small', when: [failing] }, { path: 'big', value: 'yes', when: [{ field: 'spec.replicas', gte: 3, notify: { teams: ['ops'] } }] }] },
      },
    } as unknown as CrdEntry;
    const result = render(entry, makeCr({ replicas: 2 }));
    expect(result.notices.map((n) => [n.key, n.teams])).to.deep.equal([['spec.image|exists|true', ['dev']]]);
    expect(result.statusNotices.map((n) => [n.key, n.teams, n.message])).to.deep.equal([['spec.replicas|lt|3', ['ops'], '{{ .metadata.name }} is small']]);
    expect((result.statusNotices[0]!.data as { metadata: { name: string } }).metadata.name).to.equal('blog');
    expect(render(entry, makeCr({ replicas: 5 })).statusNotices.map((n) => n.key)).to.deep.equal(['spec.replicas|gte|3']);
  });

  it('renderStatus adds its own notices to the sink it is given, none without one', () => {
    const entry = { operatorBox: { status: { fields: [{ path: 'phase', value: 'Small', when: [failing] }] } } } as unknown as CrdEntry;
    const sink: never[] = [];
    renderStatus({ crdName: 'website', entry, cr: makeCr({ replicas: 1 }), katalogName: 'demo' }, {}, sink);
    expect(sink).to.have.length(1);
    expect(() => renderStatus({ crdName: 'website', entry, cr: makeCr({ replicas: 1 }), katalogName: 'demo' }, {})).not.to.throw();
  });

  it('reads both notify forms and ignores the empty ones', () => {
    const cases: Array<[unknown, unknown]> = [
      [{ teams: ['a', 'b'], message: 'm' }, { teams: ['a', 'b'], message: 'm' }],
      [['a'], { teams: ['a'] }],
      [{ teams: [] }, undefined],
      ['ops', undefined],
    ];
    for (const [input, want] of cases) expect(notifyOf(input), JSON.stringify(input)).to.deep.equal(want);
    expect(noticeOf({ field: 'x', operator: 'in', value: 'a,b', notify: ['t'] }, {})?.key).to.equal('x|in|a,b');
    expect(noticeOf({ field: 'x', equals: 1 }, {})).to.equal(undefined);
  });
});
