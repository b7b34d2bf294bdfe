import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess, requestWarnings } from './assessment';
import { DEFAULT_POLICY, type Policy } from './policy';
import { IMPACTS, RISK_FLAGS, SEVERITIES, type EscalationRequest, type SlaSnapshot } from './schemas';
import { slaWithBreachIn } from '../test/builders';

const REQUEST: EscalationRequest = {
  source: 'agent',
  customerWords: null,
  reason: 'Checkout fails for every customer since this morning',
  severity: 'S2',
  impact: 'team',
  businessRisk: { flags: [], note: '' },
  actionsTaken: ['Cleared the cache'],
  noActionsYet: false,
};
const request = (overrides: Partial<EscalationRequest> = {}): EscalationRequest => ({ ...REQUEST, ...overrides });

const sla = slaWithBreachIn;
const FAR = sla(5000);

describe('assess', () => {
  it('names every factor with its points, in plain sentences', () => {
    const result = assess(
      {
        request: request({
          severity: 'S1',
          impact: 'many-customers',
          businessRisk: { flags: ['legal', 'revenue'], note: '' },
          source: 'customer',
          customerWords: { text: 'I want to speak to a manager', writtenAt: null, matched: ['manager'] },
        }),
        sla: sla(45),
      },
      DEFAULT_POLICY,
    );
    expect(result.reasons).toEqual([
      'Severity S1 (critical): +40',
      'Impact on many customers: +18',
      'Business risk, legal exposure: +14',
      'Business risk, revenue at stake: +10',
      "The ticket's SLA breaches in 45 minutes: +8",
      'The customer asked for the escalation: +5',
      'Score 95 is at or above the approval threshold of 55: recommend approving.',
    ]);
    expect(result.score).toBe(95);
    expect(result.recommendation).toBe('approve');
  });

  it('a breached SLA counts more than a near one, and a far one not at all', () => {
    const breached = assess({ request: request(), sla: sla(-90) }, DEFAULT_POLICY);
    expect(breached.reasons).toContain("The ticket's SLA was breached 1 hour 30 minutes ago: +15");
    expect(breached.score).toBe(28 + 8 + 15);
    const near = assess({ request: request(), sla: sla(120) }, DEFAULT_POLICY);
    expect(near.score).toBe(28 + 8 + 8);
    const far = assess({ request: request(), sla: FAR }, DEFAULT_POLICY);
    expect(far.score).toBe(28 + 8);
    expect(far.reasons.some((sentence) => sentence.includes('SLA'))).toBe(false);
    const unknown = assess({ request: request(), sla: sla(null) }, DEFAULT_POLICY);
    expect(unknown.score).toBe(28 + 8);
  });

  it('the score is clamped at 100 and says so', () => {
    const everything = request({
      severity: 'S1',
      impact: 'all-customers',
      businessRisk: { flags: [...RISK_FLAGS], note: '' },
      source: 'customer',
      customerWords: { text: 'Escalate now', writtenAt: null, matched: [] },
    });
    const result = assess({ request: everything, sla: sla(-5) }, DEFAULT_POLICY);
    expect(result.score).toBe(100);
    expect(result.reasons).toContain('The total of 153 points counts as 100.');
  });

  it('a flag listed twice counts once', () => {
    const twice = assess({ request: request({ businessRisk: { flags: ['churn', 'churn'], note: '' } }), sla: FAR }, DEFAULT_POLICY);
    expect(twice.score).toBe(28 + 8 + 10);
  });

  it('recommends declining a low-scoring request and asking for more in the middle band', () => {
    const low = assess({ request: request({ severity: 'S4', impact: 'single-user' }), sla: FAR }, DEFAULT_POLICY);
    expect(low).toMatchObject({ score: 4, recommendation: 'decline' });
    expect(low.reasons.at(-1)).toBe('Score 4 is below the decline threshold of 25: recommend declining.');
    const middle = assess({ request: request(), sla: FAR }, DEFAULT_POLICY);
    expect(middle).toMatchObject({ score: 36, recommendation: 'needs-information' });
    expect(middle.reasons.at(-1)).toMatch(/between the decline threshold \(25\) and the approval threshold \(55\)/);
  });

  it('thresholds come from the policy', () => {
    const lenient: Policy = { ...DEFAULT_POLICY, thresholds: { approveAtOrAbove: 30, declineBelow: 10 } };
    expect(assess({ request: request(), sla: FAR }, lenient).recommendation).toBe('approve');
  });

  describe('asks for more information when the request lacks what a manager needs', () => {
    const strong = { severity: 'S1', impact: 'all-customers' } as const;

    it('a reason under 20 characters', () => {
      const result = assess({ request: request({ ...strong, reason: 'It is broken' }), sla: FAR }, DEFAULT_POLICY);
      expect(result.recommendation).toBe('needs-information');
      expect(result.score).toBe(65);
      expect(result.reasons).toContain('The reason is too short for a manager to judge (under 20 characters).');
    });

    it('nothing tried yet on an S3 or S4 issue (but an S1 may escalate at once)', () => {
      const s3 = assess({ request: request({ severity: 'S3', impact: 'all-customers', businessRisk: { flags: ['security', 'legal'], note: '' }, actionsTaken: [], noActionsYet: true }), sla: FAR }, DEFAULT_POLICY);
      expect(s3.score).toBeGreaterThanOrEqual(55);
      expect(s3.recommendation).toBe('needs-information');
      expect(s3.reasons.join(' ')).toMatch(/Nothing has been tried yet on a severity S3/);
      const s1 = assess({ request: request({ ...strong, actionsTaken: [], noActionsYet: true }), sla: FAR }, DEFAULT_POLICY);
      expect(s1.recommendation).toBe('approve');
    });

    it('the customer asked but their words are not attached', () => {
      const result = assess({ request: request({ ...strong, source: 'customer', customerWords: null }), sla: FAR }, DEFAULT_POLICY);
      expect(result.recommendation).toBe('needs-information');
      expect(result.reasons).toContain('The customer asked for the escalation, but their words are not attached.');
    });
  });

  it('always gives a whole score within 0..100 and a sentence per factor (property)', () => {
    const weight = fc.double({ min: 0, max: 100, noNaN: true });
    fc.assert(
      fc.property(
        fc.constantFrom(...SEVERITIES),
        fc.constantFrom(...IMPACTS),
        fc.subarray([...RISK_FLAGS]),
        fc.option(fc.integer({ min: -10_000, max: 10_000 })),
        fc.record({ severity: weight, impact: weight, risk: weight, sla: weight }),
        (severity, impact, flags, toBreach, w) => {
          const policy: Policy = {
            ...DEFAULT_POLICY,
            weights: {
              ...DEFAULT_POLICY.weights,
              severity: { S1: w.severity, S2: w.severity, S3: w.severity, S4: w.severity },
              impact: { 'single-user': w.impact, team: w.impact, 'many-customers': w.impact, 'all-customers': w.impact },
              risk: Object.fromEntries(RISK_FLAGS.map((flag) => [flag, w.risk])) as Policy['weights']['risk'],
              slaBreached: w.sla,
              slaNear: w.sla,
            },
          };
          const result = assess({ request: request({ severity, impact, businessRisk: { flags, note: '' } }), sla: sla(toBreach) }, policy);
          expect(Number.isInteger(result.score)).toBe(true);
          expect(result.score).toBeGreaterThanOrEqual(0);
          expect(result.score).toBeLessThanOrEqual(100);
          expect(result.reasons.filter((sentence) => /: [+-]\d/.test(sentence)).length).toBeGreaterThanOrEqual(2 + flags.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('assessment explanations', () => {
  it('every reason has a code and parameters, in the same order as the English sentences', () => {
    const result = assess(
      {
        request: request({ severity: 'S3', impact: 'all-customers', businessRisk: { flags: ['security', 'legal'], note: '' }, source: 'customer', customerWords: null, reason: 'short', noActionsYet: true, actionsTaken: [] }),
        sla: sla(-90),
      },
      DEFAULT_POLICY,
    );
    expect(result.explanations.map((e) => e.text)).toEqual(result.reasons);
    expect(result.explanations.map((e) => e.code)).toEqual([
      'factor_severity',
      'factor_impact',
      'factor_risk',
      'factor_risk',
      'factor_sla_breached',
      'factor_customer_asked',
      'gap_reason_short',
      'gap_no_actions',
      'gap_no_customer_words',
      'recommend_ask',
    ]);
    expect(result.explanations[0]!.params).toEqual({ severity: 'S3', points: '+14' });
    expect(result.explanations[2]!.params).toEqual({ risk: 'security', points: '+16' });
    expect(result.explanations[4]!.params).toEqual({ minutes: 90, points: '+15' });
    expect(result.explanations[6]!.params).toEqual({ min: 20 });
    const approve = assess({ request: request({ severity: 'S1', impact: 'all-customers' }), sla: sla(0) }, DEFAULT_POLICY);
    expect(approve.explanations.map((e) => [e.code, e.params])).toEqual([
      ['factor_severity', { severity: 'S1', points: '+40' }],
      ['factor_impact', { impact: 'all-customers', points: '+25' }],
      ['factor_sla_imminent', { points: '+8' }],
      ['recommend_approve', { score: 73, threshold: 55 }],
    ]);
  });
});

describe('requestWarnings', () => {
  const complete = request({ severity: 'S1' });
  const warn = (partial: Partial<EscalationRequest>, options: { sla?: SlaSnapshot | null; open?: number; policy?: Policy } = {}) =>
    requestWarnings({ request: partial, sla: options.sla ?? null, openEscalationsOnTicket: options.open ?? 0 }, options.policy ?? DEFAULT_POLICY);
  const kinds = (warnings: { kind: string }[]) => warnings.map((warning) => warning.kind);

  it('a complete, well-founded request gets no warnings', () => {
    expect(warn(complete, { sla: FAR })).toEqual([]);
  });

  it('warns when nothing has been tried yet', () => {
    expect(kinds(warn({ ...complete, actionsTaken: [], noActionsYet: true }))).toEqual(['no-actions-taken']);
    expect(kinds(warn({ ...complete, actionsTaken: ['  '] }))).toEqual(['no-actions-taken']);
  });

  it('warns that a low-severity request far from SLA breach may be premature', () => {
    const warnings = warn({ ...complete, severity: 'S4' }, { sla: sla(2 * 1440 + 60) });
    expect(kinds(warnings)).toEqual(['premature']);
    expect(warnings[0]!.message).toBe("This may be premature: a severity S4 (low) issue, and the ticket's SLA is still 2 days 1 hour from breach.");
    expect(warn({ ...complete, severity: 'S4' }, { sla: sla(1440) })).toEqual([]); // exactly at the limit: not premature
    expect(warn({ ...complete, severity: 'S2' }, { sla: sla(10_000) })).toEqual([]);
    expect(warn({ ...complete, severity: 'S3' }, { sla: sla(null) })).toEqual([]);
  });

  it('names what an incomplete request is missing', () => {
    const warnings = warn({ source: 'agent', actionsTaken: ['Restarted'], noActionsYet: false, reason: ' ' });
    expect(kinds(warnings)).toEqual(['incomplete']);
    expect(warnings[0]!.message).toBe('The request is missing the reason, the severity and the impact.');
    expect(warn({ ...complete, impact: undefined })[0]!.message).toBe('The request is missing the impact.');
  });

  it('warns about a duplicate when the ticket already has an open escalation', () => {
    expect(warn(complete, { open: 1 })).toEqual([{ kind: 'duplicate', code: 'warning_duplicate_one', params: { count: 1 }, message: 'This ticket already has an open escalation.' }]);
    expect(warn(complete, { open: 2 })[0]).toMatchObject({ code: 'warning_duplicate_many', params: { count: 2 }, message: 'This ticket already has 2 open escalations.' });
  });

  it('each warning carries a stable code and the parameters its sentence needs (the UI translates them)', () => {
    const premature = warn({ ...complete, severity: 'S4' }, { sla: sla(2 * 1440 + 60) })[0]!;
    expect(premature).toMatchObject({ kind: 'premature', code: 'warning_premature', params: { severity: 'S4', minutes: 2940 } });
    expect(warn({ source: 'agent', actionsTaken: ['Restarted'], noActionsYet: false, reason: ' ' })[0]).toMatchObject({ code: 'warning_incomplete', params: { fields: 'reason,severity,impact' } });
    expect(warn({ ...complete, severity: undefined })[0]).toMatchObject({ code: 'warning_incomplete', params: { fields: 'severity' } });
    expect(warn({ ...complete, actionsTaken: [], noActionsYet: true })[0]).toMatchObject({ kind: 'no-actions-taken', code: 'warning_no_actions', params: {} });
  });

  it('an empty form gets every warning that applies, in a fixed order', () => {
    expect(kinds(warn({}, { open: 1 }))).toEqual(['no-actions-taken', 'incomplete', 'duplicate']);
  });

  it('warnings the admin switched off are not shown', () => {
    const quiet: Policy = { ...DEFAULT_POLICY, warnings: { 'no-actions-taken': false, premature: false, incomplete: false, duplicate: false } };
    expect(warn({ severity: 'S4', noActionsYet: true }, { sla: FAR, open: 3, policy: quiet })).toEqual([]);
    const onlyDuplicate: Policy = { ...DEFAULT_POLICY, warnings: { 'no-actions-taken': false, premature: false, incomplete: false, duplicate: true } };
    expect(kinds(warn({}, { open: 1, policy: onlyDuplicate }))).toEqual(['duplicate']);
  });
});
