// One probe attempt as the kubelet makes it: httpGet (success on 200–399, HTTPS unverified) or
// tcpSocket against the pod IP, ports by number or by the container's port name. exec probes are
// not supported; checkProbe says so before the container starts.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { ContainerConfigError, type Container, type Probe } from './pod-types.js';

export function checkProbe(probe: Probe | undefined, container: Container, kind: string): void {
  if (!probe) return;
  if (!probe.httpGet && !probe.tcpSocket) {
    throw new ContainerConfigError(`pod-runner: ${kind} of container ${container.name}: only httpGet and tcpSocket probes are supported`);
  }
  resolvePort((probe.httpGet ?? probe.tcpSocket)!.port, container, kind);
}

function resolvePort(port: number | string, container: Container, kind: string): number {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  const named = container.ports?.find((p) => p.name === port);
  if (!named) throw new ContainerConfigError(`${kind} of container ${container.name}: port name ${JSON.stringify(port)} is not among the container's ports`);
  return named.containerPort;
}

export interface ProbeResult {
  ok: boolean;
  detail: string;
}

export function runProbe(probe: Probe, container: Container, podIP: string, kind: string): Promise<ProbeResult> {
  const timeoutMs = Math.max(1, probe.timeoutSeconds ?? 1) * 1000;
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, container, kind);
    return new Promise((resolve) => {
      const socket = connect({ host: probe.tcpSocket!.host ?? podIP, port, timeout: timeoutMs });
      socket.once('connect', () => { socket.destroy(); resolve({ ok: true, detail: 'connected' }); });
      socket.once('timeout', () => { socket.destroy(); resolve({ ok: false, detail: `dial tcp ${podIP}:${port}: timeout` }); });
      socket.once('error', (err) => resolve({ ok: false, detail: `dial tcp ${podIP}:${port}: ${err.message}` }));
    });
  }
  const get = probe.httpGet!;
  const port = resolvePort(get.port, container, kind);
  const headers: Record<string, string> = { 'user-agent': 'kube-probe/1.20', accept: '*/*' };
  for (const h of get.httpHeaders ?? []) headers[h.name.toLowerCase()] = h.value;
  const https = get.scheme === 'HTTPS';
  const url = `${https ? 'https' : 'http'}://${get.host ?? podIP}:${port}${get.path ?? '/'}`;
  return new Promise((resolve) => {
    const req = (https ? httpsRequest : httpRequest)(url, { headers, timeout: timeoutMs, rejectUnauthorized: false }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      resolve({ ok: status >= 200 && status < 400, detail: `HTTP probe failed with statuscode: ${status}` });
    });
    req.once('timeout', () => { req.destroy(new Error('timeout')); });
    req.once('error', (err) => resolve({ ok: false, detail: `Get "${url}": ${err.message}` }));
    req.end();
  });
}
