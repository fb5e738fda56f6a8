// The audit report as people read it: a table of replicas (short digests), one line per revision
// with its full digest(s), and the verdict last.
import type { AuditReport, RevisionGroup } from './report.js';

const SHORT_HEX = 12;

export function formatAudit(report: AuditReport): string {
  const header = ['POD', 'REVISION', 'DIGEST', 'PHASE', 'READY', 'LEADER'];
  const rows = report.replicas.map((r) => [
    r.pod,
    r.revision || '-',
    r.digest === undefined ? 'unknown' : shortDigest(r.digest),
    r.terminating ? `${r.phase} (terminating)` : r.phase,
    r.ready ? 'yes' : 'no',
    r.leads.length > 0 ? `yes (${r.leads.join(', ')})` : '',
  ]);
  const lines = report.replicas.length > 0 ? table([header, ...rows]) : [];
  if (lines.length > 0) lines.push('');
  for (const g of report.revisions) lines.push(revisionLine(g));
  if (report.revisions.length > 0) lines.push('');
  lines.push(`verdict: ${report.verdict}: ${report.summary}`);
  return `${lines.join('\n')}\n`;
}

function revisionLine(g: RevisionGroup): string {
  const name = `revision ${g.revision || '(none)'}${g.deploymentRevision === undefined ? '' : ` (deployment revision ${g.deploymentRevision})`}`;
  const count = `${g.pods.length} replica${g.pods.length === 1 ? '' : 's'}`;
  const unknown = g.unknown.length > 0 ? `; ${g.unknown.length} without a digest` : '';
  if (g.digests.length === 0) return `${name}: ${count}, digest unknown`;
  if (g.agree) return `${name}: ${count} run ${g.digests[0]}${unknown}`;
  return `${name}: ${count} DISAGREE: ${g.digests.join(', ')}${unknown}`;
}

function shortDigest(digest: string): string {
  const [algo, hex] = digest.split(':', 2);
  return hex !== undefined && hex.length > SHORT_HEX ? `${algo}:${hex.slice(0, SHORT_HEX)}` : digest;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
}
