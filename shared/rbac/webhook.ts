// What the webhook (`ork webhook`) must be allowed to do, derived from the bundle: patch its two
// webhook configurations by name (the installer creates them: `create` on webhook configurations
// cannot be narrowed to a name and would let the holder intercept any request), patch `conversion`
// on the bundle's CRDs that serve several versions (by name), and keep its certificate Secret.
// Plus, in a pod whose init container resolves with --rollout-bundle, that resolver's access, and
// with --http-auth the reviews for /metrics and /bundle. Pure.
import type { BundlePayload } from '../bundle/payload.js';
import { AdmissionTargets, configurationName, needsConversion } from '../admission/index.js';
import { HTTP_AUTH_PERMISSIONS, mergePermissions, type Permission } from './permissions.js';

export interface WebhookPermissionInput {
  payload: BundlePayload;
  /** The install's name (`ork webhook --name`): the configurations are orkestra-<name>. */
  name: string;
  /** The webhook's certificate Secret: managed (created and renewed by the webhook) or only read. */
  tlsSecret?: { namespace: string; name: string; managed: boolean };
  /** The namespace where the pod's resolver (`ork resolve --rollout-bundle`) reads its Pod and keeps the bundle ConfigMap. */
  rolloutBundle?: { namespace: string };
  /** `ork webhook --http-auth kubernetes`: the token and access reviews for /metrics and /bundle. */
  httpAuth?: boolean;
}

export function webhookPermissions(input: WebhookPermissionInput): Permission[] {
  const out: Permission[] = [];
  const configuration = configurationName(input.name);
  const group = 'admissionregistration.k8s.io';
  // Server-side apply of an existing object is a patch; the installer created it empty.
  out.push({ group, resource: 'validatingwebhookconfigurations', verbs: ['patch'], resourceNames: [configuration] });
  out.push({ group, resource: 'mutatingwebhookconfigurations', verbs: ['patch'], resourceNames: [configuration] });
  const converted = new AdmissionTargets(input.payload).all.filter(needsConversion).map((t) => `${t.apiTypes.plural}.${t.apiTypes.group}`);
  if (converted.length > 0) out.push({ group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', verbs: ['patch'], resourceNames: [...new Set(converted)].sort() });
  const secret = input.tlsSecret;
  if (secret) {
    out.push({ group: '', resource: 'secrets', verbs: secret.managed ? ['get', 'update'] : ['get'], namespace: secret.namespace, resourceNames: [secret.name] });
    // A Secret that does not exist yet cannot be named in the rule that lets it be created.
    if (secret.managed) out.push({ group: '', resource: 'secrets', verbs: ['create'], namespace: secret.namespace });
  }
  if (input.rolloutBundle) {
    const namespace = input.rolloutBundle.namespace;
    out.push({ group: '', resource: 'pods', verbs: ['get'], namespace });
    out.push({ group: '', resource: 'configmaps', verbs: ['get', 'create'], namespace });
  }
  if (input.httpAuth) out.push(...HTTP_AUTH_PERMISSIONS.map((p) => ({ ...p, verbs: [...p.verbs] })));
  return mergePermissions(out);
}
