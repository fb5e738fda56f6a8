// How a location inside a document is named in messages: `spec.crds.web.operatorBox.onCreate
// .deployments[0].image`. Keys that are not plain words are quoted so paths stay unambiguous.

export type PathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z0-9_$-]+$/;

export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Joins a path written as text (e.g. from a caller's `where.path`) with more segments. */
export function joinPath(prefix: string, segments: readonly PathSegment[]): string {
  const rest = formatPath(segments);
  if (prefix === '') return rest;
  if (rest === '') return prefix;
  return rest.startsWith('[') ? `${prefix}${rest}` : `${prefix}.${rest}`;
}
