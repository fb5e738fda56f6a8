// The one error type the template engine lets escape: a code, the template, a 1-based position in
// it and the bare reason. Also the internal failure functions raise before the evaluator knows where
// they were called from.
import { OrkError } from '../errors.js';

export type TemplateErrorCode = 'TEMPLATE_SYNTAX' | 'TEMPLATE_EXEC' | 'TEMPLATE_LIMIT';

const SHOWN_CHARS = 60;

/** The template as quoted in a message: short and on one line, so logs stay readable. */
function shortTemplate(template: string): string {
  const cut = template.length > SHOWN_CHARS ? `${template.slice(0, SHOWN_CHARS)}…` : template;
  return JSON.stringify(cut);
}

export class TemplateError extends OrkError {
  readonly template: string;
  readonly line: number;
  readonly col: number;
  readonly reason: string;

  constructor(code: TemplateErrorCode, template: string, line: number, col: number, reason: string) {
    super(code, `template ${shortTemplate(template)} line ${line} col ${col}: ${reason}`);
    this.name = 'TemplateError';
    this.template = template;
    this.line = line;
    this.col = col;
    this.reason = reason;
  }
}

/** A TemplateError at a character offset of the template (line and column counted from 1). */
export function templateErrorAt(code: TemplateErrorCode, template: string, offset: number, reason: string): TemplateError {
  const at = Math.max(0, Math.min(offset, template.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (template.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return new TemplateError(code, template, line, at - lineStart + 1, reason);
}

/**
 * Raised by a template function; the evaluator turns it into a TemplateError at the call site,
 * because the function itself does not know where in the template it was called.
 */
export class CallFailure extends Error {
  constructor(
    readonly reason: string,
    readonly code: 'TEMPLATE_EXEC' | 'TEMPLATE_LIMIT' = 'TEMPLATE_EXEC',
  ) {
    super(reason);
    this.name = 'CallFailure';
  }
}
