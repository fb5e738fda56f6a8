// The program's logger (cli/logger.ts): winston on stderr, JSON or text lines, registered secrets
// scrubbed from the written line whichever field carried them.
import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import winston from 'winston';
import { createLogger } from '../../cli/logger.js';
import { forgetSecretsForTests, registerSecret } from '../../shared/secrets.js';

describe('cli/logger', () => {
  afterEach(() => forgetSecretsForTests());

  it('scrubs a registered credential from a log line, whichever field carried it', async () => {
    registerSecret('tok-"quoted"-9f8e7d');
    const logger = createLogger('test');
    const stream = new PassThrough();
    let written = '';
    stream.on('data', (b: Buffer) => (written += b.toString()));
    logger.clear().add(new winston.transports.Stream({ stream }));
    logger.error('fetch failed', { err: 'server said Bearer tok-"quoted"-9f8e7d', source: 'url:https://h/k.yaml' });
    await new Promise((r) => setImmediate(r));
    const record = JSON.parse(written.trim()) as Record<string, unknown>;
    expect(written).not.to.contain('9f8e7d');
    expect(record.err).to.equal('server said Bearer ***');
    expect(record.source).to.equal('url:https://h/k.yaml');
  });

  it('the text format: time, level, message, then key=value (quoted when needed), credentials scrubbed', async () => {
    registerSecret('tok-5a6b7c');
    const logger = createLogger('test', 'debug', 'text');
    const stream = new PassThrough();
    let written = '';
    stream.on('data', (b: Buffer) => (written += b.toString()));
    logger.clear().add(new winston.transports.Stream({ stream }));
    logger.warn('reconcile failed', { crd: 'sites', name: 'a b', err: 'token tok-5a6b7c refused', crds: ['x', 'y'] });
    await new Promise((r) => setImmediate(r));
    expect(written.trim()).to.match(/^\d{4}-\d\d-\d\dT[\d:.]+Z WARN {2}reconcile failed crd=sites name="a b" err="token \*\*\* refused" crds="\[\\"x\\",\\"y\\"\]"$/);
    expect(written).not.to.contain('program=');
  });
});
