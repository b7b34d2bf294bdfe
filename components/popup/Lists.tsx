// The popup's other lists: approved escalations in progress (customer update due or overdue, SLA status), the
// history of finished ones with a filter and "older" paging, an agent's own escalations, and the numbers at a glance.
import { useState } from 'preact/hooks';
import type { Escalation } from '../../core/schemas';
import type { Stats } from '../../core/views';
import { clockTime, duration } from '../format';
import { stateLabel, t } from '../i18n';
import { minutesToBreachNow } from '../../core/queue-order';
import { breachWords, declineCategoryLabel, dueWords, SITE_OPTIONS, siteLabel, ticketLabel } from './words';

type Open = (id: string) => void;

function Meta({ escalation }: { escalation: Escalation }) {
  return (
    <div class="row-meta">
      {siteLabel(escalation.ticket.site)} {ticketLabel(escalation.ticket.ticketId)} · {escalation.customer.name || t('popup_unknown_customer')}
    </div>
  );
}

function RowButton({ escalation, onOpen, children, testId }: { escalation: Escalation; onOpen: Open; children: preact.ComponentChildren; testId: string }) {
  return (
    <li class="list-item" data-testid={testId} data-escalation-id={escalation.id} data-state={escalation.state}>
      <button type="button" class="row-button" onClick={() => onOpen(escalation.id)}>
        <div class="row-top">
          <span class={`sev sev-${escalation.request.severity}`}>{escalation.request.severity}</span>
          <span class="subject">{escalation.subject || t('popup_no_subject')}</span>
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
        {t('popup_progress_heading')} <span class="count">{items.length}</span>
        {overdue > 0 && <span class="chip chip-overdue">{overdue === 1 ? t('popup_progress_overdue_one') : t('popup_progress_overdue_many', overdue)}</span>}
      </h2>
      {items.length === 0 ? (
        <p class="empty">{t('popup_progress_empty')}</p>
      ) : (
        <ul class="plain-list" data-testid="in-progress">
          {items.map((escalation) => {
            const next = escalation.nextCustomerUpdateDueAt ? dueWords(escalation.nextCustomerUpdateDueAt, now) : null;
            const breach = breachWords(minutesToBreachNow(escalation.sla, now));
            const followUps = escalation.decision?.outcome === 'approved' ? escalation.decision.followUps : [];
            return (
              <RowButton key={escalation.id} escalation={escalation} onOpen={onOpen} testId="in-progress-item">
                <div class="row-clocks">
                  <span class={next?.overdue ? 'overdue' : ''}>{next ? t('popup_customer_update_due', next.text) : t('popup_no_update_scheduled')}</span>
                  <span class={`breach breach-${breach.tone}`}>{breach.text}</span>
                </div>
                {followUps.length > 0 && (
                  <div class="row-meta">
                    {t('popup_follow_ups_done', followUps.filter((f) => f.done).length, followUps.length)}
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
        {t('popup_tab_history')}
      </h2>
      <form
        class="filter"
        role="search"
        aria-label={t('popup_history_filter')}
        onSubmit={(e) => {
          e.preventDefault();
          onFilter({ ...filter, text: text.trim() });
        }}
      >
        <select aria-label={t('popup_history_state')} name="state" value={filter.state} onChange={(e) => onFilter({ ...filter, state: e.currentTarget.value as HistoryFilter['state'] })}>
          <option value="">{t('popup_history_all_finished')}</option>
          <option value="resolved">{t('event_resolve')}</option>
          <option value="closed">{t('event_close')}</option>
          <option value="declined">{t('event_decline')}</option>
          <option value="withdrawn">{t('event_withdraw')}</option>
        </select>
        <select aria-label={t('popup_history_helpdesk')} name="site" value={filter.site} onChange={(e) => onFilter({ ...filter, site: e.currentTarget.value })}>
          <option value="">{t('popup_history_all_helpdesks')}</option>
          {SITE_OPTIONS.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
        <input type="search" aria-label={t('popup_history_search')} name="text" placeholder={t('popup_history_search_placeholder')} value={text} onInput={(e) => setText(e.currentTarget.value)} maxLength={200} />
      </form>
      {items.length === 0 && !loading ? (
        <p class="empty">{filter.state || filter.site || filter.text ? t('popup_history_no_match') : t('popup_history_empty')}</p>
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
          {loading ? t('popup_loading') : t('popup_history_older')}
        </button>
      )}
    </section>
  );
}

function historyWords(escalation: Escalation): string {
  const decision = escalation.decision;
  if (escalation.state === 'declined' && decision?.outcome === 'declined') return t('popup_history_declined', declineCategoryLabel(decision.category));
  if (escalation.state === 'withdrawn') return t('event_withdraw');
  const state = escalation.state === 'closed' ? 'closed' : 'resolved';
  if (decision?.outcome === 'approved') return t(`popup_history_${state}_approved`);
  if (decision?.outcome === 'declined') return t(`popup_history_${state}_declined`);
  return t(`popup_history_${state}_undecided`);
}

export function MineList({ items, now, onOpen }: { items: readonly Escalation[]; now: Date; onOpen: Open }) {
  return (
    <section aria-labelledby="mine-heading">
      <h2 id="mine-heading" class="section-title">
        {t('popup_tab_mine')} <span class="count">{items.length}</span>
      </h2>
      {items.length === 0 ? (
        <p class="empty">{t('popup_mine_empty')}</p>
      ) : (
        <ul class="plain-list" data-testid="mine">
          {items.map((escalation) => (
            <RowButton key={escalation.id} escalation={escalation} onOpen={onOpen} testId="mine-item">
              <div class="row-clocks">
                <span class={`state-chip state-${escalation.state}`} data-testid="mine-status">
                  {stateLabel(escalation.state)}
                </span>
                <span class="muted">{mineDetail(escalation, now)}</span>
              </div>
              {escalation.decision?.outcome === 'declined' && <div class="row-meta">{t('popup_mine_why', escalation.decision.reason)}</div>}
            </RowButton>
          ))}
        </ul>
      )}
    </section>
  );
}

function mineDetail(escalation: Escalation, now: Date): string {
  if (escalation.state === 'requested') return t('popup_mine_decision_due', dueWords(escalation.decisionDueAt, now).text);
  if (escalation.state === 'approved' && escalation.nextCustomerUpdateDueAt) return t('popup_mine_update_due', dueWords(escalation.nextCustomerUpdateDueAt, now).text);
  return clockTime(escalation.updatedAt);
}

export function StatsStrip({ stats }: { stats: Stats | null }) {
  const cells: Array<[string, string, string]> = [
    [t('popup_stats_week'), stats ? String(stats.thisWeek) : '–', t('popup_stats_week_title')],
    [t('popup_stats_approved'), stats?.approvalRate == null ? '–' : t('popup_stats_percent', Math.round(stats.approvalRate * 100)), t('popup_stats_approved_title')],
    [t('popup_stats_median'), stats?.medianMinutesToDecision == null ? '–' : duration(stats.medianMinutesToDecision), t('popup_stats_median_title')],
    [t('popup_stats_open'), stats ? String(stats.approvedOpen) : '–', t('popup_stats_open_title')],
  ];
  return (
    <dl class="stats" data-testid="stats" aria-label={t('popup_stats_label')}>
      {cells.map(([label, value, title]) => (
        <div key={label} title={title}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
