// Wording the popup shares between its views: helpdesk names, decline categories, priorities, cadences.
import { ADAPTER_REGISTRY } from '../../adapters/registry';
import { cadenceWords } from '../../core/documentation';
import type { DeclineCategory, PriorityLevel, Severity } from '../../core/schemas';
import { duration } from '../format';

export function siteLabel(site: string): string {
  return ADAPTER_REGISTRY.find((entry) => entry.id === site)?.label ?? site.replace(/^custom-/, '');
}

export const SITE_OPTIONS: ReadonlyArray<{ readonly id: string; readonly label: string }> = ADAPTER_REGISTRY.map((e) => ({ id: e.id, label: e.label }));

export const DECLINE_CATEGORY_LABELS: Readonly<Record<DeclineCategory, string>> = {
  'not-severe-enough': 'Not severe enough',
  'insufficient-information': 'Not enough information',
  premature: 'Premature: normal process not exhausted',
  duplicate: 'Duplicate of another escalation',
  'outside-scope': 'Outside support scope',
  other: 'Other',
};

export const PRIORITY_LABELS: Readonly<Record<PriorityLevel, string>> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };

// The popup imports no values from core/schemas, so opening it never loads zod and builds no schema: it only
// renders what the background already validated. These orders mirror the schema's (a unit test checks).
export const DECLINE_CATEGORY_ORDER = Object.keys(DECLINE_CATEGORY_LABELS) as DeclineCategory[];
export const PRIORITY_ORDER = Object.keys(PRIORITY_LABELS) as PriorityLevel[];

export const SEVERITY_WORDS: Readonly<Record<Severity, string>> = { S1: 'Critical', S2: 'High', S3: 'Medium', S4: 'Low' };

export const RECOMMENDATION_LABELS = { approve: 'Recommend approving', decline: 'Recommend declining', 'needs-information': 'Needs more information' } as const;

/** Customer-update cadences offered after approval; the policy's default is added when it is not one of them. */
export const CADENCE_CHOICES: readonly number[] = [30, 60, 120, 240, 480, 1440, 2880];

export function cadenceChoice(minutes: number): string {
  return `Every ${cadenceWords(minutes)}`;
}

/** "SLA breach in 3 h" / "SLA breached 20 min ago" / "No SLA clock". */
export function breachWords(minutes: number | null): { text: string; tone: 'breached' | 'near' | 'ok' | 'none' } {
  if (minutes === null) return { text: 'No SLA clock', tone: 'none' };
  if (minutes < 0) return { text: `SLA breached ${duration(-minutes)} ago`, tone: 'breached' };
  return { text: `SLA breach in ${duration(minutes)}`, tone: minutes <= 120 ? 'near' : 'ok' };
}

/** "#101" for short ids, the id as is for long ones (ServiceNow sys_ids). */
export function ticketLabel(ticketId: string): string {
  return ticketId.length <= 12 ? `#${ticketId}` : `${ticketId.slice(0, 8)}…`;
}
