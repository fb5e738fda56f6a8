// The pods domain: readers of the `_pods` summaries upstream's `enrich: [pods]` embeds; without
// them every note answers its zero value.
import { POD_NOTES } from '../../../../shared/template/notes/pods.js';
import { cr } from './fixtures.js';
import { fails, noteTable, typed } from './note-table.js';

const web = {
  _pods: [
    { name: 'web-0', ip: '10.0.0.1', phase: 'Running', ready: true, node: 'n1', restartCount: 1, ordinal: 0, containers: [{ name: 'app', state: 'Running' }, { name: 'side', state: 'Waiting', reason: 'CrashLoopBackOff' }] },
    { name: 'web-1', ip: '', phase: 'Pending', ready: 'true', restartCount: 3.7, ordinal: 1, containers: [{ name: 'app', state: 'Waiting', reason: 'ImagePullBackOff' }, { name: 'x', reason: 'CrashLoopBackOff' }] },
    { name: 'web-2', ip: '10.0.0.3', phase: 'Running', ready: true, node: 'n2', restartCount: '9', ordinal: 2, containers: [{ name: 'app', state: 'Terminated', reason: 'OOMKilled' }] },
    'junk',
  ],
};
const healthy = { _pods: [{ name: 'ok-0', ready: true, restartCount: 2, containers: [{ name: 'app', state: 'Running' }] }] };
const data = { ...cr, children: { ...cr.children, statefulset: web, healthy } };
const S = '.children.statefulset';
const H = '.children.healthy';
const arityErr = (name: string) => fails(`wrong number of arguments for "${name}": want 1, got 0`);

function reasonRows(name: string, inWeb: boolean, other: { reason: string }): [string, ReturnType<typeof fails> | string, unknown?][] {
  return [
    [`{{ ${name} ${S} }}`, String(inWeb)],
    [`{{ ${name} .x }}`, 'true', { x: { _pods: [{ containers: [{ name: 'a', reason: other.reason }] }] } }],
    [`{{ ${name} ${H} }}`, 'false'],
    [`{{ ${name} .children.deployment }}`, 'false'],
    [`{{ ${name} }}`, arityErr(name)],
  ];
}

noteTable('pods', POD_NOTES, {
  podNames: [[`{{ podNames ${S} }}`, 'web-0, web-1, web-2'], [`[{{ podNames .children.deployment }}]`, '[]'], ['[{{ podNames nil }}]', '[]'], ['{{ podNames }}', arityErr('podNames')]],
  podIPs: [[`{{ podIPs ${S} }}`, '10.0.0.1, 10.0.0.3'], [`[{{ podIPs ${H} }}]`, '[]'], ['[{{ podIPs "x" }}]', '[]'], ['{{ podIPs }}', arityErr('podIPs')]],
  podPhases: [[`{{ podPhases ${S} }}`, 'Running, Pending, Running'], [`[{{ podPhases ${H} }}]`, '[]'], ['[{{ podPhases nil }}]', '[]'], ['{{ podPhases }}', arityErr('podPhases')]],
  podNodes: [[`{{ podNodes ${S} }}`, 'n1, n2'], [`[{{ podNodes ${H} }}]`, '[]'], ['[{{ podNodes .children.job }}]', '[]'], ['{{ podNodes }}', arityErr('podNodes')]],
  podCount: [[`{{ podCount ${S} }}`, typed(3)], [`{{ podCount ${H} }}`, typed(1)], ['{{ podCount .children.deployment }}', typed(0)], ['{{ podCount }}', arityErr('podCount')]],
  readyPodCount: [[`{{ readyPodCount ${S} }}`, typed(2)], [`{{ readyPodCount ${H} }}`, typed(1)], ['{{ readyPodCount nil }}', typed(0)], ['{{ readyPodCount }}', arityErr('readyPodCount')]],
  podMaxRestarts: [[`{{ podMaxRestarts ${S} }}`, typed(3)], [`{{ podMaxRestarts ${H} }}`, typed(2)], ['{{ podMaxRestarts .children.deployment }}', typed(0)], ['{{ podMaxRestarts }}', arityErr('podMaxRestarts')]],
  hasCrashingPod: [
    [`{{ hasCrashingPod ${S} }}`, 'true'],
    [`{{ hasCrashingPod ${H} }}`, 'false'],
    ['{{ hasCrashingPod .x }}', 'true', { x: { _pods: [{ restartCount: 3 }] } }],
    ['{{ hasCrashingPod .x }}', 'true', { x: { _pods: [{ containers: [{ reason: 'PostStartHookError' }] }] } }],
    ['{{ hasCrashingPod }}', arityErr('hasCrashingPod')],
  ],
  podByOrdinal: [
    [`{{ (podByOrdinal ${S} 2).ip }}`, '10.0.0.3'],
    [`{{ (podByOrdinal ${H} 0).name }}`, 'ok-0'],
    [`{{ podByOrdinal ${S} 7 }}`, typed(undefined)],
    [`{{ podByOrdinal ${S} "0" }}`, fails('podByOrdinal: argument 2 must be an integer, not string "0"')],
    [`{{ podByOrdinal ${S} }}`, fails('wrong number of arguments for "podByOrdinal": want 2, got 1')],
  ],
  podContainerState: [
    [`{{ podContainerState ${S} 0 "app" }}`, 'Running'],
    [`{{ podContainerState ${S} 1 "app" }}`, 'Waiting'],
    [`[{{ podContainerState ${S} 0 "nope" }}]`, '[]'],
    [`[{{ podContainerState ${S} 5 "app" }}]`, '[]'],
    [`{{ podContainerState ${S} 0 7 }}`, fails('podContainerState: argument 3 must be a string, not int 7')],
    [`{{ podContainerState ${S} 1.5 "app" }}`, fails('podContainerState: argument 2 must be an integer, not float64 1.5')],
  ],
  podContainerReasons: [[`{{ podContainerReasons ${S} }}`, 'CrashLoopBackOff, ImagePullBackOff, OOMKilled'], [`[{{ podContainerReasons ${H} }}]`, '[]'], ['[{{ podContainerReasons nil }}]', '[]'], ['{{ podContainerReasons }}', arityErr('podContainerReasons')]],
  podCrashLoopDetected: reasonRows('podCrashLoopDetected', true, { reason: 'CrashLoopBackOff' }),
  podImagePullBackOffDetected: reasonRows('podImagePullBackOffDetected', true, { reason: 'ImagePullBackOff' }),
  podErrImagePullDetected: reasonRows('podErrImagePullDetected', false, { reason: 'ErrImagePull' }),
  podErrorDetected: reasonRows('podErrorDetected', false, { reason: 'Error' }),
  podOOMKilledDetected: reasonRows('podOOMKilledDetected', true, { reason: 'OOMKilled' }),
  podRunContainerErrorDetected: reasonRows('podRunContainerErrorDetected', false, { reason: 'RunContainerError' }),
  podCreateContainerErrorDetected: reasonRows('podCreateContainerErrorDetected', false, { reason: 'CreateContainerError' }),
  podInvalidImageNameDetected: reasonRows('podInvalidImageNameDetected', false, { reason: 'InvalidImageName' }),
  podPreStartHookErrorDetected: reasonRows('podPreStartHookErrorDetected', false, { reason: 'PreStartHookError' }),
  podPostStartHookErrorDetected: reasonRows('podPostStartHookErrorDetected', false, { reason: 'PostStartHookError' }),
}, data);
