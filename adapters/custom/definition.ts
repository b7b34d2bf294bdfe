// An admin's description of a helpdesk we do not support: URL patterns and selectors, validated field by field.
// Used by the background and the options page only (zod); the content script runs the already-validated
// definition through runtime.ts, which imports the type alone.
import { z } from 'zod';
import { PriorityLevel } from '../../core/schemas';
import { ADAPTER_REGISTRY } from '../registry';
import { createCustomAdapter } from './runtime';

const MAX_SELECTOR = 300;
const MAX_PATTERN = 300;

/**
 * Does a CSS selector parse? With a DOM (options page, tests) the browser's own parser decides
 * (`createDocumentFragment().querySelector` throws a SyntaxError on invalid selectors). Without one (the
 * background service worker) a conservative check runs instead: printable characters only, no braces, semicolons
 * or angle brackets outside quotes, brackets/parentheses/quotes balanced, no leading/trailing/double combinator.
 * The conservative check can accept a selector the browser would refuse; the runtime treats such a selector as
 * "no match" (safeQuery), so the worst case is a field-missing problem, never a throw into the page.
 */
export function selectorParses(selector: string): boolean {
  if (typeof document !== 'undefined' && typeof document.createDocumentFragment === 'function') {
    try {
      document.createDocumentFragment().querySelector(selector);
      return true;
    } catch {
      return false;
    }
  }
  return conservativeSelectorCheck(selector);
}

export function conservativeSelectorCheck(selector: string): boolean {
  const s = selector.trim();
  if (s === '' || /[\u0000-\u001f\u007f]/.test(s)) return false;
  if (/^[>+~,]|[>+~,]$/.test(s) || /[>+~,]\s*[>+~,]/.test(s.replace(/"[^"]*"|'[^']*'/g, '""'))) return false;
  const stack: string[] = [];
  let quote: string | null = null;
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i]!;
    if (c === '\\') {
      i += 1;
      continue;
    }
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') stack.push(c);
    else if (c === ']' || c === ')') {
      if (stack.pop() !== (c === ']' ? '[' : '(')) return false;
    } else if ('{};<'.includes(c)) return false;
  }
  return quote === null && stack.length === 0;
}

/** Number of capturing groups of a compiled pattern (an empty alternative makes it match "" and show them all). */
function captureGroups(source: string): number {
  return new RegExp(`${source}|`).exec('')!.length - 1;
}

/**
 * Looks for the shapes that backtrack catastrophically: a repeated group (`+`, `*`, `{n,}`, `{n,m}` with m > 1)
 * whose body itself repeats or alternates, e.g. `(a+)+`, `(\w*)*`, `(a|ab)*`, `((x+)y)*`; and backreferences.
 */
export function looksCatastrophic(source: string): boolean {
  if (/\\[1-9]|\\k</.test(source)) return true;
  const groups: { risky: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i]!;
    if (c === '\\') {
      i += 1;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') groups.push({ risky: false });
    else if (c === ')') {
      const group = groups.pop();
      if (!group) return true;
      const repeated = /^(?:[+*]|\{\d+,\d*\})/.exec(source.slice(i + 1));
      const bounded = repeated && /^\{(\d+),(\d+)\}$/.exec(repeated[0]);
      if (repeated && group.risky && !(bounded && Number(bounded[2]) <= 1)) return true;
      if (group.risky || repeated) {
        const parent = groups.at(-1);
        if (parent) parent.risky = true;
      }
    } else if ('+*|'.includes(c) || (c === '{' && /^\{\d+,\d*\}/.test(source.slice(i)))) {
      const top = groups.at(-1);
      if (top) top.risky = true;
    }
  }
  return false;
}

const selector = z
  .string()
  .trim()
  .min(1, 'a selector is required')
  .max(MAX_SELECTOR, `a selector has at most ${MAX_SELECTOR} characters`)
  .refine(selectorParses, 'this is not a valid CSS selector');

const BUILT_IN_HOSTS = ADAPTER_REGISTRY.flatMap((entry) => entry.matches.map((m) => ({ label: entry.label, host: /^[a-z*]+:\/\/([^/]+)\//.exec(m)![1]! })));

function builtInOwner(pattern: string): string | null {
  const host = /^https?:\/\/([^/]+)\//.exec(pattern)?.[1]?.replace(/^\*\./, '').replace(/:\d+$/, '');
  if (!host) return null;
  for (const entry of BUILT_IN_HOSTS) {
    const builtIn = entry.host.replace(/^\*\./, '');
    if (host === builtIn || host.endsWith(`.${builtIn}`)) return entry.label;
  }
  return null;
}

/** A match pattern for one host (optionally `*.` subdomains), http(s) only: never all URLs. */
const matchPattern = z
  .string()
  .trim()
  .max(200)
  .regex(
    /^https?:\/\/(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}(?::\d{1,5})?\/[^\s]*$/,
    'a match pattern looks like https://help.example.com/* (one host, optionally *.example.com)',
  )
  .refine((pattern) => builtInOwner(pattern) === null, {
    message: 'this host belongs to a built-in helpdesk adapter',
  });

/** What is wrong with a ticket URL pattern (empty when it is usable). */
export function ticketUrlPatternProblems(source: string): string[] {
  if (source.length > MAX_PATTERN) return [`a ticket URL pattern has at most ${MAX_PATTERN} characters`];
  try {
    new RegExp(source);
  } catch {
    return ['this regular expression does not compile'];
  }
  const problems: string[] = [];
  const groups = captureGroups(source);
  if (groups !== 1) problems.push(`it needs exactly one capturing group (the ticket id); it has ${groups}. Use (?:...) for other groups`);
  if (looksCatastrophic(source)) problems.push('a repeated group repeats or alternates inside (like (a+)+): it can hang on long URLs');
  return problems;
}

const ticketUrlPattern = z
  .string()
  .min(1, 'a ticket URL pattern is required')
  .superRefine((source, ctx) => {
    for (const message of ticketUrlPatternProblems(source)) ctx.addIssue({ code: 'custom', message });
  });

export const CustomAdapterDefinition = z
  .object({
    id: z
      .string()
      .regex(/^custom-[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/, 'the id is custom-<slug> (lower-case letters, digits and dashes)'),
    label: z.string().trim().min(1, 'a name is required').max(80),
    matches: z.array(matchPattern).min(1, 'at least one match pattern is required').max(10),
    /** Tested against the page's full URL; its one capturing group is the ticket id. */
    ticketUrlPattern,
    selectors: z.object({
      subject: selector,
      requesterName: selector,
      requesterEmail: selector.optional(),
      status: selector,
      priority: selector,
      assignee: selector.optional(),
      /** Each match is one tag. */
      tags: selector.optional(),
      /** One element per message; the message selectors below are searched inside it. */
      messageItem: selector,
      messageBody: selector,
      messageAuthor: selector,
      /** The message item matches this, or contains an element that does: the customer wrote it (else an agent). */
      customerMessage: selector,
      /** A `datetime`/`title` attribute or text holding the message's time. */
      messageTime: selector.optional(),
      /** The message item matches this, or contains an element that does: an internal note (else public). */
      internalMessage: selector.optional(),
      mountAnchor: selector,
      /** Without it the adapter cannot insert reply text. */
      replyEditor: selector.optional(),
    }),
    /** The helpdesk's priority values (case-insensitive) onto our levels. */
    priorityMap: z.record(z.string().trim().min(1).max(100), PriorityLevel).optional(),
    /** URLs to check the pattern against: each ticket URL must give its id, each other URL none. */
    examples: z
      .object({
        tickets: z.array(z.object({ url: z.url({ protocol: /^https?$/ }).max(2048), ticketId: z.string().max(128) })).max(20),
        nonTickets: z.array(z.url({ protocol: /^https?$/ }).max(2048)).max(20),
      })
      .optional(),
  })
  .superRefine((definition, ctx) => {
    try {
      // Zod runs this even when fields failed: only check examples against a usable pattern and match patterns.
      if (!definition.examples || typeof definition.ticketUrlPattern !== 'string' || ticketUrlPatternProblems(definition.ticketUrlPattern).length > 0) return;
      if (!Array.isArray(definition.matches) || !definition.matches.every((pattern) => matchPattern.safeParse(pattern).success)) return;
      const adapter = createCustomAdapter(definition);
      const parse = (url: string): string | null | undefined => {
        try {
          return adapter.parseTicketUrl(new URL(url));
        } catch {
          return undefined; // an invalid example URL has its own issue
        }
      };
      definition.examples.tickets.forEach((example, i) => {
        const id = parse(example.url);
        if (id !== undefined && id !== example.ticketId) {
          ctx.addIssue({
            code: 'custom',
            path: ['examples', 'tickets', i, 'url'],
            message: id === null ? 'the match patterns and ticket URL pattern do not claim this URL' : 'the pattern reads another ticket id from this URL',
          });
        }
      });
      definition.examples.nonTickets.forEach((url, i) => {
        const id = parse(url);
        if (id !== undefined && id !== null) {
          ctx.addIssue({ code: 'custom', path: ['examples', 'nonTickets', i], message: 'the pattern claims this URL as a ticket' });
        }
      });
    } catch {
      // a malformed part (not an array, not a string) already has its own issue
    }
  });
export type CustomAdapterDefinition = z.infer<typeof CustomAdapterDefinition>;

export type CustomAdapterValidation =
  | { readonly ok: true; readonly definition: CustomAdapterDefinition }
  | { readonly ok: false; readonly errors: ReadonlyArray<{ readonly path: string; readonly message: string }> };

/** Validates an admin's definition; errors name the field (`selectors.subject`, `matches.0`) for the form. */
export function validateCustomAdapterDefinition(input: unknown): CustomAdapterValidation {
  const result = CustomAdapterDefinition.safeParse(input);
  if (result.success) return { ok: true, definition: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  };
}
