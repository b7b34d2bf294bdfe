// The popup's other lists: approved escalations in progress (customer update due or overdue, SLA status), the
// history of finished ones with a filter and "older" paging, an agent's own escalations, and the numbers at a glance.
import { useState } from 'preact/hooks';
import type { Escalation } from '../../core/schemas';
import type { Stats } from '../../core/views';
import { clockTime, duration, dueWords, STATE_LABELS } from '../format';
import { minutesToBreachNow } from './queue-order';
import { breachWords, DECLINE_CATEGORY_LABELS, SITE_OPTIONS, siteLabel, ticketLabel } from './words';

type Open = (id: string) => void;

function Meta({ escalation }: { escalation: Escalation }) {
  return (
    <div class="row-meta">
      {siteLabel(escalation.ticket.site)} {ticketLabel(escalation.ticket.ticketId)} · {escalation.customer.name || 'Unknown customer'}
    </div>
  );
}

function RowButton({ escalation, onOpen, children, testId }: { escalation: Escalation; onOpen: Open; children: preact.ComponentChildren; testId: string }) {
  return (
    <li class="list-item" data-testid={testId} data-escalation-id={escalation.id} data-state={escalation.state}>
      <button type="button" class="row-button" onClick={() => onOpen(escalation.id)}>
        <div class="row-top">
          <span class={`sev sev-${escalation.request.severity}`}>{escalation.request.severity}</span>
          <span class="subject">{escalation.subject || '(no subject)'}</span>
        </div>
        <Meta escalation={escalation} />
        {children}
      </button>
    </li>
  );
}

export function InProgressList({ items, now, onOpen }: { items: readonly Escalation[]; now: Date; onOpen: Open }) {
  const overdue = items.filter((e) => e.nextCustomerUpdateDueAt && Date.parse(e.nextCustomerUpdateDueAt) < now.getTime()).length;
  return (
    <section aria-labelledby="progress-heading">
      <h2 id="progress-heading" class="section-title">
        Approved, in progress <span class="count">{items.length}</span>
        {overdue > 0 && <span class="chip chip-overdue">{overdue} update{overdue === 1 ? '' : 's'} overdue</span>}
      </h2>
      {items.length === 0 ? (
        <p class="empty">No approved escalation is open.</p>
      ) : (
        <ul class="plain-list" data-testid="in-progress">
          {items.map((escalation) => {
            const next = escalation.nextCustomerUpdateDueAt ? dueWords(escalation.nextCustomerUpdateDueAt, now) : null;
            const breach = breachWords(minutesToBreachNow(escalation.sla, now));
            const followUps = escalation.decision?.outcome === 'approved' ? escalation.decision.followUps : [];
            return (
              <RowButton key={escalation.id} escalation={escalation} onOpen={onOpen} testId="in-progress-item">
                <div class="row-clocks">
                  <span class={next?.overdue ? 'overdue' : ''}>{next ? `Customer update ${next.text}` : 'No update scheduled'}</span>
                  <span class={`breach breach-${breach.tone}`}>{breach.text}</span>
                </div>
                {followUps.length > 0 && (
                  <div class="row-meta">
                    Follow-ups {followUps.filter((f) => f.done).length}/{followUps.length} done
                  </div>
                )}
              </RowButton>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export interface HistoryFilter {
  readonly state: '' | 'resolved' | 'closed' | 'declined' | 'withdrawn';
  readonly site: string;
  readonly text: string;
}

export interface HistoryListProps {
  readonly items: readonly Escalation[];
  readonly filter: HistoryFilter;
  readonly onFilter: (filter: HistoryFilter) => void;
  /** Null when there is nothing older. */
  readonly onOlder: (() => void) | null;
  readonly loading: boolean;
  readonly onOpen: Open;
}

export function HistoryList({ items, filter, onFilter, onOlder, loading, onOpen }: HistoryListProps) {
  const [text, setText] = useState(filter.text);
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading" class="section-title">
        History
      </h2>
      <form
        class="filter"
        role="search"
        aria-label="Filter the history"
        onSubmit={(e) => {
          e.preventDefault();
          onFilter({ ...filter, text: text.trim() });
        }}
      >
        <select aria-label="State" name="state" value={filter.state} onChange={(e) => onFilter({ ...filter, state: e.currentTarget.value as HistoryFilter['state'] })}>
          <option value="">All finished</option>
          <option value="resolved">Resolved</option>
          <option value="closed">Closed</option>
          <option value="declined">Not approved</option>
          <option value="withdrawn">Withdrawn</option>
        </select>
        <select aria-label="Helpdesk" name="site" value={filter.site} onChange={(e) => onFilter({ ...filter, site: e.currentTarget.value })}>
          <option value="">All helpdesks</option>
          {SITE_OPTIONS.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
        <input type="search" aria-label="Search subject, ticket, customer" name="text" placeholder="Search…" value={text} onInput={(e) => setText(e.currentTarget.value)} maxLength={200} />
      </form>
      {items.length === 0 && !loading ? (
        <p class="empty">{filter.state || filter.site || filter.text ? 'No finished escalation matches.' : 'No finished escalation yet.'}</p>
      ) : (
        <ul class="plain-list" data-testid="history">
          {items.map((escalation) => (
            <RowButton key={escalation.id} escalation={escalation} onOpen={onOpen} testId="history-item">
              <div class="row-clocks">
                <span class={`state-chip state-${escalation.state}`}>{historyWords(escalation)}</span>
                <span class="muted">{clockTime(escalation.updatedAt)}</span>
              </div>
            </RowButton>
          ))}
        </ul>
      )}
      {onOlder && (
        <button type="button" class="more" onClick={onOlder} disabled={loading} data-testid="history-older">
          {loading ? 'Loading…' : 'Older'}
        </button>
      )}
    </section>
  );
}

function historyWords(escalation: Escalation): string {
  const decision = escalation.decision;
  if (escalation.state === 'declined' && decision?.outcome === 'declined') return `Not approved · ${DECLINE_CATEGORY_LABELS[decision.category].toLowerCase()}`;
  if (escalation.state === 'withdrawn') return 'Withdrawn';
  const state = escalation.state === 'closed' ? 'Closed' : 'Resolved';
  if (decision?.outcome === 'approved') return `${state} · was approved`;
  if (decision?.outcome === 'declined') return `${state} · was not approved`;
  return `${state} · before a decision`;
}

export function MineList({ items, now, onOpen }: { items: readonly Escalation[]; now: Date; onOpen: Open }) {
  return (
    <section aria-labelledby="mine-heading">
      <h2 id="mine-heading" class="section-title">
        My escalations <span class="count">{items.length}</span>
      </h2>
      {items.length === 0 ? (
        <p class="empty">You have not requested an escalation yet. Use the Escalate button in the panel of a helpdesk ticket.</p>
      ) : (
        <ul class="plain-list" data-testid="mine">
          {items.map((escalation) => (
            <RowButton key={escalation.id} escalation={escalation} onOpen={onOpen} testId="mine-item">
              <div class="row-clocks">
                <span class={`state-chip state-${escalation.state}`} data-testid="mine-status">
                  {STATE_LABELS[escalation.state]}
                </span>
                <span class="muted">{mineDetail(escalation, now)}</span>
              </div>
              {escalation.decision?.outcome === 'declined' && <div class="row-meta">Why: {escalation.decision.reason}</div>}
            </RowButton>
          ))}
        </ul>
      )}
    </section>
  );
}

function mineDetail(escalation: Escalation, now: Date): string {
  if (escalation.state === 'requested') return `decision ${dueWords(escalation.decisionDueAt, now).text}`;
  if (escalation.state === 'approved' && escalation.nextCustomerUpdateDueAt) return `customer update ${dueWords(escalation.nextCustomerUpdateDueAt, now).text}`;
  return clockTime(escalation.updatedAt);
}

export function StatsStrip({ stats }: { stats: Stats | null }) {
  const cells: Array<[string, string, string]> = [
    ['This week', stats ? String(stats.thisWeek) : '–', 'Escalations requested in the last 7 days'],
    ['Approved', stats?.approvalRate == null ? '–' : `${Math.round(stats.approvalRate * 100)}%`, 'Share of this week’s decided escalations that were approved'],
    ['Median decision', stats?.medianMinutesToDecision == null ? '–' : duration(stats.medianMinutesToDecision), 'Median time from request to decision, this week'],
    ['Approved open', stats ? String(stats.approvedOpen) : '–', 'Approved escalations not yet resolved'],
  ];
  return (
    <dl class="stats" data-testid="stats" aria-label="Numbers at a glance">
      {cells.map(([label, value, title]) => (
        <div key={label} title={title}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
