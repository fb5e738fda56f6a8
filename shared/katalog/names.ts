// Kubernetes name rules that a Katalog's own names must follow: metadata.name is a DNS-1123 label;
// a CRD entry key is a label value (it is written as the orkestra.orkspace.io/crd label, never into
// an object name), so upstream's camelCase keys (`platformResource`) are accepted.

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Why `name` is not a DNS-1123 label, or undefined when it is one. */
export function dnsLabelProblem(name: string): string | undefined {
  if (name.length > 63) return `"${name}" is longer than 63 characters; a DNS-1123 label is at most 63`;
  if (!DNS_LABEL.test(name)) {
    return `"${name}" is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit`;
  }
  return undefined;
}

const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Why a CRD entry key is not a usable label value (at most 63 of letters, digits, '-', '_', '.'), or undefined. */
export function crdKeyProblem(name: string): string | undefined {
  if (name.length > 63) return `"${name}" is longer than 63 characters; it becomes a label value, which is at most 63`;
  if (!LABEL_VALUE.test(name)) {
    return `"${name}" is not a valid label value: use letters, digits, '-', '_' and '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

const DNS_SUBDOMAIN_PART = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * What the API server would refuse in a CRD made from these apiTypes (group: a DNS-1123 subdomain
 * with at least one dot; version and plural: DNS-1035 labels), as [key, why] pairs. Found here,
 * not when the controller first applies the CRD. Templated values are left to the render. A
 * Kubernetes built-in kind (builtin-kinds.ts) keeps its own group, which may have no dot (apps, "").
 */
export function apiTypesProblems(apiTypes: { group: string; version: string; plural: string }, builtin = false): Array<['group' | 'version' | 'plural', string]> {
  const out: Array<['group' | 'version' | 'plural', string]> = [];
  const { group, version, plural } = apiTypes;
  if ([group, version, plural].some((v) => v.includes('{{'))) return out;
  const parts = group.split('.');
  if (!builtin && (group.length > 253 || parts.length < 2 || !parts.every((p) => p.length <= 63 && DNS_SUBDOMAIN_PART.test(p)))) {
    out.push(['group', `"${group}" is not a valid API group: use a lower-case DNS name with at least one dot, e.g. example.com`]);
  }
  if (version.length > 63 || !DNS_1035_LABEL.test(version)) {
    out.push(['version', `"${version}" is not a valid API version: use lower-case letters and digits starting with a letter, e.g. v1 or v1beta1`]);
  }
  if (plural.length > 63 || !DNS_1035_LABEL.test(plural)) {
    out.push(['plural', `"${plural}" is not a valid plural resource name: use lower-case letters, digits and '-', starting with a letter`]);
  }
  return out;
}
