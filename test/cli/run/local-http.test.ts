// `ork run`'s endpoints (cli/run/local-http.ts): served at the given address; the default address
// taken means a warning and no endpoints, an address given and taken stops ork run.
import { expect } from 'chai';
import { createServer, type Server } from 'node:net';
import { RUN_HTTP_ADDRESS, startLocalHttp } from '../../../cli/run/local-http.js';
import { isOrkError } from '../../../shared/errors.js';
import { memoryLogger, type LogLine } from '../../support/memory-logger.js';

function hold(port: number): Promise<Server | undefined> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined)); // taken by someone else: taken all the same
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('cli/run/local-http', () => {
  it('serves /healthz and /katalog (503 until a controller is attached) at a given address', async () => {
    const http = await startLocalHttp('127.0.0.1:0', memoryLogger([]));
    try {
      expect(http.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${http.url}/healthz`)).status).to.equal(200);
      const ready = await fetch(`${http.url}/readyz`);
      expect(ready.status).to.equal(503);
      expect(await ready.text()).to.equal('controller not started yet\n');
      expect((await fetch(`${http.url}/katalog`)).status).to.equal(503);
    } finally {
      await http.close();
    }
  });

  it(`warns and serves nothing when the default ${RUN_HTTP_ADDRESS} is taken; refuses a given address that is taken`, async () => {
    const port = Number(RUN_HTTP_ADDRESS.split(':')[1]);
    const held = await hold(port);
    try {
      const lines: LogLine[] = [];
      const logger = memoryLogger(lines);
      const http = await startLocalHttp(undefined, logger);
      expect(http.url).to.equal(undefined);
      await http.close();
      expect(lines.map((l) => l.message)).to.include('health and metrics endpoints are off: their default address is taken; pass --http-address HOST:PORT to serve them');
      let refused: unknown;
      try {
        await startLocalHttp(RUN_HTTP_ADDRESS, logger);
      } catch (e) {
        refused = e;
      }
      expect(isOrkError(refused) && refused.code).to.equal('USAGE');
      expect(String((refused as Error).message)).to.contain(`cannot serve health and metrics on 127.0.0.1:${port}`);
    } finally {
      await new Promise((resolve) => (held ? held.close(resolve) : resolve(undefined)));
    }
  });
});
