import { describe, expect, it } from 'vitest';
import { coalesced } from './coalesce';

describe('coalesced', () => {
  it('runs once at a time: calls during a run collapse into one more run, which every caller waits for', async () => {
    const gates: Array<() => void> = [];
    let runs = 0;
    const run = coalesced(async () => {
      runs += 1;
      await new Promise<void>((resolve) => gates.push(resolve));
    });
    const first = run();
    const second = run();
    const third = run();
    expect(runs).toBe(1);
    gates.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runs).toBe(2); // the two calls made meanwhile became one run
    let settled = false;
    void Promise.all([first, second, third]).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(settled).toBe(false); // they settle after that run, not before
    gates.shift()!();
    await Promise.all([first, second, third]);
    expect(runs).toBe(2);
  });

  it('a run that throws rejects its callers, and the next call runs again', async () => {
    let fail = true;
    let runs = 0;
    const run = coalesced(async () => {
      runs += 1;
      if (fail) throw new Error('boom');
    });
    await expect(run()).rejects.toThrow('boom');
    fail = false;
    await run();
    expect(runs).toBe(2);
  });
});
