// StatefulSet `volumeClaimTemplates[]{name (data), storageClass, storageSize, mountPath (/data),
// accessModes ([ReadWriteOnce])}`: one claim template each, mounted into the container, as
// upstream builds them.
import { show } from '../problems.js';
import type { KindContext } from './kind.js';

const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

export function volumeClaimTemplates(ctx: KindContext): { templates: unknown[]; mounts: unknown[] } | undefined {
  const list = ctx.fields.list('volumeClaimTemplates');
  if (!list) return undefined;
  const templates: unknown[] = [];
  const mounts: unknown[] = [];
  list.forEach((item, i) => {
    const at = `${ctx.fields.path}.volumeClaimTemplates[${i}]`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      ctx.fields.problems.error(at, `expected {name, storageSize, mountPath}, got ${show(item)}`);
      return;
    }
    const v = item as Record<string, unknown>;
    const name = typeof v.name === 'string' && v.name !== '' ? v.name : 'data';
    const mountPath = typeof v.mountPath === 'string' && v.mountPath !== '' ? v.mountPath : '/data';
    const size = typeof v.storageSize === 'number' ? String(v.storageSize) : v.storageSize;
    if (typeof size !== 'string' || size === '') {
      ctx.fields.problems.error(`${at}.storageSize`, 'required: a quantity such as 10Gi');
      return;
    }
    const modes = Array.isArray(v.accessModes) && v.accessModes.length > 0 ? v.accessModes : ['ReadWriteOnce'];
    const bad = modes.find((m) => typeof m !== 'string' || !ACCESS_MODES.includes(m));
    if (bad !== undefined) ctx.fields.problems.error(`${at}.accessModes`, `expected ${ACCESS_MODES.join(', ')}, got ${show(bad)}`);
    const spec: Record<string, unknown> = { accessModes: modes, resources: { requests: { storage: size } } };
    if (typeof v.storageClass === 'string' && v.storageClass !== '') spec.storageClassName = v.storageClass;
    templates.push({ metadata: { name }, spec });
    mounts.push({ name, mountPath });
  });
  return { templates, mounts };
}
