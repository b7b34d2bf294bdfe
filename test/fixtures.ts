// Reads committed fixture files (adapters/<id>/fixtures/*.html) for unit tests, simulator pages and selector tables.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function readFixture(adapterId: string, file: string): string {
  return readFileSync(join(root, 'adapters', adapterId, 'fixtures', file), 'utf8');
}

/** Parses fixture HTML into a Document (happy-dom in unit tests). */
export function fixtureDocument(adapterId: string, file: string): Document {
  return new DOMParser().parseFromString(readFixture(adapterId, file), 'text/html');
}
