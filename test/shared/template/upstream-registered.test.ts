// Parity of names with the functions upstream's CODE registers (not its catalog or prose). Upstream
// builds one FuncMap, pkg/note/note.go buildNotes(), from 33 domain functions (asNotes …
// serveNotes), and its resolver and `ork validate` use only that map plus Go's text/template
// built-ins, the declared sentinels and the Katalog's own notes: no Sprig. The lists below were
// read from those registration literals (v0.7.17 and the versions before it); every name must be
// callable here. Names upstream's prose mentions but no registration holds stay undefined, as
// upstream: a template calling one fails to parse there and here.
import { expect } from 'chai';
import { lookupFunction, parseTemplate, TemplateError } from '../../../shared/template/index.js';

const REGISTERED_BY_DOMAIN: Record<string, string> = {
  asNotes: 'asList asMap asString',
  cronNotes: 'cronMinute cronHour cronDom cronMonth cronDow cronField cronExpr cronValid cronFromMap cronToMap cronFromAny cronNormalize cronDescribe',
  timeNotes: 'timeAgo timeSince timeUntil isExpired timeFormat durationSeconds durationAdd durationValid weekday weekend timeInWindow timeNotInWindow nextCron',
  dataNotes: 'toBase64 fromBase64 toJSON sha256sum truncateName slugify',
  stringNotes: 'toLower toUpper trimSpace trim trimPrefix trimSuffix hasPrefix hasSuffix contains replace split join repeat camelToKebab truncate',
  validationNotes: 'isValidEmail isValidGitRepository isValidURL isValidImageRef isValidJSON isValidPort',
  mathNotes: 'add sub mul div mod min max clamp abs',
  typeNotes: 'toInt toFloat toBool toString toJson toList typeOf len typeMap typeList typeString typeNumber typeBool typeNull isEmpty isScalar isComposite',
  conditionalNotes: 'ternary boolTernary boolDefault eqTernary coalesce default empty notEmpty',
  randomNotes: 'randomAlphanumeric randomHex randomBase64 uuidv4',
  kubernetesNotes:
    'meta name namespace labels annotations getLabel getLabelInt hasLabel getAnnotation getAnnotationInt hasAnnotation labelMatches spec status getStatus hasStatus phase get ownerKind ownerName hasCondition conditionReason conditionMessage resourceExists isTerminating generation observedGeneration isSynced resourceCPU resourceMemory',
  kubeValidationNotes: 'isValidLabelValue isValidLabelKey isValidAnnotationKey isDNS1123Subdomain',
  quantityNotes: 'parseQuantity formatQuantity sumQuantity minusQuantity',
  listMapNotes: 'listHas listGet listLen mapGet mapKeys mapValues mapPick mapOmit',
  safeAccessNotes: 'getOr getStringOr getIntOr getBoolOr',
  containerNotes: 'containerImage containerEnv containerPort hasContainerPort containerPortByName containerPorts containerCount',
  serviceNotes:
    'serviceClusterIP serviceNodePort serviceLoadBalancerIP serviceLoadBalancerHost endpointsReady hasEndpoints serviceEndpoints serviceEndpointCount serviceFirstEndpoint backingPodCount backingPodNames',
  replicaNotes: 'allReplicasReady desiredReplicas readyReplicas availableReplicas updatedReplicas rolloutComplete',
  podNotes:
    'podNames podIPs podPhases podNodes podCount readyPodCount podMaxRestarts hasCrashingPod podByOrdinal podContainerReasons podContainerState podCrashLoopDetected podImagePullBackOffDetected podErrImagePullDetected podErrorDetected podOOMKilledDetected podRunContainerErrorDetected podCreateContainerErrorDetected podInvalidImageNameDetected podPreStartHookErrorDetected podPostStartHookErrorDetected',
  jobNotes:
    'jobSucceeded jobFailed jobActive jobFirstExitCode jobActivePodNames jobSucceededPodNames jobFailedPodNames cronJobActiveCount cronJobLastScheduleTime cronJobNextScheduleTime cronJobLastSuccessTime cronJobLastJobName cronJobLastJobSucceeded cronJobLastSuccessfulJobName',
  eventNotes: 'hasWarnings warningCount firstWarning warningMessages warningReasons',
  pvcNotes: 'pvcBound pvcPhase pvcCapacity pvcStorageClass pvcAccessModes pvcProvisioner pvcVolumeMode',
  ingressNotes: 'ingressReady ingressHost ingressIP ingressClassName ingressRules ingressTLSHosts',
  hpaNotes: 'hpaCurrentReplicas hpaDesiredReplicas hpaMinReplicas hpaMaxReplicas hpaScaling hpaAtMax hpaScaleTargetName hpaScaleTargetKind hpaMetricTypes',
  nodeNotes: 'nodeReady nodeAllocatableCPU nodeAllocatableMemory nodeCondition nodeTaints podNodeName podNodeZone podNodeRegion podNodeInstanceType',
  replicaSetNotes: 'replicaSetOwnerName replicaSetOwnerKind deploymentReplicaSetCount deploymentReplicaSets oldDeploymentReplicaSets',
  statefulSetNotes: 'statefulSetCurrentRevision statefulSetUpdateRevision statefulSetPVCCount',
  fieldNotes: 'resourceName resourceNamespace resourceUID resourceVersion creationTimestamp',
  semverNotes: 'semverMajor semverMinor semverPatch semverValid semverCompare semverBump semverConstraint',
  netNotes: 'cidrContains ipValid ipIsPrivate',
  domainNotes: 'domainHost domainBare',
  prometheusNotes: 'promValue promSum promMax promAboveThreshold promBelowThreshold promSeriesCount promLabelValues',
  serveNotes: 'getServeTarget getServeAlias getServeSource hasServeTarget hasServeAlias hasServeSource isDirectApply',
};

/** Registered by an earlier upstream replicaNotes; its reference still documents it (ready == desired). */
const EARLIER_UPSTREAM = ['replicasReady'];

/** Go's text/template built-ins, which every upstream template also has. */
const GO_BUILTINS = 'and call html index slice js len not or print printf println urlquery eq ge gt le lt ne'.split(' ');

/** Named in upstream's enrichment prose only; no registration in its code holds them. */
const PROSE_ONLY = ['firstWarningReason', 'firstWarningMessage', 'pvReclaimPolicy', 'pvAccessModes'];

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

describe('shared/template names upstream registers', () => {
  it('reads the 33 domain registrations of buildNotes', () => {
    expect(Object.keys(REGISTERED_BY_DOMAIN)).to.have.length(33);
    const all = Object.values(REGISTERED_BY_DOMAIN).flatMap(words);
    expect(new Set(all).size).to.equal(all.length);
    expect(all).to.have.length(278);
  });

  for (const [domain, names] of Object.entries(REGISTERED_BY_DOMAIN)) {
    it(`defines every name of ${domain}`, () => {
      expect(words(names).filter((n) => !lookupFunction(n))).to.deep.equal([]);
    });
  }

  it('defines the earlier upstream names and the Go built-ins', () => {
    expect([...EARLIER_UPSTREAM, ...GO_BUILTINS].filter((n) => !lookupFunction(n))).to.deep.equal([]);
  });

  it('leaves the prose-only names undefined, so a template calling one fails to parse as upstream', () => {
    for (const name of PROSE_ONLY) {
      expect(lookupFunction(name), name).to.equal(undefined);
      expect(() => parseTemplate(`{{ ${name} .children.pvc }}`)).to.throw(TemplateError, `function "${name}" is not defined`);
    }
  });
});
