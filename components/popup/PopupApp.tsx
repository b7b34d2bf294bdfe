// The manager's popup: the pending queue first. (Minimal version; the full popup is its own piece of work.)
import { useEffect, useState } from 'preact/hooks';
import type { QueueItem } from '../../core/views';
import type { Send } from '../messaging';

export interface PopupAppProps {
  readonly send: Send;
  readonly subscribe: (listener: (message: unknown) => void) => void;
}

export function PopupApp({ send, subscribe }: PopupAppProps) {
  const [items, setItems] = useState<readonly QueueItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    const answer = await send<{ items: QueueItem[] }>({ type: 'queue.get' });
    if (answer.ok) setItems(answer.data.items);
    else setError(answer.error.message);
  };
  useEffect(() => {
    void load();
    subscribe((message) => {
      if ((message as { type?: string })?.type === 'escalation-desk.changed') void load();
    });
  }, []);
  return (
    <main>
      <h1>Pending escalations</h1>
      {error && <p role="alert">{error}</p>}
      <ul data-testid="queue">
        {(items ?? []).map(({ escalation }) => (
          <li key={escalation.id} data-testid="queue-item" data-escalation-id={escalation.id}>
            {escalation.request.severity} · {escalation.subject}
          </li>
        ))}
      </ul>
    </main>
  );
}
