// Fault suite, lines 6 and 7. Database upgrades from every earlier schema version, with data, are proved in
// core/store/migrations.test.ts (one case per older version, with rows, plus a convention test that a new version
// cannot be added without its case). Every way to spoil a backup file is refused by parseBackup with its reason in
// core/store/backup.test.ts. Here: the same files through the real background's import and preview, from the
// options page, with a full dump before and after, including the too-large and prototype-pollution cases.
import { describe, expect, it } from 'vitest';
import { MAX_BACKUP_CHARS } from '../../core/store/backup';
import { pageSender, startFaultBackground } from './background';

describe('import of bad files through the background', () => {
  it('refuses malformed, truncated, foreign, too-large and hostile files with a reason, and changes nothing', async () => {
    const b = await startFaultBackground('import');
    await b.request();
    const good = JSON.stringify(await b.data({ type: 'backup.export' }, pageSender()));
    const files: Array<[string, string, RegExp]> = [
      ['malformed', '{"format": "escalation-desk-backup", ', /JSON|truncated/i],
      ['truncated', good.slice(0, Math.floor(good.length * 0.7)), /truncated/i],
      ['foreign', JSON.stringify({ format: 'other-crm-export', version: 3, data: [] }), /not an Escalation Desk backup/],
      ['too large', ' '.repeat(MAX_BACKUP_CHARS + 1), /50 MB/],
      ['__proto__ key', good.replace('"format":', '"__proto__": {"isAdmin": true}, "format":'), /__proto__/],
      ['constructor.prototype keys', good.replace('"escalations":', '"constructor": {"prototype": {"polluted": true}}, "escalations":'), /constructor/],
      ['empty', '', /empty/],
    ];
    const before = await b.dump();
    for (const [name, text, reason] of files) {
      for (const type of ['backup.preview', 'backup.import']) {
        const answer = await b.call({ type, text }, pageSender('/options.html'));
        expect(answer, `${type} of a ${name} file`).toMatchObject({ ok: false, error: { code: 'invalid-import' } });
        if (!answer.ok) expect(answer.error.message, name).toMatch(reason);
      }
    }
    expect(await b.dump()).toBe(before);
    expect(({} as { polluted?: unknown; isAdmin?: unknown }).polluted).toBeUndefined();
    expect(({} as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    // The good file still imports: the refusals were about the files.
    expect(await b.call({ type: 'backup.import', text: good }, pageSender('/options.html'))).toMatchObject({ ok: true });
  });
});
