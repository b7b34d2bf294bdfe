// The extension page's side of moving a backup in parts (BACKUP_PART_CHARS, core/constants.ts): one runtime message
// carries at most 64 MiB, so the background hands an export out part by part, and a large file is uploaded part by
// part before its preview and import name the upload.
import { BACKUP_PART_CHARS } from '../../core/constants';
import type { BackupSummary } from '../../core/store/backup';
import type { Send } from '../messaging';

export type TransferResult<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly message: string };

/** Asks the background to prepare an export and fetches every part of the file, in order. */
export async function fetchExport(send: Send): Promise<TransferResult<{ parts: string[]; chars: number; summary: BackupSummary }>> {
  const answer = await send<{ exportId: string; parts: number; chars: number; summary: BackupSummary }>({ type: 'backup.export' });
  if (!answer.ok) return { ok: false, message: answer.error.message };
  const { exportId, parts, chars, summary } = answer.data;
  const texts: string[] = [];
  for (let part = 0; part < parts; part++) {
    const piece = await send<{ text: string }>({ type: 'backup.exportPart', exportId, part });
    if (!piece.ok) return { ok: false, message: piece.error.message };
    texts.push(piece.data.text);
  }
  return { ok: true, data: { parts: texts, chars, summary } };
}

/** Sends the file's text to the background in order, in parts of `size` characters, under `uploadId`. */
export async function uploadInParts(send: Send, text: string, uploadId: string, size = BACKUP_PART_CHARS): Promise<TransferResult<null>> {
  const parts = Math.max(1, Math.ceil(text.length / size));
  for (let part = 0; part < parts; part++) {
    const answer = await send({ type: 'backup.upload', uploadId, part, parts, text: text.slice(part * size, (part + 1) * size) });
    if (!answer.ok) return { ok: false, message: answer.error.message };
  }
  return { ok: true, data: null };
}
