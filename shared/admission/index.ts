// The admission and conversion webhooks' pure core: the bundle's CRDs indexed for reviews,
// AdmissionReview and ConversionReview answered with the renderer's own rule code, JSON patches,
// and the registration objects derived from the bundle. No I/O: controller/webhook/ serves it.
export { AdmissionTargets, sameSchema, servedVersions, type AdmissionTarget } from './targets.js';
export { answerAdmission, ADMISSION_API_VERSION, type AdmissionAnswer, type AdmissionMode, type AdmissionOutcome } from './review.js';
export { answerConversion, CONVERSION_API_VERSION, type ConversionAnswer, type ConversionOutcome } from './conversion-review.js';
export { diffPatch, pointerSegment, type PatchOperation } from './json-patch.js';
export {
  configurationName, conversionWebhook, FAILURE_POLICIES, needsConversion, registrationFor, WEBHOOK_PATHS, WEBHOOK_TIMEOUT_SECONDS,
  type FailurePolicy, type Registration, type RegistrationOptions, type WebhookEndpoint,
} from './registration.js';
export { convertedBy, resetConversionPatch } from './release.js';
