// `npm run demo`: from a fresh clone, installs what is missing, builds the extension and runs test/demo/demo.ts.
// Plain Node (no dependencies), so it works before `npm ci` has run.
//
// Build: the end-to-end build (`wxt build --mode e2e`, into .output/chrome-mv3-e2e). It is the production build
// plus host permissions for the two test custom domains, so the demo's custom sites work without a permission
// prompt (a prompt nobody can answer in a headless run); on the three built-in helpdesks the demo uses it behaves
// exactly as the production build does. It is also the build `npm test` uses, so one build serves both.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(command, args, env = {}) {
  process.stdout.write(`> ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// 1. Dependencies.
if (!existsSync(join(root, 'node_modules', '.bin', 'wxt')) || !existsSync(join(root, 'node_modules', 'puppeteer-core'))) {
  run(npm, ['ci']);
}

// 2. Chromium: installing it needs root, so say exactly what to run instead of trying.
const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
if (!chromium) {
  process.stderr.write(
    [
      'The demo needs Chromium, and none was found (looked at CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome).',
      'On Debian or Ubuntu, install it with:',
      '',
      '    sudo apt-get update && sudo apt-get install -y chromium',
      '',
      'or point CHROMIUM_PATH at a Chromium or Chrome binary, then run "npm run demo" again.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

// 3. Build (the e2e build, see above), into ED_OUT_DIR when set, else .output/.
run(npx, ['wxt', 'build', '--mode', 'e2e']);

// 4. The demo itself; extra arguments (--headless, --headed) pass through.
run(npx, ['tsx', 'test/demo/demo.ts', ...process.argv.slice(2)]);
