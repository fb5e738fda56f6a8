// Kubernetes name rules that a Katalog's own names must follow: metadata.name and every CRD entry
// key are DNS-1123 labels (they become label values and parts of object names).

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Why `name` is not a DNS-1123 label, or undefined when it is one. */
export function dnsLabelProblem(name: string): string | undefined {
  if (name.length > 63) return `"${name}" is longer than 63 characters; a DNS-1123 label is at most 63`;
  if (!DNS_LABEL.test(name)) {
    return `"${name}" is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit`;
  }
  return undefined;
}
