// Splits a multi-document YAML text (`---` separated) into one text per document, with the line
// each starts on, so every document can be checked on its own and still report true line numbers.
// Text that does not parse is returned whole: the validator then reports the syntax error.
import { LineCounter, isScalar, parseAllDocuments } from 'yaml';

export interface YamlPiece {
  text: string;
  /** Lines before this piece in the original text (add to a line number within the piece). */
  lineOffset: number;
}

export function splitYamlDocuments(text: string): YamlPiece[] {
  const whole = [{ text, lineOffset: 0 }];
  if (!/^---/m.test(text)) return whole;
  const lineCounter = new LineCounter();
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter });
  } catch {
    return whole;
  }
  if (!Array.isArray(docs) || docs.length <= 1 || docs.some((d) => d.errors.length > 0)) return whole;
  const pieces: YamlPiece[] = [];
  for (const doc of docs) {
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) continue;
    const [start, , end] = doc.contents.range ?? doc.range;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    pieces.push({ text: text.slice(lineStart, end), lineOffset: lineCounter.linePos(lineStart).line - 1 });
  }
  return pieces.length > 0 ? pieces : whole;
}
