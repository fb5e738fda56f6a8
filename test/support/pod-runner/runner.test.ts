// The pod runner against the real control plane: Deployments whose Pods it runs as local processes.
// Each test checks what a container really saw (env, mounts, identity, token) through the server
// the container runs, and what the API shows (status, Deployment availability, rollouts).
import { expect } from 'chai';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../cluster.js';
import { poll } from '../poll.js';
import { repoRoot, tempDir } from '../tools.js';
import { startPodRunner, type PodRunner, type RunnerPodView } from './runner.js';

const INSTANCE = 'runner-test';
const SELECTOR = `app.kubernetes.io/instance=${INSTANCE}`;

// The main container: an HTTP server on $(POD_IP) that reports what the process sees.
const SERVER_JS = String.raw`
const http = require('node:http'), https = require('node:https'), fs = require('node:fs');
const [ip, escaped] = process.argv.slice(1);
let unready = false;
const status = (key) => fs.readFileSync('/proc/self/status', 'utf8').match(new RegExp('^' + key + ':(.*)$', 'm'))[1].trim();
const tryWrite = (p) => { try { fs.writeFileSync(p, 'x'); return 'ok'; } catch (e) { return e.code; } };
const kube = (path, tokenFile) => new Promise((resolve) => {
  const sa = '/var/run/secrets/kubernetes.io/serviceaccount/';
  const req = https.get({ host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT, path,
    ca: fs.readFileSync(sa + 'ca.crt'), headers: { authorization: 'Bearer ' + fs.readFileSync(tokenFile || sa + 'token', 'utf8') } }, (res) => {
    let body = ''; res.on('data', (d) => body += d); res.on('end', () => resolve({ status: res.statusCode, body }));
  });
  req.on('error', (e) => resolve({ status: 0, body: e.message }));
});
http.createServer(async (req, res) => {
  if (req.url === '/readyz') { res.writeHead(unready ? 503 : 200); return res.end(); }
  if (req.url === '/healthz') { res.writeHead(200); return res.end(); }
  if (req.url === '/unready' || req.url === '/ready') { unready = req.url === '/unready'; res.writeHead(200); return res.end(); }
  const ns = fs.readFileSync('/var/run/secrets/kubernetes.io/serviceaccount/namespace', 'utf8');
  const secretStat = fs.statSync('/etc/app/secret/password');
  const facts = {
    argv: [ip, escaped], env: process.env, pid: process.pid,
    uid: process.getuid(), gid: process.getgid(),
    // The kernel's own list: process.getgroups() adds the egid.
    groups: status('Groups').split(/\s+/).filter(Boolean).map(Number),
    noNewPrivs: status('NoNewPrivs'), capBnd: status('CapBnd'), capEff: status('CapEff'),
    fromInit: fs.readFileSync('/var/run/shared/from-init', 'utf8'),
    publicKey: fs.readFileSync('/var/run/shared/pub.pem', 'utf8').split('\n')[0],
    writes: { shared: tryWrite('/var/run/shared/new'), config: tryWrite('/etc/app/config/new'), etc: tryWrite('/etc/pod-runner-test'),
      tmp: tryWrite('/tmp/new'), termination: tryWrite('/dev/termination-log') },
    secret: { mode: (secretStat.mode & 0o7777).toString(8), uid: secretStat.uid, gid: secretStat.gid, value: fs.readFileSync('/etc/app/secret/password', 'utf8') },
    namespace: ns,
    canGetConfigMap: await kube('/api/v1/namespaces/' + ns + '/configmaps/app-config'),
    canListSecrets: (await kube('/api/v1/namespaces/' + ns + '/secrets')).status,
    boundTokenCanGet: (await kube('/api/v1/namespaces/' + ns + '/configmaps/app-config', '/var/run/projected/token')).status,
    boundTokenClaims: JSON.parse(Buffer.from(fs.readFileSync('/var/run/projected/token', 'utf8').split('.')[1], 'base64url').toString()),
    projected: { labels: fs.readFileSync('/var/run/projected/labels', 'utf8'), greeting: fs.readFileSync('/var/run/projected/cfg/greeting', 'utf8') },
  };
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(facts));
}).listen(8080, ip);
process.on('SIGTERM', () => process.exit(0));
`;

const labels = (app: string) => ({ app, 'app.kubernetes.io/instance': INSTANCE });

function webDeployment(revision: string): object {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', labels: labels('web') },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels('web') },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: labels('web'), annotations: { 'test/revision': revision } },
        spec: {
          serviceAccountName: 'app',
          terminationGracePeriodSeconds: 5,
          securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65533, fsGroup: 65534 },
          volumes: [
            { name: 'shared', emptyDir: {} },
            { name: 'tmp', emptyDir: {} },
            { name: 'config', configMap: { name: 'app-config' } },
            { name: 'secret', secret: { secretName: 'app-secret', defaultMode: 0o440 } },
            // A bound token from the TokenRequest API, next to downward API files.
            { name: 'projected', projected: { sources: [
              { serviceAccountToken: { path: 'token', expirationSeconds: 600 } },
              { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
              { configMap: { name: 'app-config', items: [{ key: 'greeting', path: 'cfg/greeting' }] } },
            ] } },
          ],
          initContainers: [{
            name: 'prepare', image: 'example/prepare', command: ['sh'],
            // $(POD_NAME) is the runner's to expand; $(id -u) names no variable and reaches the shell.
            args: ['-c', 'echo "init:$(POD_NAME):$(id -u)" > /var/run/shared/from-init && cat /etc/app/config/file.txt >> /var/run/shared/from-init && hidden-tool >> /var/run/shared/from-init'],
            env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
            volumeMounts: [{ name: 'shared', mountPath: '/var/run/shared' }, { name: 'config', mountPath: '/etc/app/config' }],
          }, {
            // The project's own CLI, mapped into the sandbox through the repository mount.
            name: 'keygen', image: 'example/orkestra', command: ['ork'],
            args: ['keygen', '--out-private', '/var/run/shared/key.pem', '--out-public', '/var/run/shared/pub.pem'],
            securityContext: { readOnlyRootFilesystem: true },
            volumeMounts: [{ name: 'shared', mountPath: '/var/run/shared' }],
          }],
          containers: [{
            name: 'server', image: 'example/server', command: ['node'],
            args: ['-e', SERVER_JS, '--', '$(POD_IP)', '$$(POD_IP)'],
            env: [
              { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
              { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
              { name: 'REVISION', valueFrom: { fieldRef: { fieldPath: "metadata.labels['pod-template-hash']" } } },
              { name: 'GREETING', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'greeting' } } },
              { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'app-secret', key: 'password' } } },
              { name: 'ABSENT', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'no-such-key', optional: true } } },
              { name: 'COMBINED', value: '$(GREETING)-$(POD_NAME)-$(NOT_DEFINED)' },
              { name: 'ESCAPED', value: '$$(GREETING)' },
            ],
            envFrom: [{ configMapRef: { name: 'app-config' }, prefix: 'CFG_' }],
            ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
            // Probe timeouts well above a loaded CI machine's worst answer time: one slow answer must not
            // count as unready (the rolling-update test checks that availability never dips).
            readinessProbe: { httpGet: { path: '/readyz', port: 'http' }, periodSeconds: 10, failureThreshold: 1, timeoutSeconds: 5 },
            livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 5, periodSeconds: 2, timeoutSeconds: 5 },
            securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            volumeMounts: [
              { name: 'shared', mountPath: '/var/run/shared', readOnly: true },
              { name: 'tmp', mountPath: '/tmp' },
              { name: 'config', mountPath: '/etc/app/config' },
              { name: 'secret', mountPath: '/etc/app/secret' },
              { name: 'projected', mountPath: '/var/run/projected' },
            ],
          }],
        },
      },
    },
  };
}

// Attempt 1 fails with only a log line (FallbackToLogsOnError), attempt 2 with a termination
// message file, attempt 3 keeps running so the last state stays observable.
const BROKEN_INIT = `n=$(cat /var/cache/broken/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /var/cache/broken/n
case $n in
  1) echo "cannot reach import https://example.invalid/katalog.yaml" >&2; exit 2 ;;
  2) printf "pin mismatch for import web" > /dev/termination-log; sleep 2; exit 3 ;;
  *) exec sleep 600 ;;
esac`;

function oddDeployment(): object {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'odd', labels: labels('odd') },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels('odd') },
      template: {
        metadata: { labels: labels('odd') },
        spec: {
          automountServiceAccountToken: false,
          terminationGracePeriodSeconds: 1,
          volumes: [{ name: 'counter', emptyDir: {} }],
          initContainers: [{
            name: 'resolver', image: 'example/resolver', command: ['sh'], args: ['-c', BROKEN_INIT],
            terminationMessagePolicy: 'FallbackToLogsOnError',
            volumeMounts: [{ name: 'counter', mountPath: '/var/cache/broken' }],
          }],
          containers: [{ name: 'app', image: 'example/app', command: ['sh'], args: ['-c', 'sleep 600'] }],
        },
      },
    },
  };
}

function misconfiguredDeployment(): object {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'misconfigured', labels: labels('misconfigured') },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels('misconfigured') },
      template: {
        metadata: { labels: labels('misconfigured') },
        spec: {
          terminationGracePeriodSeconds: 1,
          containers: [
            { name: 'unmapped', image: 'example/x', command: ['not-in-the-table'] },
            { name: 'no-command', image: 'example/entrypoint-only' },
            {
              name: 'dead', image: 'example/dead', command: ['sh'], args: ['-c', 'exec sleep 600'],
              // Nothing listens on port 9 of the pod IP: the probe fails, the container restarts.
              livenessProbe: { tcpSocket: { port: 9 }, periodSeconds: 1, failureThreshold: 2 },
            },
          ],
        },
      },
    },
  };
}

async function facts(pod: RunnerPodView): Promise<any> {
  const res = await fetch(`http://${pod.podIP}:8080/facts`);
  expect(res.status).to.equal(200);
  return res.json();
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('support/pod-runner: runs Deployments of the real API server as local processes', function () {
  this.timeout(120_000);
  let cluster: TestCluster;
  let ns: string;
  let runner: PodRunner;
  const api = (path: string) => cluster.client.get(`/api/v1/namespaces/${ns}/${path}`);
  const apps = (path: string) => cluster.client.get(`/apis/apps/v1/namespaces/${ns}/${path}`);
  const webPods = () => runner.pods().filter((p) => p.name.startsWith('web-'));

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
    ns = await newTestNamespace('pod-runner');
    const post = (path: string, body: object) => cluster.client.post(`/api/v1/namespaces/${ns}/${path}`, body);
    await post('serviceaccounts', { metadata: { name: 'app' } });
    await cluster.client.post(`/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/roles`, {
      metadata: { name: 'read-app-config' },
      rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'], verbs: ['get'] }],
    });
    await cluster.client.post(`/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`, {
      metadata: { name: 'app-reads-config' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'read-app-config' },
      subjects: [{ kind: 'ServiceAccount', name: 'app', namespace: ns }],
    });
    await post('configmaps', { metadata: { name: 'app-config' }, data: { greeting: 'hello', LEVEL: 'debug', 'file.txt': 'from the configmap\n' } });
    await post('secrets', { metadata: { name: 'app-secret' }, stringData: { password: 's3cret' } });
    // The ServiceAccount admission plugin needs the token Secret before it admits a pod.
    await poll('the token Secret of ServiceAccount app', 30_000, async () => {
      const sa = await api('serviceaccounts/app');
      return sa.secrets?.length ? true : undefined;
    });
    // A tool in a 0700 directory, as a CI clone's would be: only the runner's mount makes it reachable.
    const hidden = join(tempDir('pod-runner-hidden'), 'tool');
    writeFileSync(hidden, '#!/bin/sh\necho hidden tool ran\n');
    chmodSync(hidden, 0o755);
    runner = await startPodRunner({
      cluster, namespace: ns, selector: SELECTOR,
      commands: { sh: ['/bin/sh'], node: [process.execPath], ork: [process.execPath, join(repoRoot, 'dist/cli/main.js')] },
      pathTools: { 'hidden-tool': hidden },
    });
    await cluster.client.post(`/apis/apps/v1/namespaces/${ns}/deployments`, webDeployment('1'));
    // Every test starts from two available pods, so that any one of them can run alone (--grep).
    const started = Date.now();
    await poll('Deployment web to have 2 available replicas', 90_000, async () => {
      const d = await apps('deployments/web');
      return d.status?.availableReplicas === 2 ? d : undefined;
    }).catch((err: Error) => { throw new Error(`${err.message}\n${runner.describe()}`); });
    console.log(`      (2 pods Ready and available ${((Date.now() - started) / 1000).toFixed(1)} s after the Deployment was created)`);
  });

  after(async function () {
    await runner?.stop();
  });

  it('runs the init containers, then the main one: both pods get Ready with their own loopback IP and the Deployment is available', async function () {
    const deploy = await apps('deployments/web');
    expect(deploy.status).to.include({ readyReplicas: 2, availableReplicas: 2 });
    const pods = (await api(`pods?labelSelector=${encodeURIComponent('app=web')}`)).items;
    expect(pods).to.have.length(2);
    const ips = pods.map((p: any) => p.status.podIP);
    expect(new Set(ips).size).to.equal(2);
    for (const p of pods) {
      expect(p.status.podIP).to.match(/^127\.\d+\.0\.(\d+)$/);
      expect(p.status.podIPs).to.deep.equal([{ ip: p.status.podIP }]);
      expect(p.status.phase).to.equal('Running');
      const cond = Object.fromEntries(p.status.conditions.map((c: any) => [c.type, c.status]));
      expect(cond).to.include({ Initialized: 'True', ContainersReady: 'True', Ready: 'True', PodScheduled: 'True' });
      expect(p.status.initContainerStatuses.map((s: any) => [s.name, s.state.terminated?.exitCode, s.state.terminated?.reason, s.ready]))
        .to.deep.equal([['prepare', 0, 'Completed', true], ['keygen', 0, 'Completed', true]]);
      const main = p.status.containerStatuses[0];
      expect(main).to.include({ name: 'server', ready: true, restartCount: 0 });
      expect(main.state.running.startedAt).to.be.a('string');
    }
  });

  it('resolves env like the kubelet: fieldRef (incl. the pod-template-hash label), ConfigMap and Secret keys, envFrom, $(VAR) expansion', async function () {
    const pod = webPods()[0];
    const f = await facts(pod);
    const podObj = await api(`pods/${pod.name}`);
    expect(f.argv).to.deep.equal([pod.podIP, '$(POD_IP)']);
    expect(f.env).to.include({
      POD_NAME: pod.name,
      POD_NAMESPACE: ns,
      POD_IP: pod.podIP,
      REVISION: podObj.metadata.labels['pod-template-hash'],
      GREETING: 'hello',
      PASSWORD: 's3cret',
      COMBINED: `hello-${pod.name}-$(NOT_DEFINED)`,
      ESCAPED: '$(GREETING)',
      CFG_greeting: 'hello',
      CFG_LEVEL: 'debug',
      HOSTNAME: pod.name,
      KUBERNETES_SERVICE_HOST: new URL(cluster.server).hostname,
      KUBERNETES_SERVICE_PORT: new URL(cluster.server).port,
      PATH: `/run/orkestra-pod-runner/bin:${process.env.PATH}`,
    });
    expect(f.env.REVISION).to.match(/^[a-z0-9]+$/);
    expect(f.env).to.not.have.any.keys('ABSENT', 'HOME', 'KUBECONFIG', 'PWD', 'ORKESTRA_TEST_KUBECONFIG');
  });

  it('mounts volumes where the spec says: init→main through the emptyDir, read-only enforced by the kernel, read-only root, fsGroup on the secret', async function () {
    const pod = webPods()[0];
    const f = await facts(pod);
    expect(f.fromInit).to.equal(`init:${pod.name}:65532\nfrom the configmap\nhidden tool ran\n`);
    expect(f.publicKey).to.equal('-----BEGIN PUBLIC KEY-----');
    expect(f.writes).to.deep.equal({ shared: 'EROFS', config: 'EROFS', etc: 'EROFS', tmp: 'ok', termination: 'ok' });
    expect(f.secret).to.deep.equal({ mode: '440', uid: 0, gid: 65534, value: 's3cret' });
    expect(f.projected.labels).to.include('app="web"\n').and.match(/pod-template-hash="[a-z0-9]+"/);
    expect(f.projected.greeting).to.equal('hello');
    // Nothing of it leaks onto the host.
    for (const path of ['/etc/app', '/var/run/shared', '/dev/termination-log', '/etc/pod-runner-test', '/run/orkestra-pod-runner']) {
      expect(existsSync(path), path).to.equal(false);
    }
  });

  it('runs the process as runAsUser/runAsGroup with fsGroup as its supplementary group, no privilege escalation, no capabilities', async function () {
    const f = await facts(webPods()[1]);
    expect({ uid: f.uid, gid: f.gid, groups: f.groups }).to.deep.equal({ uid: 65532, gid: 65533, groups: [65534] });
    // allowPrivilegeEscalation: false and capabilities.drop [ALL].
    expect({ noNewPrivs: f.noNewPrivs, capBnd: f.capBnd, capEff: f.capEff }).to.deep.equal({ noNewPrivs: '1', capBnd: '0000000000000000', capEff: '0000000000000000' });
  });

  it('mounts service-account tokens (the admission-injected one and a projected TokenRequest one) the API server accepts, limited by the account\'s Role', async function () {
    const pod = webPods()[0];
    const f = await facts(pod);
    expect(f.namespace).to.equal(ns);
    expect(f.canGetConfigMap.status).to.equal(200);
    expect(JSON.parse(f.canGetConfigMap.body).data.greeting).to.equal('hello');
    expect(f.canListSecrets).to.equal(403);
    expect(f.boundTokenCanGet).to.equal(200);
    // A TokenRequest token, bound to this pod (a legacy Secret token has no such claim).
    expect(f.boundTokenClaims['kubernetes.io'].pod.name).to.equal(pod.name);
  });

  it('readiness follows the probe: an unready container turns the Pod Ready=False and the Deployment counts it', async function () {
    const pod = webPods()[0];
    const readyOf = async () => {
      const p = await api(`pods/${pod.name}`);
      return p.status.conditions.find((c: any) => c.type === 'Ready').status;
    };
    await fetch(`http://${pod.podIP}:8080/unready`);
    await poll('the Pod to turn Ready=False', 20_000, async () => ((await readyOf()) === 'False' ? true : undefined));
    await poll('Deployment web to count 1 available', 20_000, async () => ((await apps('deployments/web')).status.availableReplicas === 1 ? true : undefined));
    await fetch(`http://${pod.podIP}:8080/ready`);
    await poll('the Pod to turn Ready=True again', 20_000, async () => ((await readyOf()) === 'True' ? true : undefined));
    await poll('Deployment web to count 2 available', 20_000, async () => ((await apps('deployments/web')).status.availableReplicas === 2 ? true : undefined));
  });

  it('a failing init container shows its termination message in the API, from the file or from the log (FallbackToLogsOnError)', async function () {
    await cluster.client.post(`/apis/apps/v1/namespaces/${ns}/deployments`, oddDeployment());
    const initStatus = async (exitCode: number) => {
      const list = (await api(`pods?labelSelector=${encodeURIComponent('app=odd')}`)).items;
      const s = list[0]?.status?.initContainerStatuses?.[0];
      const term = s?.lastState?.terminated ?? s?.state?.terminated;
      return term?.exitCode === exitCode ? { pod: list[0], term } : undefined;
    };
    const first = await poll('the first init failure (exit 2)', 30_000, () => initStatus(2));
    expect(first.term.reason).to.equal('Error');
    expect(first.term.message).to.equal('cannot reach import https://example.invalid/katalog.yaml');
    const second = await poll('the second init failure (exit 3)', 30_000, () => initStatus(3));
    expect(second.term.message).to.equal('pin mismatch for import web');
    const stable = await poll('the third attempt to run', 30_000, async () => {
      const r = await initStatus(3);
      return r && r.pod.status.initContainerStatuses[0].state.running ? r.pod : undefined;
    });
    expect(stable.status.phase).to.equal('Pending');
    expect(stable.status.initContainerStatuses[0].restartCount).to.equal(2);
    expect(stable.status.containerStatuses[0].state.waiting.reason).to.equal('PodInitializing');
    expect(stable.status.conditions.find((c: any) => c.type === 'Initialized').status).to.equal('False');
    expect(runner.logs(stable.metadata.name, 'resolver')).to.include('cannot reach import');
  });

  it('a command missing from the table, or no command at all, is a clear container error; a failing liveness probe restarts the container', async function () {
    await cluster.client.post(`/apis/apps/v1/namespaces/${ns}/deployments`, misconfiguredDeployment());
    const pod = await poll('the misconfigured pod to report all three containers', 30_000, async () => {
      const p = (await api(`pods?labelSelector=${encodeURIComponent('app=misconfigured')}`)).items[0];
      const by = Object.fromEntries((p?.status?.containerStatuses ?? []).map((s: any) => [s.name, s]));
      return by.unmapped?.state?.waiting && by['no-command']?.state?.waiting && by.dead?.restartCount >= 1 ? by : undefined;
    });
    expect(pod.unmapped.state.waiting.reason).to.equal('RunContainerError');
    expect(pod.unmapped.state.waiting.message).to.include('no mapping for command "not-in-the-table"');
    expect(pod['no-command'].state.waiting.message).to.include('has no command').and.include('example/entrypoint-only');
    const dead = pod.dead.lastState.terminated ?? pod.dead.state.terminated;
    expect(dead.exitCode).to.be.oneOf([137, 143]);
    expect(runner.problems().join('\n')).to.include('not-in-the-table').and.include('Liveness probe failed');
  });

  it('deleting a Pod stops its processes; the ReplicaSet\'s replacement gets Ready', async function () {
    const victim = webPods()[0];
    const pid = victim.containers[0].pid!;
    expect(processAlive(pid)).to.equal(true);
    await cluster.client.delete(`/api/v1/namespaces/${ns}/pods/${victim.name}`);
    await poll(`process ${pid} of the deleted pod to end`, 20_000, async () => (processAlive(pid) ? undefined : true));
    await runner.waitForPod((p) => p.name.startsWith('web-') && p.name !== victim.name && p.ready && !webPods().some((o) => o.name === victim.name), 60_000, 'a Ready replacement pod');
    await poll('Deployment web to be available again', 60_000, async () => ((await apps('deployments/web')).status.availableReplicas === 2 ? true : undefined));
  });

  it('a rolling update (maxUnavailable 0) replaces every pod with the new template', async function () {
    const before = await apps('deployments/web');
    const oldPods = webPods();
    const oldPids = oldPods.map((p) => p.containers[0].pid!);
    await cluster.client.mergePatch(`/apis/apps/v1/namespaces/${ns}/deployments/web`, { spec: { template: { metadata: { annotations: { 'test/revision': '2' } } } } });
    let minAvailable = Infinity;
    const done = await poll('the rollout to finish', 90_000, async () => {
      const d = await apps('deployments/web');
      const s = d.status;
      minAvailable = Math.min(minAvailable, s.availableReplicas ?? 0);
      return d.metadata.generation === s.observedGeneration && s.updatedReplicas === 2 && s.availableReplicas === 2 && s.replicas === 2 ? d : undefined;
    });
    expect(done.metadata.generation).to.be.greaterThan(before.metadata.generation);
    // maxUnavailable 0 holds only when Ready means ready: the old pods go after the new ones serve.
    expect(minAvailable).to.equal(2);
    const pods = (await api(`pods?labelSelector=${encodeURIComponent('app=web')}`)).items;
    const hashes = new Set(pods.map((p: any) => p.metadata.labels['pod-template-hash']));
    expect(hashes.size).to.equal(1);
    expect(pods.map((p: any) => p.metadata.name)).to.not.include.members(oldPods.map((p) => p.name));
    await poll('the old pods\' processes to end', 20_000, async () => (oldPids.some(processAlive) ? undefined : true));
    const f = await facts(webPods()[0]);
    expect(f.env.REVISION).to.equal([...hashes][0]);
  });

  it('stop() ends every process it started and forgets the pods', async function () {
    const pids = runner.pods().flatMap((p) => [...p.initContainers, ...p.containers].map((c) => c.pid)).filter((p): p is number => p !== undefined);
    expect(pids.length).to.be.greaterThan(2);
    await runner.stop();
    expect(pids.filter(processAlive)).to.deep.equal([]);
    expect(runner.pods()).to.deep.equal([]);
  });
});
