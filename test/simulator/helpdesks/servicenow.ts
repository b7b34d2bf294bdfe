// Simulated ServiceNow instance (acme.service-now.com): classic UI16 incident forms, the Service Operations
// Workspace shell (its record lives in shadow roots, as on the real instance) and a stateful subset of the Table
// API (incident, sys_journal_field, label, label_entry) with the X-UserToken (g_ck) check on writes.
import { escapeHtml, html, json, parseJsonBody } from '../index';
import { spaScriptTag } from '../spa';
import type { SimHelpdesk, SimMessage, SimRequest, SimResponse, SimSession, SimTicket } from '../types';

export const SERVICENOW_ORIGIN = 'https://acme.service-now.com';

/** Seeded incidents' sys_ids, for tests. */
export const SN_ESCALATION_SYS_ID = '1c741bd70b2322007518478d83673af3';
export const SN_PLAIN_SYS_ID = '9e7f7a3c2f6a1110a7d2b3c4d5e6f701';
export const SN_XSS_SYS_ID = '66666666666666666666666666666666';

const XSS_NAME = 'Mallory <img src=x onerror="window.__xss=1">';
const XSS_BODY = '<script>window.__xss=2</script> and <a href="javascript:window.__xss=3">click</a>';

export interface SnUser {
  readonly sysId: string;
  readonly userName: string;
  readonly name: string;
  readonly email: string;
}

/** The incident columns a SimTicket does not carry. */
export interface SnIncidentExtra {
  number: string;
  impact: string;
  urgency: string;
  callerUserName: string;
}

export interface SnLabel {
  readonly sysId: string;
  readonly name: string;
}

export interface SnLabelEntry {
  readonly sysId: string;
  readonly label: string;
  readonly table: string;
  readonly tableKey: string;
}

export interface ServiceNowSim extends SimHelpdesk {
  readonly incidents: Map<string, SnIncidentExtra>;
  readonly users: SnUser[];
  readonly labels: SnLabel[];
  readonly labelEntries: SnLabelEntry[];
}

const STATES: Readonly<Record<string, string>> = {
  '1': 'New',
  '2': 'In Progress',
  '3': 'On Hold',
  '6': 'Resolved',
  '7': 'Closed',
  '8': 'Canceled',
};
const LEVELS: Readonly<Record<string, string>> = { '1': '1 - High', '2': '2 - Medium', '3': '3 - Low' };
const PRIORITIES: Readonly<Record<string, string>> = {
  '1': '1 - Critical',
  '2': '2 - High',
  '3': '3 - Moderate',
  '4': '4 - Low',
  '5': '5 - Planning',
};

/** The out-of-box priority lookup (dl_u_priority): impact x urgency -> priority. */
export function snPriorityFor(impact: string, urgency: string): string {
  const value = Math.min(5, Math.max(1, Number(impact) + Number(urgency) - 1));
  return PRIORITIES[String(value)]!;
}

const codeOf = (table: Readonly<Record<string, string>>, display: string): string =>
  Object.entries(table).find(([, label]) => label === display)?.[0] ?? '';

/** ServiceNow's API time format: `YYYY-MM-DD HH:MM:SS` in UTC. */
export function snTime(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace('T', ' ');
}

export function createServiceNowSim(): ServiceNowSim {
  const session: SimSession = {
    cookie: 'JSESSIONID=sn-sim-session',
    csrfToken: '5a3b1d0e2f4c47a8b9e6d7c1f0a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081',
    agent: { name: 'Beth Anglin', email: 'beth.anglin@acme.example' },
  };
  const users: SnUser[] = [
    { sysId: '46d44a23a9fe19810012d100cca80666', userName: 'beth.anglin', name: 'Beth Anglin', email: 'beth.anglin@acme.example' },
    { sysId: '5137153cc611227c000bbd1bd8cd2005', userName: 'fred.luddy', name: 'Fred Luddy', email: 'fred.luddy@acme.example' },
    { sysId: '62826bf03710200044e0bfc8bcbe5df1', userName: 'dana.whitfield', name: 'Dana Whitfield', email: 'dana.whitfield@globex.example' },
    { sysId: '71826bf03710200044e0bfc8bcbe5d3b', userName: 'abel.tuter', name: 'Abel Tuter', email: 'abel.tuter@initrode.example' },
    { sysId: '06826bf03710200044e0bfc8bcbe5d66', userName: 'mallory', name: XSS_NAME, email: 'mallory@evil.example' },
  ];
  const user = (userName: string) => users.find((u) => u.userName === userName)!;
  const msg = (id: string, userName: string, role: SimMessage['role'], isPublic: boolean, body: string, createdAt: string): SimMessage => ({
    id,
    author: user(userName).name,
    authorEmail: user(userName).email,
    role,
    public: isPublic,
    body,
    createdAt,
  });

  const tickets = new Map<string, SimTicket>();
  const incidents = new Map<string, SnIncidentExtra>();
  const seed = (ticket: SimTicket, extra: SnIncidentExtra) => {
    tickets.set(ticket.id, ticket);
    incidents.set(ticket.id, extra);
  };
  seed(
    {
      id: SN_ESCALATION_SYS_ID,
      subject: 'Payment gateway timeouts for EU customers',
      requester: { name: 'Dana Whitfield', email: 'dana.whitfield@globex.example' },
      status: 'In Progress',
      priority: snPriorityFor('2', '2'),
      assignee: 'Beth Anglin',
      tags: ['payments'],
      messages: [
        msg('a0e1f2d3c4b5a6978877665544332211', 'dana.whitfield', 'customer', true, 'Since Monday about a third of our card payments in the EU time out at checkout.', '2026-11-02T08:05:00Z'),
        msg('b0e1f2d3c4b5a6978877665544332212', 'beth.anglin', 'agent', true, 'Thanks Dana, we are looking into the gateway logs now.', '2026-11-02T09:30:00Z'),
        msg('c0e1f2d3c4b5a6978877665544332213', 'beth.anglin', 'agent', false, 'Gateway p99 latency is 9s in eu-west-1; waiting on the payments team.', '2026-11-02T11:00:00Z'),
        msg('d0e1f2d3c4b5a6978877665544332214', 'dana.whitfield', 'customer', true, 'This has cost us a full day of sales. Please escalate this to a manager today.', '2026-11-03T08:45:00Z'),
      ],
      createdAt: '2026-11-02T08:05:00Z',
      repliesSent: 0,
    },
    { number: 'INC0010042', impact: '2', urgency: '2', callerUserName: 'dana.whitfield' },
  );
  seed(
    {
      id: SN_PLAIN_SYS_ID,
      subject: 'VPN client asks for a new certificate',
      requester: { name: 'Abel Tuter', email: 'abel.tuter@initrode.example' },
      status: 'New',
      priority: snPriorityFor('3', '3'),
      assignee: null,
      tags: [],
      messages: [msg('e0e1f2d3c4b5a6978877665544332215', 'abel.tuter', 'customer', true, 'The VPN client says my certificate expired. How do I renew it?', '2026-11-03T07:10:00Z')],
      createdAt: '2026-11-03T07:10:00Z',
      repliesSent: 0,
    },
    { number: 'INC0010043', impact: '3', urgency: '3', callerUserName: 'abel.tuter' },
  );
  seed(
    {
      id: SN_XSS_SYS_ID,
      subject: 'Broken <img src=x onerror="window.__xss=1"> export',
      requester: { name: XSS_NAME, email: 'mallory@evil.example' },
      status: 'New',
      priority: snPriorityFor('2', '3'),
      assignee: 'Fred Luddy',
      tags: [],
      messages: [msg('f0e1f2d3c4b5a6978877665544332216', 'mallory', 'customer', true, XSS_BODY, '2026-11-03T06:00:00Z')],
      createdAt: '2026-11-03T06:00:00Z',
      repliesSent: 0,
    },
    { number: 'INC0010666', impact: '2', urgency: '3', callerUserName: 'mallory' },
  );

  const labels: SnLabel[] = [{ sysId: 'aa11bb22cc33dd44ee55ff6600770088', name: 'payments' }];
  const labelEntries: SnLabelEntry[] = [
    { sysId: 'ab11bb22cc33dd44ee55ff6600770099', label: labels[0]!.sysId, table: 'incident', tableKey: SN_ESCALATION_SYS_ID },
  ];
  let serial = 0;
  const newSysId = () => (Date.now().toString(16) + (serial++).toString(16).padStart(6, '0')).padEnd(32, '0').slice(0, 32);

  // -- Table API records: each field has a value and a display value, dot-walked fields flattened.
  type Field = { value: string; display: string };
  type Row = Record<string, Field>;
  const f = (value: string, display = value): Field => ({ value, display });
  const incidentRow = (t: SimTicket): Row => {
    const x = incidents.get(t.id)!;
    const caller = user(x.callerUserName);
    const assignee = users.find((u) => u.name === t.assignee);
    return {
      sys_id: f(t.id),
      number: f(x.number),
      short_description: f(t.subject),
      state: f(codeOf(STATES, t.status), t.status),
      impact: f(x.impact, LEVELS[x.impact]),
      urgency: f(x.urgency, LEVELS[x.urgency]),
      priority: f(codeOf(PRIORITIES, t.priority), t.priority),
      caller_id: f(caller.sysId, caller.name),
      'caller_id.name': f(caller.name),
      'caller_id.email': f(caller.email),
      'caller_id.user_name': f(caller.userName),
      assigned_to: f(assignee?.sysId ?? '', assignee?.name ?? ''),
      sys_created_on: f(snTime(t.createdAt), snTime(t.createdAt)),
    };
  };
  const journalRows = (): Row[] =>
    [...tickets.values()].flatMap((t) =>
      t.messages.map((m) => ({
        sys_id: f(m.id),
        name: f('incident'),
        element_id: f(t.id),
        element: f(m.public ? 'comments' : 'work_notes'),
        value: f(m.body),
        sys_created_on: f(snTime(m.createdAt)),
        sys_created_by: f(users.find((u) => u.name === m.author)?.userName ?? m.author),
      })),
    );
  const labelRows = (): Row[] => labels.map((l) => ({ sys_id: f(l.sysId), name: f(l.name), viewable_by: f('everyone') }));
  const labelEntryRows = (): Row[] =>
    labelEntries.map((e) => {
      const name = labels.find((l) => l.sysId === e.label)?.name ?? '';
      return { sys_id: f(e.sysId), label: f(e.label, name), 'label.name': f(name), table: f(e.table), table_key: f(e.tableKey) };
    });
  const tables: Record<string, () => Row[]> = {
    incident: () => [...tickets.values()].map(incidentRow),
    sys_journal_field: journalRows,
    label: labelRows,
    label_entry: labelEntryRows,
    sys_user: () => users.map((u) => ({ sys_id: f(u.sysId), user_name: f(u.userName), name: f(u.name), email: f(u.email) })),
  };

  function render(row: Row, params: URLSearchParams): Record<string, unknown> {
    const mode = params.get('sysparm_display_value') ?? 'false';
    const wanted = params.get('sysparm_fields')?.split(',').map((s) => s.trim()).filter(Boolean);
    const out: Record<string, unknown> = {};
    for (const key of wanted ?? Object.keys(row).filter((k) => !k.includes('.'))) {
      const field = row[key];
      if (!field) continue;
      out[key] = mode === 'all' ? { display_value: field.display, value: field.value } : mode === 'true' ? field.display : field.value;
    }
    return out;
  }

  /** A subset of encoded queries: `a=b`, `aINx,y`, `a!=b`, joined by `^`, and ORDERBY / ORDERBYDESC. */
  function query(rows: Row[], encoded: string): Row[] {
    let result = rows;
    let order: { key: string; desc: boolean } | null = null;
    for (const part of encoded.split('^').filter(Boolean)) {
      const orderBy = /^ORDERBY(DESC)?(.+)$/.exec(part);
      if (orderBy) {
        order = { key: orderBy[2]!, desc: Boolean(orderBy[1]) };
        continue;
      }
      const me = /^([\w.]+?)DYNAMIC90d1921e5f510100a9ad2572f2b477fe$/.exec(part); // the "Me" dynamic filter
      if (me) {
        const agentId = users.find((u) => u.email === session.agent.email)!.sysId;
        result = result.filter((row) => row[me[1]!]?.value === agentId);
        continue;
      }
      const cond = /^([\w.]+?)(!=|=|IN)(.*)$/.exec(part);
      if (!cond) return [];
      const [, key, op, value] = cond as unknown as [string, string, string, string];
      result = result.filter((row) => {
        const actual = row[key]?.value;
        if (op === 'IN') return actual !== undefined && value.split(',').includes(actual);
        return op === '=' ? actual === value : actual !== value;
      });
    }
    if (order) {
      const { key, desc } = order;
      result = [...result].sort((a, b) => (a[key]?.value ?? '').localeCompare(b[key]?.value ?? '') * (desc ? -1 : 1));
    }
    return result;
  }

  const failure = (status: number, message: string, detail: string) => json(status, { error: { message, detail }, status: 'failure' });
  const notFound = () => failure(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");

  function api(request: SimRequest, url: URL): SimResponse | null {
    const match = /^\/api\/now\/(?:v\d\/)?table\/(\w+)(?:\/([0-9a-f]{32}))?\/?$/.exec(url.pathname);
    if (!match) return null;
    const [, table, sysId] = match as unknown as [string, string, string | undefined];
    const rows = tables[table];
    if (!rows) return failure(400, 'Invalid table', `Invalid table ${table}`);
    const params = url.searchParams;
    if (request.method !== 'GET' && request.headers['x-usertoken'] !== session.csrfToken) {
      return failure(401, 'User Not Authenticated', 'Required to provide Auth information');
    }
    if (request.method === 'GET') {
      if (sysId) {
        const row = rows().find((r) => r.sys_id!.value === sysId);
        return row ? json(200, { result: render(row, params) }) : notFound();
      }
      const limit = Number(params.get('sysparm_limit') ?? '10000');
      const offset = Number(params.get('sysparm_offset') ?? '0');
      const found = query(rows(), params.get('sysparm_query') ?? '');
      return { ...json(200, { result: found.slice(offset, offset + limit).map((r) => render(r, params)) }), headers: { 'x-total-count': String(found.length) } };
    }
    const body = parseJsonBody(request);
    if (body === undefined || typeof body !== 'object' || body === null || Array.isArray(body)) {
      return failure(400, 'Exception while reading request', 'The payload is not valid JSON.');
    }
    const fields = body as Record<string, unknown>;
    if ((request.method === 'PATCH' || request.method === 'PUT') && table === 'incident' && sysId) {
      const ticket = tickets.get(sysId);
      if (!ticket) return notFound();
      const extra = incidents.get(sysId)!;
      const agent = users.find((u) => u.email === session.agent.email)!;
      const now = new Date().toISOString();
      for (const element of ['comments', 'work_notes'] as const) {
        const value = fields[element];
        if (typeof value === 'string' && value.trim() !== '') {
          ticket.messages.push({
            id: newSysId(),
            author: agent.name,
            authorEmail: agent.email,
            role: 'agent',
            public: element === 'comments',
            body: value,
            createdAt: now,
          });
        }
      }
      for (const key of ['impact', 'urgency'] as const) {
        const value = fields[key];
        if (value === undefined) continue;
        if (typeof value !== 'string' || !LEVELS[value]) return failure(400, 'Invalid value', `Invalid ${key}`);
        extra[key] = value;
      }
      // A direct `priority` write is ignored: the priority lookup rule recomputes it from impact and urgency.
      ticket.priority = snPriorityFor(extra.impact, extra.urgency);
      return json(200, { result: render(incidentRow(ticket), new URLSearchParams()) });
    }
    if (request.method === 'POST' && table === 'label' && !sysId) {
      const name = fields.name;
      if (typeof name !== 'string' || name.trim() === '') return failure(400, 'Invalid value', 'name is mandatory');
      const label = { sysId: newSysId(), name: name.trim() };
      labels.push(label);
      return json(201, { result: render(labelRows().find((r) => r.sys_id!.value === label.sysId)!, new URLSearchParams()) });
    }
    if (request.method === 'POST' && table === 'label_entry' && !sysId) {
      const label = labels.find((l) => l.sysId === fields.label);
      const ticket = typeof fields.table_key === 'string' ? tickets.get(fields.table_key) : undefined;
      if (!label || fields.table !== 'incident' || !ticket) return failure(400, 'Invalid value', 'label, table and table_key must name existing records');
      const entry = { sysId: newSysId(), label: label.sysId, table: 'incident', tableKey: ticket.id };
      labelEntries.push(entry);
      if (!ticket.tags.includes(label.name)) ticket.tags.push(label.name);
      return json(201, { result: render(labelEntryRows().find((r) => r.sys_id!.value === entry.sysId)!, new URLSearchParams()) });
    }
    return failure(405, 'Method not Supported', `${request.method} is not supported here`);
  }

  function page(url: URL): SimResponse | null {
    if (url.pathname === '/incident.do') {
      const sysId = url.searchParams.get('sys_id') ?? '';
      if (sysId === '-1') return html(renderServiceNowNewIncident(session));
      const ticket = tickets.get(sysId);
      return ticket
        ? html(renderServiceNowClassicForm(ticket, incidents.get(sysId)!, session, navOf(tickets, incidents)))
        : html(renderServiceNowNotFound(session), 404);
    }
    const sow = /^\/now\/sow\/record\/incident\/([0-9a-f]{32})(?:\/params\/.*)?$/.exec(url.pathname);
    if (sow) {
      const ticket = tickets.get(sow[1]!);
      return ticket ? html(renderServiceNowWorkspace(ticket, incidents.get(ticket.id)!, session, navOf(tickets, incidents))) : html(renderServiceNowNotFound(session), 404);
    }
    if (url.pathname === '/incident_list.do' || url.pathname === '/') {
      return html(renderServiceNowList(session, navOf(tickets, incidents), [...tickets.values()]));
    }
    return null;
  }

  return {
    id: 'servicenow',
    session,
    tickets,
    incidents,
    users,
    labels,
    labelEntries,
    handles: (url) => url.origin === SERVICENOW_ORIGIN,
    handle: (request, url) => (url.pathname.startsWith('/api/') ? api(request, url) : request.method === 'GET' ? page(url) : null),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Pages. The committed fixtures (adapters/servicenow/fixtures/) were generated from these renderers and then
// annotated, so the simulator and the fixtures share one structure.

export interface SnNavItem {
  readonly sysId: string;
  readonly number: string;
}

function navOf(tickets: Map<string, SimTicket>, incidents: Map<string, SnIncidentExtra>): SnNavItem[] {
  return [...tickets.keys()].map((sysId) => ({ sysId, number: incidents.get(sysId)!.number }));
}

const e = escapeHtml;

function head(title: string, session: SimSession, extraGlobals = ''): string {
  const [first, ...rest] = session.agent.name.split(' ');
  return `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>${e(title)}</title>
<script>
var g_ck = '${session.csrfToken}';
window.g_ck = g_ck;
var g_user = { userName: '${session.agent.email.split('@')[0]}', firstName: '${first}', lastName: '${rest.join(' ')}', userID: '46d44a23a9fe19810012d100cca80666' };
window.g_user = g_user;${extraGlobals}
</script>
</head>`;
}

function nav(items: readonly SnNavItem[], href: (item: SnNavItem) => string): string {
  return `<nav class="sim-nav navpage-pickers" aria-label="Open incidents"><ul class="list-unstyled">${items
    .map((item) => `<li><a data-sim-link href="${href(item)}">${e(item.number)}</a></li>`)
    .join('')}<li><a data-sim-link href="/incident_list.do">All incidents</a></li></ul></nav>`;
}

function option(value: string, label: string, selected: string): string {
  return `<option value="${value}"${value === selected ? ' selected="SELECTED"' : ''}>${e(label)}</option>`;
}

function select(field: string, label: string, table: Readonly<Record<string, string>>, selected: string, extra = ''): string {
  return `<div id="element.incident.${field}" class="form-group is-filled"><div class="control-label col-xs-12 col-md-3"><label for="incident.${field}" class="label-text">${label}</label></div><div class="col-xs-10 col-md-9"><select id="incident.${field}" name="incident.${field}" class="form-control"${extra}>${Object.entries(
    table,
  )
    .map(([value, text]) => option(value, text, selected))
    .join('')}</select></div></div>`;
}

function reference(field: string, label: string, display: string, value: string): string {
  return `<div id="element.incident.${field}" class="form-group is-filled"><div class="control-label col-xs-12 col-md-3"><label for="sys_display.incident.${field}" class="label-text">${label}</label></div><div class="col-xs-10 col-md-9"><input type="hidden" id="incident.${field}" name="incident.${field}" value="${e(value)}"><input id="sys_display.incident.${field}" name="sys_display.incident.${field}" type="search" class="form-control element_reference_input" autocomplete="off" role="combobox" value="${e(display)}"><button class="btn btn-default btn-ref icon-search" type="button" aria-label="Look up value for field: ${label}"></button></div></div>`;
}

function card(m: SimMessage): string {
  const kind = m.public ? 'comments' : 'work_notes';
  const label = m.public ? 'Additional comments' : 'Work notes';
  return `<li class="h-card h-card_md h-card_${kind}" data-id="${e(m.id)}"><div class="h-card__header"><div class="sn-card-component_summary"><span class="sn-card-component-createdby">${e(m.author)}</span><div class="date-calendar sn-card-component-time"><span>${snTime(m.createdAt)}</span></div></div></div><div class="h-card__content"><span class="sn-card-component-label">${label}</span><div class="sn-widget-textblock-body sn-widget-textblock-body_formatted">${e(m.body)}</div></div></li>`;
}

/** The classic (UI16) incident form, as `incident.do?sys_id=` serves it. */
export function renderServiceNowClassicForm(
  ticket: SimTicket,
  extra: SnIncidentExtra,
  session: SimSession,
  items: readonly SnNavItem[],
): string {
  const state = codeOf(STATES, ticket.status);
  const priority = codeOf(PRIORITIES, ticket.priority);
  return `${head(`${extra.number} | Incident | ServiceNow`, session)}
<body class="form-body ui16">
<input type="hidden" name="sysparm_ck" id="sysparm_ck" value="${session.csrfToken}">
<div data-sim-swap>
${nav(items, (i) => `/incident.do?sys_id=${i.sysId}`)}
<div class="section_header_content_no_scroll touch_scroll" id="incident.form_scroll">
<div class="navbar-container"><nav class="navbar navbar-default section_zero" role="navigation"><div class="container-fluid"><div class="navbar-header"><button class="btn btn-default icon-chevron-left navbar-btn" aria-label="Back" type="button"></button><div class="navbar-title"><h1 class="form_header navbar-title-display-value">${e(extra.number)}</h1><span class="navbar-title-caption">Incident</span></div></div><div class="navbar-right"><button id="sysverb_update" class="form_action_button header action_context btn btn-default" type="submit">Update</button><button id="resolve_incident" class="form_action_button header action_context btn btn-default" type="button">Resolve</button></div></div></nav></div>
<div id="output_messages" class="outputmsg_container outputmsg_hide" role="region" aria-label="Messages"></div>
<form id="incident.do" name="incident.do" action="incident.do" method="post" class="form-horizontal" novalidate>
<input type="hidden" id="sys_uniqueValue" name="sys_uniqueValue" value="${e(ticket.id)}">
<input type="hidden" id="sys_target" name="sys_target" value="incident">
<div class="section-content tabs2_section tabs2_section0">
<div id="element.incident.number" class="form-group is-filled"><div class="control-label col-xs-12 col-md-3"><label for="sys_readonly.incident.number" class="label-text">Number</label></div><div class="col-xs-10 col-md-9"><input id="sys_readonly.incident.number" name="sys_readonly.incident.number" class="form-control disabled" readonly="readonly" value="${e(extra.number)}"></div></div>
${reference('caller_id', 'Caller', ticket.requester.name, '')}
${select('state', 'State', STATES, state)}
${select('impact', 'Impact', LEVELS, extra.impact)}
${select('urgency', 'Urgency', LEVELS, extra.urgency)}
${select('priority', 'Priority', PRIORITIES, priority, ' disabled="disabled" readonly="readonly"')}
${select('category', 'Category', { inquiry: 'Inquiry / Help', software: 'Software', hardware: 'Hardware', network: 'Network' }, 'software')}
${reference('cmdb_ci', 'Configuration item', '', '')}
${reference('assignment_group', 'Assignment group', 'Service Desk', '')}
${reference('assigned_to', 'Assigned to', ticket.assignee ?? '', '')}
<div id="element.incident.short_description" class="form-group is-filled"><div class="control-label col-xs-12 col-md-3"><label for="incident.short_description" class="label-text">Short description</label></div><div class="col-xs-10 col-md-9"><input id="incident.short_description" name="incident.short_description" class="form-control" maxlength="160" value="${e(ticket.subject)}"></div></div>
</div>
<div class="section-content activity-stream-section">
<div id="element.incident.comments" class="form-group"><label for="incident.comments" class="label-text">Additional comments (Customer visible)</label><textarea id="incident.comments" name="incident.comments" class="form-control sn-string-textarea" data-stream-text-input="comments" rows="4"></textarea></div>
<div id="element.incident.work_notes" class="form-group"><label for="incident.work_notes" class="label-text">Work notes</label><textarea id="incident.work_notes" name="incident.work_notes" class="form-control sn-string-textarea" data-stream-text-input="work_notes" rows="4"></textarea></div>
<ul class="h-card-wrapper activities-form">${[...ticket.messages].reverse().map(card).join('')}</ul>
</div>
</form>
<div class="related_lists" id="related_lists_wrapper"><ul class="nav nav-tabs" role="tablist"><li class="active"><a role="tab" href="#">Task SLAs</a></li><li><a role="tab" href="#">Affected CIs</a></li><li><a role="tab" href="#">Child Incidents</a></li></ul><div class="list_nav"><span class="list_header_title">Task SLAs</span><span class="list-row-count">No records to display</span></div></div>
</div>
</div>
${spaScriptTag()}
</body></html>
`;
}

/** The Service Operations Workspace record page: the record renders inside nested shadow roots. */
export function renderServiceNowWorkspace(
  ticket: SimTicket,
  extra: SnIncidentExtra,
  session: SimSession,
  items: readonly SnNavItem[],
): string {
  return `${head(`${extra.number} | Service Operations Workspace`, session, "\nwindow.NOW = { isPolarisEnabled: 'true', page_id: 'sow' };")}
<body class="now-theme-polaris">
<div data-sim-swap>
${nav(items, (i) => `/now/sow/record/incident/${i.sysId}`)}
<macroponent-f51912f4c700201072b211d4d8c26010 app-id="aa881cad73c4301045216238edf6a716" sys-id="${e(ticket.id)}" table="incident"><template shadowrootmode="open"><sn-workspace-layout><sn-record-header><h2 class="now-heading">${e(extra.number)}: ${e(ticket.subject)}</h2><p>${e(ticket.requester.name)} · ${e(ticket.status)} · ${e(ticket.priority)}</p></sn-record-header></sn-workspace-layout></template></macroponent-f51912f4c700201072b211d4d8c26010>
</div>
${spaScriptTag()}
</body></html>
`;
}

export function renderServiceNowList(session: SimSession, items: readonly SnNavItem[], tickets: readonly SimTicket[]): string {
  return `${head('Incidents | ServiceNow', session)}
<body class="list-body ui16">
<input type="hidden" name="sysparm_ck" id="sysparm_ck" value="${session.csrfToken}">
<div data-sim-swap>
${nav(items, (i) => `/incident.do?sys_id=${i.sysId}`)}
<div class="list_nav_top list_nav"><h1 class="list_header_title">Incidents</h1></div>
<table id="incident_table" class="data_list_table list_table table table-hover" data-list_id="incident" role="grid"><thead><tr><th>Number</th><th>Short description</th><th>Caller</th><th>Priority</th><th>State</th></tr></thead><tbody>${tickets
    .map((t) => {
      const n = items.find((i) => i.sysId === t.id)?.number ?? '';
      return `<tr class="list_row list_odd" sys_id="${e(t.id)}" record_class="incident"><td><a class="linked formlink" data-sim-link href="/incident.do?sys_id=${e(t.id)}">${e(n)}</a></td><td>${e(t.subject)}</td><td>${e(t.requester.name)}</td><td>${e(t.priority)}</td><td>${e(t.status)}</td></tr>`;
    })
    .join('')}</tbody></table>
</div>
${spaScriptTag()}
</body></html>
`;
}

function renderServiceNowNewIncident(session: SimSession): string {
  return `${head('Incident | New record | ServiceNow', session)}
<body class="form-body ui16"><div data-sim-swap><form id="incident.do" name="incident.do" action="incident.do" method="post"><input type="hidden" id="sys_uniqueValue" name="sys_uniqueValue" value="-1"><input id="incident.short_description" name="incident.short_description" class="form-control" value=""></form></div>${spaScriptTag()}</body></html>`;
}

function renderServiceNowNotFound(session: SimSession): string {
  return `${head('Record not found | ServiceNow', session)}<body><div data-sim-swap><div class="outputmsg_error">Record not found</div></div></body></html>`;
}
