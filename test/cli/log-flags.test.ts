// --log-level and --log-format: defaults by terminal, and bad values refused naming the flag.
import { expect } from 'chai';
import { loggerFromFlags } from '../../cli/log-flags.js';
import { thrown } from '../support/errors.js';


describe('cli/log-flags', () => {
  const line = (logger: ReturnType<typeof loggerFromFlags>) =>
    (logger.format.transform({ level: 'info', message: 'hello', [Symbol.for('level')]: 'info' } as never) as Record<symbol, string>)[Symbol.for('message')]!;

  it('text at a terminal, JSON elsewhere, and the flag wins over both', () => {
    expect(line(loggerFromFlags('run', 'p', {}, { stderrIsTTY: true }))).to.match(/ INFO {2}hello$/);
    expect(JSON.parse(line(loggerFromFlags('run', 'p', {}, { stderrIsTTY: false })))).to.include({ message: 'hello', level: 'info' });
    expect(JSON.parse(line(loggerFromFlags('run', 'p', { 'log-format': 'json' }, { stderrIsTTY: true })))).to.include({ message: 'hello' });
    expect(line(loggerFromFlags('run', 'p', { 'log-format': 'text' }, { stderrIsTTY: false }))).to.match(/ INFO {2}hello$/);
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
  });
});
