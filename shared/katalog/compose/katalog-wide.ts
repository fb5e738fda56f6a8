// What `spec.imports` Motifs give the whole Katalog: their notes and profiles. A note or profile the
// Katalog declares itself wins over an imported one of the same name; the same name from two Motifs
// is an error naming both. Also the one kind of profile applied at load time here: a child's
// `resources.profile` naming a `profiles.resources` entry becomes that entry's requests and limits
// (the child's own values win). Pure; mutates the document it is given.
type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const named = (list: unknown): Rec[] => (Array.isArray(list) ? list.filter((x): x is Rec => isRecord(x) && typeof x.name === 'string') : []);

/** Names the Katalog declares itself, per block (`notes`, `profiles.<kind>`), before any import. */
export function localNames(doc: Rec): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  names.set('notes', new Set(named(isRecord(doc.notes) ? doc.notes.functions : undefined).map((n) => n.name as string)));
  for (const [kind, list] of Object.entries(isRecord(doc.profiles) ? doc.profiles : {})) names.set(`profiles.${kind}`, new Set(named(list).map((p) => p.name as string)));
  return names;
}

/** Merges one Motif's notes and profiles into `doc`; returns the conflicts. `seen` remembers which Motif gave each name. */
export function mergeKatalogWide(doc: Rec, motif: Rec, label: string, local: Map<string, Set<string>>, seen: Map<string, string>): string[] {
  const problems: string[] = [];
  const take = (block: string, items: Rec[], into: (kept: Rec[]) => void) => {
    const kept: Rec[] = [];
    for (const item of items) {
      const name = item.name as string;
      if (local.get(block)?.has(name)) continue; // the Katalog's own declaration wins
      const key = `${block}/${name}`;
      const earlier = seen.get(key);
      if (earlier) {
        problems.push(`${block === 'notes' ? 'note' : 'profile'} "${name}" comes from both ${earlier} and ${label}; rename one, or declare it in the Katalog to choose`);
        continue;
      }
      seen.set(key, label);
      kept.push(item);
    }
    if (kept.length > 0) into(kept);
  };
  const notes = named(isRecord(motif.notes) ? motif.notes.functions : undefined);
  take('notes', notes, (kept) => {
    const own = isRecord(doc.notes) ? doc.notes : {};
    doc.notes = { ...own, functions: [...named(own.functions), ...kept] };
  });
  for (const [kind, list] of Object.entries(isRecord(motif.profiles) ? motif.profiles : {})) {
    if (kind === 'include') continue;
    take(`profiles.${kind}`, named(list), (kept) => {
      const own = isRecord(doc.profiles) ? doc.profiles : {};
      doc.profiles = { ...own, [kind]: [...named(own[kind]), ...kept] };
    });
  }
  return problems;
}

/** Replaces `resources: {profile: <name>}` on every child with the named profiles.resources entry. */
export function applyResourceProfiles(doc: Rec): void {
  const profiles = new Map(named(isRecord(doc.profiles) ? doc.profiles.resources : undefined).map((p) => [p.name as string, p]));
  if (profiles.size === 0) return;
  const spec = isRecord(doc.spec) ? doc.spec : {};
  for (const entry of Object.values(isRecord(spec.crds) ? spec.crds : {})) {
    const box = isRecord(entry) && isRecord(entry.operatorBox) ? entry.operatorBox : {};
    const blocks = [box, isRecord(box.reconcile) ? box.reconcile : {}];
    for (const block of blocks) {
      for (const phase of ['onCreate', 'onReconcile', 'onDelete']) {
        const lists = isRecord(block[phase]) ? (block[phase] as Rec) : {};
        for (const items of Object.values(lists)) for (const item of Array.isArray(items) ? items : []) applyProfile(item, profiles);
      }
    }
  }
}

function applyProfile(item: unknown, profiles: ReadonlyMap<string, Rec>): void {
  if (!isRecord(item) || !isRecord(item.resources) || typeof item.resources.profile !== 'string') return;
  const profile = profiles.get(item.resources.profile);
  if (!profile) return; // a built-in profile of the Go runtime: the schema says what to write instead
  const { profile: _name, ...own } = item.resources;
  const merged: Rec = {};
  for (const key of ['requests', 'limits']) {
    const value = { ...(isRecord(profile[key]) ? profile[key] : {}), ...(isRecord(own[key]) ? own[key] : {}) };
    if (Object.keys(value).length > 0) merged[key] = value;
  }
  item.resources = { ...own, ...merged };
}
