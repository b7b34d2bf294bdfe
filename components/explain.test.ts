// The UI says the assessment's reasons and the request-time warnings from their codes and parameters. In English
// that must be the core's own sentence, word for word, for any request (so the codes carry everything the sentence
// needs); in German it is a different sentence with the same numbers.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assess, requestWarnings } from '../core/assessment';
import { IMPACTS, RISK_FLAGS, SEVERITIES } from '../core/constants';
import { DEFAULT_POLICY, type Policy } from '../core/policy';
import type { EscalationRequest } from '../core/schemas';
import { explanationText, spanText, warningText } from './explain';
import { installMessages, lookupFrom, resetMessages, type Messages } from './i18n';
import { slaWithBreachIn } from '../test/builders';

const de = JSON.parse(readFileSync(join(resolve(__dirname, '..'), 'public/_locales/de/messages.json'), 'utf8')) as Messages;

const sla = slaWithBreachIn;

const requests = fc.record({
  source: fc.constantFrom('agent' as const, 'customer' as const),
  words: fc.option(fc.constantFrom('I want a manager', '  '), { nil: null }),
  reason: fc.constantFrom('short', 'Checkout fails for every customer since this morning', ''),
  severity: fc.constantFrom(...SEVERITIES),
  impact: fc.constantFrom(...IMPACTS),
  flags: fc.uniqueArray(fc.constantFrom(...RISK_FLAGS), { maxLength: 6 }),
  actions: fc.constantFrom([] as string[], ['Cleared the cache'], ['  ']),
  noActionsYet: fc.boolean(),
  toBreach: fc.option(fc.integer({ min: -5000, max: 5000 }), { nil: null }),
  approveAt: fc.integer({ min: 0, max: 100 }),
  gap: fc.integer({ min: 0, max: 100 }),
  open: fc.integer({ min: 0, max: 3 }),
});

type Input = typeof requests extends fc.Arbitrary<infer T> ? T : never;

function build(input: Input) {
  const request: EscalationRequest = {
    source: input.source,
    customerWords: input.source === 'customer' && input.words !== null ? { text: input.words, writtenAt: null, matched: [] } : null,
    reason: input.reason,
    severity: input.severity,
    impact: input.impact,
    businessRisk: { flags: input.flags, note: '' },
    actionsTaken: input.actions,
    noActionsYet: input.noActionsYet,
  };
  const policy: Policy = { ...DEFAULT_POLICY, thresholds: { approveAtOrAbove: input.approveAt, declineBelow: Math.max(0, input.approveAt - input.gap) } };
  return { request, policy };
}

afterEach(() => resetMessages());

describe('reasons and warnings from their codes', () => {
  it('in English, every reason and warning reads exactly as the core’s sentence', () => {
    fc.assert(
      fc.property(requests, (input) => {
        const { request, policy } = build(input);
        const assessment = assess({ request, sla: sla(input.toBreach) }, policy);
        expect(assessment.explanations.map(explanationText)).toEqual(assessment.reasons);
        const partial: Partial<EscalationRequest> = { ...request, ...(input.reason === '' ? { reason: undefined } : {}), ...(input.open === 3 ? { severity: undefined, impact: undefined } : {}) } as Partial<EscalationRequest>;
        const warnings = requestWarnings({ request: partial, sla: sla(input.toBreach), openEscalationsOnTicket: input.open }, DEFAULT_POLICY);
        expect(warnings.map(warningText)).toEqual(warnings.map((w) => w.message));
      }),
      { numRuns: 400 },
    );
  });

  it('in German, no English sentence is left, and the numbers carry over', () => {
    installMessages(lookupFrom(de), 'de');
    const request: EscalationRequest = {
      source: 'customer',
      customerWords: null,
      reason: 'kurz',
      severity: 'S3',
      impact: 'team',
      businessRisk: { flags: ['churn'], note: '' },
      actionsTaken: [],
      noActionsYet: true,
    };
    const assessment = assess({ request, sla: sla(-90) }, DEFAULT_POLICY);
    const german = assessment.explanations.map(explanationText);
    german.forEach((sentence, i) => expect(sentence).not.toBe(assessment.reasons[i]));
    expect(german).toEqual([
      'Schweregrad S3 (mittel): +14',
      'Auswirkung auf ein Team: +8',
      'Geschäftsrisiko, der Kunde könnte abwandern: +10',
      'Die SLA des Tickets ist verletzt, überfällig um 1 Stunde 30 Minuten: +15',
      'Der Kunde hat selbst um die Eskalation gebeten: +5',
      'Die Begründung ist zu kurz, um sie beurteilen zu können (unter 20 Zeichen).',
      'Bei einem Problem mit Schweregrad S3 (mittel) wurde noch nichts versucht: Was hat die übliche Fehlersuche ergeben?',
      'Der Kunde hat um die Eskalation gebeten, aber seine Nachricht ist nicht beigefügt.',
      'Empfehlung: vor der Entscheidung weitere Informationen einholen.',
    ]);
    const warnings = requestWarnings({ request: { severity: 'S4', noActionsYet: true }, sla: sla(2 * 1440 + 60), openEscalationsOnTicket: 2 }, DEFAULT_POLICY).map(warningText);
    expect(warnings).toEqual([
      'Es wurden noch keine Maßnahmen ergriffen. Die Führungskraft wird in der Regel zuerst fragen, was schon versucht wurde.',
      'Das ist womöglich verfrüht: ein Problem mit Schweregrad S4 (niedrig), und bis zur SLA-Verletzung des Tickets bleiben noch 2 Tage 1 Stunde.',
      'In der Anfrage fehlt noch: Begründung und Auswirkung.',
      'Für dieses Ticket gibt es bereits 2 offene Eskalationen.',
    ]);
    expect(spanText(1)).toBe('1 Minute');
    expect(spanText(1441)).toBe('1 Tag');
  });

  it('a code this UI does not know falls back to the English sentence rather than a blank', () => {
    expect(explanationText({ code: 'something_new' as never, params: {}, text: 'A newer reason.' })).toBe('A newer reason.');
    expect(warningText({ kind: 'duplicate', code: 'warning_new' as never, params: {}, message: 'A newer warning.' })).toBe('A newer warning.');
  });
});
