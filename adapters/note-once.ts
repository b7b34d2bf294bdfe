// Writes an outbox note at most once. The outbox retries a write whose result it did not hear (the tab closed, the
// response was lost) although the helpdesk may already have accepted it: each note written by the outbox therefore
// ends with a reference line naming its outbox item id, and before writing again we look for that line among the
// ticket's internal notes. Tags and priority need no such check: adding a tag that is there, or setting the priority
// the ticket has, changes nothing.
// Imported by the content script: types and dom helpers only.
import { ApiReadError } from './dom';
import type { AdapterContext, HelpdeskActions } from './types';
import { HelpdeskWriteError } from './types';

/**
 * The last line of every note the outbox writes: short, readable to an agent ("which escalation wrote this?"), and
 * plain text that survives each helpdesk's HTML escaping, wiki blocks and text conversion unchanged.
 */
export function noteMarker(key: string): string {
  return `[Escalation Desk ref: ${key}]`;
}

/** The note as written: the text, a blank line, then the marker line. */
export function markedNote(text: string, key: string): string {
  return `${text.trimEnd()}\n\n${noteMarker(key)}`;
}

/** Does any of these note bodies (plain text, or HTML as the helpdesk keeps it) carry this item's marker? */
export function hasNoteMarker(bodies: readonly string[], key: string): boolean {
  const marker = noteMarker(key);
  return bodies.some((body) => body.includes(marker));
}

export type NoteOutcome = 'written' | 'already-there';

/**
 * Adds `text` as an internal note unless a note carrying `key`'s marker is already on the ticket. When the adapter
 * can list the ticket's internal notes and that read fails, nothing is written (we cannot know whether the note is
 * there): the failure is reported as a write failure, retryable unless the helpdesk refused the session (401/403).
 */
export async function addInternalNoteOnce(
  actions: Pick<HelpdeskActions, 'addInternalNote'> & Partial<Pick<HelpdeskActions, 'internalNoteBodies'>>,
  ctx: AdapterContext,
  ticketId: string,
  text: string,
  key: string,
): Promise<NoteOutcome> {
  if (actions.internalNoteBodies) {
    let bodies: readonly string[];
    try {
      bodies = await actions.internalNoteBodies(ctx, ticketId);
    } catch (error) {
      throw asWriteError(error, 'check for an earlier copy of the note');
    }
    if (hasNoteMarker(bodies, key)) return 'already-there';
  }
  await actions.addInternalNote(ctx, ticketId, markedNote(text, key));
  return 'written';
}

function asWriteError(error: unknown, what: string): HelpdeskWriteError {
  if (error instanceof HelpdeskWriteError) return error;
  if (error instanceof ApiReadError) {
    const status = error.status;
    const retryable = status === null || status === 408 || status === 429 || status >= 500;
    return new HelpdeskWriteError(`${what}: ${error.message}`, status, retryable);
  }
  return new HelpdeskWriteError(`${what}: ${error instanceof Error ? error.name : 'error'}`, null, true);
}
