// NOTES.txt as `helm install` prints it (Helm 4 renders it in a client-side dry run, no cluster
// needed): how to read the digest of the Deployment and of each pod, run ork audit, read /bundle
// through the API server proxy on the controller's port, and the warnings for a chart that cannot
// run anything yet.
import { expect } from 'chai';
import { getHelm } from '../../support/tools.js';
import { CHART_DIR, FULL_VALUES, NAMESPACE, RELEASE } from './render.js';

async function notes(args: string[] = []): Promise<string> {
  const helm = await getHelm({ major: 4 });
  const { stdout } = await helm.run(['install', RELEASE, CHART_DIR, '--namespace', NAMESPACE, '--dry-run=client', ...args], { env: { KUBECONFIG: '/nonexistent' } });
  expect(stdout).to.include('NOTES:');
  return stdout.slice(stdout.indexOf('NOTES:'));
}

describe('charts/orkestra: NOTES.txt', function () {
  this.timeout(300_000);

  it('shows how to read the digest, audit the replicas and read /bundle through the proxy', async () => {
    const text = await notes();
    expect(text).to.include(`kubectl -n ${NAMESPACE} get deployment orkestra -o jsonpath='{.metadata.annotations.orkestra\\.orkspace\\.io/bundle-digest}'`);
    expect(text).to.include('DIGEST:.metadata.annotations.orkestra\\.orkspace\\.io/bundle-digest');
    expect(text).to.include(`ork audit -n ${NAMESPACE} --selector app.kubernetes.io/name=orkestra,app.kubernetes.io/instance=orkestra`);
    // /bundle needs a token by default (controller.httpAuth=kubernetes), which the proxy does not pass on.
    expect(text).to.include(`kubectl -n ${NAMESPACE} exec $POD -c controller -- ork verify --json --bundle /var/run/orkestra/bundle --key /etc/orkestra/signing-cert/cert.pem`);
    expect(text).to.include('orkestra-metrics-reader');
    expect(text).to.include('initContainerStatuses[0]');
  });

  it('warns while rbac.extraRules is empty and nothing is imported; not once both are set', async () => {
    const bare = await notes();
    expect(bare).to.include('rbac.extraRules is empty');
    expect(bare).to.include('ork rbac --bundle');
    expect(bare).to.include('imports nothing');
    const full = await notes(['-f', FULL_VALUES]);
    expect(full).not.to.include('WARNING');
    expect(full).to.include('-n orkestra-system get deployment platform-orkestra');
    expect(full).to.include('--selector app.kubernetes.io/name=ork-platform,app.kubernetes.io/instance=orkestra');
    expect(full).to.include('/pods/$POD:9090/proxy/bundle');
  });
});
