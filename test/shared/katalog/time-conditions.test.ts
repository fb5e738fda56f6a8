// Upstream's time conditions load wherever a condition may stand (children's when/or, status
// fields, rules' when, gates, the operatorBox and its autoscale block), unchanged into the model;
// a bad one is refused at load with its path and the form to write.
import { expect } from 'chai';
import { parseKatalog } from '../../../shared/katalog/index.js';

const head = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: clock
spec:
  crds:
    report:
      apiTypes: {group: clock.example.org, version: v1, kind: Report, plural: reports}
`;

const errorsOf = (text: string) => parseKatalog(text, 'k.yaml').issues.filter((i) => i.severity !== 'warning').map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`);

describe('shared/katalog time conditions', () => {
  it('load in children, status fields, rules, gates, the operatorBox and autoscale, as written', () => {
    const text = `${head}      validation:
        rules:
          - {field: spec.owner, exists: true, message: m, when: [{dayOfWeek: {weekday: true}}]}
      mutation:
        rules:
          - {field: spec.tier, default: night, when: [{time: {after: "22:00", before: "06:00"}}]}
      operatorBox:
        when: [{dayOfWeek: {notIn: [Sunday]}, negate: false}]
        autoscale:
          conditions: {or: [{cron: "0 23 * * *", duration: 3h}]}
          do: {workers: 4}
        preReconcile:
          reconcileGate: {when: [{time: {before: "23:00"}}]}
        onReconcile:
          configMaps:
            - name: a
              data: {a: b}
              when: [{cron: "@daily"}, {field: spec.on, equals: "true"}]
              or: [{dayOfWeek: {in: [saturday, SUNDAY]}}, {time: {after: "09:00"}, negate: true, notify: [ops]}]
        status:
          fields:
            - {path: p, value: v, when: [{cron: "*/15 9-17 * * mon-fri", duration: 10m}]}
`;
    const { document, issues } = parseKatalog(text, 'k.yaml');
    expect(issues.filter((i) => i.severity !== 'warning').map((i) => `${i.path}: ${i.message}`)).to.deep.equal([]);
    const box = document!.spec.crds.report!.operatorBox!;
    expect(box.onReconcile!.configMaps![0]!.or).to.deep.equal([{ dayOfWeek: { in: ['saturday', 'SUNDAY'] } }, { time: { after: '09:00' }, negate: true, notify: ['ops'] }]);
    expect(box.status!.fields![0]!.when).to.deep.equal([{ cron: '*/15 9-17 * * mon-fri', duration: '10m' }]);
  });

  it('refuses a bad one at its path, saying what to write', () => {
    const errors = errorsOf(`${head}      operatorBox:
        autoscale:
          conditions: {or: [{dayOfWeek: [Saturday]}]}
          do: {workers: 4}
        onReconcile:
          configMaps:
            - name: a
              data: {a: b}
              when:
                - {cron: "0 23 * *", duration: 3 hours}
                - {time: {after: "9am"}}
                - {dayOfWeek: {in: [Mon]}}
                - {time: {after: "09:00"}, field: spec.x, equals: "1"}
                - {duration: 1h}
`);
    expect(errors).to.deep.equal([
      '11:41: spec.crds.report.operatorBox.autoscale.conditions.or[0].dayOfWeek: expected a mapping such as {weekday: true} or {in: [Saturday, Sunday]}',
      '18:26: spec.crds.report.operatorBox.onReconcile.configMaps[0].when[0].cron: "0 23 * *" is not a cron expression: write five fields "minute hour day-of-month month day-of-week" such as "0 23 * * *" (UTC), or @hourly, @daily, @weekly, @monthly, @yearly',
      '18:48: spec.crds.report.operatorBox.onReconcile.configMaps[0].when[0].duration: expected a duration such as 30m, 3h or 1d, got "3 hours"',
      '19:34: spec.crds.report.operatorBox.onReconcile.configMaps[0].when[1].time.after: expected a UTC time of day as HH:MM (00:00 to 23:59), got "9am"',
      '20:37: spec.crds.report.operatorBox.onReconcile.configMaps[0].when[2].dayOfWeek.in[0]: unknown day "Mon": write a full English day name, Monday to Sunday (any case)',
      '21:19: spec.crds.report.operatorBox.onReconcile.configMaps[0].when[3]: a time condition tests the clock and stands alone beside negate and notify; move field, equals to an item of its own (the Go runtime ignores them here)',
      '22:30: spec.crds.report.operatorBox.onReconcile.configMaps[0].when[4].duration: duration belongs to a cron condition: give cron beside it, or remove it',
    ]);
  });
});
