// An alert's text: the template rendered against the data, a failing template giving the default
// text with the reason (never no alert), a runaway template stopped by its budget, and a long text cut.
import { expect } from 'chai';
import { alertText, MAX_NOTIFY_TEXT } from '../../../shared/notify/message.js';

const data = { metadata: { name: 'blog', namespace: 'web' }, spec: { replicas: 2 } };

describe('shared/notify alertText', () => {
  it('renders the template against the data', () => {
    expect(alertText('{{ .metadata.name }} has {{ .spec.replicas }} replicas', data, 'web/blog')).to.equal('blog has 2 replicas');
    expect(alertText('plain text', data, 'web/blog')).to.equal('plain text');
  });

  it('falls back to the default text with the reason when the template fails', () => {
    const text = alertText('{{ nosuchfunction .spec }}', data, 'web/blog');
    expect(text).to.match(/^\[orkestra\] web\/blog: condition triggered \(message template failed: .*nosuchfunction/);
  });

  it('stops a runaway template and cuts a long text', () => {
    const runaway = alertText('{{ range $i := until 100000 }}{{ range $j := until 100000 }}x{{ end }}{{ end }}', data, 'web/blog');
    expect(runaway).to.include('message template failed');
    const long = alertText('{{ repeat 10000 "ab" }}', data, 'web/blog');
    expect(long.length).to.equal(MAX_NOTIFY_TEXT);
    expect(long.endsWith('…')).to.equal(true);
  });
});
