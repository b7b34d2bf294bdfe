// Every ServiceNow selector the adapter uses, with the UI generation it was seen in. The Service Operations
// Workspace (SOW) renders inside nested shadow roots, so none of these match there: the adapter reads the Table
// API and mounts floating. Research confidence: classic form element ids M (public userscripts), SOW DOM L.

/** The classic form's hidden record id: tells the form on screen belongs to the URL's incident. */
export const FORM_SYS_ID = [
  'form[id="incident.do"] input#sys_uniqueValue', // classic UI16 form, 2019-2026
];

export const SUBJECT = [
  'input[id="incident.short_description"]', // classic UI16 form, 2019-2026 (value attribute)
];
export const REQUESTER_NAME = [
  'input[id="sys_display.incident.caller_id"]', // classic UI16 reference field display input, 2019-2026
];
export const STATUS = [
  'select[id="incident.state"] option[selected]', // classic UI16 form: the server-selected choice, 2019-2026
];
export const PRIORITY = [
  'select[id="incident.priority"] option[selected]', // classic UI16 form: read-only, from impact x urgency, 2019-2026
];
/** Optional: an unassigned incident has an empty display input. */
export const ASSIGNEE = [
  'input[id="sys_display.incident.assigned_to"]', // classic UI16 reference field display input, 2019-2026
];

/**
 * The classic form's frame: in the classic frameset (`nav_to.do`) directly, in Next Experience inside the first
 * `[component-id]` element's shadow root (SN Utils `content_script_parent.js`; research: M). Same origin, so the
 * form inside can be read and its comment field filled.
 */
export const CLASSIC_FRAME = 'iframe#gsft_main'; // classic frameset and Next Experience, 2019-2026
export const NEXT_EXPERIENCE_SHELL = '[component-id]'; // Next Experience (Polaris) shell element, 2022-2026

/** CSRF token fallback when the g_ck page global cannot be read. */
export const CSRF_INPUT = 'input#sysparm_ck'; // classic pages, all generations (SN Utils falls back to it)

/** "Additional comments (Customer visible)": the reply to the customer. Not reachable in SOW (shadow DOM). */
export const REPLY_EDITOR = [
  'textarea[id="incident.comments"]', // classic UI16 form, multiple journal fields mode, 2019-2026
  'textarea#activity-stream-textarea', // classic UI16 form, single journal field mode (comments selected), 2019-2026
];

export const MOUNT_ANCHORS = [
  '#output_messages', // classic UI16 form: message area above the form, 2019-2026
  'form[id="incident.do"]', // classic UI16 form itself, 2019-2026
];

// Built in a pure call so the content-script bundle drops it (only the tests read it).
/** What each selector matches in the committed fixtures (checked by servicenow.test.ts). */
export const SELECTOR_EXPECTATIONS: ReadonlyArray<{ selector: string; fixture: string; count: number }> = /* @__PURE__ */ (() => [
  ...[FORM_SYS_ID[0]!, MOUNT_ANCHORS[1]!, SUBJECT[0]!, REQUESTER_NAME[0]!, STATUS[0]!, PRIORITY[0]!, ASSIGNEE[0]!, CSRF_INPUT, REPLY_EDITOR[0]!, MOUNT_ANCHORS[0]!].flatMap(
    (selector) => [
      { selector, fixture: 'incident-form-2026-11.html', count: 1 },
      { selector, fixture: 'sow-record-2026-11.html', count: 0 },
    ],
  ),
  { selector: MOUNT_ANCHORS[1]!, fixture: 'incident-list-2026-11.html', count: 0 },
  { selector: SUBJECT[0]!, fixture: 'incident-list-2026-11.html', count: 0 },
  { selector: CSRF_INPUT, fixture: 'incident-list-2026-11.html', count: 1 },
  { selector: REPLY_EDITOR[1]!, fixture: 'incident-form-2026-11.html', count: 0 },
])();
