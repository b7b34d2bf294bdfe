// The manager's toolbar popup: the pending queue first (most urgent on top), one escalation's assessment and the
// decision, approved escalations in progress, the history, and the numbers at a glance. Someone who is not a
// manager sees their own escalations instead, with no decision controls. It talks to the background only through
// the `send` it is given and follows the background's change notices, so it never shows stale data for long.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DecisionCommand, ErrorBody, Response } from '../../core/messages';
import { QUEUE_CAP, QUEUE_PAGE } from '../../core/constants';
import type { Actor, Escalation } from '../../core/schemas';
import type { EscalationDetail, QueueRow, Stats } from '../../core/views';
import { t } from '../i18n';
import type { Send } from '../messaging';
import { EscalationDetailView } from './EscalationDetailView';
import { HistoryList, InProgressList, MineList, StatsStrip, type HistoryFilter } from './Lists';
import { QueueList } from './QueueList';
import { coalesced } from '../../core/coalesce';
import { orderQueue } from '../../core/queue-order';
import { queueMessage } from './prefetch';
import { formatRoute, parseRoute, type DecisionForm, type Route } from './route';
import { errorText, siteLabel } from './words';

export interface PopupAppProps {
  readonly send: Send;
  /** Receives the background's broadcasts (`escalation-desk.changed`). */
  readonly subscribe: (listener: (message: unknown) => void) => void;
  /** Called after the ticket was brought to the front (a toolbar popup closes itself then). */
  readonly onTicketOpened?: () => void;
  /** The clock, for tests. */
  readonly clock?: () => Date;
  /** How often relative times ("waiting 12 min") refresh. */
  readonly tickMs?: number;
}

interface QueueData {
  readonly items: readonly QueueRow[];
  readonly total: number;
}

interface HistoryState {
  readonly filter: HistoryFilter;
  readonly items: readonly Escalation[];
  readonly more: boolean;
  readonly loading: boolean;
}

const HISTORY_PAGE = 50;
/**
 * Change notices reload at most once per this long: a burst of them (decisions in quick succession, another tab at
 * work) costs the background one reload, not one per change, while every change still shows within a second.
 */
const NOTICE_SETTLE_MS = 100;
const NO_FILTER: HistoryFilter = { state: '', site: '', text: '' };

/** `coalesced` (core/coalesce.ts) for a component: always the latest `task`; a failed run is logged, not thrown. */
function useCoalesced(task: () => Promise<void>): () => Promise<void> {
  const taskRef = useRef(task);
  taskRef.current = task;
  return useMemo(() => coalesced(() => taskRef.current().catch((error: unknown) => console.error('[Escalation Desk] popup refresh failed', error))), []);
}

function useNow(clock: () => Date, intervalMs: number): Date {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

const isManager = (actor: Actor | null) => actor?.roles.includes('manager') ?? false;

export function PopupApp({ send, subscribe, onTicketOpened, clock = () => new Date(), tickMs = 30_000 }: PopupAppProps) {
  const now = useNow(clock, tickMs);
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  const routeRef = useRef(route);
  routeRef.current = route;
  const [actor, setActor] = useState<Actor | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);

  const [rawQueue, setRawQueue] = useState<QueueData | null>(null);
  // Ordered at render time, so a request that becomes overdue while the popup stays open moves up.
  const queue = useMemo(() => (rawQueue ? { ...rawQueue, items: orderQueue(rawQueue.items, now) } : null), [rawQueue, now]);
  const [shown, setShown] = useState(QUEUE_PAGE);
  const shownRef = useRef(shown);
  shownRef.current = shown;
  // Showing more than is loaded asks the background for the next page.
  useEffect(() => {
    if (rawQueue && rawQueue.items.length < Math.min(shown, rawQueue.total, QUEUE_CAP)) void refresh();
  }, [shown]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const lastIndex = useRef(0);
  const [focusQueue, setFocusQueue] = useState(true);

  const [detail, setDetail] = useState<EscalationDetail | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [inProgress, setInProgress] = useState<readonly Escalation[] | null>(null);
  const [history, setHistory] = useState<HistoryState>({ filter: NO_FILTER, items: [], more: false, loading: true });
  const historyRef = useRef(history);
  historyRef.current = history;
  const [mine, setMine] = useState<readonly Escalation[] | null>(null);
  const [stats, setStats] = useState<Stats | null>(null);

  const navigate = useCallback((next: Route) => {
    setRoute(next);
    setError(null);
    window.history.replaceState(null, '', formatRoute(next));
  }, []);

  /** Unwraps an answer; a failure shows the background's own words. */
  function take<T>(answer: Response<T>): T | null {
    if (answer.ok) return answer.data;
    setError(answer.error);
    return null;
  }

  const loadHistoryPage = async (filter: HistoryFilter, before: string | undefined, previous: readonly Escalation[]) => {
    setHistory({ filter, items: previous, more: false, loading: true });
    const answer = await send<{ items: Escalation[] }>({
      type: 'history.get',
      ...(filter.state ? { states: [filter.state] } : {}),
      ...(filter.site ? { site: filter.site } : {}),
      ...(filter.text ? { text: filter.text } : {}),
      ...(before ? { before } : {}),
    });
    const data = take(answer);
    const seen = new Set(previous.map((e) => e.id));
    const fresh = (data?.items ?? []).filter((e) => !seen.has(e.id));
    setHistory({ filter, items: [...previous, ...fresh], more: (data?.items.length ?? 0) >= HISTORY_PAGE, loading: false });
  };

  const loadQueue = async () => {
    // A page at a time: what is shown now (the popup opens on the first page; "show more" asks for the next).
    const data = take(await send<{ actor: Actor; items: QueueRow[]; total?: number }>(queueMessage(shownRef.current)));
    if (data) {
      setActor(data.actor);
      setRawQueue({ items: data.items, total: Math.max(data.total ?? 0, data.items.length) });
    }
  };
  const loadMine = async () => {
    const data = take(await send<{ actor: Actor; items: Escalation[] }>({ type: 'mine.get' }));
    if (data) {
      setActor(data.actor);
      setMine(data.items);
    }
  };

  /**
   * Loads what the current view shows, then the home list behind it (the queue for a manager, their own
   * escalations for anyone else: its count is in the tabs, and going back must never show a decided escalation
   * as still pending), then the numbers. The queue comes before the numbers so it paints first.
   */
  const noticeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refresh = useCoalesced(async () => {
    const current = routeRef.current;
    switch (current.view) {
      case 'queue':
        await loadQueue();
        break;
      case 'escalation': {
        const data = take(await send<EscalationDetail>({ type: 'escalation.get', escalationId: current.id }));
        if (data) {
          setActor(data.actor);
          setDetail(data);
        }
        break;
      }
      case 'in-progress': {
        const data = take(await send<{ items: Escalation[] }>({ type: 'inProgress.get' }));
        if (data) setInProgress(data.items);
        break;
      }
      case 'history':
        // A change notice reloads only the first page; someone paging back through old ones keeps their place.
        if (historyRef.current.items.length <= HISTORY_PAGE) await loadHistoryPage(historyRef.current.filter, undefined, []);
        break;
      case 'mine':
        await loadMine();
        break;
    }
    // The home list behind the current view, when it has been loaded (a popup opened on one escalation from a
    // notification loads only that escalation).
    const home = actor && !isManager(actor) ? 'mine' : 'queue';
    if (home === 'queue' && current.view !== 'queue' && rawQueue) await loadQueue();
    if (home === 'mine' && current.view !== 'mine' && mine) await loadMine();
    if (home === 'queue') {
      const data = await send<Stats>({ type: 'stats.get' });
      if (data.ok) setStats(data.data);
    }
  });

  const loadActor = async () => {
    const answer = await send<{ actor: Actor }>({ type: 'whoami' });
    if (answer.ok) setActor(answer.data.actor);
  };

  useEffect(() => {
    void loadActor();
    subscribe((message) => {
      const notice = message as { type?: string; settings?: boolean } | null;
      if (notice?.type !== 'escalation-desk.changed') return;
      if (notice.settings) void loadActor();
      // A list not on screen is stale now; it reloads when shown (the home list reloads right away in refresh).
      if (routeRef.current.view !== 'in-progress') setInProgress(null);
      if (noticeTimer.current === undefined) {
        noticeTimer.current = setTimeout(() => {
          noticeTimer.current = undefined;
          void refresh();
        }, NOTICE_SETTLE_MS);
      }
    });
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
      clearTimeout(noticeTimer.current);
    };
  }, []);

  // A layout effect: the load starts right after the first render, not a frame later, so that the answers the
  // page prefetched (./prefetch.ts) are on screen in the popup's first paint when they are already here.
  useLayoutEffect(() => {
    if (route.view === 'escalation' && detail?.escalation.id !== route.id) setDetail(null);
    void refresh();
  }, [route.view, route.view === 'escalation' ? route.id : '']);

  // Someone who is not a manager has no queue to work: their own escalations are home.
  const manager = isManager(actor);
  useEffect(() => {
    if (actor && !manager && (route.view === 'queue' || route.view === 'in-progress' || route.view === 'history')) navigate({ view: 'mine' });
  }, [actor, manager, route.view]);

  // Where "back" goes from an escalation: the list it was opened from (the queue when a notification opened it).
  const origin = useRef<'queue' | 'in-progress' | 'history' | 'mine'>('queue');
  const openEscalation = (id: string, form: DecisionForm | null) => {
    if (route.view !== 'escalation') origin.current = route.view;
    if (route.view === 'queue' && queue) lastIndex.current = Math.max(0, queue.items.findIndex((i) => i.escalation.id === id));
    setNotice(null);
    setFocusQueue(false);
    navigate({ view: 'escalation', id, form });
  };

  const backTarget: Route = !manager ? { view: 'mine' } : { view: origin.current === 'mine' ? 'queue' : origin.current };
  const goBack = () => {
    setNotice(null);
    setFocusQueue(true);
    navigate(backTarget);
  };

  // Coming back to the queue: stay on the escalation just seen, or on the one that took its place once decided.
  useEffect(() => {
    if (!queue) return;
    if (activeId && queue.items.some((i) => i.escalation.id === activeId)) return;
    const fallback = queue.items[Math.min(lastIndex.current, queue.items.length - 1)];
    setActiveId(fallback?.escalation.id ?? null);
  }, [queue]);

  const decide = async (command: DecisionCommand): Promise<string | null> => {
    const answer = await send<EscalationDetail>({ type: 'escalation.decide', command });
    if (!answer.ok) {
      if (answer.error.reason === 'stale-version') void refresh();
      return errorText(answer.error);
    }
    setDetail(answer.data);
    const site = siteLabel(answer.data.escalation.ticket.site);
    setNotice(
      command.type === 'approve'
        ? t('popup_notice_approved', site)
        : command.type === 'decline'
          ? t('popup_notice_declined')
          : t('popup_notice_acknowledged'),
    );
    if (routeRef.current.view === 'escalation') navigate({ ...routeRef.current, form: null });
    return null;
  };

  const openTicket = async () => {
    if (!detail) return;
    const answer = await send({ type: 'ticket.focus', ticket: detail.escalation.ticket });
    if (answer.ok) onTicketOpened?.();
    else setError(answer.error);
  };

  // Keys that work anywhere outside a text field: the queue keys when focus is not yet in the list, and the
  // decision shortcuts in the detail.
  const keyHandler = useRef<(event: KeyboardEvent) => void>(() => undefined);
  keyHandler.current = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
    const key = event.key;
    if (route.view === 'escalation' && detail && detail.escalation.id === route.id) {
      const can = (type: 'approve' | 'decline') => manager && detail.allowed.includes(type);
      if (key === 'a' && can('approve')) navigate({ ...route, form: 'approve' });
      else if (key === 'd' && can('decline')) navigate({ ...route, form: 'decline' });
      else if (key === 'o') void openTicket();
      else if (key === 'Escape') {
        if (route.form) navigate({ ...route, form: null });
        else goBack();
      } else return;
      event.preventDefault();
    } else if (route.view === 'queue' && queue && queue.items.length > 0) {
      if (['ArrowDown', 'ArrowUp', 'j', 'k'].includes(key)) {
        setFocusQueue(true);
        // Focus goes to the active item; the next key press moves from there.
        const el = document.querySelector<HTMLElement>(`[data-testid="queue-item"][aria-selected="true"]`);
        el?.focus();
      } else if (key === 'Enter' && activeId && !(event.target instanceof HTMLButtonElement)) openEscalation(activeId, null);
      else return;
      event.preventDefault();
    }
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keyHandler.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  const tabs = useMemo(
    () =>
      manager
        ? ([
            ['queue', t('popup_tab_queue'), queue ? queue.total : null],
            ['in-progress', t('popup_tab_in_progress'), stats ? stats.approvedOpen : null],
            ['history', t('popup_tab_history'), null],
          ] as const)
        : ([['mine', t('popup_tab_mine'), mine ? mine.length : null]] as const),
    [manager, queue, stats, mine],
  );
  const tabView = route.view === 'escalation' ? null : route.view;

  return (
    <div class="popup">
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true">
            ▲
          </span>
          {t('extName')}
        </div>
        {actor && (
          <div class="who" data-testid="actor" title={actor.roles.map((role) => t(`popup_role_${role}`)).join(', ')}>
            {actor.name} · {manager ? t('popup_role_manager') : t('popup_role_agent')}
          </div>
        )}
      </header>
      {actor && (
        <nav class="tabs" aria-label={t('popup_views_label')}>
          {tabs.map(([view, label, count]) => (
            <button key={view} type="button" class="tab" aria-current={tabView === view ? 'page' : undefined} onClick={() => navigate({ view } as Route)}>
              {label}
              {count !== null && count > 0 ? <span class="tab-count">{count}</span> : null}
            </button>
          ))}
        </nav>
      )}
      {manager && route.view !== 'escalation' && <StatsStrip stats={stats} />}

      <main class="content">
        {error && (
          <div class="error" role="alert" data-testid="popup-error">
            <span>{errorText(error)}</span>
            <button type="button" class="icon" aria-label={t('dismiss')} onClick={() => setError(null)}>
              ×
            </button>
          </div>
        )}
        {!actor ? (
          <p class="loading">{t('popup_loading')}</p>
        ) : route.view === 'queue' ? (
          queue ? (
            <QueueList
              items={queue.items}
              total={queue.total}
              now={now}
              shown={shown}
              onShowMore={() => setShown((n) => n + QUEUE_PAGE)}
              activeId={activeId}
              onActivate={setActiveId}
              onOpen={openEscalation}
              autoFocus={focusQueue}
            />
          ) : (
            <p class="loading">{t('popup_loading_queue')}</p>
          )
        ) : route.view === 'escalation' ? (
          detail && detail.escalation.id === route.id ? (
            <EscalationDetailView
              detail={detail}
              now={now}
              form={route.form}
              onForm={(form) => navigate({ ...route, form })}
              onDecide={decide}
              onOpenTicket={() => void openTicket()}
              onBack={goBack}
              backLabel={t({ mine: 'popup_tab_mine', 'in-progress': 'popup_tab_in_progress', history: 'popup_tab_history', queue: 'popup_tab_queue', escalation: 'popup_tab_queue' }[backTarget.view])}
              notice={notice}
            />
          ) : (
            !error && <p class="loading">{t('popup_loading_escalation')}</p>
          )
        ) : route.view === 'in-progress' ? (
          inProgress ? <InProgressList items={inProgress} now={now} onOpen={(id) => openEscalation(id, null)} /> : <p class="loading">{t('popup_loading')}</p>
        ) : route.view === 'history' ? (
          <HistoryList
            items={history.items}
            filter={history.filter}
            loading={history.loading}
            onFilter={(filter) => void loadHistoryPage(filter, undefined, [])}
            onOlder={history.more ? () => void loadHistoryPage(history.filter, history.items.at(-1)?.updatedAt, history.items) : null}
            onOpen={(id) => openEscalation(id, null)}
          />
        ) : mine ? (
          <MineList items={mine} now={now} onOpen={(id) => openEscalation(id, null)} />
        ) : (
          <p class="loading">{t('popup_loading')}</p>
        )}
      </main>
      {manager && route.view === 'queue' && queue && queue.items.length > 0 && (
        <footer class="keys" aria-hidden="true">
          <kbd>↑</kbd>
          <kbd>↓</kbd> {t('popup_keys_or')} <kbd>j</kbd>
          <kbd>k</kbd> {t('popup_keys_move')} · <kbd>Enter</kbd> {t('popup_keys_open')} · <kbd>a</kbd> {t('popup_keys_approve')} · <kbd>d</kbd> {t('popup_keys_decline')} · <kbd>o</kbd> {t('popup_keys_ticket')}
        </footer>
      )}
    </div>
  );
}
