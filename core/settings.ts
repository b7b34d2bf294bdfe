// Everything an admin configures, as one validated document stored in the settings table.
import { z } from 'zod';
import { DEFAULT_POLICY, Policy } from './policy';
import { CUSTOMER_MESSAGE_KINDS, SiteId } from './schemas';

export const TemplateText = z.string().trim().min(1, 'a template cannot be empty').max(5000);
export const CustomerTemplates = z.object({
  approved: TemplateText,
  declined: TemplateText,
  progress: TemplateText,
  resolution: TemplateText,
});
export type CustomerTemplates = z.infer<typeof CustomerTemplates>;

/** A person named in the roles list: matched against the helpdesk identity by e-mail, else by name. */
export const RoleMember = z.string().trim().min(1).max(320);

export const Roles = z.object({
  managers: z.array(RoleMember).max(500),
  admins: z.array(RoleMember).max(500),
});
export type Roles = z.infer<typeof Roles>;

/** Origin pattern of a built-in helpdesk served on a company's own host, e.g. `https://support.acme.test/*`. */
export const CustomDomain = z.object({
  adapterId: SiteId,
  origin: z
    .string()
    .regex(/^https:\/\/[a-z0-9.-]+(?::\d{1,5})?$/, 'an origin is https://host (no path, no wildcard)')
    .max(300),
  addedAt: z.iso.datetime({ offset: true }),
});
export type CustomDomain = z.infer<typeof CustomDomain>;

export const Identity = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320).nullable(),
  /** Where we learned it: read from a helpdesk page, or entered on the options page. */
  source: z.enum(['helpdesk', 'entered']),
});
export type Identity = z.infer<typeof Identity>;

export const Settings = z.object({
  schemaVersion: z.literal(1),
  policy: Policy,
  templates: CustomerTemplates,
  roles: Roles,
  /** Built-in and custom adapters an admin switched off. */
  disabledAdapters: z.array(SiteId).max(200),
  customDomains: z.array(CustomDomain).max(200),
  /**
   * Custom adapter definitions, validated by adapters/custom/definition.ts where they are used; here only JSON, so
   * that whatever is stored can be exported (a BigInt, which IndexedDB would store, cannot).
   */
  customAdapters: z.array(z.json()).max(50),
  identity: Identity.nullable(),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_TEMPLATES: CustomerTemplates = {
  approved:
    'Hello {{customerName}},\n\nThank you for your patience. We have escalated your request "{{subject}}" (ticket {{ticketId}}) to our senior team, who are now working on it with priority.\n\nYou will hear from us again by {{nextUpdateAt}} at the latest, and sooner if we have news.\n\nKind regards,\n{{agentName}}',
  declined:
    'Hello {{customerName}},\n\nThank you for raising your concern about "{{subject}}". We looked at it carefully with a manager. {{declineReason}}\n\nThis does not change our commitment to you: your ticket {{ticketId}} stays with our team and we will keep working on it until it is solved. If anything changes on your side, reply here and we will look again.\n\nKind regards,\n{{agentName}}',
  progress:
    'Hello {{customerName}},\n\nAn update on your escalated request "{{subject}}" (ticket {{ticketId}}): {{progressText}}\n\nYour next update will follow by {{nextUpdateAt}}.\n\nKind regards,\n{{agentName}}',
  resolution:
    'Hello {{customerName}},\n\nGood news about "{{subject}}" (ticket {{ticketId}}): {{resolutionSummary}}\n\nThank you for your patience while our team worked on it. If anything is still not right, reply here and we will pick it up straight away.\n\nKind regards,\n{{agentName}}',
};

export const DEFAULT_SETTINGS: Settings = {
  schemaVersion: 1,
  policy: DEFAULT_POLICY,
  templates: DEFAULT_TEMPLATES,
  roles: { managers: [], admins: [] },
  disabledAdapters: [],
  customDomains: [],
  customAdapters: [],
  identity: null,
};

export { CUSTOMER_MESSAGE_KINDS };
