// The container's `securityContext` and the pod's `podSecurity`, in Kubernetes' own shape, or
// `{profile}` naming one of upstream's built-in presets (baseline, restricted, hardened; a Katalog's
// own profile was expanded at load, shared/katalog/child-profile-expand.ts). A profile is the whole
// context: the fields it replaces were refused beside it at load.
import { CONTAINER_SECURITY_PROFILES, POD_SECURITY_PROFILES } from '../../katalog/builtin-profiles.js';
import { FAILED } from '../templating.js';
import type { KindContext } from './kind.js';
import { preset } from './presets.js';

function context(ctx: KindContext, key: string, cls: string, table: Readonly<Record<string, Record<string, unknown>>>): Record<string, unknown> | undefined {
  const given = ctx.fields.object(key);
  if (!given) return undefined;
  if (given.profile === undefined) return structuredClone(given);
  if (given.profile === FAILED) return undefined;
  const found = preset(ctx.fields, `${key}.profile`, cls, table, given.profile);
  return found ? structuredClone(found) : undefined;
}

/** The container's securityContext, or undefined when the entry gives none. */
export const containerSecurity = (ctx: KindContext) => context(ctx, 'securityContext', 'containerSecurity', CONTAINER_SECURITY_PROFILES);

/** The pod's securityContext, or undefined when the entry gives none. */
export const podSecurity = (ctx: KindContext) => context(ctx, 'podSecurity', 'podSecurity', POD_SECURITY_PROFILES);
