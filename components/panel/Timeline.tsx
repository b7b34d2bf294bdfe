// The escalation's audit trail: who did what, when. Shared by the panel and the popup's detail view.
import { eventWords } from '../../core/documentation';
import type { EscalationEvent } from '../../core/schemas';
import { clockTime } from '../format';

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
      return `${command.kind} message`;
    case 'request':
      return `${command.request.severity}: ${command.request.reason}`;
    default:
      return null;
  }
}

export function Timeline({ events }: { readonly events: readonly EscalationEvent[] }) {
  if (events.length === 0) return null;
  return (
    <ol class="ed-timeline" data-testid="timeline" aria-label="Escalation timeline">
      {events.map((event) => {
        const detail = detailOf(event);
        return (
          <li key={event.id} data-event-type={event.type}>
            <time dateTime={event.at}>{clockTime(event.at)}</time> <strong>{eventWords(event.type)}</strong> by {event.actor.name}
            {detail && <div class="ed-detail">{detail}</div>}
          </li>
        );
      })}
    </ol>
  );
}
