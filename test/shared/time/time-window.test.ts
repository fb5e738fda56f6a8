// time{after, before}: UTC HH:MM windows, `after` in and `before` out, one end alone to or from
// midnight, a window past midnight, and the next instant the result can change.
import { expect } from 'chai';
import { parseClock, windowHolds, windowNextChange, type TimeWindow } from '../../../shared/time/time-window.js';

const ms = (iso: string) => Date.parse(iso);

describe('shared/time/time-window', () => {
  it('reads HH:MM as Go\'s "15:04" does, and nothing else', () => {
    const cases: [unknown, number | undefined][] = [
      ['09:00', 540], ['9:05', 545], ['00:00', 0], ['23:59', 1439],
      ['24:00', undefined], ['12:60', undefined], ['9am', undefined], ['09:5', undefined], ['009:00', undefined], [' 09:00', undefined], [900, undefined], ['', undefined],
    ];
    for (const [text, want] of cases) expect(parseClock(text), JSON.stringify(text)).to.equal(want);
  });

  it('holds inside the window, wrapping past midnight when after is later than before', () => {
    const cases: [TimeWindow, string, boolean][] = [
      [{ after: 540, before: 1020 }, '2026-03-03T09:00:00Z', true],
      [{ after: 540, before: 1020 }, '2026-03-03T16:59:59Z', true],
      [{ after: 540, before: 1020 }, '2026-03-03T17:00:00Z', false],
      [{ after: 540, before: 1020 }, '2026-03-03T08:59:59Z', false],
      [{ after: 1320, before: 360 }, '2026-03-03T23:30:00Z', true],
      [{ after: 1320, before: 360 }, '2026-03-04T05:59:00Z', true],
      [{ after: 1320, before: 360 }, '2026-03-04T06:00:00Z', false],
      [{ after: 1320, before: 360 }, '2026-03-03T12:00:00Z', false],
      [{ after: 1320 }, '2026-03-03T23:59:00Z', true],
      [{ after: 1320 }, '2026-03-04T00:00:00Z', false],
      [{ before: 360 }, '2026-03-04T00:00:00Z', true],
      [{}, '2026-03-04T12:00:00Z', true],
      [{ after: 600, before: 600 }, '2026-03-04T10:00:00Z', false],
    ];
    for (const [w, at, want] of cases) expect(windowHolds(w, ms(at)), `${JSON.stringify(w)} at ${at}`).to.equal(want);
  });

  it('changes next at the nearest end after now (midnight for a missing one), never for an all-day or empty window', () => {
    const cases: [TimeWindow, string, string | undefined][] = [
      [{ after: 540, before: 1020 }, '2026-03-03T10:00:00Z', '2026-03-03T17:00:00.000Z'],
      [{ after: 540, before: 1020 }, '2026-03-03T17:00:00Z', '2026-03-04T09:00:00.000Z'],
      [{ after: 1320, before: 360 }, '2026-03-03T23:00:00Z', '2026-03-04T06:00:00.000Z'],
      [{ after: 1320 }, '2026-03-03T23:00:00Z', '2026-03-04T00:00:00.000Z'],
      [{ after: 0 }, '2026-03-03T23:00:00Z', undefined],
      [{ after: 600, before: 600 }, '2026-03-03T23:00:00Z', undefined],
    ];
    for (const [w, at, want] of cases) {
      const next = windowNextChange(w, ms(at));
      expect(next === undefined ? undefined : new Date(next).toISOString(), `${JSON.stringify(w)} at ${at}`).to.equal(want);
    }
  });
});
