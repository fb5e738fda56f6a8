// The security properties of the rendered Deployment, for the default and the full values: the
// private key reaches the resolver only, the controller reads the bundle read-only and holds no
// credential, every container meets Pod Security "restricted", and a rollout never removes a
// running pod before its replacement is ready.
import { expect } from 'chai';
import { getHelm } from '../../support/tools.js';
import { findObject, parseManifests, podSpecOf, renderChart, VALUE_SETS, type K8sObject } from './render.js';

interface Volume { name: string; secret?: { secretName: string }; projected?: { sources: { secret?: { name: string } }[] } }
interface Mount { name: string; mountPath: string; readOnly?: boolean }

/** Names of the volumes that expose the given Secret, directly or projected. */
function volumesOfSecret(volumes: Volume[], secret: string): string[] {
  return volumes
    .filter((v) => v.secret?.secretName === secret || (v.projected?.sources ?? []).some((s) => s.secret?.name === secret))
    .map((v) => v.name);
}

function allContainers(pod: any): any[] {
  return [...(pod.initContainers ?? []), ...pod.containers];
}

for (const set of VALUE_SETS) {
  describe(`charts/orkestra: security of the rendered pod (${set.name})`, function () {
    this.timeout(300_000);
    let objects: K8sObject[];
    let pod: any;
    let resolver: any;
    let controller: any;

    before(async function () {
      objects = parseManifests(await renderChart(await getHelm({ major: 3 }), set.args));
      pod = podSpecOf(objects);
      resolver = pod.initContainers.find((c: any) => c.name === 'resolver');
      controller = pod.containers.find((c: any) => c.name === 'controller');
      expect(resolver, 'init container resolver').to.be.an('object');
      expect(controller, 'container controller').to.be.an('object');
    });

    it('mounts the signing-key Secret in the resolver only, never in the controller', () => {
      // The generated Secret, or the user's own (signing.existingSecret): whichever the resolver's key comes from.
      const keyMount = (resolver.volumeMounts as Mount[]).find((m) => m.mountPath === '/etc/orkestra/signing-key')!;
      const keySecret: string = pod.volumes.find((v: Volume) => v.name === keyMount.name).secret.secretName;
      const generated = objects.filter((o) => o.kind === 'Secret' && o.data?.['key.pem']);
      expect(generated.map((s) => s.metadata.name)).to.deep.equal(generated.length > 0 ? [keySecret] : []);
      if (generated.length === 0) expect(keySecret).to.equal('platform-bundle-signing');
      const keyVolumes = volumesOfSecret(pod.volumes, keySecret);
      expect(keyVolumes).to.have.length.greaterThan(0);
      for (const c of allContainers(pod)) {
        const mounted = (c.volumeMounts as Mount[]).filter((m) => keyVolumes.includes(m.name));
        if (c.name === 'resolver') expect(mounted.map((m) => m.mountPath)).to.deep.equal(['/etc/orkestra/signing-key']);
        else expect(mounted, `${c.name} mounts the private key`).to.deep.equal([]);
      }
      if (generated.length > 0) expect(generated[0]!.type).to.equal('Opaque');
      const keyVolume = pod.volumes.find((v: Volume) => v.name === keyVolumes[0]);
      expect(keyVolume.secret.defaultMode).to.equal(0o440);
    });

    it('gives the controller no Secret-backed volume at all and only the certificate as its key', () => {
      const secretVolumes = (pod.volumes as Volume[]).filter((v) => v.secret || v.projected).map((v) => v.name);
      const controllerMounts = (controller.volumeMounts as Mount[]).map((m) => m.name);
      expect(controllerMounts.filter((m) => secretVolumes.includes(m))).to.deep.equal([]);
      const keyArg = controller.args[controller.args.indexOf('--key') + 1];
      const certMap = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.endsWith('-signing-cert'));
      if (certMap) {
        expect(keyArg).to.equal('/etc/orkestra/signing-cert/cert.pem');
        expect(certMap.data['cert.pem']).to.match(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n?$/);
        expect(certMap.data['cert.pem']).not.to.include('PRIVATE KEY');
      } else {
        // signing.existingPublicKeyConfigMap: the user's public key, never a Secret.
        expect(keyArg).to.equal('/etc/orkestra/signing-cert/public.pem');
        const publicVolume = pod.volumes.find((v: any) => v.configMap?.name === 'platform-bundle-signing-public');
        expect(publicVolume.configMap.items).to.deep.equal([{ key: 'public.pem', path: 'public.pem' }]);
      }
    });

    it('mounts the bundle read-only in the controller and writable in the resolver', () => {
      const bundle = (c: any) => (c.volumeMounts as Mount[]).find((m) => m.mountPath === '/var/run/orkestra/bundle');
      expect(bundle(controller)).to.deep.include({ name: 'bundle', readOnly: true });
      expect(bundle(resolver)?.readOnly ?? false).to.equal(false);
      expect(pod.volumes.find((v: any) => v.name === 'bundle')).to.deep.equal({ name: 'bundle', emptyDir: {} });
    });

    it('meets Pod Security "restricted" on the pod and every container', () => {
      expect(pod.securityContext.runAsNonRoot).to.equal(true);
      expect(pod.securityContext.runAsUser).to.be.a('number').and.not.equal(0);
      expect(pod.securityContext.seccompProfile).to.deep.equal({ type: 'RuntimeDefault' });
      expect(pod.hostNetwork ?? false).to.equal(false);
      expect(pod.hostPID ?? false).to.equal(false);
      for (const c of allContainers(pod)) {
        const sc = c.securityContext;
        expect(sc.allowPrivilegeEscalation, c.name).to.equal(false);
        expect(sc.readOnlyRootFilesystem, c.name).to.equal(true);
        expect(sc.capabilities.drop, c.name).to.include('ALL');
        expect(sc.capabilities.add ?? [], c.name).to.deep.equal([]);
        expect(sc.privileged ?? false, c.name).to.equal(false);
        expect(sc.runAsUser ?? pod.securityContext.runAsUser, c.name).not.to.equal(0);
        expect(c.ports?.some((p: any) => p.hostPort) ?? false, c.name).to.equal(false);
      }
      for (const v of pod.volumes) expect(v.hostPath, v.name).to.equal(undefined);
    });

    it('hands Secret-backed environment variables to the resolver only', () => {
      expect(controller.envFrom ?? []).to.deep.equal([]);
      const fromSecrets = (controller.env as any[]).filter((e) => e.valueFrom?.secretKeyRef);
      expect(fromSecrets).to.deep.equal([]);
      // The chart's own variables, then the user's extraEnv (which are not credentials of the resolver).
      expect((controller.env as any[]).map((e) => e.name).slice(0, 4)).to.deep.equal(['POD_NAME', 'POD_NAMESPACE', 'POD_IP', 'ORKESTRA_REVISION']);
    });

    it('rolls out without taking a running pod down first (maxUnavailable 0)', () => {
      const deployment = findObject(objects, 'Deployment');
      expect(deployment.spec.strategy.type).to.equal('RollingUpdate');
      expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).to.equal(0);
    });
  });
}
