// Fault suite, lines 6 and 7. Database upgrades from every earlier schema version, with data, are proved in
// core/store/migrations.test.ts (one case per older version, with rows, plus a convention test that a new version
// cannot be added without its case). Every way to spoil a backup file is refused by parseBackup with its reason in
// core/store/backup.test.ts. Here: the same files through the real background's import and preview, from the
// options page, with a full dump before and after, including the too-large and prototype-pollution cases.
import { describe, expect, it } from 'vitest';
import { MAX_BACKUP_CHARS } from '../../core/constants';
import { pageSender, startFaultBackground, tabSender } from './background';

describe('import of bad files through the background', () => {
  it('refuses malformed, truncated, foreign, too-large and hostile files with a reason, and changes nothing', async () => {
    const b = await startFaultBackground('import');
    await b.request();
    const good = await b.exportText();
    const files: Array<[string, string, RegExp]> = [
      ['malformed', '{"format": "escalation-desk-backup", ', /JSON|truncated/i],
      ['truncated', good.slice(0, Math.floor(good.length * 0.7)), /truncated/i],
      ['foreign', JSON.stringify({ format: 'other-crm-export', version: 3, data: [] }), /not an Escalation Desk backup/],
      ['too large', ' '.repeat(MAX_BACKUP_CHARS + 1), /200 MB/],
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

describe('a large file, in parts (one runtime message carries at most 64 MiB)', () => {
  it('exports in parts that join into the file, and imports it back from an upload in parts', async () => {
    const b = await startFaultBackground('import-parts', undefined, { backupPartChars: 1_000 });
    await b.request();
    await b.request();
    const before = await b.dump();
    const meta = await b.data<{ exportId: string; parts: number; summary: { escalations: number } }>({ type: 'backup.export' }, pageSender('/options.html'));
    expect(meta.parts).toBeGreaterThan(3);
    expect(meta.summary.escalations).toBe(2);
    const text = await b.exportText();
    expect(JSON.parse(text)).toMatchObject({ format: 'escalation-desk-backup', escalations: [{}, {}] });
    // An export's parts are handed out once: asking again after the last one says so.
    expect(await b.call({ type: 'backup.exportPart', exportId: meta.exportId, part: 0 }, pageSender('/options.html'))).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // And a part asked for twice before the last says it was handed out already; the others still come.
    const again = await b.data<{ exportId: string; parts: number }>({ type: 'backup.export' }, pageSender('/options.html'));
    expect(await b.call({ type: 'backup.exportPart', exportId: again.exportId, part: 0 }, pageSender('/options.html'))).toMatchObject({ ok: true });
    expect(await b.call({ type: 'backup.exportPart', exportId: again.exportId, part: 0 }, pageSender('/options.html'))).toMatchObject({ ok: false, error: { code: 'not-found', message: /already handed out/ } });
    expect(await b.call({ type: 'backup.exportPart', exportId: again.exportId, part: 1 }, pageSender('/options.html'))).toMatchObject({ ok: true });

    const parts = Math.ceil(text.length / 700);
    const send = (part: number, uploadId = 'up_parts0001') => b.call({ type: 'backup.upload', uploadId, part, parts, text: text.slice(part * 700, (part + 1) * 700) }, pageSender('/options.html'));
    // Incomplete: refused by preview and import, nothing changes.
    expect(await send(0)).toMatchObject({ ok: true, data: { received: 1 } });
    expect(await b.call({ type: 'backup.import', uploadId: 'up_parts0001' }, pageSender('/options.html'))).toMatchObject({ ok: false, error: { code: 'invalid-import', message: expect.stringMatching(/incomplete: 1 of/) } });
    // Out of order: refused, and the upload is dropped.
    expect(await send(2)).toMatchObject({ ok: false, error: { code: 'invalid-import', message: expect.stringMatching(/out of order/) } });
    expect(await b.call({ type: 'backup.preview', uploadId: 'up_parts0001' }, pageSender('/options.html'))).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // Neither or both of text and upload: refused.
    expect(await b.call({ type: 'backup.import' }, pageSender('/options.html'))).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    // From a helpdesk page: refused like every privileged message.
    expect(await b.call({ type: 'backup.upload', uploadId: 'up_parts0001', part: 0, parts, text: 'x' }, tabSender())).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await b.dump()).toBe(before);
    // In order and complete: previewed, then imported from the same upload.
    for (let part = 0; part < parts; part++) expect(await send(part, 'up_parts0002')).toMatchObject({ ok: true, data: { received: part + 1 } });
    expect(await b.call({ type: 'backup.preview', uploadId: 'up_parts0002' }, pageSender('/options.html'))).toMatchObject({ ok: true, data: { summary: { escalations: 2 } } });
    expect(await b.call({ type: 'backup.import', uploadId: 'up_parts0002' }, pageSender('/options.html'))).toMatchObject({ ok: true, data: { imported: { escalations: 2 } } });
    const withoutTime = (file: string) => ({ ...(JSON.parse(file) as object), exportedAt: null });
    expect(withoutTime(await b.exportText())).toEqual(withoutTime(text));
  });
});
