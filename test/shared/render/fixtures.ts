// Shared builders for the renderer tests: a CR, a CRD entry around some resource lists, and
// render / expect-an-error helpers.
import { expect } from 'chai';
import { OrkError } from '../../../shared/errors.js';
import type { CrdEntry, ResourceLists } from '../../../shared/katalog/types.js';
import { renderDesired, seededRandom, type KubeObject, type RenderResult } from '../../../shared/render/index.js';

export function makeCr(spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'examples.orkspace.io/v1',
    kind: 'Website',
    metadata: { name: 'blog', namespace: 'default', uid: '1111-2222', ...meta } as KubeObject['metadata'],
    spec: { image: 'nginx:1.27', replicas: 2, ...spec },
  };
}

export function reconcile(lists: ResourceLists, extra: Partial<CrdEntry> = {}): CrdEntry {
  return { operatorBox: { onReconcile: lists }, ...extra };
}

export function render(entry: CrdEntry, cr: KubeObject = makeCr()): RenderResult {
  return renderDesired({ crdName: 'website', entry, cr, katalogName: 'demo', options: { random: seededRandom(7) } });
}

/** The single child's object of a render. */
export function only(entry: CrdEntry, cr?: KubeObject): KubeObject {
  const { children } = render(entry, cr);
  expect(children, 'exactly one child').to.have.length(1);
  return children[0]!.object;
}

export function renderError(entry: CrdEntry, cr: KubeObject = makeCr()): OrkError {
  try {
    render(entry, cr);
  } catch (e) {
    expect(e).to.be.instanceOf(OrkError);
    return e as OrkError;
  }
  throw new Error('expected the render to fail');
}

/** `path: message` lines of an error's issues, as `ork` prints them. */
export function issueLines(e: OrkError): string[] {
  return e.issues.map((i) => `${i.path}: ${i.message}`);
}
