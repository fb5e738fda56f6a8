// The raw `spec:` escape hatch: any kind may give its spec verbatim (templated) instead of the
// shorthands, but not both at once — mixing them would leave it unclear which one wins.
import type { KindContext } from './kind.js';

/** The entry's raw spec, or undefined when it uses shorthands (or gave neither). */
export function rawSpec(ctx: KindContext, shorthands: readonly string[]): Record<string, unknown> | undefined {
  const f = ctx.fields;
  if (f.entry.spec === undefined) return undefined;
  const mixed = shorthands.filter((k) => f.entry[k] !== undefined);
  if (mixed.length > 0) {
    f.error('spec', `give either a raw spec or the shorthand fields (${mixed.join(', ')}), not both`);
    return undefined;
  }
  const spec = f.object('spec');
  return spec ? structuredClone(spec) : undefined;
}

/** Kinds without shorthands (PersistentVolumeClaim, Ingress, NetworkPolicy): spec is required. */
export function requiredSpec(ctx: KindContext): Record<string, unknown> {
  return { spec: ctx.fields.object('spec', true, ': this kind has no shorthand fields; give its spec') ?? {} };
}
