import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { ALL_BUILT_IN_MATCHES } from './adapters/registry';

// Origins the end-to-end build may script without a permission prompt: headless Chromium cannot answer
// `permissions.request`, so the e2e build lists the test custom domain up front (see test/e2e/README.md).
const isE2eBuild = process.argv.join(' ').includes('--mode e2e');
const E2E_CUSTOM_ORIGINS = ['https://support.acme.test/*', 'https://help.initech.test/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader sees where each name comes from.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  // The e2e build (its manifest differs, see above) goes to its own folder so it never ships by mistake.
  // ED_OUT_DIR lets a second build run beside another (parallel test runs) without sharing an output folder.
  outDir: process.env.ED_OUT_DIR ?? '.output',
  outDirTemplate: isE2eBuild ? '{{browser}}-mv{{manifestVersion}}-e2e' : '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  // The Firefox sources zip (for AMO review) is the repository's source: leave out what is git-ignored output.
  zip: { excludeSources: ['bench-results/**', 'demo-screenshots/**', 'stats.html', '**/*.log'] },
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications', 'scripting'],
    host_permissions: [...ALL_BUILT_IN_MATCHES, ...(mode === 'e2e' ? E2E_CUSTOM_ORIGINS : [])],
    optional_host_permissions: ['https://*/*'],
    // Manifest V2 (Firefox) has no optional_host_permissions key and the build drops it: there, optional origins are
    // optional_permissions, or a custom site could never be granted.
    ...(browser === 'firefox' ? { optional_permissions: ['https://*/*'] } : {}),
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
    action: { default_title: '__MSG_actionTitle__' },
    // The panel UI (entrypoints/panel-ui.ts) is loaded by the content scripts with `import(runtime.getURL(...))` once
    // a ticket is found, so it must be web-accessible where they run: the helpdesks' own domains and the custom sites
    // an admin grants at runtime (any https origin, as optional_host_permissions). Chrome serves it only under a
    // per-session URL (use_dynamic_url), so no page can probe for the extension by it; MV2 (Firefox) gets the plain
    // list (WXT converts it), under the per-install random moz-extension:// origin.
    web_accessible_resources: [{ resources: ['panel-ui.js'], matches: ['https://*/*'], ...(browser === 'firefox' ? {} : { use_dynamic_url: true }) }],
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed-schema.json' } }), // IT's enterprise policy (core/managed.ts)
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'escalation-desk@escalation-desk.example',
              // 140 (the current ESR): MAIN-world content scripts (the page bridge) need 128, and the
              // data-collection key below needs 140; older versions would run the extension without them.
              strict_min_version: '140.0',
              // Firefox's data-collection consent (web-ext lint asks for it): nothing leaves the browser for us or
              // anyone else; write-backs go only to the user's own helpdesk, with their own session.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
