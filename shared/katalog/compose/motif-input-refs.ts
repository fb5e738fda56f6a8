// The inputs a Motif's templates read: `{{ .inputs.x }}`, `{{ inputs.x }}`, `{{ index .inputs "x" }}`
// and a condition's bare `field: inputs.x`, in the parts that are bound (resources, status,
// admission). A read of an input the Motif does not declare can never be given a value (`with:`
// refuses undeclared names), so it always renders empty: upstream's Motif validator refuses it
// ("template references inputs.x but no input named x is declared"). Pure.
import type { PathSegment } from '../path.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface InputRead {
  path: PathSegment[];
  name: string;
}

const ACTION = /\{\{[^}]*\}\}/g;
const DOTTED = /(?:^\{\{-?|[\s(|,])\.?inputs\.([A-Za-z_][A-Za-z0-9_]*)/g;
const INDEXED = /\bindex\s+\.?inputs\s+"([^"]+)"/g;
const BARE = /^\s*\.?inputs\.([A-Za-z_][A-Za-z0-9_]*)\s*$/;
const BOUND_PARTS = ['resources', 'status', 'admission'];

/** The names one string reads; `asField`: a condition's field, where a bare `inputs.x` reads too. */
function namesIn(text: string, asField: boolean): string[] {
  const names: string[] = [];
  const bare = asField ? BARE.exec(text) : null;
  if (bare) names.push(bare[1]!);
  for (const action of text.match(ACTION) ?? []) {
    for (const m of action.matchAll(DOTTED)) names.push(m[1]!);
    for (const m of action.matchAll(INDEXED)) names.push(m[1]!);
  }
  return names;
}

function walk(value: unknown, path: PathSegment[], key: string | undefined, found: InputRead[]): void {
  if (typeof value === 'string') {
    for (const name of namesIn(value, key === 'field')) found.push({ path, name });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, [...path, i], undefined, found));
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) walk(v, [...path, k], k, found);
  }
}

/** The names of the inputs a Motif declares, in order. */
export function declaredInputs(motif: Rec): string[] {
  return (Array.isArray(motif.inputs) ? motif.inputs : []).flatMap((i) => (isRecord(i) && typeof i.name === 'string' ? [i.name] : []));
}

/** Every read of an input the Motif does not declare, in document order. */
export function undeclaredInputReads(motif: Rec): InputRead[] {
  const declared = new Set(declaredInputs(motif));
  const found: InputRead[] = [];
  for (const part of BOUND_PARTS) walk(motif[part], [part], undefined, found);
  return found.filter((read) => !declared.has(read.name));
}

/** The one-line problem for a read of an undeclared input. */
export function undeclaredInputMessage(motifName: string, read: InputRead, declared: readonly string[]): string {
  return `Motif "${motifName}" reads input "${read.name}", which it does not declare, so it is always empty (declared inputs: ${declared.join(', ') || 'none'}); declare it under inputs: or remove the reference`;
}
