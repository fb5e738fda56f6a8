// `--http-address HOST:PORT` for the controller's health, readiness, metrics and bundle endpoints.
// The chart passes `$(POD_IP):8080`, so a bare IPv6 pod IP (`fd00::1:8080`) must parse too: the
// port is whatever follows the last colon.
import { isIPv6 } from 'node:net';
import { OrkError } from '../shared/errors.js';

export function parseHttpAddress(command: string, value: string, flag = 'http-address'): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|.*?):(\d{1,5})$/.exec(value);
  const port = match ? Number(match[2]) : NaN;
  const bare = match ? match[1]!.replace(/^\[|\]$/g, '') : '';
  if (!match || port > 65535 || (bare.includes(':') && !isIPv6(bare)) || /[\s$()/]/.test(bare)) {
    throw new OrkError('USAGE', `--${flag} must be HOST:PORT such as 0.0.0.0:8080, 127.0.0.1:0 or [::1]:8080 (got '${value}'; see 'ork ${command} --help')`);
  }
  return { host: bare || '0.0.0.0', port };
}
