import { expect } from 'chai';
import { OrkError, categoryOf, describeError, formatIssue } from '../../shared/errors.js';

describe('shared/errors', () => {
  it('formats an issue as file:line:col: path: message', () => {
    expect(formatIssue({ file: 'k.yaml', line: 3, col: 7, path: 'spec.crds.a', message: 'is wrong' })).to.equal(
      'k.yaml:3:7: spec.crds.a: is wrong',
    );
  });

  it('leaves out the parts an issue does not have', () => {
    expect(formatIssue({ path: '', message: 'no place' })).to.equal('no place');
    expect(formatIssue({ path: 'a.b', message: 'm', severity: 'warning' })).to.equal('warning: a.b: m');
  });

  it('maps codes to categories used for exit codes', () => {
    expect(categoryOf('KATALOG_INVALID')).to.equal('config');
    expect(categoryOf('IMPORT_AUTH_FAILED')).to.equal('fetch');
    expect(categoryOf('SIGNATURE_INVALID')).to.equal('integrity');
    expect(new OrkError('INTERNAL', 'x').category).to.equal('internal');
  });

  it('describes an error by its issues, or by source and message', () => {
    const withIssues = new OrkError('KATALOG_INVALID', 'bad', { issues: [{ path: 'a', message: 'b' }] });
    expect(describeError(withIssues)).to.deep.equal(['a: b']);
    expect(describeError(new OrkError('IMPORT_NOT_FOUND', 'not found', { source: 'url:https://x/k.yaml' }))).to.deep.equal([
      'url:https://x/k.yaml: not found',
    ]);
    expect(describeError(new OrkError('KUBECONFIG_INVALID', 'kc.yaml: users[u] is missing', { source: 'kc.yaml' })), 'a message already naming its source')
      .to.deep.equal(['kc.yaml: users[u] is missing']);
  });
});
