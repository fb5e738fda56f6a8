import { expect } from 'chai';
import { parseHttpAddress } from '../../cli/http-address.js';
import { thrown } from '../support/errors.js';

describe('cli/http-address', () => {
  const good: [string, string, number][] = [
    ['0.0.0.0:8080', '0.0.0.0', 8080],
    ['127.0.0.1:0', '127.0.0.1', 0],
    [':9090', '0.0.0.0', 9090],
    ['localhost:8080', 'localhost', 8080],
    ['[::1]:8080', '::1', 8080],
    ['[fd00::1]:65535', 'fd00::1', 65535],
    // What `$(POD_IP):8080` becomes on an IPv6 pod: no brackets, the port after the last colon.
    ['fd00:10:244::5:8080', 'fd00:10:244::5', 8080],
    ['::1:8080', '::1', 8080],
  ];
  for (const [value, host, port] of good) {
    it(`parses ${value}`, () => expect(parseHttpAddress('controller', value)).to.deep.equal({ host, port }));
  }

  const bad = ['8080', 'host', '127.0.0.1:99999', '127.0.0.1:', 'a:b:8080', '$(POD_IP):8080', '[::1]', ''];
  for (const value of bad) {
    it(`rejects '${value}' with USAGE naming the value`, () => {
      const e = thrown(() => parseHttpAddress('controller', value));
      expect(e.code).to.equal('USAGE');
      expect(e.message).to.contain(`got '${value}'`).and.to.contain('--http-address');
    });
  }
});
