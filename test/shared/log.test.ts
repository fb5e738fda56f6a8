import { expect } from 'chai';
import { silentLogger, textLine } from '../../shared/log.js';

describe('shared/log', () => {
  it('textLine: table', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ timestamp: 'T', level: 'info', message: 'controller started', digest: 'sha256:ab' }, 'T INFO  controller started digest=sha256:ab'],
      [{ timestamp: 'T', level: 'error', message: 'bad', count: 3, ok: false }, 'T ERROR bad count=3 ok=false'],
      [{ timestamp: 'T', level: 'debug', message: 'x', quote: 'say "hi"', gone: undefined }, 'T DEBUG x quote="say \\"hi\\""'],
      [{ level: 'info', message: 'no time' }, 'INFO  no time'],
    ];
    for (const [info, line] of cases) expect(textLine(info)).to.equal(line);
  });

  it('silentLogger takes every call and writes nothing', () => {
    const logger = silentLogger();
    for (const level of ['error', 'warn', 'info', 'debug'] as const) expect(logger[level]('m', { a: 1 })).to.equal(undefined);
    expect(logger.log('info', 'm')).to.equal(undefined);
    expect(logger.close()).to.equal(undefined);
  });
});
