// One key of one Secret, read through the API (never cached here, never logged): the credential
// of a remote cross read or an `external` call. The value is registered with the process's
// scrubber the moment it is read, so no log line or error can carry it.
import { registerSecret } from '../../shared/secrets.js';
import type { KubeClient } from '../../shared/kube/index.js';

export interface SecretKeyRef {
  name: string;
  namespace?: string;
  key: string;
}

/** The key's value (trimmed), or undefined when the Secret or the key is missing. */
export async function readSecretValue(kube: KubeClient, ref: SecretKeyRef): Promise<string | undefined> {
  const resource = await kube.resourceFor('v1', 'Secret');
  const secret = await kube.get(resource, ref.namespace, ref.name);
  const data = (secret as { data?: Record<string, string> } | undefined)?.data?.[ref.key];
  if (data === undefined) return undefined;
  const value = Buffer.from(data, 'base64').toString('utf8').trim();
  registerSecret(value);
  return value;
}
