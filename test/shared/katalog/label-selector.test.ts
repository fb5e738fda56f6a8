// The selector checks of `ork validate` agree with the real API server: each label selector in the
// corpus is sent as a list's labelSelector and each field path as its fieldSelector on a custom
// resource; our checker refuses exactly those the server answers 400.
import { expect } from 'chai';
import { crFieldSelectorProblems } from '../../../shared/katalog/cr-field-selector.js';
import { labelSelectorProblem } from '../../../shared/katalog/label-selector.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { poll } from '../../support/poll.js';

const LABEL_SELECTORS = [
  'app=web', 'app==web', 'app!=web', 'app in (web,api)', 'app notin (web)', 'app', '!app', 'example.com/team=web', 'app=',
  'app in (web, api),!legacy,env!=dev', 'x>1', 'x<10', 'a-b_c.d=E-f_g.H', 'app in (web,)',
  'app in ()', 'app=web,', 'bad key=x', 'app=-web', 'Example.com/x=y', `app=${'x'.repeat(64)}`, ',', 'app>x', '=web', 'app in web',
  `${'k'.repeat(64)}=v`, 'app=web=x', 'a/b/c=d',
];
const FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'spec.color', 'status.phase', 'metadata.labels'];

describe('shared/katalog label and field selectors against the real API server', function () {
  this.timeout(60_000);
  let cluster: TestCluster;
  let list: string;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
    const group = `sel${process.pid}${Date.now() % 100000}.orkspace.test`;
    await cluster.client.post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `widgets.${group}` },
      spec: {
        group, scope: 'Namespaced', names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    });
    const ns = await newTestNamespace('selectors');
    list = `/apis/${group}/v1/namespaces/${ns}/widgets`;
    await poll('the CR endpoint', 30_000, async () => ((await cluster.client.request({ path: list })).status === 200 ? true : undefined));
  });

  const status = async (query: string) => (await cluster.client.request({ path: `${list}?${query}` })).status;

  it('refuses a label selector exactly when the server answers 400', async () => {
    const disagree: string[] = [];
    for (const selector of LABEL_SELECTORS) {
      const server = await status(`labelSelector=${encodeURIComponent(selector)}`);
      const ours = labelSelectorProblem(selector);
      if ((server === 400) !== (ours !== undefined) || (server !== 200 && server !== 400)) disagree.push(`${selector}: server ${server}, ours ${ours ?? 'ok'}`);
    }
    expect(disagree).to.deep.equal([]);
  });

  it('refuses a field path on a custom resource exactly when the server answers 400', async () => {
    const disagree: string[] = [];
    for (const path of FIELD_PATHS) {
      const server = await status(`fieldSelector=${encodeURIComponent(`${path}=x`)}`);
      const ours = crFieldSelectorProblems({ [path]: 'x' }, undefined).length > 0;
      if ((server === 400) !== ours || (server !== 200 && server !== 400)) disagree.push(`${path}: server ${server}, ours ${ours ? 'refused' : 'ok'}`);
    }
    expect(disagree).to.deep.equal([]);
  });
});
