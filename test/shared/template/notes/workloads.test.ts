import { CONTAINER_NOTES } from '../../../../shared/template/notes/container.js';
import { REPLICAS_NOTES } from '../../../../shared/template/notes/replicas.js';
import { fails, noteTable, typed } from './note-table.js';
import { data } from './workload-data.js';

const D = '.children.deployment';

noteTable('replicas', REPLICAS_NOTES, {
  desiredReplicas: [
    [`{{ desiredReplicas ${D} }}`, typed(3)],
    ['{{ desiredReplicas .children.job }}', typed(1)],
    ['{{ desiredReplicas .children.zero }}', typed(0)],
    ['{{ desiredReplicas }}', fails('wrong number of arguments for "desiredReplicas": want 1, got 0')],
  ],
  readyReplicas: [
    [`{{ readyReplicas ${D} }}`, typed(2)],
    ['{{ readyReplicas .children.secret }}', typed(0)],
    ['{{ readyReplicas .x }}', typed(4), { x: { status: { readyReplicas: '4' } } }],
    ['{{ readyReplicas }}', fails('wrong number of arguments for "readyReplicas": want 1, got 0')],
  ],
  availableReplicas: [
    [`{{ availableReplicas ${D} }}`, typed(2)],
    ['{{ availableReplicas .children.job }}', typed(0)],
    ['{{ availableReplicas nil }}', typed(0)],
    ['{{ availableReplicas 1 2 }}', fails('wrong number of arguments for "availableReplicas": want 1, got 2')],
  ],
  updatedReplicas: [
    [`{{ updatedReplicas ${D} }}`, typed(3)],
    ['{{ updatedReplicas .children.zero }}', typed(0)],
    ['{{ updatedReplicas "x" }}', typed(0)],
    ['{{ updatedReplicas }}', fails('wrong number of arguments for "updatedReplicas": want 1, got 0')],
  ],
  allReplicasReady: [
    [`{{ allReplicasReady ${D} }}`, 'false'],
    ['{{ allReplicasReady .children.zero }}', 'true'],
    ['{{ allReplicasReady .x }}', 'true', { x: { spec: { replicas: 2 }, status: { readyReplicas: 2 } } }],
    ['{{ allReplicasReady .children.secret }}', 'false'],
    ['{{ allReplicasReady }}', fails('wrong number of arguments for "allReplicasReady": want 1, got 0')],
  ],
  replicasReady: [
    [`{{ replicasReady ${D} }}`, 'false'],
    ['{{ replicasReady .children.zero }}', 'true'],
    ['{{ replicasReady .x }}', 'true', { x: { status: { readyReplicas: 1 } } }],
    ['{{ replicasReady }}', fails('wrong number of arguments for "replicasReady": want 1, got 0')],
  ],
  rolloutComplete: [
    [`{{ rolloutComplete ${D} }}`, 'true'],
    ['{{ rolloutComplete .children.job }}', 'false'],
    ['{{ rolloutComplete .children.zero }}', 'true'],
    ['{{ rolloutComplete }}', fails('wrong number of arguments for "rolloutComplete": want 1, got 0')],
  ],
}, data);

noteTable('container', CONTAINER_NOTES, {
  containerImage: [
    [`{{ containerImage ${D} }}`, 'registry.local/web:1.2.3'],
    [`{{ containerImage ${D} 1 }}`, 'proxy:2'],
    [`[{{ containerImage ${D} 5 }}]`, '[]'],
    [`[{{ containerImage ${D} -1 }}]`, '[]'],
    [`{{ containerImage ${D} "0" }}`, fails('containerImage: argument 2 must be an integer, not string "0"')],
  ],
  containerEnv: [
    [`{{ containerEnv ${D} 0 "APP_ENV" }}`, 'prod'],
    [`{{ containerEnv ${D} "APP_ENV" }}`, 'prod'],
    [`[{{ containerEnv ${D} 0 "FROM_SECRET" }}]`, '[]'],
    [`[{{ containerEnv ${D} "APP_ENV" 1 }}]`, '[]'],
    [`[{{ containerEnv ${D} 7 "APP_ENV" }}]`, '[]'],
    [`{{ containerEnv ${D} 0 1 }}`, fails('containerEnv: argument 3 must be a string, not int 1')],
    [`{{ containerEnv ${D} 0.5 "APP_ENV" }}`, fails('containerEnv: argument 2 must be an integer, not float64 0.5')],
  ],
  containerPort: [
    [`{{ containerPort ${D} 0 8080 }}`, 'true'],
    [`{{ containerPort ${D} 1 8080 }}`, 'false'],
    [`{{ containerPort ${D} }}`, typed(8080)],
    [`{{ containerPort ${D} 1 }}`, typed(15001)],
    [`{{ containerPort ${D} 3 }}`, typed(0)],
    [`{{ containerPort ${D} 0 "8080" }}`, fails('containerPort: argument 3 must be an integer, not string "8080"')],
  ],
  hasContainerPort: [
    [`{{ hasContainerPort ${D} 0 9090 }}`, 'true'],
    [`{{ hasContainerPort ${D} 1 9090 }}`, 'false'],
    ['{{ hasContainerPort .children.job 0 80 }}', 'false'],
    [`{{ hasContainerPort ${D} 0 "8080" }}`, fails('hasContainerPort: argument 3 must be an integer, not string "8080"')],
  ],
  containerPortByName: [
    [`{{ containerPortByName ${D} 0 "metrics" }}`, typed(9090)],
    [`{{ containerPortByName ${D} 0 "" }}`, typed(0)],
    [`{{ containerPortByName ${D} 1 "http" }}`, typed(0)],
    [`{{ containerPortByName ${D} "http" 0 }}`, fails('containerPortByName: argument 2 must be an integer, not string "http"')],
  ],
  containerPorts: [
    [`{{ containerPorts ${D} 0 }}`, '8080,9090'],
    [`{{ containerPorts ${D} 1 }}`, '15001'],
    [`[{{ containerPorts ${D} 2 }}]`, '[]'],
    [`{{ containerPorts ${D} nil }}`, fails('containerPorts: argument 2 must be an integer, not <nil>')],
  ],
  containerCount: [
    [`{{ containerCount ${D} }}`, typed(2)],
    ['{{ containerCount .children.job }}', typed(0)],
    ['{{ containerCount nil }}', typed(0)],
    ['{{ containerCount }}', fails('wrong number of arguments for "containerCount": want 1, got 0')],
  ],
}, data);
