// Credential-free labels for URLs and references: every message, error `source` and bundle ref a
// source produces goes through here, and every message of the loader that quotes a remote crdFile
// or an OCI Motif reference. Pure: no I/O. Strips userinfo, query and fragment, because any
// of them may carry a token (`https://user:tok@host`, `?access_token=…`, `#id_token=…`).

/**
 * `scheme://host[:port]/path` of a URL-like string, with userinfo, query and fragment removed.
 * Input that does not parse as a URL is still scrubbed textually, so that a malformed URL with a
 * token in it can be named in an error message safely.
 */
export function sanitizeUrl(raw: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (parsed && parsed.host !== '') {
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  }
  return scrubText(raw);
}

/** Textual fallback: drop everything from `?` or `#`, and any `userinfo@` after `scheme://`. */
function scrubText(raw: string): string {
  const cut = raw.search(/[?#]/);
  const head = cut >= 0 ? raw.slice(0, cut) : raw;
  const scheme = /^([a-z][a-z0-9+.-]*:\/\/)(.*)$/i.exec(head);
  if (scheme) {
    const rest = scheme[2] ?? '';
    const slash = rest.indexOf('/');
    const authority = slash >= 0 ? rest.slice(0, slash) : rest;
    const path = slash >= 0 ? rest.slice(slash) : '';
    const at = authority.lastIndexOf('@');
    return `${scheme[1]}${at >= 0 ? authority.slice(at + 1) : authority}${path}`;
  }
  const at = head.lastIndexOf('@');
  const firstSlash = head.indexOf('/');
  return at >= 0 && (firstSlash < 0 || at < firstSlash) ? head.slice(at + 1) : head;
}

/** Whether a URL string carries userinfo (`user[:password]@`), which imports must not use. */
export function hasUserinfo(raw: string): boolean {
  try {
    const u = new URL(raw);
    return u.username !== '' || u.password !== '';
  } catch {
    return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(raw);
  }
}
