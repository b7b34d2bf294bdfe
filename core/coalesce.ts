// Runs an async task at most once at a time; calls made while it runs collapse into one more run after it. Used
// where bursts of triggers (change notices, commands in quick succession) must cost one run each, never one per
// trigger, and never lose the last one.

/**
 * `task` at most once at a time. A call while it runs marks one more run and gets the running promise, which
 * settles after that run. `running` is cleared in the same microtask as the last `again` check, so a call can never
 * land in between and be lost. A run that throws ends the loop and rejects the promise; the next call starts again.
 */
export function coalesced(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await task();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
}
