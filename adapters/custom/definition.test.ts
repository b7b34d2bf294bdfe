import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFixture } from '../../test/fixtures';
import { conservativeSelectorCheck, looksCatastrophic, selectorParses, validateCustomAdapterDefinition } from './definition';

const initech = () => JSON.parse(readFixture('custom', 'initech-definition.json')) as Record<string, any>;
const errorsOf = (input: unknown) => {
  const result = validateCustomAdapterDefinition(input);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
};

describe('validateCustomAdapterDefinition', () => {
  it('accepts the Initech definition', () => {
    const result = validateCustomAdapterDefinition(initech());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.definition.id).toBe('custom-initech');
  });

  it('names each broken field', () => {
    const input = initech();
    input.id = 'initech';
    input.selectors.subject = 'h1[';
    input.selectors.messageBody = '';
    delete input.selectors.status;
    input.matches = ['<all_urls>', 'https://acme.zendesk.com/*', '*://*/*'];
    const errors = errorsOf(input);
    const paths = errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['id', 'selectors.subject', 'selectors.messageBody', 'selectors.status', 'matches.0', 'matches.1', 'matches.2']));
    expect(errors.find((e) => e.path === 'selectors.subject')!.message).toBe('this is not a valid CSS selector');
    expect(errors.find((e) => e.path === 'matches.1')!.message).toBe('this host belongs to a built-in helpdesk adapter');
  });

  it.each([
    ['^https://help\\.initech\\.test/tickets/(', 'does not compile'],
    ['^https://help\\.initech\\.test/tickets/[A-Z]+-\\d+$', 'exactly one capturing group'],
    ['^https://help\\.initech\\.test/(tickets)/([A-Z]+-\\d+)$', 'exactly one capturing group'],
    ['^https://help\\.initech\\.test/tickets/((?:[A-Z]+)+-\\d+)$', 'can hang'],
    [`^https://help\\.initech\\.test/${'x'.repeat(300)}/(\\d+)$`, 'at most 300'],
  ])('rejects the ticket URL pattern %s', (pattern, message) => {
    const errors = errorsOf({ ...initech(), ticketUrlPattern: pattern });
    expect(errors).toEqual([expect.objectContaining({ path: 'ticketUrlPattern', message: expect.stringContaining(message) })]);
  });

  it('checks the examples against the pattern', () => {
    const input = initech();
    input.examples.tickets[0].ticketId = 'INI-9';
    input.examples.nonTickets.push('https://help.initech.test/tickets/INI-3');
    input.examples.tickets.push({ url: 'https://other.initech.test/tickets/INI-1', ticketId: 'INI-1' });
    expect(errorsOf(input)).toEqual([
      { path: 'examples.tickets.0.url', message: 'the pattern reads another ticket id from this URL' },
      { path: 'examples.tickets.2.url', message: 'the match patterns and ticket URL pattern do not claim this URL' },
      { path: 'examples.nonTickets.3', message: 'the pattern claims this URL as a ticket' },
    ]);
  });

  it('rejects non-objects and unknown priority levels without throwing', () => {
    expect(validateCustomAdapterDefinition(null).ok).toBe(false);
    expect(errorsOf({ ...initech(), priorityMap: { P1: 'blocker' } })[0]!.path).toBe('priorityMap.P1');
  });
});

describe('selector syntax check', () => {
  afterEach(() => vi.unstubAllGlobals());
  const valid = ['main.ticket h1', '[data-id="x y"]', 'ol > li.post:not(.internal)', 'a[href^="mailto:"]', 'li:nth-child(2n+1)', '#a\\.b'];
  const invalid = ['h1[', 'a > > b', ')', 'div {color:red}', 'a,', '> a', '"unclosed', 'a:not(b'];

  it('uses the DOM parser when a DOM exists', () => {
    for (const s of valid) expect(selectorParses(s), s).toBe(true);
    for (const s of invalid) expect(selectorParses(s), s).toBe(false);
  });

  it('falls back to the conservative check without a DOM (service worker)', () => {
    vi.stubGlobal('document', undefined);
    for (const s of valid) expect(selectorParses(s), s).toBe(true);
    for (const s of invalid) expect(selectorParses(s), s).toBe(false);
    expect(conservativeSelectorCheck('a\u0000b')).toBe(false);
  });
});

describe('catastrophic pattern heuristic', () => {
  it.each(['(a+)+', '(\\w*)*', '(a|ab)*', '((x+)y)*', '([a-z]{2,3})+', '(.*)+$', '(a)\\1'])('flags %s', (p) => expect(looksCatastrophic(p)).toBe(true));
  it.each(['^https://x\\.test/tickets/(\\d+)$', '(?:[a-z]+/)?(\\d+)', '[(+)]+(\\d+)', '(\\d+)(?:/[a-z-]+)?$', '(?:ab){1,1}(x)'])('passes %s', (p) =>
    expect(looksCatastrophic(p)).toBe(false),
  );
});

describe('malformed input', () => {
  it.each([[{}], [{ examples: 'x', ticketUrlPattern: 5 }], [{ ...JSON.parse(readFixture('custom', 'initech-definition.json')), matches: 'x', examples: { tickets: 'y', nonTickets: 1 } }], ['text'], [[1, 2]]])(
    'returns errors, never throws: %j',
    (input) => {
      const result = validateCustomAdapterDefinition(input);
      expect(result.ok).toBe(false);
    },
  );
});
