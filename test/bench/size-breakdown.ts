// What each content script (and the lazily loaded panel script) is made of, in minified bytes per source file.
// Builds the extension with source maps into a temporary folder and attributes every output byte to the source file
// its mapping points at ("(bundler)" = bytes with no source: the bundler's helpers and strings it emitted itself).
// Usage: npx tsx test/bench/size-breakdown.ts [--top=15] [--mode=production|e2e] [--browser=chrome|firefox] [--chunks]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'wxt';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const TOP = Number(arg('top') ?? 15);
const MODE = arg('mode') ?? 'production';
const BROWSER = arg('browser') ?? 'chrome';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes a source map's `mappings` into, per generated line, [generated column, source index | -1] segments. */
function decodeMappings(mappings: string): Array<Array<[number, number]>> {
  const lines: Array<Array<[number, number]>> = [];
  let source = 0;
  for (const line of mappings.split(';')) {
    const segments: Array<[number, number]> = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = B64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0]!;
      if (fields.length > 1) source += fields[1]!;
      segments.push([column, fields.length > 1 ? source : -1]);
    }
    lines.push(segments);
  }
  return lines;
}

/** Minified bytes per source file of one built script. */
function attribute(file: string): Map<string, number> {
  const code = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const mapDir = dirname(file);
  const name = (index: number) => {
    if (index < 0) return '(bundler)';
    const path = resolve(mapDir, map.sources[index]!);
    const inModules = path.lastIndexOf('node_modules/');
    return inModules >= 0 ? path.slice(inModules) : relative(root, path);
  };
  const bytes = new Map<string, number>();
  const add = (key: string, n: number) => bytes.set(key, (bytes.get(key) ?? 0) + n);
  const decoded = decodeMappings(map.mappings);
  code.split('\n').forEach((line, i) => {
    const segments = decoded[i] ?? [];
    if (segments.length === 0 || segments[0]![0] > 0) add('(bundler)', Buffer.byteLength(line.slice(0, segments[0]?.[0] ?? line.length)));
    segments.forEach(([column, source], j) => add(name(source), Buffer.byteLength(line.slice(column, segments[j + 1]?.[0] ?? line.length))));
  });
  return bytes;
}

async function main(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'ed-size-breakdown-'));
  try {
    process.env.ED_OUT_DIR = outDir;
    await build({ root, mode: MODE, browser: BROWSER as 'chrome', outDir, vite: () => ({ build: { sourcemap: true } }) });
    const extension = join(outDir, readdirSync(outDir).find((d) => d.startsWith(BROWSER))!);
    const scripts = [
      ...readdirSync(join(extension, 'content-scripts')).filter((f) => f.endsWith('.js')).map((f) => join('content-scripts', f)),
      ...readdirSync(extension).filter((f) => f.endsWith('.js') && f !== 'background.js'),
      // `--chunks`: the extension pages' module chunks too (what the popup and options pages load).
      ...(process.argv.includes('--chunks') ? readdirSync(join(extension, 'chunks')).filter((f) => f.endsWith('.js')).map((f) => join('chunks', f)) : []),
    ];
    for (const script of scripts) {
      const path = join(extension, script);
      const content = readFileSync(path, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
      const rows = [...attribute(path)].sort((a, b) => b[1] - a[1]);
      console.log(`\n${script}: ${Buffer.byteLength(content)} B minified, ${gzipSync(content, { level: 9 }).length} B gzip -9 (${MODE}, ${BROWSER})`);
      for (const [source, size] of rows.slice(0, TOP)) console.log(`${String(size).padStart(8)}  ${source}`);
      if (rows.length > TOP) console.log(`${String(rows.slice(TOP).reduce((sum, [, size]) => sum + size, 0)).padStart(8)}  (${rows.length - TOP} more)`);
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
