// Helps the manager decide: a score from the policy's weights with one plain sentence per factor, a recommendation,
// and the request-time warnings an agent sees while filling in the form. The manager decides; this only informs.
import { describeMinutes } from './clocks';
import type { Policy, WarningKind } from './policy';
import type { EscalationRequest, Impact, RiskFlag, Severity, SlaSnapshot } from './schemas';

/**
 * What a sentence of the assessment says, as a stable code with its parameters, so the UI can say it in the
 * reader's language (`components/explain.ts`); `text` is the same sentence in English, for logs.
 */
export type ReasonCode =
  | 'factor_severity'
  | 'factor_impact'
  | 'factor_risk'
  | 'factor_sla_breached'
  | 'factor_sla_imminent'
  | 'factor_sla_near'
  | 'factor_customer_asked'
  | 'total_capped'
  | 'gap_reason_short'
  | 'gap_no_actions'
  | 'gap_no_customer_words'
  | 'recommend_ask'
  | 'recommend_approve'
  | 'recommend_decline'
  | 'recommend_undecided';

/** Parameters of a reason or warning: domain values (S2, team, churn), numbers, and points as shown ("+28"). */
export type ExplanationParams = Readonly<Record<string, string | number>>;

export interface Explanation {
  code: ReasonCode;
  params: ExplanationParams;
  /** The sentence in English (the same as the matching entry of `reasons`). */
  text: string;
}

export interface Assessment {
  /** 0..100, a whole number. */
  score: number;
  recommendation: 'approve' | 'decline' | 'needs-information';
  /** Plain sentences in English: each factor and its points, any missing information, then how the recommendation follows. */
  reasons: string[];
  /** The same sentences, in the same order, as codes with parameters (what the UI translates). */
  explanations: Explanation[];
}
export type Recommendation = Assessment['recommendation'];

export type WarningCode = 'warning_no_actions' | 'warning_premature' | 'warning_incomplete' | 'warning_duplicate_one' | 'warning_duplicate_many';

export interface RequestWarning {
  kind: WarningKind;
  /** What the warning says, as a stable code with parameters (the UI translates it). */
  code: WarningCode;
  params: ExplanationParams;
  /** The warning in English, for logs. */
  message: string;
}

/** A reason shorter than this (after trimming) does not tell a manager enough to decide. */
export const MIN_REASON_LENGTH = 20;
/** Severities low enough that an escalation with nothing tried yet, or far from SLA breach, is premature. */
export const LOW_SEVERITIES: readonly Severity[] = ['S3', 'S4'];

const SEVERITY_WORDS: Readonly<Record<Severity, string>> = { S1: 'critical', S2: 'high', S3: 'medium', S4: 'low' };
const IMPACT_WORDS: Readonly<Record<Impact, string>> = {
  'single-user': 'a single user',
  team: 'a team',
  'many-customers': 'many customers',
  'all-customers': 'all customers',
};
const RISK_WORDS: Readonly<Record<RiskFlag, string>> = {
  churn: 'the customer may leave (churn)',
  legal: 'legal exposure',
  revenue: 'revenue at stake',
  security: 'a security concern',
  reputation: 'harm to reputation',
  'contract-sla': 'a contractual SLA at stake',
};

function points(value: number): string {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return value < 0 ? shown : `+${shown}`;
}

const hasActions = (request: Partial<EscalationRequest>) =>
  request.noActionsYet !== true && (request.actionsTaken ?? []).some((action) => action.trim() !== '');

/**
 * What a manager would have to ask before deciding. Documented rules:
 * - the reason is shorter than MIN_REASON_LENGTH characters;
 * - nothing has been tried yet on a medium or low severity (S3/S4) issue (critical ones may escalate at once);
 * - the customer asked, but their words are not attached.
 */
function informationGaps(request: EscalationRequest): Explanation[] {
  const gaps: Explanation[] = [];
  if (request.reason.trim().length < MIN_REASON_LENGTH) {
    gaps.push({ code: 'gap_reason_short', params: { min: MIN_REASON_LENGTH }, text: `The reason is too short for a manager to judge (under ${MIN_REASON_LENGTH} characters).` });
  }
  if (!hasActions(request) && LOW_SEVERITIES.includes(request.severity)) {
    gaps.push({
      code: 'gap_no_actions',
      params: { severity: request.severity },
      text: `Nothing has been tried yet on a severity ${request.severity} (${SEVERITY_WORDS[request.severity]}) issue: say what the usual troubleshooting found.`,
    });
  }
  if (request.source === 'customer' && (request.customerWords === null || request.customerWords.text.trim() === '')) {
    gaps.push({ code: 'gap_no_customer_words', params: {}, text: 'The customer asked for the escalation, but their words are not attached.' });
  }
  return gaps;
}

/** Scores a request against the policy and recommends, explaining every point. */
export function assess(input: { request: EscalationRequest; sla: SlaSnapshot }, policy: Policy): Assessment {
  const { request, sla } = input;
  const { weights, thresholds } = policy;
  const factors: { points: number; explanation: Explanation }[] = [];
  const add = (value: number, code: ReasonCode, params: ExplanationParams, label: string) =>
    factors.push({ points: value, explanation: { code, params: { ...params, points: points(value) }, text: `${label}: ${points(value)}` } });

  add(weights.severity[request.severity], 'factor_severity', { severity: request.severity }, `Severity ${request.severity} (${SEVERITY_WORDS[request.severity]})`);
  add(weights.impact[request.impact], 'factor_impact', { impact: request.impact }, `Impact on ${IMPACT_WORDS[request.impact]}`);
  for (const flag of new Set(request.businessRisk.flags)) add(weights.risk[flag], 'factor_risk', { risk: flag }, `Business risk, ${RISK_WORDS[flag]}`);
  const toBreach = sla.minutesToBreach;
  if (toBreach !== null && toBreach < 0) {
    add(weights.slaBreached, 'factor_sla_breached', { minutes: -toBreach }, `The ticket's SLA was breached ${describeMinutes(toBreach)} ago`);
  } else if (toBreach !== null && toBreach <= policy.slaNearMinutes) {
    if (toBreach === 0) add(weights.slaNear, 'factor_sla_imminent', {}, `The ticket's SLA breaches within a minute`);
    else add(weights.slaNear, 'factor_sla_near', { minutes: toBreach }, `The ticket's SLA breaches in ${describeMinutes(toBreach)}`);
  }
  if (request.source === 'customer') add(weights.customerAsked, 'factor_customer_asked', {}, 'The customer asked for the escalation');

  const total = factors.reduce((sum, factor) => sum + factor.points, 0);
  const score = Math.round(Math.min(100, Math.max(0, total)));
  const explanations = factors.map((factor) => factor.explanation);
  const explain = (code: ReasonCode, params: ExplanationParams, text: string) => explanations.push({ code, params, text });
  if (total > 100) {
    const shown = points(total).replace('+', '');
    explain('total_capped', { total: shown }, `The total of ${shown} points counts as 100.`);
  }

  const gaps = informationGaps(request);
  let recommendation: Recommendation;
  if (gaps.length > 0) {
    recommendation = 'needs-information';
    explanations.push(...gaps);
    explain('recommend_ask', {}, 'Recommendation: ask for more information before deciding.');
  } else if (score >= thresholds.approveAtOrAbove) {
    recommendation = 'approve';
    explain('recommend_approve', { score, threshold: thresholds.approveAtOrAbove }, `Score ${score} is at or above the approval threshold of ${thresholds.approveAtOrAbove}: recommend approving.`);
  } else if (score < thresholds.declineBelow) {
    recommendation = 'decline';
    explain('recommend_decline', { score, threshold: thresholds.declineBelow }, `Score ${score} is below the decline threshold of ${thresholds.declineBelow}: recommend declining.`);
  } else {
    recommendation = 'needs-information';
    explain(
      'recommend_undecided',
      { score, decline: thresholds.declineBelow, approve: thresholds.approveAtOrAbove },
      `Score ${score} is between the decline threshold (${thresholds.declineBelow}) and the approval threshold (${thresholds.approveAtOrAbove}): more information is needed to decide.`,
    );
  }
  return { score, recommendation, reasons: explanations.map((e) => e.text), explanations };
}

/**
 * Warnings for a request being filled in (fields may still be missing). Each kind only when the policy enables
 * it; they inform and never block.
 */
export function requestWarnings(
  input: { request: Partial<EscalationRequest>; sla: SlaSnapshot | null; openEscalationsOnTicket: number },
  policy: Policy,
): RequestWarning[] {
  const { request, sla, openEscalationsOnTicket } = input;
  const warnings: RequestWarning[] = [];
  const enabled = (kind: WarningKind) => policy.warnings[kind];

  if (enabled('no-actions-taken') && !hasActions(request)) {
    warnings.push({
      kind: 'no-actions-taken',
      code: 'warning_no_actions',
      params: {},
      message: 'No actions have been taken yet. A manager will usually ask what was tried first.',
    });
  }
  const toBreach = sla?.minutesToBreach ?? null;
  if (enabled('premature') && request.severity !== undefined && LOW_SEVERITIES.includes(request.severity) && toBreach !== null && toBreach > policy.prematureMinutesToBreach) {
    warnings.push({
      kind: 'premature',
      code: 'warning_premature',
      params: { severity: request.severity, minutes: toBreach },
      message: `This may be premature: a severity ${request.severity} (${SEVERITY_WORDS[request.severity]}) issue, and the ticket's SLA is still ${describeMinutes(toBreach)} from breach.`,
    });
  }
  if (enabled('incomplete')) {
    const missing = [
      (request.reason ?? '').trim() === '' ? 'reason' : null,
      request.severity === undefined ? 'severity' : null,
      request.impact === undefined ? 'impact' : null,
    ].filter((field): field is 'reason' | 'severity' | 'impact' => field !== null);
    if (missing.length > 0) {
      // `fields`: the missing fields' names, comma-separated in this order (reason, severity, impact).
      warnings.push({ kind: 'incomplete', code: 'warning_incomplete', params: { fields: missing.join(',') }, message: `The request is missing ${joinWords(missing.map((field) => `the ${field}`))}.` });
    }
  }
  if (enabled('duplicate') && openEscalationsOnTicket > 0) {
    warnings.push({
      kind: 'duplicate',
      code: openEscalationsOnTicket === 1 ? 'warning_duplicate_one' : 'warning_duplicate_many',
      params: { count: openEscalationsOnTicket },
      message:
        openEscalationsOnTicket === 1
          ? 'This ticket already has an open escalation.'
          : `This ticket already has ${openEscalationsOnTicket} open escalations.`,
    });
  }
  return warnings;
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
