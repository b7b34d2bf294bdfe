// Who the person using this browser is, and which roles they hold. Out of the box (no roles configured) the one
// person may act as agent, manager and admin; once any manager or admin is named, roles are enforced.
import type { Actor, Role } from './schemas';
import type { Identity, Roles } from './settings';

export const ANONYMOUS_IDENTITY: Identity = { name: 'You', email: null, source: 'entered' };

export function rolesConfigured(roles: Roles): boolean {
  return roles.managers.length > 0 || roles.admins.length > 0;
}

function listed(list: readonly string[], identity: Identity): boolean {
  const email = identity.email?.toLowerCase() ?? null;
  const name = identity.name.trim().toLowerCase();
  return list.some((member) => {
    const m = member.trim().toLowerCase();
    return (email !== null && m === email) || m === name;
  });
}

export function actorFor(identity: Identity | null, roles: Roles): Actor {
  const who = identity ?? ANONYMOUS_IDENTITY;
  const granted: Role[] = ['agent'];
  if (!rolesConfigured(roles)) granted.push('manager', 'admin');
  else {
    if (listed(roles.managers, who)) granted.push('manager');
    if (listed(roles.admins, who)) granted.push('admin');
  }
  return { id: (who.email ?? who.name).trim().toLowerCase(), name: who.name, roles: granted };
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}
