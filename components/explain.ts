// The assessment's reasons and the request-time warnings in the UI's language. The core gives each a stable code
// with parameters (and an English sentence for logs); this is the UI edge that turns them into words with t().
// In English the result is the core's own sentence, word for word (a unit test checks).
import type { Explanation, ExplanationParams, RequestWarning } from '../core/assessment';
import { t } from './i18n';

/** "1 day 2 hours", "45 minutes": the core's long durations, in the UI's language. */
export function spanText(minutes: number): string {
  const total = Math.abs(Math.round(minutes));
  const days = Math.floor(total / (24 * 60));
  const hours = Math.floor((total % (24 * 60)) / 60);
  const mins = total % 60;
  const unit = (n: number, name: 'day' | 'hour' | 'minute') => t(n === 1 ? `span_${name}_one` : `span_${name}_many`, n);
  if (days > 0) return hours > 0 ? t('span_pair', unit(days, 'day'), unit(hours, 'hour')) : unit(days, 'day');
  if (hours > 0) return mins > 0 ? t('span_pair', unit(hours, 'hour'), unit(mins, 'minute')) : unit(hours, 'hour');
  return unit(mins, 'minute');
}

const keyPart = (value: string | number | undefined) => String(value ?? '').replace(/-/g, '_');
const num = (params: ExplanationParams, name: string) => Number(params[name] ?? 0);
const str = (params: ExplanationParams, name: string) => String(params[name] ?? '');

/** One sentence of the assessment. */
export function explanationText(explanation: Explanation): string {
  const p = explanation.params;
  switch (explanation.code) {
    case 'factor_severity':
      return t('assessment_factor_severity', str(p, 'severity'), t(`assessment_severity_${keyPart(p.severity)}`), str(p, 'points'));
    case 'factor_impact':
      return t('assessment_factor_impact', t(`assessment_impact_${keyPart(p.impact)}`), str(p, 'points'));
    case 'factor_risk':
      return t('assessment_factor_risk', t(`assessment_risk_${keyPart(p.risk)}`), str(p, 'points'));
    case 'factor_sla_breached':
      return t('assessment_factor_sla_breached', spanText(num(p, 'minutes')), str(p, 'points'));
    case 'factor_sla_imminent':
      return t('assessment_factor_sla_imminent', str(p, 'points'));
    case 'factor_sla_near':
      return t('assessment_factor_sla_near', spanText(num(p, 'minutes')), str(p, 'points'));
    case 'factor_customer_asked':
      return t('assessment_factor_customer_asked', str(p, 'points'));
    case 'total_capped':
      return t('assessment_total_capped', str(p, 'total'));
    case 'gap_reason_short':
      return t('assessment_gap_reason_short', num(p, 'min'));
    case 'gap_no_actions':
      return t('assessment_gap_no_actions', str(p, 'severity'), t(`assessment_severity_${keyPart(p.severity)}`));
    case 'gap_no_customer_words':
      return t('assessment_gap_no_customer_words');
    case 'recommend_ask':
      return t('assessment_recommend_ask');
    case 'recommend_approve':
      return t('assessment_recommend_approve', num(p, 'score'), num(p, 'threshold'));
    case 'recommend_decline':
      return t('assessment_recommend_decline', num(p, 'score'), num(p, 'threshold'));
    case 'recommend_undecided':
      return t('assessment_recommend_undecided', num(p, 'score'), num(p, 'decline'), num(p, 'approve'));
    default:
      // A code this UI does not know yet (a newer background): the English sentence is better than nothing.
      return explanation.text;
  }
}

/** "the reason, the severity and the impact". */
function fieldList(fields: string): string {
  const words = fields
    .split(',')
    .filter(Boolean)
    .map((field) => t(`warning_field_${field}`));
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(t('warning_list_comma'))}${t('warning_list_and')}${words[words.length - 1]}`;
}

/** A request-time warning. */
export function warningText(warning: RequestWarning): string {
  const p = warning.params ?? {};
  switch (warning.code) {
    case 'warning_no_actions':
      return t('warning_no_actions');
    case 'warning_premature':
      return t('warning_premature', str(p, 'severity'), t(`assessment_severity_${keyPart(p.severity)}`), spanText(num(p, 'minutes')));
    case 'warning_incomplete':
      return t('warning_incomplete', fieldList(str(p, 'fields')));
    case 'warning_duplicate_one':
      return t('warning_duplicate_one');
    case 'warning_duplicate_many':
      return t('warning_duplicate_many', num(p, 'count'));
    default:
      return warning.message;
  }
}
