// The program's logger (cli/logger.ts): JSON or text lines on stderr, registered secrets scrubbed
// from the written line whichever field carried them, levels below the threshold dropped.
import { expect } from 'chai';
import { createLogger, stableJson } from '../../cli/logger.js';
import { forgetSecretsForTests, registerSecret } from '../../shared/secrets.js';

describe('cli/logger', () => {
  afterEach(() => forgetSecretsForTests());

  it('scrubs a registered credential from a log line, whichever field carried it', async () => {
    registerSecret('tok-"quoted"-9f8e7d');
    let written = '';
    const logger = createLogger('test', 'info', 'json', 'default', { write: (l: string) => (written += l) });
    logger.error('fetch failed', { err: 'server said Bearer tok-"quoted"-9f8e7d', source: 'url:https://h/k.yaml' });
    const record = JSON.parse(written.trim()) as Record<string, unknown>;
    expect(written).not.to.contain('9f8e7d');
    expect(record.err).to.equal('server said Bearer ***');
    expect(record.source).to.equal('url:https://h/k.yaml');
  });

  it('the text format: time, level, message, then key=value (quoted when needed), credentials scrubbed', async () => {
    registerSecret('tok-5a6b7c');
    let written = '';
    const logger = createLogger('test', 'debug', 'text', 'default', { write: (l: string) => (written += l) });
    logger.warn('reconcile failed', { crd: 'sites', name: 'a b', err: 'token tok-5a6b7c refused', crds: ['x', 'y'] });
    expect(written.trim()).to.match(/^\d{4}-\d\d-\d\dT[\d:.]+Z WARN {2}reconcile failed crd=sites name="a b" err="token \*\*\* refused" crds="\[\\"x\\",\\"y\\"\]"$/);
    expect(written).not.to.contain('program=');
  });

  it('JSON lines: keys sorted at every depth, one line per record, program and timestamp added', () => {
    let written = '';
    const logger = createLogger('controller', 'info', 'json', 'default', { write: (l: string) => (written += l) });
    logger.info('reconciled', { name: 'a', crd: 'sites', detail: { z: 1, a: [2, { y: 3, b: 4 }] }, gone: undefined });
    expect(written.endsWith('\n')).to.equal(true);
    expect(written.split('\n')).to.have.length(2);
    expect(written).to.match(/^\{"crd":"sites","detail":\{"a":\[2,\{"b":4,"y":3\}\],"z":1\},"level":"info","message":"reconciled","name":"a","program":"controller","timestamp":"\d{4}-[^"]+Z"\}\n$/);
  });

  it('drops records below its level, and writes nothing after close', () => {
    const lines: string[] = [];
    const logger = createLogger('p', 'warn', 'json', 'default', { write: (l: string) => lines.push(l) });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.log('error', 'e');
    logger.close();
    logger.error('after');
    expect(lines.map((l) => (JSON.parse(l) as { message: string }).message)).to.deep.equal(['w', 'e']);
  });

  it('stableJson: cycles, bigints, toJSON and Errors as winston wrote them', () => {
    const cyclic: Record<string, unknown> = { b: 1 };
    cyclic.self = cyclic;
    expect(stableJson({ c: cyclic, n: 10n, d: new Date(0), e: new Error('x') })).to.equal('{"c":{"b":1,"self":"[Circular]"},"d":"1970-01-01T00:00:00.000Z","e":{},"n":"10"}');
  });
});
