// The notification block of a composed Katalog: the teams of every imported Katalog in import
// order (the same team from two imports is an error unless both say the same), then the
// Komposer's own block, whose settings and teams win by name. Settings (enabled, standalone,
// defaults, slack) come from the Komposer, else from the imports, which must then agree. A plain
// Katalog resolved on its own keeps its block unchanged. Pure.
import type { Issue } from '../errors.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface ImportedNotification {
  /** The import's label (`file:./a.yaml`). */
  source: string;
  block: unknown;
}

export function mergeNotification(imported: readonly ImportedNotification[], own: unknown): { block?: Rec; issues: Issue[] } {
  const issues: Issue[] = [];
  const ownBlock = isRecord(own) ? own : undefined;
  const ownTeams = isRecord(ownBlock?.teams) ? ownBlock.teams : {};
  const settings = new Map<string, { value: unknown; source: string }>();
  const teams = new Map<string, { value: unknown; source: string }>();
  for (const { source, block } of imported) {
    if (!isRecord(block)) continue;
    for (const [key, value] of Object.entries(block)) {
      if (key === 'teams' || (ownBlock && key in ownBlock)) continue;
      agree(settings, key, value, source, () => `notification.${key} is set differently by ${settings.get(key)!.source} and ${source}; set it in the Komposer's notification block to choose`, issues);
    }
    for (const [name, team] of Object.entries(isRecord(block.teams) ? block.teams : {})) {
      if (name in ownTeams) continue;
      agree(teams, name, team, source, () => `notification team '${name}' is declared differently by ${teams.get(name)!.source} and ${source}; declare it in the Komposer's notification.teams to choose`, issues);
    }
  }
  if (!ownBlock && settings.size === 0 && teams.size === 0) return { issues };
  const merged: Rec = Object.fromEntries([...settings].map(([k, v]) => [k, v.value]));
  Object.assign(merged, ownBlock ?? {});
  const allTeams = { ...Object.fromEntries([...teams].map(([k, v]) => [k, v.value])), ...ownTeams };
  if (Object.keys(allTeams).length > 0) merged.teams = allTeams;
  return { block: merged, issues };
}

function agree(seen: Map<string, { value: unknown; source: string }>, key: string, value: unknown, source: string, conflict: () => string, issues: Issue[]): void {
  const before = seen.get(key);
  if (before && JSON.stringify(before.value) !== JSON.stringify(value)) {
    issues.push({ path: 'notification', message: conflict() });
    return;
  }
  if (!before) seen.set(key, { value, source });
}
