import { expect } from 'chai';
import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../tools.js';
import { ContainerConfigError, type Container, type PodSpec } from './pod-types.js';
import { identityFor, planMounts, setprivOptions, type MountRequest } from './sandbox-plan.js';

const dirMount = (target: string, readOnly = false): MountRequest => ({ source: '/src', target, readOnly, isFile: false });

describe('support/pod-runner/sandbox-plan: where mounts go and who the process is', function () {
  describe('planMounts', function () {
    it('overlays the deepest existing ancestor of a missing path and resolves host symlinks', function () {
      const root = tempDir('plan');
      mkdirSync(join(root, 'a'));
      const layout = planMounts([dirMount(join(root, 'a/b/c')), dirMount('/var/run/pod-runner-test/x')]);
      const run = realpathSync('/var/run');
      expect(layout.binds.map((b) => b.target)).to.have.members([join(root, 'a/b/c'), `${run}/pod-runner-test/x`]);
      expect(layout.overlays).to.have.members([join(root, 'a'), run]);
    });

    it('needs no overlay for an existing directory or a path inside an earlier mount, and mounts parents first', function () {
      const layout = planMounts([dirMount('/tmp/inside/deeper'), dirMount('/tmp')]);
      expect(layout.overlays).to.deep.equal([]);
      expect(layout.binds.map((b) => b.target)).to.deep.equal(['/tmp', '/tmp/inside/deeper']);
    });

    it('keeps only the outermost overlay', function () {
      const root = tempDir('plan');
      mkdirSync(join(root, 'sub'));
      const layout = planMounts([dirMount(join(root, 'sub/x/y')), dirMount(join(root, 'new/z'))]);
      expect(layout.overlays).to.deep.equal([root]);
    });

    const rejected: [string, MountRequest[], string][] = [
      ['a path whose only existing ancestor is /', [dirMount('/pod-runner-no-such-dir/x')], 'overlay over /'],
      ['a path under /proc', [dirMount('/proc/pod-runner')], 'under /proc'],
      ['a file mount over a directory', [{ source: '/f', target: '/tmp', readOnly: false, isFile: true }], 'is a directory on the host'],
      ['a relative mountPath', [dirMount('relative/path')], 'must be absolute'],
      ['the same mountPath twice', [dirMount('/tmp'), dirMount('/tmp')], 'used twice'],
    ];
    for (const [what, requests, message] of rejected) {
      it(`rejects ${what}`, function () {
        expect(() => planMounts(requests)).to.throw(ContainerConfigError, message);
      });
    }
  });

  describe('identityFor / setprivOptions', function () {
    const c = (securityContext?: Container['securityContext']): Container => ({ name: 'c', securityContext });
    const cases: [string, PodSpec['securityContext'], Container, { uid: number; gid: number; groups: number[] }][] = [
      ['root when nothing is set', undefined, c(), { uid: 0, gid: 0, groups: [] }],
      ['the pod\'s user, group and fsGroup', { runAsUser: 10, runAsGroup: 20, fsGroup: 30, supplementalGroups: [40, 30] }, c(), { uid: 10, gid: 20, groups: [30, 40] }],
      ['the container overriding the pod', { runAsUser: 10, runAsGroup: 20 }, c({ runAsUser: 11, runAsGroup: 21 }), { uid: 11, gid: 21, groups: [] }],
      ['group 0 for a user without runAsGroup', { runAsUser: 10 }, c(), { uid: 10, gid: 0, groups: [] }],
    ];
    for (const [what, podSc, container, want] of cases) {
      it(what, function () {
        expect(identityFor({ containers: [], securityContext: podSc }, container)).to.deep.equal(want);
      });
    }

    it('refuses runAsNonRoot without a uid, and with uid 0', function () {
      expect(() => identityFor({ containers: [], securityContext: { runAsNonRoot: true } }, c())).to.throw(ContainerConfigError, 'no runAsUser');
      expect(() => identityFor({ containers: [], securityContext: { runAsNonRoot: true, runAsUser: 0 } }, c())).to.throw(ContainerConfigError, 'non-root');
    });

    it('maps allowPrivilegeEscalation false and drop ALL to setpriv options', function () {
      expect(setprivOptions({ uid: 1, gid: 2, groups: [] }, c({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } })))
        .to.deep.equal(['--reuid=1', '--regid=2', '--clear-groups', '--no-new-privs', '--bounding-set=-all', '--inh-caps=-all']);
      expect(setprivOptions({ uid: 0, gid: 0, groups: [5, 6] }, c())).to.deep.equal(['--reuid=0', '--regid=0', '--groups=5,6']);
    });
  });
});
