// The escalation's audit trail: who did what, when. Shared by the panel and the popup's detail view.
import type { EscalationEvent } from '../../core/schemas';
import { clockTime } from '../format';
import { t } from '../i18n';

function detailOf(event: EscalationEvent): string | null {
  const command = event.command;
  switch (command.type) {
    case 'approve':
      return command.rationale;
    case 'decline':
      return command.reason;
    case 'progressUpdate':
      return command.text;
    case 'resolve':
      return command.summary;
    case 'withdraw':
      return command.reason;
    case 'recordCustomerInformed':
      return t(`timeline_informed_${command.kind}`);
    case 'request':
      return `${command.request.severity}: ${command.request.reason}`;
    default:
      return null;
  }
}

export function Timeline({ events }: { readonly events: readonly EscalationEvent[] }) {
  if (events.length === 0) return null;
  return (
    <ol class="ed-timeline" data-testid="timeline" aria-label={t('timeline_label')}>
      {events.map((event) => {
        const detail = detailOf(event);
        return (
          <li key={event.id} data-event-type={event.type}>
            <time dateTime={event.at}>{clockTime(event.at)}</time> <strong>{t(`event_${event.type}`)}</strong> {t('timeline_by', event.actor.name)}
            {detail && <div class="ed-detail">{detail}</div>}
          </li>
        );
      })}
    </ol>
  );
}
