// The user notes a document declares (notes.functions): the function scope its templates are
// checked against, and what is wrong with the notes themselves — a name given twice or that is a
// template keyword, a body that does not parse, notes calling each other in a cycle, and (a
// warning) a note replacing a built-in without `shadow: true`. Pure.
import type { Issue } from '../errors.js';
import { checkTemplate, lookupFunction, noteCycle, UserNotes, type UserNoteDef } from '../template/index.js';
import { formatPath, type PathSegment } from './path.js';
import type { Locator } from './yaml-source.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Words a template reads as keywords or literals, so a note by that name could never be called. */
const RESERVED = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue', 'true', 'false', 'nil']);

export interface CheckedNotes {
  /** Undefined when the document declares no notes. */
  scope?: UserNotes;
  issues: Issue[];
}

/** The well-formed entries of notes.functions, in order. */
export function declaredNotes(doc: unknown): UserNoteDef[] {
  const notes = isRecord(doc) && isRecord(doc.notes) ? doc.notes : {};
  const list = Array.isArray(notes.functions) ? notes.functions : [];
  return list.filter((n): n is UserNoteDef => isRecord(n) && typeof n.name === 'string' && typeof n.expression === 'string');
}

export function checkUserNotes(doc: unknown, file: string, locate: Locator): CheckedNotes {
  const issues: Issue[] = [];
  const report = (path: PathSegment[], message: string, severity?: 'warning') => {
    issues.push({ file, ...locate(path), path: formatPath(path), message, ...(severity ? { severity } : {}) });
  };
  const notes = isRecord(doc) && isRecord(doc.notes) ? doc.notes : {};
  const list = Array.isArray(notes.functions) ? notes.functions : [];
  const first = new Map<string, number>();
  list.forEach((note, i) => {
    if (!isRecord(note) || typeof note.name !== 'string') return;
    const at: PathSegment[] = ['notes', 'functions', i, 'name'];
    const earlier = first.get(note.name);
    if (earlier !== undefined) report(at, `note "${note.name}" is already declared at notes.functions[${earlier}]; give each note one name`);
    else first.set(note.name, i);
    if (RESERVED.has(note.name)) report(at, `"${note.name}" is a template keyword and cannot name a note; choose another name`);
    else if (lookupFunction(note.name) && note.shadow !== true) {
      report(at, `note "${note.name}" replaces the built-in function of that name in every template of this Katalog; add shadow: true if that is intended, or rename the note`, 'warning');
    }
  });
  const defs = declaredNotes(doc);
  if (defs.length === 0) return { issues };
  const cycle = noteCycle(defs);
  if (cycle) {
    const i = list.findIndex((n) => isRecord(n) && n.name === cycle[0]);
    report(['notes', 'functions', i, 'expression'], `notes call each other in a cycle: ${cycle.join(' → ')}; a note takes no arguments, so the cycle would never end`);
  }
  const scope = new UserNotes(defs);
  list.forEach((note, i) => {
    if (!isRecord(note) || typeof note.expression !== 'string') return;
    const error = checkTemplate(note.expression, scope);
    if (error) report(['notes', 'functions', i, 'expression'], `template error: ${error.reason} (column ${error.col})`);
  });
  return { scope, issues };
}
