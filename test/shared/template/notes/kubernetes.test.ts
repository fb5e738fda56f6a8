import { KUBE_FIELDS_NOTES } from '../../../../shared/template/notes/kube-fields.js';
import { KUBERNETES_NOTES } from '../../../../shared/template/notes/kubernetes.js';
import { cr } from './fixtures.js';
import { fails, noteTable, typed } from './note-table.js';

const D = '.children.deployment';

noteTable('kubernetes', KUBERNETES_NOTES, {
  get: [
    [`{{ get ${D} "status" "readyReplicas" }}`, '2'],
    [`{{ get .children "deployments" "web" "metadata" "name" }}`, 'web'],
    [`{{ get ${D} "status" "nope" "deeper" }}`, typed(undefined)],
    [`{{ get ${D} "spec" "replicas" "x" }}`, typed(undefined)],
    ['{{ get .children.missing "status" }}', ''],
    [`{{ get ${D} }}`, typed(cr.children.deployment)],
    [`{{ get ${D} "metadata.name" }}`, typed(undefined)],
    [`{{ get ${D} "status" 1 }}`, fails('get: argument 3 must be a string key, not 1')],
  ],
  meta: [
    [`{{ (meta ${D}).resourceVersion }}`, '4711'],
    ['{{ meta .children.missing }}', typed({})],
    ['{{ meta "text" }}', typed({})],
    ['{{ meta }}', fails('wrong number of arguments for "meta": want 1, got 0')],
  ],
  name: [
    [`{{ name ${D} }}`, 'web'],
    ['{{ name . }}', 'my-shop'],
    ['[{{ name .children.secret }}]', '[]'],
    [`{{ name ${D} "x" }}`, fails('wrong number of arguments for "name": want 1, got 2')],
  ],
  namespace: [
    [`{{ namespace ${D} }}`, 'shop'],
    ['[{{ namespace .children.job }}]', '[]'],
    ['[{{ namespace 5 }}]', '[]'],
    ['{{ namespace }}', fails('wrong number of arguments for "namespace": want 1, got 0')],
  ],
  labels: [
    [`{{ (labels ${D}).tier }}`, 'front'],
    ['{{ labels .children.job }}', typed({})],
    ['{{ len (labels .) }}', '1'],
    ['{{ labels }}', fails('wrong number of arguments for "labels": want 1, got 0')],
  ],
  annotations: [
    [`{{ index (annotations ${D}) "example.com/note" }}`, 'hi'],
    ['{{ annotations . }}', typed({})],
    ['{{ annotations nil }}', typed({})],
    ['{{ annotations }}', fails('wrong number of arguments for "annotations": want 1, got 0')],
  ],
  getLabel: [
    [`{{ getLabel ${D} "app" }}`, 'web'],
    [`[{{ getLabel ${D} "nope" }}]`, '[]'],
    ['[{{ getLabel .children.missing "app" }}]', '[]'],
    [`{{ getLabel ${D} 7 }}`, fails('getLabel: argument 2 must be a string, not int 7')],
  ],
  getLabelInt: [
    [`{{ getLabelInt ${D} "count" }}`, typed(5)],
    [`{{ getLabelInt ${D} "app" }}`, typed(0)],
    [`{{ getLabelInt ${D} "nope" }}`, typed(0)],
    [`{{ getLabelInt ${D} true }}`, fails('getLabelInt: argument 2 must be a string, not bool true')],
  ],
  hasLabel: [
    [`{{ hasLabel ${D} "app" }}`, 'true'],
    [`{{ hasLabel ${D} "empty" }}`, 'false'],
    ['{{ hasLabel nil "app" }}', 'false'],
    [`{{ hasLabel ${D} 1.5 }}`, fails('hasLabel: argument 2 must be a string, not float64 1.5')],
  ],
  getAnnotation: [
    [`{{ getAnnotation ${D} "example.com/note" }}`, 'hi'],
    [`{{ getAnnotation . "x" | default "2" }}`, '2'],
    [`[{{ getAnnotation ${D} .nope }}]`, '[]'],
    [`{{ getAnnotation ${D} .children.job }}`, fails('getAnnotation: argument 2 must be a string, not map[string]interface {} map[kind:Job metadata:map[name:migrate] …')],
  ],
  getAnnotationInt: [
    [`{{ getAnnotationInt ${D} "example.com/min" }}`, typed(2)],
    [`{{ getAnnotationInt ${D} "example.com/note" }}`, typed(0)],
    ['{{ getAnnotationInt . "x" }}', typed(0)],
    [`{{ getAnnotationInt ${D} 2 }}`, fails('getAnnotationInt: argument 2 must be a string, not int 2')],
  ],
  hasAnnotation: [
    [`{{ hasAnnotation ${D} "example.com/min" }}`, 'true'],
    [`{{ hasAnnotation ${D} "x" }}`, 'false'],
    ['{{ hasAnnotation "str" "x" }}', 'false'],
    [`{{ hasAnnotation ${D} }}`, fails('wrong number of arguments for "hasAnnotation": want 2, got 1')],
  ],
  labelMatches: [
    [`{{ labelMatches ${D} "app" "web" "tier" "front" }}`, 'true'],
    [`{{ labelMatches ${D} "app" "web" "tier" "back" }}`, 'false'],
    [`{{ labelMatches ${D} "app" }}`, 'false'],
    [`{{ labelMatches ${D} }}`, 'true'],
    [`{{ labelMatches ${D} "app" 3 }}`, fails('labelMatches: argument 3 must be a string, not int 3')],
  ],
  spec: [
    [`{{ (spec ${D}).replicas }}`, '3'],
    ['{{ spec .children.job }}', typed({})],
    ['{{ spec .nope }}', typed({})],
    ['{{ spec }}', fails('wrong number of arguments for "spec": want 1, got 0')],
  ],
  status: [
    [`{{ (status ${D}).readyReplicas }}`, '2'],
    ['{{ status .children.secret }}', typed({})],
    ['{{ status . }}', typed({})],
    ['{{ status 1 2 }}', fails('wrong number of arguments for "status": want 1, got 2')],
  ],
  getStatus: [
    [`{{ getStatus ${D} "readyReplicas" }}`, typed('2')],
    [`{{ getStatus ${D} "phase" }}`, 'Running'],
    [`[{{ getStatus ${D} "nested" }}]`, '[]'],
    [`[{{ getStatus ${D} "conditions" }}]`, '[]'],
    [`{{ getStatus ${D} 0 }}`, fails('getStatus: argument 2 must be a string, not int 0')],
  ],
  hasStatus: [
    [`{{ hasStatus ${D} "nested" }}`, 'true'],
    [`{{ hasStatus ${D} "empty" }}`, 'false'],
    [`{{ hasStatus ${D} "readyReplicas" }}`, 'true'],
    ['{{ hasStatus .children.secret "x" }}', 'false'],
    [`{{ hasStatus ${D} 0 }}`, fails('hasStatus: argument 2 must be a string, not int 0')],
  ],
  phase: [
    [`{{ phase ${D} }}`, 'Running'],
    ['[{{ phase .children.job }}]', '[]'],
    ['[{{ phase nil }}]', '[]'],
    ['{{ phase }}', fails('wrong number of arguments for "phase": want 1, got 0')],
  ],
  ownerKind: [
    [`{{ ownerKind ${D} }}`, 'Shop'],
    ['[{{ ownerKind . }}]', '[]'],
    ['[{{ ownerKind .children.secret }}]', '[]'],
    ['{{ ownerKind }}', fails('wrong number of arguments for "ownerKind": want 1, got 0')],
  ],
  ownerName: [
    [`{{ ownerName ${D} }}`, 'my-shop'],
    ['[{{ ownerName . }}]', '[]'],
    ['[{{ ownerName 3 }}]', '[]'],
    ['{{ ownerName . . }}', fails('wrong number of arguments for "ownerName": want 1, got 2')],
  ],
  hasCondition: [
    [`{{ hasCondition ${D} "Available" }}`, 'true'],
    [`{{ hasCondition ${D} "Progressing" }}`, 'false'],
    [`{{ hasCondition ${D} "Degraded" }}`, 'false'],
    ['{{ hasCondition .children.secret "Available" }}', 'false'],
    [`{{ hasCondition ${D} true }}`, fails('hasCondition: argument 2 must be a string, not bool true')],
  ],
  conditionReason: [
    [`{{ conditionReason ${D} "Available" }}`, 'MinimumReplicasAvailable'],
    [`{{ conditionReason ${D} "Progressing" }}`, 'ProgressDeadlineExceeded'],
    [`[{{ conditionReason ${D} "Nope" }}]`, '[]'],
    [`{{ conditionReason ${D} 1 }}`, fails('conditionReason: argument 2 must be a string, not int 1')],
  ],
  conditionMessage: [
    [`{{ conditionMessage ${D} "Progressing" }}`, 'stuck'],
    [`[{{ conditionMessage ${D} "Nope" }}]`, '[]'],
    ['[{{ conditionMessage . "Ready" }}]', '[]'],
    [`{{ conditionMessage ${D} }}`, fails('wrong number of arguments for "conditionMessage": want 2, got 1')],
  ],
  resourceExists: [
    [`{{ resourceExists ${D} }}`, 'true'],
    ['{{ resourceExists .children.secret }}', 'false'],
    ['{{ resourceExists .children.configmap }}', 'false'],
    ['{{ resourceExists "x" }}', 'false'],
    ['{{ resourceExists }}', fails('wrong number of arguments for "resourceExists": want 1, got 0')],
  ],
  isTerminating: [
    ['{{ isTerminating . }}', 'true'],
    [`{{ isTerminating ${D} }}`, 'false'],
    ['{{ isTerminating nil }}', 'false'],
    ['{{ isTerminating }}', fails('wrong number of arguments for "isTerminating": want 1, got 0')],
  ],
  generation: [
    [`{{ generation ${D} }}`, typed(3)],
    ['{{ generation . }}', typed(0)],
    ['{{ generation .children.missing }}', typed(0)],
    ['{{ generation }}', fails('wrong number of arguments for "generation": want 1, got 0')],
  ],
  observedGeneration: [
    [`{{ observedGeneration ${D} }}`, typed(3)],
    ['{{ observedGeneration .children.job }}', typed(0)],
    ['{{ observedGeneration 1 }}', typed(0)],
    ['{{ observedGeneration }}', fails('wrong number of arguments for "observedGeneration": want 1, got 0')],
  ],
  isSynced: [
    [`{{ isSynced ${D} }}`, 'true'],
    ['{{ isSynced .children.job }}', 'true'],
    ['{{ isSynced .x }}', 'false', { x: { metadata: { generation: 4 }, status: { observedGeneration: 3 } } }],
    ['{{ isSynced }}', fails('wrong number of arguments for "isSynced": want 1, got 0')],
  ],
  resourceCPU: [
    [`{{ resourceCPU ${D} }}`, '250m'],
    ['{{ resourceCPU . | default "100m" }}', '100m'],
    ['[{{ resourceCPU nil }}]', '[]'],
    ['{{ resourceCPU }}', fails('wrong number of arguments for "resourceCPU": want 1, got 0')],
  ],
  resourceMemory: [
    [`{{ resourceMemory ${D} }}`, '64Mi'],
    ['{{ resourceMemory . | default "128Mi" }}', '128Mi'],
    ['[{{ resourceMemory .children.job }}]', '[]'],
    ['{{ resourceMemory }}', fails('wrong number of arguments for "resourceMemory": want 1, got 0')],
  ],
}, cr);

noteTable('kubernetes', KUBE_FIELDS_NOTES, {
  resourceName: [
    [`{{ resourceName ${D} }}`, 'web'],
    ['[{{ resourceName .children.secret }}]', '[]'],
    ['{{ resourceName . }}', 'my-shop'],
    ['{{ resourceName }}', fails('wrong number of arguments for "resourceName": want 1, got 0')],
  ],
  resourceNamespace: [
    [`{{ resourceNamespace ${D} }}`, 'shop'],
    ['[{{ resourceNamespace .children.job }}]', '[]'],
    ['[{{ resourceNamespace "x" }}]', '[]'],
    ['{{ resourceNamespace }}', fails('wrong number of arguments for "resourceNamespace": want 1, got 0')],
  ],
  resourceUID: [
    [`{{ resourceUID ${D} }}`, 'a1b2-c3'],
    ['[{{ resourceUID . }}]', '[]'],
    ['[{{ resourceUID nil }}]', '[]'],
    ['{{ resourceUID }}', fails('wrong number of arguments for "resourceUID": want 1, got 0')],
  ],
  resourceVersion: [
    [`{{ resourceVersion ${D} }}`, '4711'],
    ['[{{ resourceVersion . }}]', '[]'],
    ['[{{ resourceVersion .children.secret }}]', '[]'],
    ['{{ resourceVersion }}', fails('wrong number of arguments for "resourceVersion": want 1, got 0')],
  ],
  creationTimestamp: [
    [`{{ creationTimestamp ${D} }}`, '2026-12-01T10:00:00Z'],
    ['[{{ creationTimestamp . }}]', '[]'],
    ['[{{ creationTimestamp 4 }}]', '[]'],
    ['{{ creationTimestamp }}', fails('wrong number of arguments for "creationTimestamp": want 1, got 0')],
  ],
}, cr);
