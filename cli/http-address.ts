// `--http-address HOST:PORT` for the controller's health, readiness, metrics and bundle endpoints.
import { OrkError } from '../shared/errors.js';

export function parseHttpAddress(command: string, value: string): { host: string; port: number } {
  const match = /^(\[[0-9a-fA-F:]+\]|[^:]*):(\d{1,5})$/.exec(value);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65535) {
    throw new OrkError('USAGE', `--http-address must be HOST:PORT such as 0.0.0.0:8080 or 127.0.0.1:0 (see 'ork ${command} --help')`);
  }
  const host = match[1]!.replace(/^\[|\]$/g, '') || '0.0.0.0';
  return { host, port };
}
