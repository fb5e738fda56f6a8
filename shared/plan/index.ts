// `ork plan`'s pure core: the versioned plan model (types.ts, plan.schema.json), its assembly from
// what the shell read (build.ts), the field-level diff of a live object against a dry-run apply
// (object-diff.ts), and the text form (format-text.ts). No cluster, file or network access: the
// shell in controller/plan reads the cluster, cli/commands/plan.ts prints and maps the exit code.
export { PLAN_API_VERSION, type ChildActionType, type ChildPlan, type CrdPlan, type CrdStatus, type CrPlan, type FieldChange, type Plan, type PlanBundle, type PlanSummary, type PlannedCrdChange, type RbacPlan, type RbacSubject, type Refusal, type ResourcePlan, type ConversionPlan, type WebhookConfigurationPlan, type WebhookPlan } from './types.js';
export { buildPlan, hasChanges, type CrdComparison, type PlanInputs, type RbacFindings } from './build.js';
export { diffObjects } from './object-diff.js';
export { formatPlanText, fieldLine, type TextOptions } from './format-text.js';
export { planWebhooks, type LiveWebhookState, type WebhookPlanInput } from './webhooks.js';
