// The only page globals the MAIN-world bridge will read, and only string values. Adapters list the ones they use
// in `pageGlobals`; a convention test checks they are all here. Tokens only: never ticket content.
export const PAGE_GLOBAL_ALLOW_LIST = [
  'g_ck', // ServiceNow session token (X-UserToken)
  'desk_urls.orgId', // Zoho Desk org id, under the names seen in public scripts
  'desk_urls.orgid',
  'desk_urls.organizationId',
  'desk_urls.zdOrgId',
  'desk_urls.csrf_token', // Zoho Desk CSRF token (X-ZCSRF-TOKEN: crmcsrfparam=...)
] as const;

export const BRIDGE_REQUEST = 'escalation-desk:read-globals';
export const BRIDGE_REPLY = 'escalation-desk:globals';
