// The popup's places, as URL hashes: a notification opens `popup.html#/escalation/<id>` and lands on that
// escalation. Pure parse/format so the hash scheme is tested and shared with the background's links.
export type DecisionForm = 'approve' | 'decline';

export type Route =
  | { readonly view: 'queue' }
  | { readonly view: 'escalation'; readonly id: string; readonly form: DecisionForm | null }
  | { readonly view: 'in-progress' }
  | { readonly view: 'history' }
  | { readonly view: 'mine' };

const ESCALATION_ID = /^esc_[A-Za-z0-9_-]{6,64}$/;

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  const parts = path.split('/').map((p) => decodeURIComponentSafe(p));
  if (parts[0] === 'escalation' && parts[1] && ESCALATION_ID.test(parts[1])) {
    const form = parts[2] === 'approve' || parts[2] === 'decline' ? parts[2] : null;
    return { view: 'escalation', id: parts[1], form };
  }
  if (parts[0] === 'in-progress') return { view: 'in-progress' };
  if (parts[0] === 'history') return { view: 'history' };
  if (parts[0] === 'mine') return { view: 'mine' };
  return { view: 'queue' };
}

export function formatRoute(route: Route): string {
  switch (route.view) {
    case 'queue':
      return '#/';
    case 'escalation':
      return `#/escalation/${encodeURIComponent(route.id)}${route.form ? `/${route.form}` : ''}`;
    default:
      return `#/${route.view}`;
  }
}

function decodeURIComponentSafe(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return '';
  }
}
