// Small immutable helpers for the sections' drafts.
import { useEffect, useRef, useState } from 'preact/hooks';

/** A copy of `value` with `path` set to `next`; objects and arrays along the path are copied, nothing is mutated. */
export function setIn<T>(value: T, path: readonly (string | number)[], next: unknown): T {
  if (path.length === 0) return next as T;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = setIn(copy[head as number], rest, next);
    return copy as T;
  }
  const record = (value ?? {}) as Record<string, unknown>;
  return { ...record, [head]: setIn(record[head], rest, next) } as T;
}

/** Structural equality of JSON-like values (drafts against what is saved). */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A section's draft of saved settings. When the saved value changes underneath (another window, an import, a
 * managed policy update) the draft follows it, unless the admin has unsaved edits: those are never overwritten.
 */
export function useDraft<T>(saved: T): { draft: T; setDraft: (update: T | ((current: T) => T)) => void; dirty: boolean; reset: () => void } {
  const [draft, setDraft] = useState<T>(saved);
  const base = useRef<T>(saved);
  const savedJson = JSON.stringify(saved);
  useEffect(() => {
    // Decided on the draft as it is when the update applies, not as it was at render: an edit made between the
    // render that brought new settings and this effect is kept, never overwritten by the reload.
    const previous = base.current;
    base.current = saved;
    setDraft((current) => (sameJson(current, previous) ? saved : current));
  }, [savedJson]);
  return { draft, setDraft, dirty: !sameJson(draft, saved), reset: () => setDraft(saved) };
}
