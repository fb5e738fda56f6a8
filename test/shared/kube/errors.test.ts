import { expect } from 'chai';
import { kubeErrorFrom } from '../../../shared/kube/index.js';
import { isKubeError } from '../../../shared/kube/index.js';

describe('shared/kube/errors', () => {
  it('takes reason, message and details from a Status body', () => {
    const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'AlreadyExists', message: 'configmaps "a" already exists', code: 409, details: { name: 'a', kind: 'configmaps' } });
    const e = kubeErrorFrom(409, body, 'POST', '/api/v1/namespaces/n/configmaps?fieldManager=x');
    expect(isKubeError(e, 409)).to.equal(true);
    expect(e.reason).to.equal('AlreadyExists');
    expect(e.message).to.equal('configmaps "a" already exists');
    expect(e.details).to.deep.equal({ name: 'a', kind: 'configmaps' });
  });

  it('falls back to the HTTP status and a bounded, query-free excerpt for other bodies', () => {
    const e = kubeErrorFrom(404, '404 page not found\n' + 'x'.repeat(1000), 'GET', '/apis/nope/v1?continue=SECRET');
    expect(e.reason).to.equal('NotFound');
    expect(e.message).to.match(/^GET \/apis\/nope\/v1: HTTP 404: 404 page not found x+$/);
    expect(e.message).not.to.include('SECRET');
    expect(e.message.length).to.be.lessThan(260);
    expect(kubeErrorFrom(502, '', 'GET', '/x').reason).to.equal('InternalError');
    expect(kubeErrorFrom(418, '', 'GET', '/x').message).to.equal('GET /x: HTTP 418');
  });
});
