// Who the caller is, for the RBAC section of a plan: the API server's answer when it serves
// SelfSubjectReview (1.27+), else what the kubeconfig says (a client certificate's subject, or the
// kind of credential). Never a token or key: only names.
import { X509Certificate } from 'node:crypto';
import type { RbacSubject } from '../../shared/plan/index.js';
import type { KubeConfig } from '../../shared/kube/index.js';
import { isKubeError, type KubeClient } from '../../shared/kube/index.js';

const REVIEW_PATHS = ['/apis/authentication.k8s.io/v1/selfsubjectreviews', '/apis/authentication.k8s.io/v1beta1/selfsubjectreviews'];

export async function whoAmI(kube: KubeClient, config: KubeConfig | undefined): Promise<RbacSubject> {
  for (const [i, path] of REVIEW_PATHS.entries()) {
    try {
      const review = await kube.request<{ status?: { userInfo?: { username?: string; groups?: string[] } } }>('POST', path, {
        apiVersion: `authentication.k8s.io/${i === 0 ? 'v1' : 'v1beta1'}`, kind: 'SelfSubjectReview',
      });
      const info = review.status?.userInfo;
      if (info?.username) return { kind: 'self', user: info.username, groups: info.groups ?? [] };
    } catch (e) {
      // Not served (older servers) or not allowed: fall back to the kubeconfig.
      if (!isKubeError(e, 404) && !isKubeError(e, 403)) throw e;
    }
  }
  return fromConfig(config);
}

export function fromConfig(config: KubeConfig | undefined): RbacSubject {
  if (!config) return { kind: 'self', user: 'the client\'s own credentials', groups: [] };
  if (config.clientCert) {
    const subject = certificateSubject(config.clientCert.cert);
    if (subject) return { kind: 'self', ...subject };
  }
  const how = config.auth.type === 'basic' ? `user ${config.auth.username}` : config.auth.type === 'none' ? 'anonymous' : `${config.auth.type} credentials`;
  return { kind: 'self', user: `${how} of ${config.source}`, groups: [] };
}

/** CN is the user name, each O a group: how the API server reads a client certificate. */
function certificateSubject(pem: string): { user: string; groups: string[] } | undefined {
  try {
    const fields = new X509Certificate(pem).subject.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const);
    const user = fields.find(([k]) => k === 'CN')?.[1];
    return user ? { user, groups: fields.filter(([k]) => k === 'O').map(([, v]) => v) } : undefined;
  } catch {
    return undefined;
  }
}
