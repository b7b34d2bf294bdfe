// Fault suite, the manifest and the code: only the permissions the extension needs (no <all_urls>), a strict content
// security policy for its pages, and no remote code (no script from another origin, no eval / new Function).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';

type Manifest = { permissions: string[]; host_permissions: string[]; optional_host_permissions: string[]; content_security_policy: { extension_pages: string } };

function manifestFor(browser: string, mode: string): Manifest {
  const build = (config as unknown as { manifest: (env: { browser: string; mode: string; manifestVersion: number; command: string }) => Manifest }).manifest;
  return build({ browser, mode, manifestVersion: 3, command: 'build' });
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : sources(path);
    return /\.(ts|tsx|html)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('manifest', () => {
  it.each(['chrome', 'firefox'])('%s: asks only for what it needs, no <all_urls>', (browser) => {
    const manifest = manifestFor(browser, 'production');
    expect(manifest.permissions.sort()).toEqual(['alarms', 'notifications', 'scripting', 'storage', 'unlimitedStorage']);
    const hosts = [...manifest.host_permissions];
    expect(hosts).not.toContain('<all_urls>');
    expect(hosts.length).toBeGreaterThan(0);
    // Each host permission names a helpdesk's domain, never every site.
    for (const host of hosts) expect(host, host).toMatch(/^https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+\/\*$/);
    expect(hosts.filter((h) => /^(\*|https?):\/\/\*\//.test(h))).toEqual([]);
  });

  it('pages run under a strict content security policy', () => {
    const csp = manifestFor('chrome', 'production').content_security_policy.extension_pages;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
    expect(csp).toMatch(/object-src 'self'/);
    expect(csp).toMatch(/base-uri 'none'/);
  });

  it('ships no remote code: no script from another origin, no eval or new Function', () => {
    const files = ['core', 'adapters', 'components', 'entrypoints'].flatMap((dir) => sources(dir));
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((file) => {
      const text = readFileSync(file, 'utf8');
      return /<script[^>]+src=["']https?:/i.test(text) || /\bimport\(\s*['"`]https?:/.test(text) || /\beval\(|new Function\(|importScripts\(/.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
