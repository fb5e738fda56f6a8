// observe.events: the declared triggers (empty ones skipped), which Event changes match them, and
// the key each routes to (keyFrom, else broadcast; regarding only matches).
import { expect } from 'chai';
import { asWatchEntry, eventMatches, eventsNamespace, eventTriggers, primaryKeys } from '../../../shared/observe/index.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import type { KubeObject } from '../../../shared/kube/index.js';

const entry = (events: unknown): CrdEntry => ({ operatorBox: { observe: { events } } }) as unknown as CrdEntry;
const event = (fields: Record<string, unknown>, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'db.1', namespace: 'shop', ...(labels ? { labels } : {}) }, ...fields,
}) as unknown as KubeObject;
const primary = { apiVersion: 'x.example.org/v1', kind: 'App', namespaced: true };

describe('shared/observe events', () => {
  it('reads the map of triggers; a declaration with no constraint is skipped; on defaults to all three', () => {
    const triggers = eventTriggers(entry({
      dbReady: { reason: 'DatabaseReady', type: 'Normal', regarding: { kind: 'Database', name: 'db' }, on: ['create'] },
      empty: {},
      routed: { namespace: 'shop', keyFrom: { label: 'app.example/owner' } },
    }));
    expect(triggers.map((t) => [t.name, t.on])).to.deep.equal([['dbReady', ['create']], ['routed', ['create', 'update', 'delete']]]);
    expect(triggers[0]).to.deep.include({ fields: { reason: 'DatabaseReady', type: 'Normal' }, regarding: { kind: 'Database', name: 'db' }, path: 'operatorBox.observe.events.dbReady' });
    expect(eventTriggers({})).to.deep.equal([]);
    expect(eventsNamespace(triggers)).to.equal(undefined);
    expect(eventsNamespace([triggers[1]!])).to.equal('shop');
  });

  it('an Event matches when every given field does; regarding and related by their given fields; on and namespace too', () => {
    const [t] = eventTriggers(entry({ dbReady: { reason: 'DatabaseReady', namespace: 'shop', regarding: { kind: 'Database', name: 'db' }, on: ['create', 'update'] } }));
    const ready = event({ reason: 'DatabaseReady', type: 'Normal', regarding: { apiVersion: 'db.example.org/v1', kind: 'Database', name: 'db', namespace: 'shop' } });
    expect(eventMatches(t!, 'create', ready)).to.equal(true);
    expect(eventMatches(t!, 'delete', ready)).to.equal(false);
    expect(eventMatches(t!, 'create', event({ reason: 'DatabaseFailed', regarding: { kind: 'Database', name: 'db' } }))).to.equal(false);
    expect(eventMatches(t!, 'create', event({ reason: 'DatabaseReady', regarding: { kind: 'Database', name: 'other' } }))).to.equal(false);
    expect(eventMatches(t!, 'create', event({ reason: 'DatabaseReady' }))).to.equal(false);
    expect(eventMatches(t!, 'create', { ...ready, metadata: { ...ready.metadata, namespace: 'other' } })).to.equal(false);
  });

  it('name: matches the one Event of that metadata.name, as upstream\'s EventEntry.Name', () => {
    const [t] = eventTriggers(entry({ one: { name: 'db.1' } }));
    expect(t).to.deep.include({ objectName: 'db.1' });
    expect(eventMatches(t!, 'create', event({ reason: 'Anything' }))).to.equal(true);
    expect(eventMatches(t!, 'create', { ...event({}), metadata: { name: 'db.2', namespace: 'shop' } } as KubeObject)).to.equal(false);
  });

  it('routes by keyFrom.label or keyFrom.name; without keyFrom every CR (regarding does not route)', () => {
    const [byLabel, byName, none] = eventTriggers(entry({
      a: { reason: 'R', keyFrom: { label: 'app.example/owner' } },
      b: { reason: 'R', keyFrom: { name: 'shop-app', namespace: 'apps' } },
      c: { reason: 'R', regarding: { kind: 'App', name: 'x' } },
    }));
    expect(primaryKeys(asWatchEntry(byLabel!), event({ reason: 'R' }, { 'app.example/owner': 'front' }), primary)).to.deep.equal(['shop/front']);
    expect(primaryKeys(asWatchEntry(byName!), event({ reason: 'R' }), primary)).to.deep.equal(['apps/shop-app']);
    expect(primaryKeys(asWatchEntry(none!), event({ reason: 'R', regarding: { kind: 'App', name: 'x' } }), primary)).to.equal('broadcast');
  });
});
