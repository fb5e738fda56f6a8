import { expect } from 'chai';
import type { Issue } from '../../../shared/errors.js';
import { childrenContext, renderStatus, statusReadsChildren, type KubeObject } from '../../../shared/render/index.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import { makeCr, render } from './fixtures.js';

const entry: CrdEntry = {
  operatorBox: {
    onReconcile: {
      deployments: [{ image: '{{ .spec.image }}' }, { name: '{{ .metadata.name }}-worker', image: 'worker:1' }],
      services: [{ port: 80 }],
      jobs: [{ name: '{{ .metadata.name }}-migrate', image: 'migrate:1' }],
    },
    status: {
      fields: [
        { path: 'ready', value: '{{ get .children.deployment "status" "readyReplicas" }}', type: 'int' },
        { path: 'worker', value: '{{ containerImage (index .children.deployments "blog-worker") }}' },
        { path: 'migrated', value: '{{ jobSucceeded .children.job }}', type: 'bool' },
        { path: 'serviceThere', value: '{{ resourceExists .children.service }}', type: 'bool' },
        { path: 'name', value: '{{ .metadata.name }}' },
      ],
    },
  },
};

/** The rendered children as the server would hold them: with status where controllers set it. */
function liveOf(desired: KubeObject[]): KubeObject[] {
  return desired
    .filter((o) => o.kind !== 'Service')
    .map((o) => {
      if (o.metadata.name === 'blog-deployment') return { ...o, status: { readyReplicas: 2 } };
      if (o.kind === 'Job') return { ...o, status: { succeeded: 1 } };
      return o;
    });
}

describe('shared/render .children for status fields', () => {
  const rendered = render(entry);
  const live = liveOf(rendered.children.map((c) => c.object));
  const children = childrenContext(rendered.children, live);

  it('has a plural map by name and the first declared child as the singular, with a status map', () => {
    expect(Object.keys(children).sort()).to.deep.equal(['deployment', 'deployments', 'job', 'jobs', 'service', 'services']);
    expect(Object.keys(children.deployments as object)).to.deep.equal(['blog-deployment', 'blog-worker']);
    expect((children.deployment as KubeObject).metadata.name).to.equal('blog-deployment');
    expect((children.deployments as Record<string, KubeObject>)['blog-worker']!.status).to.deep.equal({});
  });

  it('a declared child not live yet is a placeholder, and its plural map is empty', () => {
    expect(children.service).to.deep.equal({ _placeholder: true, status: {} });
    expect(children.services).to.deep.equal({});
  });

  it('does not change the live objects it was given', () => {
    expect(live.find((o) => o.metadata.name === 'blog-worker')).to.not.have.property('status');
  });

  it('the first render leaves fields reading .children out; renderStatus fills them from the live children', () => {
    expect(rendered.status).to.deep.equal({ name: 'blog', migrated: false, serviceThere: false });
    const input = { crdName: 'website', entry, cr: makeCr(), katalogName: 'demo' };
    expect(renderStatus(input, children)).to.deep.equal({ ready: 2, worker: 'worker:1', migrated: true, serviceThere: false, name: 'blog' });
  });

  it('a status template failing on child data leaves that field out, naming it, and writes the others', () => {
    const bad: CrdEntry = { operatorBox: { status: { fields: [{ path: 'x', value: '{{ .children.deployment.metadata.name.first }}' }, { path: 'y', value: '{{ .children.deployment.metadata.name }}' }] } } };
    const skipped: Issue[] = [];
    expect(renderStatus({ crdName: 'website', entry: bad, cr: makeCr(), katalogName: 'demo' }, children, undefined, skipped)).to.deep.equal({ y: 'blog-deployment' });
    expect(skipped.map((i) => i.path)).to.deep.equal(['operatorBox.status.fields[0].value']);
    expect(skipped[0]!.message).to.contain('the status field is not written this time');
  });

  it('kept children (not rendered now, not pruned) are read too: after the rendered ones, the singular only when none is rendered', () => {
    const job = (name: string, created: string, status?: object): KubeObject => ({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'web', creationTimestamp: created }, ...(status ? { status } : {}),
    });
    const build = job('blog-build', '2024-01-01T00:00:01Z', { succeeded: 1 });
    const test = job('blog-test', '2024-01-01T00:00:09Z', { failed: 1 });
    // Nothing rendered now (every step's `when` false): the newest kept Job is the singular.
    const idle = childrenContext([], [], [build, test]);
    expect((idle.job as KubeObject).metadata.name).to.equal('blog-test');
    expect(Object.keys(idle.jobs as object)).to.deep.equal(['blog-test', 'blog-build']);
    // A rendered Job (the current step) wins the singular even before it has a status.
    const current = childrenContext(rendered.children, live, [build]);
    expect((current.job as KubeObject).metadata.name).to.equal('blog-migrate');
    expect(Object.keys(current.jobs as object)).to.deep.equal(['blog-migrate', 'blog-build']);
    // An object being deleted, or a kind no list names, is not read.
    const gone = { ...build, metadata: { ...build.metadata, deletionTimestamp: '2024-01-01T00:01:00Z' } };
    expect(childrenContext([], [], [gone, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'p' } }])).to.deep.equal({});
  });

  it('statusReadsChildren: only entries whose status fields mention .children', () => {
    expect(statusReadsChildren(entry)).to.equal(true);
    expect(statusReadsChildren({ operatorBox: { status: { fields: [{ path: 'a', value: '{{ .spec.x }}' }] } } })).to.equal(false);
    expect(statusReadsChildren({})).to.equal(false);
    // A condition on a bare dot path (upstream's state machine: `field: children.job.status.succeeded`).
    const gated = { operatorBox: { status: { fields: [{ path: 'phase', value: 'Next', when: [{ field: 'children.job.status.succeeded', greaterThan: '0' }] }] } } };
    expect(statusReadsChildren(gated as never)).to.equal(true);
    const other = { operatorBox: { status: { fields: [{ path: 'phase', value: 'x', when: [{ field: 'spec.childrenCount', equals: '1' }] }] } } };
    expect(statusReadsChildren(other as never)).to.equal(false);
  });
});
