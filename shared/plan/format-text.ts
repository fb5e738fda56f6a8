// The plan for a person: CRDs, RBAC, children per CR, then what it amounts to. ANSI colour only
// when the caller asks (a TTY without NO_COLOR); the words carry the meaning without it. Values
// are shown as compact JSON, long ones cut; Secret data never appears (the model holds none).
import { formatChange } from '../crd-diff/index.js';
import { describeAccess, manifestsYaml } from '../rbac/index.js';
import type { ChildPlan, CrdPlan, CrPlan, FieldChange, Plan, ResourcePlan, WebhookPlan } from './types.js';

const MAX_VALUE_CHARS = 120;

type Colour = 'red' | 'green' | 'yellow' | 'cyan' | 'bold' | 'dim';
const CODES: Record<Colour, [number, number]> = { red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39], bold: [1, 22], dim: [2, 22] };

export interface TextOptions {
  colour: boolean;
}

export function formatPlanText(plan: Plan, options: TextOptions): string {
  const paint = (c: Colour, text: string) => (options.colour ? `\u001b[${CODES[c][0]}m${text}\u001b[${CODES[c][1]}m` : text);
  const lines: string[] = [];
  const add = (text = '') => lines.push(text);

  const b = plan.bundle;
  add(`Plan for katalog ${b.katalog}, bundle ${b.digest}${b.source === 'bundle' ? (b.verified ? ' (verified)' : ' (not verified: no --key)') : ' (resolved from the Komposer)'}`);
  add(`against ${plan.cluster.server}`);

  add();
  add(paint('bold', 'CRDs'));
  if (plan.crds.length === 0) add('  the bundle carries no CRDs');
  for (const crd of plan.crds) crdLines(crd, paint).forEach((l) => add(l));
  if (plan.crdsNotInBundle.length > 0) {
    add(`  Applied by Orkestra in the bundle's groups but not in this bundle (Orkestra never deletes CRDs: they stay, with their objects):`);
    for (const name of plan.crdsNotInBundle) add(`    ${name}`);
  }

  add();
  const { rbac } = plan;
  const who = rbac.subject.kind === 'serviceAccount' ? `service account ${rbac.subject.user}` : `the current identity (${rbac.subject.user}${rbac.subject.groups.length > 0 ? `, groups ${rbac.subject.groups.join(', ')}` : ''})`;
  add(`${paint('bold', 'RBAC')} for ${who}`);
  if (rbac.missing.length === 0) {
    add(`  ${paint('green', '=')} all ${rbac.checked} permissions the controller needs are granted`);
  } else {
    add(`  ${paint('red', '!')} missing ${rbac.missing.length} of ${rbac.checked} permissions:`);
    for (const m of rbac.missing) add(`      ${describeAccess(m)}`);
    add('    rules that grant them:');
    for (const line of manifestsYaml(rbac.missingRules).trimEnd().split('\n')) add(`      ${line}`);
  }
  if (rbac.unresolvedKinds.length > 0) add(`  not checked (kinds the cluster does not serve): ${rbac.unresolvedKinds.join(', ')}`);

  add();
  add(paint('bold', 'Webhooks'));
  webhookLines(plan.webhooks, paint).forEach((l) => add(l));

  add();
  add(paint('bold', 'Children'));
  if (plan.resources.length === 0) add('  the bundle reconciles no custom resources');
  for (const r of plan.resources) resourceLines(r, paint).forEach((l) => add(l));

  add();
  for (const r of plan.refusals) add(paint('red', `The controller would refuse to start: ${r.code}: ${r.message}`));
  add(summaryLine(plan));
  add(plan.changes ? paint('yellow', 'Changes present.') : paint('green', 'No changes.'));
  return `${lines.join('\n')}\n`;
}

type Paint = (c: Colour, text: string) => string;

function crdLines(crd: CrdPlan, paint: Paint): string[] {
  if (crd.status === 'new') return [`  ${paint('green', '+')} ${crd.name}: new, will be created`];
  if (crd.status === 'unchanged') return [`  ${paint('dim', '=')} ${crd.name}: unchanged`];
  const breaking = crd.changes.filter((c) => c.severity === 'breaking');
  const open = breaking.filter((c) => !c.acknowledged).length;
  const count = (s: string) => crd.changes.filter((c) => c.severity === s).length;
  const head = `  ${paint('yellow', '~')} ${crd.name}: changed: ${breaking.length} breaking${breaking.length > 0 ? ` (${open} not acknowledged)` : ''}, ${count('warning')} warning(s), ${count('safe')} safe`;
  const lines = [head];
  for (const c of crd.changes) {
    const text = `      ${formatChange(c)}`;
    if (c.severity !== 'breaking') lines.push(text);
    else lines.push(c.acknowledged ? `${text} ${paint('dim', '[acknowledged]')}` : paint('red', `${text} [NOT ACKNOWLEDGED]`));
  }
  if (open > 0) {
    const where = crd.entries.length > 0 ? `spec.crds.${crd.entries[0]}.allowBreakingChanges` : 'allowBreakingChanges of a spec.crds entry naming this CRD';
    lines.push(`      to ship them anyway, list their ids in ${where}`);
  }
  if (crd.unusedAcknowledgements.length > 0) lines.push(`      acknowledged but not in this upgrade (remove once shipped): ${crd.unusedAcknowledgements.join(', ')}`);
  return lines;
}

function webhookLines(w: WebhookPlan, paint: Paint): string[] {
  const lines: string[] = [];
  if (w.configurations.length === 0) lines.push(`  configurations not compared: pass --webhook NAME (the install's name, as 'ork webhook --name' gets it)`);
  for (const c of w.configurations) {
    const hooks = c.webhooks.length > 0 ? c.webhooks.join(', ') : 'no webhooks: the bundle has no such rules';
    if (c.status === 'new') lines.push(`  ${paint('green', '+')} ${c.kind} ${c.name}: new (${hooks})`);
    else if (c.status === 'unchanged') lines.push(`  ${paint('dim', '=')} ${c.kind} ${c.name}: unchanged`);
    else {
      lines.push(`  ${paint('yellow', '~')} ${c.kind} ${c.name}: changed`);
      for (const change of c.diff) lines.push(`      ${fieldLine(change)}`);
    }
  }
  if (w.conversions.length === 0) lines.push('  conversion: no CRD of the bundle serves several versions');
  for (const c of w.conversions) {
    if (!c.changes) lines.push(`  ${paint('dim', '=')} ${c.crd}: conversion Webhook, unchanged`);
    else lines.push(`  ${paint('yellow', '~')} ${c.crd}: conversion ${c.from === 'absent' ? '(new CRD)' : c.from} → ${c.to}`);
  }
  return lines;
}

function resourceLines(r: ResourcePlan, paint: Paint): string[] {
  const head = `  ${r.kind} (${r.apiVersion}), entry ${r.crd}`;
  if (!r.served) return [`${head}: not served by the cluster yet, so no CRs to plan`];
  const cut = r.truncated ? `; --max-crs reached, ${r.more !== undefined ? `${r.more} more` : 'more'} not planned` : '';
  const lines = [`${head}: ${r.planned === 1 ? '1 CR' : `${r.planned} CRs`}${cut}`];
  for (const cr of r.crs) lines.push(...crLines(cr, paint));
  return lines;
}

function crLines(cr: CrPlan, paint: Paint): string[] {
  const lines = [`    ${cr.namespace ? `${cr.namespace}/` : ''}${cr.name}`];
  if (cr.skipped) lines.push(`      ${paint('dim', '-')} not planned: ${cr.skipped}`);
  if (cr.error) {
    lines.push(`      ${paint('red', '!')} ${cr.error.code}: no child would be changed; the CR's Ready condition would say:`);
    for (const m of cr.error.messages) lines.push(`          ${m}`);
  }
  if (!cr.skipped && !cr.error && cr.children.length === 0) lines.push('      no children');
  for (const child of cr.children) lines.push(...childLines(child, paint));
  return lines;
}

const MARKS: Record<ChildPlan['action'], [string, Colour]> = {
  create: ['+', 'green'], update: ['~', 'yellow'], prune: ['-', 'red'], unchanged: ['=', 'dim'], conflict: ['!', 'red'],
};

function childLines(child: ChildPlan, paint: Paint): string[] {
  const [mark, colour] = MARKS[child.action];
  const target = `${child.kind} ${child.namespace ? `${child.namespace}/` : ''}${child.name}`;
  const reason = child.reason ? ` (${child.reason})` : '';
  const lines = [`      ${paint(colour, `${mark} ${child.action.padEnd(9)}`)} ${target}${reason}`];
  if (child.error) lines.push(`          ${paint('red', `the API server refuses it: ${child.error}`)}`);
  for (const change of child.diff ?? []) lines.push(`          ${fieldLine(change)}`);
  return lines;
}

export function fieldLine(c: FieldChange): string {
  if (c.secret) return '(secret data changed)';
  if (c.op === 'added') return `${c.path}: (absent) → ${show(c.new)}`;
  if (c.op === 'removed') return `${c.path}: ${show(c.old)} → (removed)`;
  return `${c.path}: ${show(c.old)} → ${show(c.new)}`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

function summaryLine(plan: Plan): string {
  const s = plan.summary;
  const c = s.children;
  const crds = `CRDs: ${s.crds.new} new, ${s.crds.changed} changed (${s.crds.breaking} breaking, ${s.crds.unacknowledged} not acknowledged), ${s.crds.unchanged} unchanged`;
  const rbac = `RBAC: ${s.rbac.missing} of ${s.rbac.checked} missing`;
  const children = `children: ${c.create} to create, ${c.update} to update, ${c.prune} to prune, ${c.conflict} in conflict, ${c.unchanged} unchanged`;
  const crs = `CRs: ${s.crs.planned} planned, ${s.crs.failed} failing, ${s.crs.skipped} skipped${s.crs.notListed > 0 ? `, ${s.crs.notListed} not listed (--max-crs)` : ''}`;
  const webhooks = `webhooks: ${s.webhooks.configurationsChanged} configuration(s), ${s.webhooks.conversionsChanged} conversion(s) to change`;
  return `${crds}; ${rbac}; ${children}; ${crs}; ${webhooks}.`;
}
