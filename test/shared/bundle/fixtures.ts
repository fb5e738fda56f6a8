// Shared material for the bundle tests: a valid payload, fresh keys, openssl helpers, byte flips.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KATALOG_API_VERSION, type KatalogDocument } from '../../../shared/katalog/types.js';
import { buildBundlePayload, type BundlePayload, type CrdObject } from '../../../shared/bundle/payload.js';

export function sampleKatalog(): KatalogDocument {
  return {
    apiVersion: KATALOG_API_VERSION,
    kind: 'Katalog',
    metadata: { name: 'websites', version: '1.2.0' },
    spec: {
      crds: {
        website: {
          apiTypes: { group: 'example.com', version: 'v1', kind: 'Website', plural: 'websites' },
          operatorBox: { onCreate: { configMaps: [{ name: '{{ .metadata.name }}-html', data: { 'index.html': '<h1>{{ .spec.title }}</h1>' } }] } },
        },
      },
    },
  } as unknown as KatalogDocument;
}

export function sampleCrd(name = 'websites.example.com'): CrdObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name },
    spec: {
      group: 'example.com',
      names: { kind: 'Website', plural: 'websites' },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  };
}

export function samplePayload(): BundlePayload {
  return buildBundlePayload({
    resolverVersion: '0.1.0',
    katalog: sampleKatalog(),
    crds: [sampleCrd()],
    imports: [
      { ref: 'file:./base/katalog.yaml', digest: `sha256:${'a'.repeat(64)}`, size: 812, mediaType: 'application/yaml' },
      { ref: `oci:ghcr.io/acme/katalogs@sha256:${'b'.repeat(64)}`, digest: `sha256:${'b'.repeat(64)}`, size: 4096, mediaType: 'application/vnd.oci.image.manifest.v1+json' },
    ],
  });
}

export function p256(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

export function tempDir(prefix: string): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), `ork-${prefix}-`));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** Runs the real openssl CLI; returns stdout bytes (throws on a non-zero exit). */
export function openssl(args: string[], input?: Uint8Array): Buffer {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** openssl's exit status for a command, without throwing. */
export function opensslStatus(args: string[]): number {
  try {
    openssl(args);
    return 0;
  } catch (e) {
    return (e as { status?: number }).status ?? -1;
  }
}

/** A PEM made by openssl itself (not by node), for interop and rejection tests. */
export function opensslKey(dir: string, name: string, genArgs: string[]): { privatePem: string; publicPem: string; privatePath: string; publicPath: string } {
  const privatePath = join(dir, `${name}.key.pem`);
  const publicPath = join(dir, `${name}.pub.pem`);
  writeFileSync(privatePath, openssl(genArgs));
  openssl(['pkey', '-in', privatePath, '-pubout', '-out', publicPath]);
  return { privatePem: readFileSync(privatePath, 'utf8'), publicPem: readFileSync(publicPath, 'utf8'), privatePath, publicPath };
}

export function flipByte(bytes: Uint8Array, index: number, mask = 0x01): Buffer {
  const copy = Buffer.from(bytes);
  copy[index] = copy[index]! ^ mask;
  return copy;
}
