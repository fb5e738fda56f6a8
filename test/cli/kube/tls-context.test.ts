// sharedSecureContext: one TLS context per connection pool to an https API server; none for http,
// and none (each connection then fails as it always did) when the material does not load.
import { expect } from 'chai';
import { sharedSecureContext } from '../../../cli/kube/tls-context.js';

describe('cli/kube/tls-context', () => {
  it('builds a context for an https server', () => {
    const { secureContext } = sharedSecureContext('https://127.0.0.1:6443', {});
    expect(secureContext).to.be.an('object');
    expect(secureContext).to.have.property('context');
  });

  it('builds none for plain http', () => {
    expect(sharedSecureContext('http://127.0.0.1:8080', {})).to.deep.equal({});
  });

  it('builds none when the client key does not load, leaving the error to each connection', () => {
    expect(sharedSecureContext('https://127.0.0.1:6443', { key: 'not a key', cert: 'not a cert' })).to.deep.equal({});
  });
});
