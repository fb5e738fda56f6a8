// Kubernetes name-format notes, the checks the API server applies: label values, label and
// annotation keys (`[prefix/]name`), DNS-1123 subdomains. Fixed patterns on length-checked
// input, so matching is bounded.
import type { FuncDef } from '../func-def.js';
import { note, str, type DocLine } from './note.js';

const NAME = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;

export function isDNS1123Subdomain(s: string): boolean {
  return s.length > 0 && s.length <= 253 && s.split('.').every((part) => LABEL.test(part));
}

export function isLabelValue(s: string): boolean {
  return s === '' || (s.length <= 63 && NAME.test(s));
}

/** A qualified name: `name` or `prefix/name`, the prefix a DNS subdomain. */
export function isQualifiedName(s: string): boolean {
  const parts = s.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1]!;
  if (parts.length === 2 && !isDNS1123Subdomain(parts[0]!)) return false;
  return name.length > 0 && name.length <= 63 && NAME.test(name);
}

const check = (name: string, doc: DocLine, test: (s: string) => boolean): FuncDef => note('validation', name, [1, 1], doc, (a) => test(str(a[0], 1)));

export const KUBE_VALIDATION_NOTES: FuncDef[] = [
  check('isValidLabelValue', ['isValidLabelValue TEXT', 'Whether TEXT may be a label value: at most 63 of [A-Za-z0-9-_.], alphanumeric at both ends, or empty.', '{{ isValidLabelValue (getLabel . "team") }}'], isLabelValue),
  check('isValidLabelKey', ['isValidLabelKey TEXT', 'Whether TEXT may be a label key: [prefix/]name, the prefix a DNS subdomain, the name as a label value but not empty.', '{{ isValidLabelKey .spec.labelKey }}'], isQualifiedName),
  check('isValidAnnotationKey', ['isValidAnnotationKey TEXT', 'Whether TEXT may be an annotation key (the same format as a label key).', '{{ isValidAnnotationKey .spec.annotationKey }}'], isQualifiedName),
  check('isDNS1123Subdomain', ['isDNS1123Subdomain TEXT', 'Whether TEXT is a DNS-1123 subdomain: lowercase alphanumeric and "-" labels joined by ".", at most 253 characters.', '{{ isDNS1123Subdomain .spec.hostname }}'], isDNS1123Subdomain),
];
