// --log-level and --log-format: defaults by terminal, and bad values refused naming the flag.
import { expect } from 'chai';
import { loggerFromFlags } from '../../cli/log-flags.js';
import { thrown } from '../support/errors.js';


describe('cli/log-flags', () => {
  const line = (logger: ReturnType<typeof loggerFromFlags>) => logger.line('info', 'hello');

  it('text at a terminal, JSON elsewhere, and the flag wins over both', () => {
    expect(line(loggerFromFlags('run', 'p', {}, { stderrIsTTY: true }))).to.match(/ INFO {2}hello$/);
    expect(JSON.parse(line(loggerFromFlags('run', 'p', {}, { stderrIsTTY: false })))).to.include({ message: 'hello', level: 'info' });
    expect(JSON.parse(line(loggerFromFlags('run', 'p', { 'log-format': 'json' }, { stderrIsTTY: true })))).to.include({ message: 'hello' });
    expect(line(loggerFromFlags('run', 'p', { 'log-format': 'text' }, { stderrIsTTY: false }))).to.match(/ INFO {2}hello$/);
  });

  it('--log-keys zap writes zap/logr keys (level, ts in epoch seconds, logger, msg, error); default unchanged', () => {
    const fields = { reconcileID: 'r-1', err: 'boom' };
    const before = Date.now() / 1000;
    const zap = loggerFromFlags('controller', 'controller', { 'log-format': 'json', 'log-keys': 'zap' }, {});
    const text = zap.line('error', 'reconcile failed', fields);
    const record = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(record).sort()).to.deep.equal(['error', 'level', 'logger', 'msg', 'reconcileID', 'ts']);
    expect(record).to.include({ level: 'error', logger: 'controller', msg: 'reconcile failed', reconcileID: 'r-1', error: 'boom' });
    expect(record.ts).to.be.a('number').within(before - 1, Date.now() / 1000 + 1);
    expect(String(record.ts)).to.match(/^\d{10}(\.\d+)?$/);
    const plain = JSON.parse(loggerFromFlags('controller', 'controller', { 'log-format': 'json' }, {}).line('error', 'reconcile failed', fields));
    expect(plain).to.include({ message: 'reconcile failed', program: 'controller', err: 'boom' }).and.have.property('timestamp');
    expect(plain).to.not.have.property('msg');
  });

  it('the level flag sets the level', () => {
    expect(loggerFromFlags('run', 'p', { 'log-level': 'debug' }, {}).level).to.equal('debug');
    expect(loggerFromFlags('run', 'p', {}, {}).level).to.equal('info');
  });

  it('refuses unknown values, naming the flag, the choices and the command help', () => {
    const level = thrown(() => loggerFromFlags('controller', 'p', { 'log-level': 'verbose' }, {}));
    expect(level.code).to.equal('USAGE');
    expect(level.message).to.equal(`--log-level must be one of error, warn, info, debug, not "verbose" (see 'ork controller --help')`);
    const format = thrown(() => loggerFromFlags('run', 'p', { 'log-format': 'yaml' }, {}));
    expect(format.message).to.equal(`--log-format must be one of json, text, not "yaml" (see 'ork run --help')`);
    const keys = thrown(() => loggerFromFlags('controller', 'p', { 'log-keys': 'logrus' }, {}));
    expect(keys.message).to.equal(`--log-keys must be one of default, zap, not "logrus" (see 'ork controller --help')`);
  });
});
