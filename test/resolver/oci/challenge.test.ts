import { expect } from 'chai';
import { parseChallenges } from '../../../resolver/oci/challenge.js';

describe('resolver/oci/challenge parseChallenges', () => {
  const cases: Array<[string, Array<{ scheme: string; params: Record<string, string> }>]> = [
    ['Basic realm="test"', [{ scheme: 'basic', params: { realm: 'test' } }]],
    [
      'Bearer realm="https://auth.example.org/token",service="registry.example.org",scope="repository:a/b:pull,push"',
      [{ scheme: 'bearer', params: { realm: 'https://auth.example.org/token', service: 'registry.example.org', scope: 'repository:a/b:pull,push' } }],
    ],
    ['Bearer realm=https://x/t, service=svc', [{ scheme: 'bearer', params: { realm: 'https://x/t', service: 'svc' } }]],
    [
      'Basic realm="r", Bearer realm="https://t/x",error="insufficient_scope"',
      [
        { scheme: 'basic', params: { realm: 'r' } },
        { scheme: 'bearer', params: { realm: 'https://t/x', error: 'insufficient_scope' } },
      ],
    ],
    ['Bearer realm="a \\"quoted\\" realm"', [{ scheme: 'bearer', params: { realm: 'a "quoted" realm' } }]],
    ['', []],
  ];
  for (const [header, want] of cases) {
    it(`parses ${JSON.stringify(header)}`, () => {
      expect(parseChallenges(header)).to.deep.equal(want);
    });
  }
});
