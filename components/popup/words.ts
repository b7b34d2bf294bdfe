// Wording the popup shares between its views: helpdesk names, decline categories, priorities, severities, SLA
// clocks and the background's errors, in the UI's language (public/_locales).
import { ADAPTER_REGISTRY } from '../../adapters/registry';
import type { ErrorBody } from '../../core/messages';
import type { DeclineCategory, PriorityLevel, Severity } from '../../core/schemas';
import { duration } from '../format';
import { dueText, t, uiLanguage } from '../i18n';

export function siteLabel(site: string): string {
  return ADAPTER_REGISTRY.find((entry) => entry.id === site)?.label ?? site.replace(/^custom-/, '');
}

export const SITE_OPTIONS: ReadonlyArray<{ readonly id: string; readonly label: string }> = ADAPTER_REGISTRY.map((e) => ({ id: e.id, label: e.label }));

// The popup imports no values from core/schemas, so opening it never loads zod and builds no schema: it only
// renders what the background already validated. These orders mirror the schema's (a unit test checks).
export const DECLINE_CATEGORY_ORDER: readonly DeclineCategory[] = ['not-severe-enough', 'insufficient-information', 'premature', 'duplicate', 'outside-scope', 'other'];
export const PRIORITY_ORDER: readonly PriorityLevel[] = ['low', 'normal', 'high', 'urgent'];

/** "Not severe enough". */
export const declineCategoryLabel = (category: DeclineCategory): string => t(`decline_category_${category.replace(/-/g, '_')}`);
/** "Urgent". */
export const priorityLabel = (level: PriorityLevel): string => t(`priority_${level}`);
/** "Critical" for S1. */
export const severityWord = (severity: Severity): string => t(`popup_severity_${severity}`);
/** "Recommend approving". */
export const recommendationLabel = (recommendation: 'approve' | 'decline' | 'needs-information'): string => t(`popup_recommend_${recommendation.replace(/-/g, '_')}`);

/** Customer-update cadences offered after approval; the policy's default is added when it is not one of them. */
export const CADENCE_CHOICES: readonly number[] = [30, 60, 120, 240, 480, 1440, 2880];

/** "SLA breach in 3 h" / "SLA breached 20 min ago" / "No SLA clock". */
export function breachWords(minutes: number | null): { text: string; tone: 'breached' | 'near' | 'ok' | 'none' } {
  if (minutes === null) return { text: t('popup_breach_none'), tone: 'none' };
  if (minutes < 0) return { text: t('sla_breached_ago', duration(-minutes)), tone: 'breached' };
  return { text: t('popup_breach_in', duration(minutes)), tone: minutes <= 120 ? 'near' : 'ok' };
}

/** "due in 12 min" / "overdue by 5 min", and whether it is overdue. */
export function dueWords(dueIso: string, now: Date): { text: string; overdue: boolean } {
  return { text: dueText(dueIso, now), overdue: Math.round((Date.parse(dueIso) - now.getTime()) / 60_000) < 0 };
}

/** "#101" for short ids, the id as is for long ones (ServiceNow sys_ids). */
export function ticketLabel(ticketId: string): string {
  return ticketId.length <= 12 ? `#${ticketId}` : `${ticketId.slice(0, 8)}…`;
}

/**
 * The background's error for people. Its messages are English and name the specifics (versions, names), so an
 * English UI shows them as they are; in another language, an error whose code says exactly what happened (a
 * refusal's reason, a full disk) is shown translated, and any other stays in the background's English words.
 */
const ERROR_KEYS: Readonly<Record<string, string>> = {
  'stale-version': 'error_stale_version',
  'needs-manager': 'error_needs_manager',
  'needs-admin': 'error_needs_admin',
  'missing-decline-reason': 'error_missing_decline_reason',
};
export function errorText(error: ErrorBody): string {
  if (uiLanguage().toLowerCase().startsWith('en')) return error.message;
  const key = (error.code === 'refused' && error.reason ? ERROR_KEYS[error.reason] : undefined) ?? (error.code === 'storage-error' ? 'error_storage_full' : undefined);
  return key ? t(key) : error.message;
}
