// The escalation policy an admin configures, with the defaults a team gets out of the box.
import { z } from 'zod';
import { IMPACTS, PRIORITY_LEVELS, RISK_FLAGS, SEVERITIES, type Impact, type PriorityLevel, type RiskFlag, type Severity } from './schemas';

const minutes = z.number().int().min(1).max(60 * 24 * 60);
const perSeverity = <T extends z.ZodType>(value: T) => z.object({ S1: value, S2: value, S3: value, S4: value });
const perPriority = <T extends z.ZodType>(value: T) => z.object({ low: value, normal: value, high: value, urgent: value });

export const SlaTargets = z.object({ firstResponseMinutes: minutes, nextUpdateMinutes: minutes, resolutionMinutes: minutes });
export type SlaTargets = z.infer<typeof SlaTargets>;

export const BusinessHours = z
  .object({
    /** IANA time zone, e.g. "Europe/Berlin". An unknown zone would break every clock, so it is refused here. */
    timeZone: z
      .string()
      .min(1)
      .max(64)
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, 'not a known IANA time zone (e.g. Europe/Berlin)'),
    /** 0 = Sunday ... 6 = Saturday. */
    days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
    startHour: z.number().int().min(0).max(23),
    endHour: z.number().int().min(1).max(24),
  })
  .refine((hours) => hours.endHour > hours.startHour, { message: 'business hours must end after they start', path: ['endHour'] });
export type BusinessHours = z.infer<typeof BusinessHours>;

export const LANGUAGES = ['en', 'de', 'fr', 'es'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const PHRASE_GROUPS = ['explicit', 'human', 'repetition', 'threat', 'sentiment'] as const;
export const PhraseGroup = z.enum(PHRASE_GROUPS);
export type PhraseGroup = z.infer<typeof PhraseGroup>;

/** Extra phrases an admin adds per language and group, on top of the built-in ones (core/detection). */
export const CustomPhrases = z.object({
  en: z.array(z.object({ group: PhraseGroup, phrase: z.string().trim().min(2).max(200) })).max(500),
  de: z.array(z.object({ group: PhraseGroup, phrase: z.string().trim().min(2).max(200) })).max(500),
  fr: z.array(z.object({ group: PhraseGroup, phrase: z.string().trim().min(2).max(200) })).max(500),
  es: z.array(z.object({ group: PhraseGroup, phrase: z.string().trim().min(2).max(200) })).max(500),
});
export type CustomPhrases = z.infer<typeof CustomPhrases>;

export const WARNING_KINDS = ['no-actions-taken', 'premature', 'incomplete', 'duplicate'] as const;
export const WarningKind = z.enum(WARNING_KINDS);
export type WarningKind = z.infer<typeof WarningKind>;

export const Policy = z.object({
  severityDefinitions: perSeverity(z.string().trim().min(1).max(500)),
  /** Points each severity, impact level and risk flag adds to the assessment score (0-100 after clamping). */
  weights: z.object({
    severity: perSeverity(z.number().min(0).max(100)),
    impact: z.object({
      'single-user': z.number().min(0).max(100),
      team: z.number().min(0).max(100),
      'many-customers': z.number().min(0).max(100),
      'all-customers': z.number().min(0).max(100),
    }),
    risk: z.object({
      churn: z.number().min(0).max(100),
      legal: z.number().min(0).max(100),
      revenue: z.number().min(0).max(100),
      security: z.number().min(0).max(100),
      reputation: z.number().min(0).max(100),
      'contract-sla': z.number().min(0).max(100),
    }),
    /** Added when the ticket's SLA is breached or within `slaNearMinutes` of breach. */
    slaBreached: z.number().min(0).max(100),
    slaNear: z.number().min(0).max(100),
    /** Added when the customer asked for the escalation themselves. */
    customerAsked: z.number().min(0).max(100),
  }),
  /** Score at or above which the recommendation is "approve"; below `declineBelow` it is "decline". */
  thresholds: z
    .object({ approveAtOrAbove: z.number().min(0).max(100), declineBelow: z.number().min(0).max(100) })
    .refine((t) => t.declineBelow <= t.approveAtOrAbove, { message: 'the decline threshold must not exceed the approve threshold', path: ['declineBelow'] }),
  slaNearMinutes: minutes,
  /** SLA targets per ticket priority, and the tighter ones that apply once an escalation is approved. */
  slaTargets: perPriority(SlaTargets),
  approvedSlaTargets: perPriority(SlaTargets),
  decisionSlaMinutes: perSeverity(minutes),
  updateCadenceMinutes: perSeverity(minutes),
  /** The priority an approval raises the ticket to by default. */
  approvedPriority: perSeverity(z.enum(PRIORITY_LEVELS)),
  businessHours: BusinessHours.nullable(),
  warnings: z.object({
    'no-actions-taken': z.boolean(),
    premature: z.boolean(),
    incomplete: z.boolean(),
    duplicate: z.boolean(),
  }),
  /** "Premature": low severity and the SLA is further than this from breach. */
  prematureMinutesToBreach: minutes,
  customPhrases: CustomPhrases,
  /** Tags written to the helpdesk on request, approval and decline. */
  tags: z.object({
    requested: z.string().regex(/^[a-z0-9_:-]{1,60}$/),
    approved: z.string().regex(/^[a-z0-9_:-]{1,60}$/),
    declined: z.string().regex(/^[a-z0-9_:-]{1,60}$/),
  }),
});
export type Policy = z.infer<typeof Policy>;

const HOUR = 60;
const DAY = 24 * HOUR;

export const DEFAULT_POLICY: Policy = {
  severityDefinitions: {
    S1: 'Critical: production down or data at risk for the customer, no workaround.',
    S2: 'High: a core function is badly degraded for many users, workaround is poor.',
    S3: 'Medium: a function is impaired, a workaround exists.',
    S4: 'Low: a question, cosmetic issue or minor inconvenience.',
  },
  weights: {
    severity: { S1: 40, S2: 28, S3: 14, S4: 4 },
    impact: { 'single-user': 0, team: 8, 'many-customers': 18, 'all-customers': 25 },
    risk: { churn: 10, legal: 14, revenue: 10, security: 16, reputation: 8, 'contract-sla': 10 },
    slaBreached: 15,
    slaNear: 8,
    customerAsked: 5,
  },
  thresholds: { approveAtOrAbove: 55, declineBelow: 25 },
  slaNearMinutes: 2 * HOUR,
  slaTargets: {
    urgent: { firstResponseMinutes: 30, nextUpdateMinutes: 2 * HOUR, resolutionMinutes: 8 * HOUR },
    high: { firstResponseMinutes: 2 * HOUR, nextUpdateMinutes: 8 * HOUR, resolutionMinutes: 2 * DAY },
    normal: { firstResponseMinutes: 8 * HOUR, nextUpdateMinutes: DAY, resolutionMinutes: 5 * DAY },
    low: { firstResponseMinutes: DAY, nextUpdateMinutes: 3 * DAY, resolutionMinutes: 10 * DAY },
  },
  approvedSlaTargets: {
    urgent: { firstResponseMinutes: 15, nextUpdateMinutes: HOUR, resolutionMinutes: 4 * HOUR },
    high: { firstResponseMinutes: HOUR, nextUpdateMinutes: 4 * HOUR, resolutionMinutes: DAY },
    normal: { firstResponseMinutes: 4 * HOUR, nextUpdateMinutes: 12 * HOUR, resolutionMinutes: 3 * DAY },
    low: { firstResponseMinutes: 12 * HOUR, nextUpdateMinutes: DAY, resolutionMinutes: 5 * DAY },
  },
  decisionSlaMinutes: { S1: 15, S2: HOUR, S3: 4 * HOUR, S4: DAY },
  updateCadenceMinutes: { S1: HOUR, S2: 4 * HOUR, S3: DAY, S4: 2 * DAY },
  approvedPriority: { S1: 'urgent', S2: 'urgent', S3: 'high', S4: 'high' },
  businessHours: null,
  warnings: { 'no-actions-taken': true, premature: true, incomplete: true, duplicate: true },
  prematureMinutesToBreach: DAY,
  customPhrases: { en: [], de: [], fr: [], es: [] },
  tags: { requested: 'escalation_requested', approved: 'escalation_approved', declined: 'escalation_declined' },
};

export type { Impact, PriorityLevel, RiskFlag, Severity };
export { IMPACTS, RISK_FLAGS, SEVERITIES };
