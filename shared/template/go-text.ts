// What the Go runtime does with a template's printed text (pkg/template's Resolve, read for
// v0.7.17): it executes with Option("missingkey=zero"), so an action whose value is missing or nil
// prints Go's "<no value>"; it then trims the text (strings.TrimSpace) and removes every
// "<no value>". A user note's output has "<no value>" removed first, then is trimmed. Pure.

/** What Go's text/template prints for an action whose value is missing or nil. */
export const NO_VALUE = '<no value>';

// unicode.IsSpace: JavaScript's \s without U+FEFF, plus U+0085.
const SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const EDGES = new RegExp(`^${SPACE}+|${SPACE}+$`, 'g');

/** Go's strings.TrimSpace. */
export function goTrimSpace(text: string): string {
  return text.replace(EDGES, '');
}

/** A rendered field value as the Go runtime's Resolve returns it: trimmed, then "<no value>" removed. */
export function resolvedText(text: string): string {
  return goTrimSpace(text).replaceAll(NO_VALUE, '');
}

/** A user note's output as the Go runtime returns it: "<no value>" removed, then trimmed. */
export function noteText(text: string): string {
  return goTrimSpace(text.replaceAll(NO_VALUE, ''));
}
