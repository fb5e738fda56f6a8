// `admission.conversion` (the spelling of upstream's usage FAQ) is the entry's `conversion`, moved in
// the YAML tree with one warning so every later check (includes, schema, version folding) reads it
// at the entry, and reports at the place the user wrote. Given at both places, it stays where it is
// and the schema refuses it as an unknown key of admission. Pure: works on the tree it is given.
import { isMap, isScalar, type Pair, type YAMLMap } from 'yaml';
import type { PathSegment } from './path.js';

export interface MovedForm {
  offset: number;
  path: PathSegment[];
  message: string;
}

const pairOf = (map: YAMLMap, key: string): Pair | undefined => map.items.find((p) => isScalar(p.key) && p.key.value === key);

export function admissionConversion(entry: YAMLMap, name: string): MovedForm[] {
  const admission = pairOf(entry, 'admission')?.value;
  if (!isMap(admission)) return [];
  const pair = pairOf(admission, 'conversion');
  if (!pair || pairOf(entry, 'conversion')) return [];
  admission.items = admission.items.filter((p) => p !== pair);
  entry.items.push(pair);
  const offset = (pair.key as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
  return [{ offset, path: ['spec', 'crds', name, 'admission', 'conversion'], message: `admission.conversion is read as the entry's conversion (spec.crds.${name}.conversion); write it there` }];
}
