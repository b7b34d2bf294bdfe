// Quoted e-mail history: a customer's reply often carries the whole thread below it, including old requests that
// were already handled. Only what the customer wrote this time counts.
import { fold } from './normalise';

/** Lines longer than this are never treated as a reply header (a header is short; this also bounds the regexes). */
const MAX_HEADER_LINE = 600;

/** "-----Original Message-----" and its translations, with any number of dashes or none. */
const ORIGINAL_MESSAGE =
  /^[-_=*\s]*(?:original message|ursprungliche nachricht|originalnachricht|original-nachricht|message d'origine|message original|mensaje original|forwarded message|weitergeleitete nachricht|message transfere|mensaje reenviado)[-_=*\s]*$/;
const FORWARD_HEADER =
  /^(?:begin forwarded message|anfang der weitergeleiteten nachricht|debut du message reexpedie|inicio del mensaje reenviado)\s*:?\s*$/;

/** "On … wrote:", "Am … schrieb …:", "Le … a écrit :", "El … escribió:" (folded). */
const ATTRIBUTION: readonly RegExp[] = [
  /^on\s.{1,400}?\swrote\s*:?\s*$/,
  /^am\s.{1,400}?\sschrieb(?:\s.{0,300})?:\s*$/,
  /^.{1,300}?\sschrieb am\s.{1,300}?:\s*$/,
  /^le\s.{1,400}?\sa\s+ecrit\s*:\s*$/,
  /^el\s.{1,400}?\sescribio\s*:?\s*$/,
  /^.{0,300}<[^<>\s]{1,200}@[^<>\s]{1,200}>\)?\s*(?:wrote|schrieb|a ecrit|escribio)\s*:\s*$/,
];

/** Outlook-style header block: a "From:" line followed closely by "Sent:", "To:" or "Subject:". */
const HEADER_FROM = /^\*?(?:from|von|de|da)\s*:\*?\s*\S/;
const HEADER_FOLLOW = /^\*?(?:sent|date|to|cc|subject|gesendet|datum|an|betreff|envoye|objet|a|enviado(?: el)?|fecha|para|asunto)\s*:/;

function isAttribution(line: string, next: string | undefined): boolean {
  if (line.length > MAX_HEADER_LINE) return false;
  if (ATTRIBUTION.some((re) => re.test(line))) return true;
  // Mail clients wrap a long attribution over two lines ("On Tue, 24 Nov 2026 at 10:00, Jane Doe <" / "jane@… > wrote:").
  if (next !== undefined && next.length <= MAX_HEADER_LINE && /^(?:on|am|le|el)\s/.test(line)) {
    const joined = `${line} ${next}`;
    return ATTRIBUTION.some((re) => re.test(joined));
  }
  return false;
}

/**
 * Removes quoted history from a message body: lines starting with ">" are dropped, and everything from a reply
 * header ("On … wrote:", "Am … schrieb …:", "Le … a écrit :", "El … escribió:", "-----Original Message-----",
 * a forwarded-message banner or an Outlook "From: / Sent:" block) to the end is cut. The lines that remain are
 * returned unchanged.
 */
export function stripQuotedText(body: string): string {
  const lines = body.split(/\r\n|\r|\n/);
  const folded = lines.map((line) => (line.length > MAX_HEADER_LINE ? '' : fold(line)));
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*>/.test(line)) continue;
    const f = folded[i]!;
    if (f.length > 0) {
      if (ORIGINAL_MESSAGE.test(f) || FORWARD_HEADER.test(f)) break;
      if (isAttribution(f, folded[i + 1])) break;
      if (HEADER_FROM.test(f)) {
        const following = folded.slice(i + 1, i + 5);
        if (following.some((l) => HEADER_FOLLOW.test(l))) break;
      }
    }
    kept.push(line);
  }
  return kept.join('\n').trim();
}
