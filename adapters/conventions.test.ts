// Conventions checked by tests, not by memory: every adapter folder is registered, tested and has dated fixtures
// and example URLs; no two adapters claim the same page; the MAIN-world bridge allows every global an adapter uses.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_EXAMPLES } from './examples';
import { BUILT_IN_ADAPTERS } from './index';
import { PAGE_GLOBAL_ALLOW_LIST } from './page-globals';
import { ADAPTER_REGISTRY, BUILT_IN_ADAPTER_IDS, type BuiltInAdapterId } from './registry';

const here = dirname(fileURLToPath(import.meta.url));
const folders = readdirSync(here).filter((name) => statSync(join(here, name)).isDirectory() && name !== 'custom');
const adapters = Object.values(BUILT_IN_ADAPTERS);
const examplesOf = (id: string) => BUILT_IN_EXAMPLES[id as BuiltInAdapterId];

describe('adapter conventions', () => {
  it('every adapter folder has a registry entry, and every entry a folder', () => {
    expect(folders.sort()).toEqual([...BUILT_IN_ADAPTER_IDS].sort());
    expect(ADAPTER_REGISTRY.map((e) => e.id).sort()).toEqual([...BUILT_IN_ADAPTER_IDS].sort());
  });

  it.each(folders)('%s has tests, selectors, at least two dated ticket fixtures and a non-ticket fixture', (folder) => {
    const files = readdirSync(join(here, folder));
    expect(files.some((f) => f.endsWith('.test.ts'))).toBe(true);
    expect(files).toContain('selectors.ts');
    expect(files).toContain('examples.ts');
    const fixtures = readdirSync(join(here, folder, 'fixtures')).filter((f) => f.endsWith('.html'));
    expect(fixtures.every((f) => /-\d{4}-\d{2}\.html$/.test(f)), `undated fixture in ${fixtures.join(', ')}`).toBe(true);
    // Non-ticket pages (lists, views) are named so; every other page is a ticket page.
    const isListPage = (f: string) => /list|views/.test(f);
    expect(fixtures.filter((f) => !isListPage(f)).length).toBeGreaterThanOrEqual(2);
    expect(fixtures.some(isListPage)).toBe(true);
  });

  it.each(adapters.map((a) => [a.id, a] as const))('%s: id and label match the registry, and it has example URLs', (id, adapter) => {
    const entry = ADAPTER_REGISTRY.find((e) => e.id === id)!;
    expect(adapter.label).toBe(entry.label);
    const examples = BUILT_IN_EXAMPLES[entry.id];
    expect(examples.tickets.length).toBeGreaterThanOrEqual(2);
    expect(examples.nonTickets.length).toBeGreaterThanOrEqual(1);
    expect(adapter.mountAnchors.length).toBeGreaterThanOrEqual(1);
  });

  it.each(adapters.map((a) => [a.id, a] as const))('%s accepts its own examples with the right ticket id and rejects everyone else’s', (id, adapter) => {
    const examples = examplesOf(id);
    for (const example of examples.tickets) expect(adapter.parseTicketUrl(new URL(example.url)), example.url).toBe(example.ticketId);
    for (const url of examples.nonTickets) expect(adapter.parseTicketUrl(new URL(url)), url).toBeNull();
    for (const other of adapters.filter((a) => a.id !== id)) {
      const theirs = examplesOf(other.id);
      for (const example of [...theirs.tickets.map((t) => t.url), ...theirs.nonTickets]) {
        expect(adapter.parseTicketUrl(new URL(example)), `${id} claims ${other.id}'s ${example}`).toBeNull();
      }
    }
  });

  // The first example's host is the adapter's canonical host (custom domains are parsed as if served there); other
  // examples may show a host-mapped custom domain, on a reserved test domain.
  it.each(adapters.map((a) => [a.id, a] as const))('%s: its example hosts match its registry patterns or are custom domains', (id, adapter) => {
    const entry = ADAPTER_REGISTRY.find((e) => e.id === id)!;
    const hostOf = (pattern: string) => pattern.replace(/^https:\/\//, '').replace(/\/\*$/, '');
    const matchesHost = (pattern: string, host: string) => (pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern);
    const registered = (url: string) => entry.matches.some((m) => matchesHost(hostOf(m), new URL(url).host));
    const examples = examplesOf(id);
    expect(registered(examples.tickets[0]!.url)).toBe(true);
    for (const example of examples.tickets) {
      expect(registered(example.url) || /\.(test|example)$/.test(new URL(example.url).hostname), example.url).toBe(true);
    }
  });

  // A custom domain's URL is parsed as if served on the adapter's canonical host: the adapter must claim its own
  // ticket examples there, with the same ticket id.
  it.each(adapters.map((a) => [a.id, a] as const))('%s: its canonical host is its own', (id, adapter) => {
    expect(adapter.canonicalHost).toBeDefined();
    for (const example of examplesOf(id).tickets) {
      const moved = new URL(example.url);
      moved.host = adapter.canonicalHost!;
      expect(adapter.parseTicketUrl(moved), moved.href).toBe(example.ticketId);
    }
  });

  it('the MAIN-world bridge allows every page global an adapter reads, and nothing else is asked for', () => {
    const used = adapters.flatMap((a) => a.pageGlobals ?? []);
    for (const path of used) expect(PAGE_GLOBAL_ALLOW_LIST as readonly string[]).toContain(path);
  });
});
