// The user notes (notes.functions) of a composed Katalog, accumulated as upstream's merger does:
// every imported Katalog's notes in import order (the same name from two imports is an error unless
// both say the same), then the Komposer's own notes, which win by name. A plain Katalog resolved on
// its own keeps its notes unchanged. Pure.
import type { Issue } from '../errors.js';
import type { UserNote } from '../katalog/types.js';

export interface ImportedNotes {
  /** The import's label (`file:./a.yaml`). */
  source: string;
  notes: UserNote[];
}

export function mergeNotes(imported: ImportedNotes[], own: UserNote[] | undefined): { functions: UserNote[]; issues: Issue[] } {
  const byName = new Map<string, { note: UserNote; source: string }>();
  const issues: Issue[] = [];
  for (const { source, notes } of imported) {
    for (const note of notes) {
      const seen = byName.get(note.name);
      if (seen && JSON.stringify(seen.note) !== JSON.stringify(note)) {
        issues.push({ path: 'notes.functions', message: `note '${note.name}' is declared differently by ${seen.source} and ${source}; rename one, or declare it in the Komposer's notes.functions to choose` });
        continue;
      }
      byName.set(note.name, { note, source });
    }
  }
  for (const note of own ?? []) byName.set(note.name, { note, source: 'komposer' });
  return { functions: [...byName.values()].map((v) => v.note), issues };
}
