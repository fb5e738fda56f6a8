// Kinds without shorthands — PersistentVolumeClaim, Ingress, NetworkPolicy — take a raw, templated spec.
import type { KindSpec } from './kind.js';
import { requiredSpec } from './raw.js';

export const persistentVolumeClaim: KindSpec = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', fields: ['spec'], build: requiredSpec };
export const ingress: KindSpec = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', fields: ['spec'], build: requiredSpec };
export const networkPolicy: KindSpec = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', fields: ['spec'], build: requiredSpec };
