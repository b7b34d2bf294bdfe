// The domain's fixed vocabularies as plain data. Kept apart from the zod schemas so that code bundled into the
// helpdesk page (panel, adapters) can use them without pulling zod into the content script.

/** Our normalised priority; each adapter maps the helpdesk's own values onto it and back. */
export const PRIORITY_LEVELS = ['low', 'normal', 'high', 'urgent'] as const;
export const SEVERITIES = ['S1', 'S2', 'S3', 'S4'] as const;
/** How widely the problem reaches, smallest first. */
export const IMPACTS = ['single-user', 'team', 'many-customers', 'all-customers'] as const;
export const RISK_FLAGS = ['churn', 'legal', 'revenue', 'security', 'reputation', 'contract-sla'] as const;
export const ESCALATION_STATES = ['requested', 'approved', 'declined', 'resolved', 'closed', 'withdrawn'] as const;
export const DECLINE_CATEGORIES = [
  'not-severe-enough',
  'insufficient-information',
  'premature',
  'duplicate',
  'outside-scope',
  'other',
] as const;
export const CUSTOMER_MESSAGE_KINDS = ['approved', 'declined', 'progress', 'resolution'] as const;

/** The most pending escalations one queue answer holds (the popup says when there are more). */
export const QUEUE_CAP = 200;
/** How many of the queue the popup shows (and asks the background for) at a time. */
export const QUEUE_PAGE = 50;

/**
 * A backup travels between the options page and the background in parts of this many characters: one runtime
 * message may carry at most 64 MiB of JSON, and a character can take up to 6 bytes there (a 3-byte UTF-8 character
 * whose escape doubles, and the like), so 8 Mi characters stay well inside it.
 */
export const BACKUP_PART_CHARS = 8 * 1024 * 1024;
/**
 * The largest backup an import accepts, in characters: larger than a big team's history (10,000 escalations with
 * 110,000 events make about 82 MB); a guard against a wrong file or a memory bomb (an import holds the whole file
 * to validate it before it replaces anything).
 */
export const MAX_BACKUP_CHARS = 200 * 1024 * 1024;
/** More parts than the largest backup an import accepts (200 MB) needs. */
export const MAX_BACKUP_PARTS = 100;
/**
 * An export may be larger than an import accepts (it is also the way to take the data elsewhere): at most this many
 * parts, 2 GiB of text, more than 100,000 escalations with their full logs make.
 */
export const MAX_EXPORT_PARTS = 256;
