import { expect } from 'chai';
import { expandCommand, kubernetesServiceEnv, resolveEnv, type EnvContext } from './env.js';
import { ContainerConfigError, type Container, type EnvVar, type Pod } from './pod-types.js';

const pod: Pod = {
  metadata: {
    name: 'web-abc', namespace: 'ns1', uid: 'u-1',
    labels: { 'pod-template-hash': '5d49', app: 'web' }, annotations: { note: 'a "quoted" one' },
  },
  spec: { containers: [], serviceAccountName: 'app' },
};

const b64 = (s: string) => Buffer.from(s).toString('base64');
const ctx: EnvContext = {
  net: { podIP: '127.0.0.7', hostIP: '127.0.0.1' },
  serviceEnv: kubernetesServiceEnv('https://127.0.0.1:6443'),
  runtimeEnv: new Map([['PATH', '/usr/bin:/bin'], ['HOSTNAME', 'web-abc']]),
  source: {
    configMap: async (name) => (name === 'cm' ? { metadata: { name, uid: 'c' }, data: { k: 'v', 'bad key': 'x', 'dot.key': 'd' } } : undefined),
    secret: async (name) => (name === 's' ? { metadata: { name, uid: 's' }, data: { pw: b64('p@ss') } } : undefined),
  },
};

const run = (env: EnvVar[], extra: Partial<Container> = {}) => resolveEnv(pod, { name: 'c', env, ...extra }, ctx);

describe('support/pod-runner/env: a container environment as the kubelet builds it', function () {
  const fieldCases: [string, string][] = [
    ['metadata.name', 'web-abc'],
    ['metadata.namespace', 'ns1'],
    ['metadata.uid', 'u-1'],
    ["metadata.labels['pod-template-hash']", '5d49'],
    ["metadata.labels['absent']", ''],
    ["metadata.annotations['note']", 'a "quoted" one'],
    ['spec.serviceAccountName', 'app'],
    ['spec.nodeName', ''],
    ['status.podIP', '127.0.0.7'],
    ['status.podIPs', '127.0.0.7'],
    ['status.hostIP', '127.0.0.1'],
  ];
  for (const [fieldPath, want] of fieldCases) {
    it(`fieldRef ${fieldPath} → ${JSON.stringify(want)}`, async function () {
      const env = await run([{ name: 'X', valueFrom: { fieldRef: { fieldPath } } }]);
      expect(env.get('X')).to.equal(want);
    });
  }

  it('reads ConfigMap and Secret keys, and skips optional ones that are missing', async function () {
    const env = await run([
      { name: 'A', valueFrom: { configMapKeyRef: { name: 'cm', key: 'k' } } },
      { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'pw' } } },
      { name: 'C', valueFrom: { configMapKeyRef: { name: 'cm', key: 'nope', optional: true } } },
      { name: 'D', valueFrom: { secretKeyRef: { name: 'missing', key: 'pw', optional: true } } },
    ]);
    expect(env.get('A')).to.equal('v');
    expect(env.get('B')).to.equal('p@ss');
    expect(env.has('C')).to.equal(false);
    expect(env.has('D')).to.equal(false);
  });

  const errorCases: [string, EnvVar, string][] = [
    ['a missing ConfigMap', { name: 'A', valueFrom: { configMapKeyRef: { name: 'gone', key: 'k' } } }, 'configmap "gone" not found'],
    ['a missing ConfigMap key', { name: 'A', valueFrom: { configMapKeyRef: { name: 'cm', key: 'nope' } } }, "couldn't find key nope in ConfigMap ns1/cm"],
    ['a missing Secret', { name: 'A', valueFrom: { secretKeyRef: { name: 'gone', key: 'k' } } }, 'secret "gone" not found'],
    ['a missing Secret key', { name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'nope' } } }, "couldn't find key nope in Secret ns1/s"],
    ['an unsupported fieldRef', { name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.hostname' } } }, 'not supported'],
  ];
  for (const [what, v, message] of errorCases) {
    it(`rejects ${what} with a ContainerConfigError`, async function () {
      const err = await run([v]).then(() => undefined, (e: unknown) => e);
      expect(err).to.be.instanceOf(ContainerConfigError);
      expect((err as Error).message).to.include(message);
    });
  }

  it('expands values from what is defined before and from the service variables, never valueFrom results', async function () {
    const env = await run([
      { name: 'LATER_REF', value: '$(NAME)' },
      { name: 'NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'REF', value: '$(NAME)@$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT)' },
      { name: 'RAW', valueFrom: { configMapKeyRef: { name: 'cm', key: 'k' } } },
      { name: 'KUBERNETES_SERVICE_PORT', value: 'overridden' },
    ]);
    expect(env.get('LATER_REF')).to.equal('$(NAME)');
    expect(env.get('REF')).to.equal('web-abc@127.0.0.1:6443');
    expect(env.get('KUBERNETES_SERVICE_PORT')).to.equal('overridden');
    expect(env.get('KUBERNETES_SERVICE_PORT_HTTPS')).to.equal('6443');
    expect(env.get('PATH')).to.equal('/usr/bin:/bin');
  });

  it('takes envFrom first (with prefix, skipping invalid names), then env overrides it', async function () {
    const env = await run([{ name: 'P_k', value: 'from env' }], {
      envFrom: [{ configMapRef: { name: 'cm' }, prefix: 'P_' }, { secretRef: { name: 's' } }, { configMapRef: { name: 'gone', optional: true } }],
    });
    expect(Object.fromEntries([...env].filter(([k]) => !k.startsWith('KUBERNETES_') && k !== 'PATH' && k !== 'HOSTNAME')))
      .to.deep.equal({ P_k: 'from env', 'P_dot.key': 'd', pw: 'p@ss' });
  });

  it('expands command and args from the final environment', function () {
    const out = expandCommand({ name: 'c', command: ['ork'], args: ['--addr', '$(POD_IP):8080', '$$(POD_IP)', '$(NONE)'] }, new Map([['POD_IP', '127.0.0.7']]));
    expect(out).to.deep.equal({ command: ['ork'], args: ['--addr', '127.0.0.7:8080', '$(POD_IP)', '$(NONE)'] });
  });
});
