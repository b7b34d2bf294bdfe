import { describe, expect, it } from 'vitest';
import {
  ApiReadError,
  attrOf,
  collapse,
  cookieValue,
  cssString,
  escapeHtml,
  fieldHealth,
  firstMatch,
  getJson,
  guardRead,
  insertReplyText,
  isoTime,
  jsonInit,
  metaContent,
  missingField,
  onOwnOrCustomHost,
  pathOnly,
  priorityLevelOf,
  problem,
  retryAfterSeconds,
  safeQuery,
  sendWrite,
  textOf,
  textToHtml,
  valueOf,
} from './dom';
import { HelpdeskWriteError, type AdapterContext } from './types';

const doc = (html: string) => new DOMParser().parseFromString(html, 'text/html');

function ctxWith(fetchImpl: typeof fetch): AdapterContext {
  const d = doc('<p>x</p>');
  return {
    document: d,
    location: new URL('https://acme.example.com/'),
    fetch: fetchImpl,
    readPageGlobals: async () => ({}),
    now: () => new Date('2026-11-03T10:00:00Z'),
  };
}

describe('reading the DOM', () => {
  it('collapses whitespace and trims text', () => {
    const d = doc('<div id="a">  Hello \n\t  world&nbsp; </div>');
    expect(textOf(d.getElementById('a'))).toBe('Hello world');
    expect(textOf(null)).toBeNull();
    expect(collapse('  a  b ')).toBe('a b');
  });

  it('reads attributes and form values', () => {
    const d = doc('<input id="i" value=" Subject  line " data-x=" y ">');
    const input = d.getElementById('i');
    expect(attrOf(input, 'data-x')).toBe('y');
    expect(attrOf(input, 'missing')).toBeNull();
    expect(valueOf(input)).toBe('Subject line');
    expect(valueOf(null)).toBeNull();
  });

  it('finds the first selector that matches and ignores invalid selectors', () => {
    const d = doc('<b class="two">2</b><i class="three">3</i>');
    expect(firstMatch(d, ['.one', '[[bad', '.two', '.three'])?.selector).toBe('.two');
    expect(firstMatch(d, ['.none'])).toBeNull();
    expect(safeQuery(d, '[[bad')).toBeNull();
  });

  it('reads meta tags and cookies', () => {
    const d = doc('<head><meta name="csrf-token" content="tok-1"><meta name="other" content="x"></head>');
    expect(metaContent(d, 'csrf-token')).toBe('tok-1');
    expect(metaContent(d, 'absent')).toBeNull();
    d.cookie = 'hubspotapi-csrf=abc%3D';
    expect(cookieValue(d, 'hubspotapi-csrf')).toBe('abc=');
    expect(cookieValue(d, 'nope')).toBeNull();
  });

  it('quotes strings for attribute selectors', () => {
    const d = doc('<div data-id="SUP-301">x</div>');
    expect(d.querySelector(`[data-id=${cssString('SUP-301')}]`)).not.toBeNull();
    expect(cssString('a"b\\')).toBe('"a\\"b\\\\"');
  });
});

describe('health and problems', () => {
  it('builds health entries and problems without undefined keys', () => {
    expect(fieldHealth('subject', true, 'h1')).toEqual({ field: 'subject', ok: true, via: 'h1', source: 'dom' });
    expect(problem('not-a-ticket', 'no')).toEqual({ code: 'not-a-ticket', message: 'no' });
    const result = missingField('subject', 'h1.title', []);
    expect(result).toMatchObject({ ok: false, problem: { code: 'field-missing', field: 'subject', selector: 'h1.title' } });
  });

  it('turns thrown errors into problems without copying their messages', async () => {
    const secret = await guardRead(async () => {
      throw new Error('ticket text leaked');
    });
    expect(secret.ok).toBe(false);
    expect(JSON.stringify(secret)).not.toContain('leaked');
    const api = await guardRead(async () => {
      throw new ApiReadError('HTTP 500 reading /api/x', 500, '/api/x');
    });
    expect(api).toMatchObject({ ok: false, problem: { code: 'api-failed', selector: '/api/x' } });
  });
});

describe('times', () => {
  it.each([
    ['2026-11-03T10:15:00Z', '2026-11-03T10:15:00.000Z'],
    ['2026-11-03T12:15:00+02:00', '2026-11-03T10:15:00.000Z'],
    ['2026-11-03T10:15:00.000+0000', '2026-11-03T10:15:00.000Z'],
    ['2026-11-03 10:15:00', '2026-11-03T10:15:00.000Z'],
    ['1793700900000', '2026-11-03T10:15:00.000Z'],
  ])('parses %s', (raw, iso) => {
    expect(isoTime(raw)).toBe(iso);
  });

  it('rejects what it cannot read without guessing', () => {
    expect(isoTime('3 Nov')).toBeNull();
    expect(isoTime('yesterday')).toBeNull();
    expect(isoTime('')).toBeNull();
    expect(isoTime(null)).toBeNull();
    expect(isoTime(1793700900000)).toBe('2026-11-03T10:15:00.000Z');
  });
});

describe('priorities and notes', () => {
  it('maps raw priorities case-insensitively', () => {
    const table = { Low: 'low', Medium: 'normal', '3': 'high' } as const;
    expect(priorityLevelOf(' medium ', table)).toBe('normal');
    expect(priorityLevelOf(3, table)).toBe('high');
    expect(priorityLevelOf('P0', table)).toBeNull();
    expect(priorityLevelOf(null, table)).toBeNull();
  });

  it('escapes note text', () => {
    expect(escapeHtml(`<img src=x onerror="a">&'`)).toBe('&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;');
    expect(textToHtml('a<b>\n\nc')).toBe('<p>a&lt;b&gt;</p><p><br></p><p>c</p>');
  });
});

describe('same-origin API calls', () => {
  it('reads JSON with the session and reports failures by path only', async () => {
    let seen: RequestInit | undefined;
    const ok = ctxWith(async (_input, init) => {
      seen = init;
      return new Response('{"a":1}', { status: 200 });
    });
    expect(await getJson(ok, '/api/x')).toEqual({ a: 1 });
    expect(seen?.credentials).toBe('same-origin');
    const bad = ctxWith(async () => new Response('nope', { status: 404 }));
    await expect(getJson(bad, '/api/x?q=secret')).rejects.toMatchObject({ status: 404, path: '/api/x' });
    const garbled = ctxWith(async () => new Response('<html>ticket text', { status: 200 }));
    await expect(getJson(garbled, '/api/x')).rejects.toThrow(/unreadable JSON/);
    const down = ctxWith(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(getJson(down, '/api/x')).rejects.toMatchObject({ status: null });
  });

  it('classifies write failures', async () => {
    const answer = (status: number, headers: Record<string, string> = {}) =>
      ctxWith(async () => new Response(null, { status, headers }));
    const attempt = (ctx: AdapterContext) => sendWrite(ctx, '/api/w', jsonInit('PUT', { a: 1 }), 'set priority');
    await expect(attempt(answer(200))).resolves.toBeInstanceOf(Response);
    for (const [status, retryable] of [[401, false], [403, false], [422, false], [408, true], [500, true], [503, true]] as const) {
      const error = await attempt(answer(status)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HelpdeskWriteError);
      expect(error).toMatchObject({ status, retryable });
    }
    await expect(attempt(answer(429, { 'retry-after': '7' }))).rejects.toMatchObject({ retryable: true, retryAfterSeconds: 7 });
    const down = ctxWith(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(attempt(down)).rejects.toMatchObject({ status: null, retryable: true });
  });

  it('reads Retry-After as seconds or a date', () => {
    const now = new Date('2026-11-03T10:00:00Z');
    expect(retryAfterSeconds('12', now)).toBe(12);
    expect(retryAfterSeconds('Tue, 03 Nov 2026 10:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds(null, now)).toBeNull();
    expect(retryAfterSeconds('soon', now)).toBeNull();
  });

  it('sends JSON with its content type', () => {
    const init = jsonInit('POST', { x: 1 }, { 'x-csrf-token': 't' });
    expect(init.headers).toMatchObject({ 'content-type': 'application/json', 'x-csrf-token': 't' });
    expect(init.body).toBe('{"x":1}');
    expect(pathOnly('/a/b?c=d#e')).toBe('/a/b');
  });
});

describe('hosts', () => {
  it('accepts own hosts and custom domains, rejects other built-in helpdesks', () => {
    const zendesk = ['.zendesk.com'];
    expect(onOwnOrCustomHost(new URL('https://acme.zendesk.com/x'), zendesk)).toBe(true);
    expect(onOwnOrCustomHost(new URL('https://support.acme.test/x'), zendesk)).toBe(true);
    expect(onOwnOrCustomHost(new URL('https://acme.freshdesk.com/x'), zendesk)).toBe(false);
    expect(onOwnOrCustomHost(new URL('https://desk.zoho.eu/x'), zendesk)).toBe(false);
    expect(onOwnOrCustomHost(new URL('https://app.hubspot.com/x'), zendesk)).toBe(false);
  });
});

describe('insertReplyText', () => {
  it('appends escaped text to a contenteditable editor and fires input, never submitting', () => {
    const d = doc('<form><div class="ed" contenteditable="true"></div><button type="submit">Send</button></form>');
    let submitted = false;
    let inputs = 0;
    d.querySelector('form')!.addEventListener('submit', () => (submitted = true));
    d.querySelector('.ed')!.addEventListener('input', () => inputs++);
    const result = insertReplyText(d, d, ['.missing', '.ed'], 'Hello <b>there</b>\n\nBye');
    expect(result).toEqual({ ok: true });
    const editor = d.querySelector('.ed')!;
    expect(editor.querySelector('b')).toBeNull();
    expect(Array.from(editor.querySelectorAll('p')).map((p) => p.textContent)).toEqual(['Hello <b>there</b>', '', 'Bye']);
    expect(inputs).toBe(1);
    expect(submitted).toBe(false);
  });

  it('keeps a draft already in the editor', () => {
    const d = doc('<div class="ed" contenteditable="true"><p>Draft</p></div>');
    insertReplyText(d, d, ['.ed'], 'More');
    expect(textOf(d.querySelector('.ed'))).toBe('DraftMore');
  });

  it('fills a textarea', () => {
    const d = doc('<textarea class="ed"></textarea>');
    expect(insertReplyText(d, d, ['.ed'], 'Hi')).toEqual({ ok: true });
    expect((d.querySelector('.ed') as HTMLTextAreaElement).value).toBe('Hi');
  });

  it('says why when there is no editor', () => {
    const d = doc('<p>no editor</p>');
    expect(insertReplyText(d, d, ['.ed'], 'Hi')).toMatchObject({ ok: false });
    expect(insertReplyText(d, null, ['.ed'], 'Hi')).toMatchObject({ ok: false });
  });
});

describe('fields and JSON', () => {
  it('reads a field with health naming the selector that produced it', async () => {
    const { readField, asRecord, asArray, asString, cap } = await import('./dom');
    const d = doc('<h1 class="b">  Title </h1><h2 class="empty"> </h2>');
    const health: import('./types').FieldHealth[] = [];
    expect(readField(d, 'subject', ['.a', '.b'], health)).toBe('Title');
    expect(readField(d, 'status', ['.empty', '.none'], health)).toBeNull();
    expect(readField(d, 'assignee', ['.x', '.y'], health)).toBeNull();
    expect(health).toEqual([
      { field: 'subject', ok: true, via: '.b', source: 'dom' },
      { field: 'status', ok: false, via: '.empty', source: 'dom' },
      { field: 'assignee', ok: false, via: '.x, .y', source: 'dom' },
    ]);
    expect(asRecord({ a: 1 })).toEqual({ a: 1 });
    expect(asRecord([1])).toBeNull();
    expect(asArray('x')).toEqual([]);
    expect(asString(4)).toBe('4');
    expect(asString('')).toBeNull();
    expect(cap('abcdef', 3)).toBe('abc');
  });
});

describe('isShown', () => {
  it('sees inline display:none and hidden on the element or its ancestors', async () => {
    const { isShown } = await import('./dom');
    const d = doc('<div id="a"><p id="p">x</p></div><div id="b" style="display: none;"><p id="q">y</p></div><p id="h" hidden>z</p>');
    expect(isShown(d.getElementById('p')!)).toBe(true);
    expect(isShown(d.getElementById('b')!)).toBe(false);
    expect(isShown(d.getElementById('q')!)).toBe(false);
    expect(isShown(d.getElementById('h')!)).toBe(false);
  });
});

describe('pagination links', () => {
  it('follows only same-origin next links', async () => {
    const { nextLinkPath } = await import('./dom');
    const origin = 'https://acme.freshdesk.com';
    expect(nextLinkPath(new Headers({ link: '<https://acme.freshdesk.com/api/v2/x?page=2>; rel="next"' }), origin)).toBe('/api/v2/x?page=2');
    expect(nextLinkPath(new Headers({ link: '<https://evil.test/api/v2/x?page=2>; rel="next"' }), origin)).toBeNull();
    expect(nextLinkPath(new Headers(), origin)).toBeNull();
  });
});

describe('capSnapshot', () => {
  it('caps texts and counts and drops e-mails the schema refuses', async () => {
    const { capSnapshot, emailOrNull } = await import('./dom');
    const { TicketSnapshot } = await import('../core/schemas');
    const message = { id: '1', author: 'a'.repeat(300), authorRole: 'customer' as const, visibility: 'public' as const, body: 'b'.repeat(30_000), createdAt: null };
    const capped = capSnapshot({
      ref: { site: 'zendesk', ticketId: '1', url: 'https://acme.zendesk.com/agent/tickets/1' },
      subject: 's'.repeat(2000),
      requester: { name: 'n'.repeat(300), email: 'user@localhost' },
      status: 'x'.repeat(150),
      priority: { raw: null, level: null },
      assignee: null,
      tags: Array.from({ length: 600 }, (_, i) => `t${i}`),
      messages: Array.from({ length: 2100 }, () => message),
      createdAt: null,
      currentAgent: { name: 'Avery', email: 'avery.agent@acme.test' },
      source: 'api',
      readAt: '2026-11-03T12:00:00.000Z',
    });
    expect(TicketSnapshot.safeParse(capped).success).toBe(true);
    expect(capped.messages).toHaveLength(2000);
    expect(capped.requester.email).toBeNull();
    expect(capped.currentAgent?.email).toBe('avery.agent@acme.test');
    expect(emailOrNull('mallory@evil.test')).toBe('mallory@evil.test');
  });
});
