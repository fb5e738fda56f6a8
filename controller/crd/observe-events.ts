// Event triggers (observe.events): one informer on events.k8s.io/v1 Events for every CRD entry
// that declares triggers (in their namespace when they all name one), caching only the fields
// triggers match on. A matching Event seen after the initial list re-queues the primary CRs the
// trigger routes to (keyFrom, else every CR of the primary: broadcast). Events this controller
// posts itself are not triggers unless a trigger names its reportingController: a reconcile must
// not wake itself. Wiring only; matching and routing are shared/observe.
import type { Logger } from '../../shared/log.js';
import type { KubeClient, KubeObject } from '../../shared/kube/index.js';
import { asWatchEntry, eventMatches, eventsNamespace, eventTriggers, EVENT_API_VERSION, type EventTrigger } from '../../shared/observe/index.js';
import { Informer, keyOf, type Clock } from '../engine/index.js';
import { EVENT_COMPONENT } from '../reconcile/events.js';
import type { CrdController } from './crd-controller.js';
import { enqueueOwners, routeChanges } from './route-changes.js';

interface Subscriber {
  controller: CrdController;
  trigger: EventTrigger;
}

const KEPT = ['reason', 'action', 'type', 'reportingController', 'reportingInstance', 'regarding', 'related'] as const;

/** Starts nothing when no entry declares a trigger; else adds the Event informer to `informers`. */
export async function watchEvents(kube: KubeClient, controllers: Map<string, CrdController>, informers: Informer[], context: { clock: Clock; logger: Logger }): Promise<void> {
  const subscribers: Subscriber[] = [];
  for (const controller of controllers.values()) for (const trigger of eventTriggers(controller.crd.entry)) subscribers.push({ controller, trigger });
  if (subscribers.length === 0) return;
  let resource;
  try {
    resource = await kube.resourceFor(EVENT_API_VERSION, 'Event');
  } catch (e) {
    context.logger.warn('events.k8s.io/v1 is not served; observe.events cannot re-queue', { crds: [...new Set(subscribers.map((s) => s.controller.crd.name))], err: String(e) });
    return;
  }
  const namespace = eventsNamespace(subscribers.map((s) => s.trigger));
  const informer = new Informer({
    client: kube,
    resource,
    clock: context.clock,
    ...(namespace ? { namespace } : {}),
    transform: slim,
    onError: (err, c) => context.logger.warn('event informer error', { phase: c.phase, retryInMs: c.retryInMs, err: String(err) }),
  });
  informers.push(informer);
  routeChanges(informer, (change, event) => {
    for (const { controller, trigger } of subscribers) {
      if (!eventMatches(trigger, change, event) || selfReported(trigger, event)) continue;
      const queued = enqueueOwners(controller, asWatchEntry(trigger), event);
      context.logger.debug('event trigger matched', { crd: controller.crd.name, trigger: trigger.name, change, event: keyOf(event.metadata.namespace, event.metadata.name), queued });
    }
  });
}

function selfReported(trigger: EventTrigger, event: KubeObject): boolean {
  return (event as unknown as Record<string, unknown>).reportingController === EVENT_COMPONENT && trigger.fields.reportingController !== EVENT_COMPONENT;
}

/** What a trigger reads of an Event: identity, labels, owners and the matched fields. */
function slim(event: KubeObject): KubeObject {
  const { name, namespace, labels, ownerReferences, resourceVersion, uid } = event.metadata;
  const out: Record<string, unknown> = { apiVersion: event.apiVersion, kind: event.kind, metadata: { name, namespace, labels, ownerReferences, resourceVersion, uid } };
  for (const f of KEPT) if ((event as unknown as Record<string, unknown>)[f] !== undefined) out[f] = (event as unknown as Record<string, unknown>)[f];
  return out as unknown as KubeObject;
}
