// The manager's queue of escalations awaiting a decision, most urgent first. A listbox with one focusable option at
// a time: arrow keys or j / k move, Enter opens, a / d open the approve / decline form. Long queues render a page
// at a time ("show more"), so a large backlog never blocks the popup from opening.
import { Component } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { QUEUE_CAP, QUEUE_PAGE } from '../../core/constants';
import type { QueueRow as QueueRowData } from '../../core/views';
import { duration, minutesBetween } from '../format';
import { t } from '../i18n';
import { minutesToBreachNow } from '../../core/queue-order';
import type { DecisionForm } from './route';
import { breachWords, recommendationLabel, siteLabel, ticketLabel } from './words';

export interface QueueListProps {
  /** Already in queue order. */
  readonly items: readonly QueueRowData[];
  readonly now: Date;
  /** Items the background holds beyond those it sent (it sends the most urgent few hundred). */
  readonly total: number;
  readonly shown: number;
  readonly onShowMore: () => void;
  readonly activeId: string | null;
  readonly onActivate: (id: string) => void;
  readonly onOpen: (id: string, form: DecisionForm | null) => void;
  /** Move keyboard focus into the list (on open, and when coming back from a detail). */
  readonly autoFocus: boolean;
}

/** The User Timing mark the popup sets once, when its first queue rows are laid out (the bench reads it). */
export const QUEUE_SHOWN_MARK = 'escalation-desk:queue-shown';
let queueShownMarked = false;

/**
 * Rows drawn in the list's first frame: more than the popup's height holds. The rest of the page follows right after
 * that frame is painted, so the first rows are not held up by the ones below the fold.
 */
export const FIRST_FRAME_ROWS = 10;

export function QueueList({ items, now, total, shown, onShowMore, activeId, onActivate, onOpen, autoFocus }: QueueListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const visible = items.slice(0, shown);
  const [firstFrame, setFirstFrame] = useState(true);
  useEffect(() => setFirstFrame(false), []); // effects run once the first frame is painted
  const drawn = firstFrame ? visible.slice(0, FIRST_FRAME_ROWS) : visible;
  // After the DOM is updated and before the browser paints: the moment the first rows are laid out.
  useLayoutEffect(() => {
    if (queueShownMarked || drawn.length === 0) return;
    queueShownMarked = true;
    listRef.current?.getBoundingClientRect(); // the layout the next paint needs anyway, done now
    performance.mark(QUEUE_SHOWN_MARK);
  });
  // The background answers a page at a time (most urgent first), at most QUEUE_CAP in all.
  const available = Math.max(items.length, Math.min(total, QUEUE_CAP));
  const activeIndex = Math.max(0, visible.findIndex((i) => i.escalation.id === activeId));
  const active = visible[activeIndex]?.escalation.id ?? null;

  useEffect(() => {
    if (active === null) return;
    const hasFocus = listRef.current?.contains(document.activeElement) ?? false;
    if (!autoFocus && !hasFocus) return;
    const el = listRef.current?.querySelector<HTMLElement>(`[data-escalation-id="${CSS.escape(active)}"]`);
    if (el && document.activeElement !== el) el.focus();
  }, [autoFocus, active, firstFrame]);

  const move = (delta: number) => {
    // Home / End stay within what is shown; stepping past the last shown item reveals the next page.
    const limit = Math.abs(delta) > 1 ? visible.length - 1 : items.length - 1;
    const next = Math.max(0, Math.min(limit, activeIndex + delta));
    if (next >= shown || (delta > 0 && activeIndex + delta >= visible.length && visible.length < available)) onShowMore();
    const target = items[next];
    if (target) onActivate(target.escalation.id);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key;
    if (key === 'ArrowDown' || key === 'j') move(1);
    else if (key === 'ArrowUp' || key === 'k') move(-1);
    else if (key === 'Home') move(-visible.length);
    else if (key === 'End') move(visible.length);
    else if (key === 'Enter' && active) onOpen(active, null);
    else if (key === 'a' && active) onOpen(active, 'approve');
    else if (key === 'd' && active) onOpen(active, 'decline');
    else return;
    event.preventDefault();
  };

  const overdueCount = items.filter((i) => now.getTime() > Date.parse(i.escalation.decisionDueAt)).length;
  const hidden = total - available;

  return (
    <section class="queue" aria-labelledby="queue-heading">
      <h2 id="queue-heading" class="section-title">
        {t('popup_queue_heading')} <span class="count">{total}</span>
        {overdueCount > 0 && <span class="chip chip-overdue">{t('popup_queue_overdue', `${overdueCount}${overdueCount === items.length && hidden > 0 ? '+' : ''}`)}</span>}
      </h2>
      {items.length === 0 ? (
        <>
          <ul data-testid="queue" class="queue-list" aria-labelledby="queue-heading" />
          <p class="empty">{t('popup_queue_empty')}</p>
        </>
      ) : (
        <ul data-testid="queue" class="queue-list" role="listbox" aria-labelledby="queue-heading" ref={listRef} onKeyDown={onKeyDown}>
          {drawn.map((item) => (
            <QueueRow key={item.escalation.id} item={item} now={now} active={item.escalation.id === active} onFocus={() => onActivate(item.escalation.id)} onOpen={() => onOpen(item.escalation.id, null)} />
          ))}
        </ul>
      )}
      {shown < available && (
        <button type="button" class="more" onClick={onShowMore}>
          {t('popup_queue_show_more', Math.min(QUEUE_PAGE, available - shown), available - shown)}
        </button>
      )}
      {hidden > 0 && shown >= available && (
        <p class="hint">{t('popup_queue_hidden', available, hidden)}</p>
      )}
    </section>
  );
}

interface QueueRowProps {
  readonly item: QueueRowData;
  readonly now: Date;
  readonly active: boolean;
  readonly onFocus: () => void;
  readonly onOpen: () => void;
}

/**
 * One row. Every change notice reloads the queue with new objects; a row whose escalation (id and version), score,
 * clock and focus are as before is not rendered again, so a reload during a burst of decisions costs the popup
 * little. Its handlers read the latest props when they run, never ones kept from an earlier render.
 */
class QueueRow extends Component<QueueRowProps> {
  override shouldComponentUpdate(next: QueueRowProps): boolean {
    const { item, now, active } = this.props;
    return (
      next.active !== active ||
      next.now.getTime() !== now.getTime() ||
      next.item.escalation.id !== item.escalation.id ||
      next.item.escalation.version !== item.escalation.version ||
      next.item.assessment.score !== item.assessment.score ||
      next.item.assessment.recommendation !== item.assessment.recommendation
    );
  }

  private readonly focus = () => this.props.onFocus();
  private readonly open = () => this.props.onOpen();

  override render() {
    return <QueueRowView {...this.props} onFocus={this.focus} onOpen={this.open} />;
  }
}

function QueueRowView({ item, now, active, onFocus, onOpen }: QueueRowProps) {
  const { escalation, assessment } = item;
  const waited = minutesBetween(escalation.requestedAt, now);
  const slaMinutes = Math.max(1, Math.round((Date.parse(escalation.decisionDueAt) - Date.parse(escalation.requestedAt)) / 60_000));
  const left = Math.round((Date.parse(escalation.decisionDueAt) - now.getTime()) / 60_000);
  const overdue = left < 0;
  const breach = breachWords(minutesToBreachNow(escalation.sla, now));
  const used = Math.min(1, Math.max(0, waited / slaMinutes));
  return (
    <li
      role="option"
      aria-selected={active}
      tabIndex={active ? 0 : -1}
      class={`queue-item${overdue ? ' is-overdue' : ''}`}
      data-testid="queue-item"
      data-escalation-id={escalation.id}
      data-severity={escalation.request.severity}
      onFocus={onFocus}
      onClick={onOpen}
    >
      <div class="row-top">
        <span class={`sev sev-${escalation.request.severity}`} title={t('popup_severity_title', escalation.request.severity)}>
          {escalation.request.severity}
        </span>
        <span class="subject">{escalation.subject || t('popup_no_subject')}</span>
        <span class={`score rec-${assessment.recommendation}`} title={t('popup_score_title', recommendationLabel(assessment.recommendation), assessment.score)}>
          {assessment.score}
        </span>
      </div>
      <div class="row-line">
        <span class="row-meta">
          {siteLabel(escalation.ticket.site)} {ticketLabel(escalation.ticket.ticketId)} · {escalation.customer.name || escalation.customer.email || t('popup_unknown_customer')}
        </span>
        <span class={`breach breach-${breach.tone}`}>{breach.text}</span>
      </div>
      <div class="row-clocks">
        <span class={overdue ? 'overdue' : ''}>
          {t('popup_waiting', duration(waited))} · {overdue ? t('popup_decision_overdue_by', duration(-left)) : t('popup_decide_within', duration(left))}
        </span>
      </div>
      <div class="sla-bar" aria-hidden="true">
        <span style={{ width: `${Math.round(used * 100)}%` }} class={overdue ? 'over' : used > 0.75 ? 'warn' : ''} />
      </div>
    </li>
  );
}
