import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import winston from 'winston';
import { createLogger } from '../../shared/log.js';
import { forgetSecretsForTests, registerSecret } from '../../shared/secrets.js';

describe('shared/log', () => {
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
});
