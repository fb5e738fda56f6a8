// What `.external.<name>` holds after a call, in upstream's shapes (pkg/external): HTTP calls give
// `status` (the code as text), `body` (its first 4096 characters), `error` and `called` ("true" /
// "false"), plus the top-level keys of a JSON answer (never over those four); prometheus calls give
// `result` (the scalar or first series value as text) and `raw` (the server's JSON). Pure.
import { EXTERNAL_DEFAULTS, type ExternalCall, type ExternalProtocol } from './calls.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** One answer as the controller received it (body already size-limited). */
export interface Answer {
  statusCode: number;
  text: string;
}

/** The result of a call whose when/or did not hold. */
export function skippedResult(protocol: ExternalProtocol): Rec {
  return protocol === 'http' ? { status: '', body: '', error: '', called: 'false' } : { result: '', raw: {}, error: '', called: 'false' };
}

/** The result of a call that got no usable answer; `error` never holds a credential. */
export function errorResult(protocol: ExternalProtocol, error: string, statusCode?: number): Rec {
  if (protocol === 'http') return { status: statusCode === undefined ? '' : String(statusCode), body: '', error, called: 'true' };
  return { result: '', raw: {}, error, called: 'true' };
}

/** The result of an answer, with `error` set when its status is not the one expected. */
export function answerResult(call: Pick<ExternalCall, 'protocol' | 'expectedStatus'>, answer: Answer): Rec {
  const json = parseJson(answer.text);
  if (call.protocol === 'prometheus') return prometheusResult(answer, json);
  const ok = call.expectedStatus !== undefined ? answer.statusCode === call.expectedStatus : answer.statusCode >= 200 && answer.statusCode < 300;
  const error = ok ? '' : `HTTP ${answer.statusCode}${call.expectedStatus !== undefined ? `, expected ${call.expectedStatus}` : ''}`;
  const fixed = { status: String(answer.statusCode), body: answer.text.slice(0, EXTERNAL_DEFAULTS.bodyChars), error, called: 'true' };
  return isRecord(json) ? { ...json, ...fixed } : fixed;
}

function prometheusResult(answer: Answer, json: unknown): Rec {
  if (!isRecord(json)) return errorResult('prometheus', `HTTP ${answer.statusCode}: the answer is not Prometheus JSON`);
  if (json.status !== 'success') return { result: '', raw: json, error: `prometheus: ${typeof json.error === 'string' ? json.error : `HTTP ${answer.statusCode}`}`, called: 'true' };
  return { result: firstValue(json.data), raw: json, error: '', called: 'true' };
}

/** A scalar's value, or the first series' value (vector), or its last sample (matrix), as text. */
function firstValue(data: unknown): string {
  if (!isRecord(data)) return '';
  const { resultType, result } = data;
  const sampleText = (s: unknown) => (Array.isArray(s) && s.length === 2 ? String(s[1]) : '');
  if (resultType === 'scalar' || resultType === 'string') return sampleText(result);
  if (!Array.isArray(result) || result.length === 0 || !isRecord(result[0])) return '';
  const first = result[0];
  if (resultType === 'matrix') return Array.isArray(first.values) ? sampleText(first.values.at(-1)) : '';
  return sampleText(first.value);
}

function parseJson(text: string): unknown {
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether a result counts as failed (its `error` is set). */
export function failedResult(result: Rec): string | undefined {
  return typeof result.error === 'string' && result.error !== '' ? result.error : undefined;
}
