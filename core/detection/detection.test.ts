import { describe, expect, it } from 'vitest';
import { LANGUAGES, PHRASE_GROUPS, type CustomPhrases } from '../policy';
import type { TicketMessage } from '../schemas';
import { DETECTION_THRESHOLD, analyseText, detectEscalationRequest } from './index';
import { compileMatcher } from './matcher';
import { foldPatternSource } from './normalise';
import { BUILT_IN_PHRASES } from './phrases';

let seq = 0;
function msg(body: string, over: Partial<TicketMessage> = {}): TicketMessage {
  seq++;
  return {
    id: `m${seq}`,
    author: 'Robin Customer',
    authorRole: 'customer',
    visibility: 'public',
    body,
    createdAt: null,
    ...over,
  };
}
const agent = (body: string): TicketMessage => msg(body, { author: 'Alex Agent', authorRole: 'agent' });
const note = (body: string): TicketMessage => msg(body, { author: 'Alex Agent', authorRole: 'agent', visibility: 'internal' });
const noCustom = (): CustomPhrases => ({ en: [], de: [], fr: [], es: [] });

describe('detectEscalationRequest: which messages count', () => {
  it('returns nothing for an empty conversation', () => {
    expect(detectEscalationRequest([])).toEqual({ detected: false, confidence: 0, message: null, matched: [], groups: [], language: null });
  });

  it('ignores internal notes, even a customer-authored one', () => {
    const d = detectEscalationRequest([
      msg('The export fails with error 500.'),
      note('Customer wants to speak to a manager, escalate this!'),
      msg('Please escalate this to a manager.', { visibility: 'internal' }),
    ]);
    expect(d.detected).toBe(false);
  });

  it("ignores agents' public replies and system messages", () => {
    const d = detectEscalationRequest([
      msg('Hi, the invoice PDF is blank.'),
      agent('Sorry about that! Should I escalate this to my manager? This is unacceptable on our side.'),
      msg('Automated: ticket escalated to tier 2 and a lawyer was notified', { authorRole: 'system' }),
    ]);
    expect(d.detected).toBe(false);
    expect(d.message).toBeNull();
  });

  it('reports the customer message that triggered it, as the same object', () => {
    const trigger = msg('I want to speak to your supervisor now.');
    const d = detectEscalationRequest([msg('Hello, login fails.'), agent('Looking into it.'), trigger, agent('Noted.')]);
    expect(d.detected).toBe(true);
    expect(d.message).toBe(trigger);
    expect(d.groups).toEqual(['explicit']);
    expect(d.language).toBe('en');
  });
});

describe('detectEscalationRequest: newest weighted most', () => {
  it('prefers the newest of two requests', () => {
    const older = msg('Please escalate this ticket.');
    const newer = msg('I still want to talk to a manager about this.');
    const d = detectEscalationRequest([older, agent('We are on it.'), newer]);
    expect(d.message).toBe(newer);
  });

  it('gives an older request less confidence than the same request as the newest message', () => {
    const request = 'Please escalate this ticket.';
    const newest = detectEscalationRequest([msg('Login fails.'), msg(request)]);
    const older = detectEscalationRequest([msg(request), msg('Any news?'), msg('Hello?'), msg('Still nothing.')]);
    expect(newest.detected).toBe(true);
    expect(older.detected).toBe(true);
    expect(older.confidence).toBeLessThan(newest.confidence);
  });

  it('orders by createdAt when every message has one', () => {
    const early = msg('Get me your manager.', { createdAt: '2026-11-20T09:00:00Z' });
    const late = msg('Please escalate, we are losing orders.', { createdAt: '2026-11-26T09:00:00Z' });
    // Given newest first (some helpdesk APIs do): the later one is still preferred.
    const d = detectEscalationRequest([late, early]);
    expect(d.message).toBe(late);
  });

  it('drops older requests once a newer message withdraws them', () => {
    const d = detectEscalationRequest([
      msg('I want to speak to a manager about this outage.'),
      agent('We found the cause and deployed a fix.'),
      msg('Thanks, it works again. No need to escalate anymore.'),
    ]);
    expect(d.detected).toBe(false);
  });

  it('counts several unanswered customer messages in a row as repetition', () => {
    const d = detectEscalationRequest([msg('Login fails.'), msg('Hello?'), msg('Anyone there?')]);
    expect(d.groups).toContain('repetition');
    expect(d.detected).toBe(false);
    expect(d.matched).toEqual([]);
    const answered = detectEscalationRequest([msg('Login fails.'), msg('Hello?'), agent('Here!'), msg('Anyone there?')]);
    expect(answered.groups).not.toContain('repetition');
  });
});

describe('quoted e-mail history is not the customer speaking now', () => {
  const cases: [string, string][] = [
    ['"> " lines', 'Thanks, that fixed it.\n> I want to speak to a manager!\n> Escalate this now.'],
    ['"On … wrote:"', 'All good now, thanks!\n\nOn Tue, 24 Nov 2026 at 09:12, Dana Fox <dana@example.com> wrote:\nI demand a supervisor.'],
    ['a wrapped "On … wrote:"', 'Sorted, cheers.\n\nOn Tue, 24 Nov 2026 at 09:12, Dana Fox <\ndana@example.com> wrote:\nEscalate this immediately.'],
    ['"Am … schrieb …:"', 'Danke, erledigt.\n\nAm 24.11.2026 um 09:15 schrieb Jonas Weber <jonas@example.de>:\nIch will mit Ihrem Vorgesetzten sprechen.'],
    ['"Le … a écrit :"', "Merci, c'est bon.\n\nLe mar. 24 nov. 2026 à 10:02, Claire Martin <claire@example.fr> a écrit :\nJe veux parler à votre responsable."],
    ['"El … escribió:"', 'Gracias, ya funciona.\n\nEl lun, 23 nov 2026 a las 18:40, Lucía Gómez (<lucia@example.es>) escribió:\nQuiero hablar con un supervisor.'],
    ['"-----Original Message-----"', 'Works now.\n\n-----Original Message-----\nPlease escalate this to management.'],
    ['"-----Ursprüngliche Nachricht-----"', 'Passt.\n\n-----Ursprüngliche Nachricht-----\nBitte eskalieren Sie das.'],
    ['an Outlook header block', 'Fine now.\n\n________________________________\nFrom: Sam Lee <sam@example.com>\nSent: Monday, 23 November 2026 10:00\nTo: Support\nSubject: RE: outage\n\nGet me your manager.'],
    ['a forwarded message', 'FYI, solved.\n\n---------- Forwarded message ---------\nI want to file a formal complaint.'],
  ];
  it.each(cases)('strips %s', (_name, body) => {
    const d = detectEscalationRequest([msg(body)]);
    expect(d.detected).toBe(false);
  });

  it('still sees a new request written above the quoted history', () => {
    const d = detectEscalationRequest([msg('That did not help. Please escalate.\n\nOn Mon, 23 Nov 2026, Support <help@acme.test> wrote:\n> Have you tried restarting?')]);
    expect(d.detected).toBe(true);
    expect(d.matched).toEqual(['escalate']);
  });

  it('keeps the customer lines of an inline reply', () => {
    const d = detectEscalationRequest([msg('> Have you tried clearing the cache?\nYes, three times. Let me talk to your supervisor.\n> Which browser?\nChrome.')]);
    expect(d.detected).toBe(true);
  });
});

describe('negation', () => {
  const negated = [
    'No need to escalate, I found it.',
    "I don't want to speak to a manager, just fix the link.",
    'I do not need a supervisor for this.',
    'Please do not escalate this.',
    'Thanks for escalating, all good now.',
    'Escalation is not necessary, we can wait.',
    'Kein Manager nötig, danke.',
    'Bitte nicht eskalieren.',
    'Eine Eskalation ist nicht nötig.',
    'Eskalieren Sie das bitte nicht.',
    "Pas besoin d'escalader.",
    'Je ne veux pas parler à un responsable.',
    "Inutile d'escalader, merci.",
    'No hace falta escalar el caso.',
    'No quiero hablar con un gerente.',
    'No es necesario escalarlo.',
    "I'd like to avoid escalating this, can we sort it today?",
    'Ich möchte eine Eskalation vermeiden.',
    "J'aimerais éviter d'escalader.",
    'Quisiera evitar escalar el caso.',
    "I'm going to escalate this internally on our side, can you send the logs?",
  ];
  it.each(negated)('does not fire on %j', (text) => {
    const a = analyseText(text);
    expect(a.detected).toBe(false);
    expect(a.groups).not.toContain('explicit');
  });

  it('reports a negated phrase separately, never as matched', () => {
    const a = analyseText('No need to escalate this.');
    expect(a.matched).toEqual([]);
    expect(a.negated).toEqual(['escalate']);
  });

  it('does not treat unrelated negations or complaints as negation', () => {
    for (const text of [
      "If this isn't fixed today I want to speak to a manager.",
      'This is not acceptable, escalate it.',
      'Why has this not been escalated yet?',
      "Why don't you escalate this?",
      'Still not escalated. Escalate it now.',
      'Warum wurde das noch nicht eskaliert?',
      '¿No pueden escalar esto?',
      "I'm not happy. Get me your manager.",
      "Why don't you just escalate this, is that so hard?",
      'Kannst du mich mit deinem Chef verbinden?',
    ]) {
      expect(analyseText(text).groups, text).toContain('explicit');
    }
  });
});

describe('matching', () => {
  it('is accent- and case-insensitive and reports the words as written', () => {
    expect(analyseText('Je veux parler à votre SUPÉRIEUR').matched).toEqual(['veux parler à votre SUPÉRIEUR']);
    // Shouted, the whole capitalised run is reported (the phrase lies inside it).
    expect(analyseText('JE VEUX PARLER À VOTRE SUPÉRIEUR').matched).toEqual(['JE VEUX PARLER À VOTRE SUPÉRIEUR']);
    expect(analyseText('je veux parler a votre superieur').detected).toBe(true);
    expect(analyseText('Ich moechte mit Ihrem Vorgesetzten sprechen').detected).toBe(true);
    expect(analyseText('ich möchte mit ihrem VORGESETZTEN sprechen').detected).toBe(true);
    expect(analyseText('Quiero hablar con la DIRECCIÓN').detected).toBe(true);
    expect(analyseText('Quiero hablar con la direccion').detected).toBe(true);
  });

  it('matches whole words only', () => {
    for (const text of [
      'The managerial overview is slow.',
      'The escalator repair kit arrived.',
      'De-escalate the alert level in the settings, please.',
      'Our supervisors tab is empty.',
      'La escalera mecánica no funciona.',
      'Die Rolltreppe ist kaputt.',
    ]) {
      expect(analyseText(text).groups, text).not.toContain('explicit');
    }
  });

  it('does not take the product role or the customer’s own manager for a request', () => {
    for (const text of [
      'My manager asked me to write to you.',
      "The manager role in your app doesn't work.",
      'I need the manager permissions for Joe.',
      'Ich bin der Manager unseres Teams.',
      'Mon responsable m’a demandé de vous écrire.',
      'Mi jefe me pidió que les escribiera.',
      'Necesito dar acceso de supervisor a Ana.',
      'Another agent told me last week that the fix was coming.',
      'Please pass my thanks on to your superiors, great job.',
      'Ich habe schon einen anderen Mitarbeiter gefragt, der wusste es auch nicht.',
      "Un autre conseiller m'a dit que c'était réglé.",
      'Nuestro director financiero necesita las facturas.',
    ]) {
      expect(analyseText(text).detected, text).toBe(false);
    }
  });

  it('never returns text beyond the matched phrases', () => {
    const body = 'Hello team. I have waited for weeks now and honestly, I want to speak to a manager about invoice 4471. Thanks, Robin';
    const d = detectEscalationRequest([msg(body)]);
    expect(d.matched).toEqual(['waited for weeks', 'want to speak to a manager']);
    for (const m of d.matched) expect(body).toContain(m);
    expect(d.matched.join(' ')).not.toContain('4471');
  });

  it('recognises shouting and "!!!" as sentiment', () => {
    const a = analyseText('WHY IS THE EXPORT STILL BROKEN!!!');
    expect(a.groups).toContain('sentiment');
    expect(a.matched).toContain('!!!');
    expect(a.matched.some((m) => m.startsWith('WHY IS THE EXPORT'))).toBe(true);
    expect(analyseText('The API returns 500 when SSO uses SAML.').groups).toEqual([]);
  });

  it('scores an explicit request higher than sentiment alone', () => {
    const explicit = analyseText('Please escalate this.');
    const angry = analyseText('THIS IS RIDICULOUS AND UNACCEPTABLE!!! Terrible, useless service, I am so frustrated.');
    expect(explicit.detected).toBe(true);
    expect(angry.detected).toBe(false);
    expect(angry.groups).toEqual(['sentiment']);
    expect(explicit.confidence).toBeGreaterThan(angry.confidence);
    expect(angry.confidence).toBeLessThan(DETECTION_THRESHOLD);
  });

  it('lets a request for a human or a threat fire alone, but not repetition or sentiment alone', () => {
    expect(analyseText('Can I talk to a real person?').detected).toBe(true);
    expect(analyseText('We will cancel our contract.').detected).toBe(true);
    expect(analyseText('Still waiting for an answer.').detected).toBe(false);
    expect(analyseText('This is urgent.').detected).toBe(false);
    expect(analyseText('Still not fixed, for the third time. This is unacceptable.').detected).toBe(true);
  });

  it('guesses the language', () => {
    expect(analyseText('I want to speak to your manager.').language).toBe('en');
    expect(analyseText('Ich will mit Ihrem Vorgesetzten sprechen.').language).toBe('de');
    expect(analyseText('Je veux parler à votre responsable.').language).toBe('fr');
    expect(analyseText('Quiero hablar con su supervisor.').language).toBe('es');
    expect(analyseText('!!!').language).toBeNull();
  });
});

describe('custom phrases', () => {
  it('adds an admin phrase, per language and group, to the built-ins', () => {
    const custom = noCustom();
    custom.en.push({ group: 'explicit', phrase: 'code red' });
    custom.de.push({ group: 'explicit', phrase: 'Chefsache' });
    expect(analyseText('This is a CODE RED for us.').detected).toBe(false);
    const d = detectEscalationRequest([msg('This is a CODE RED for us.')], custom);
    expect(d.detected).toBe(true);
    expect(d.matched).toEqual(['CODE RED']);
    expect(d.groups).toEqual(['explicit']);
    expect(detectEscalationRequest([msg('Das ist jetzt Chefsache.')], custom).detected).toBe(true);
    // Built-ins still work next to custom phrases.
    expect(detectEscalationRequest([msg('Please escalate.')], custom).detected).toBe(true);
  });

  it('matches custom phrases accent-, umlaut- and case-insensitively, on word boundaries, with negation', () => {
    const custom = noCustom();
    custom.de.push({ group: 'explicit', phrase: 'Geschäftsführung einschalten' });
    custom.fr.push({ group: 'human', phrase: 'un être humain' });
    expect(analyseText('Bitte GESCHAEFTSFUEHRUNG EINSCHALTEN', custom).detected).toBe(true);
    expect(analyseText('Bitte Geschäftsführung   einschalten', custom).detected).toBe(true);
    expect(analyseText('Bitte die Geschäftsführung nicht einschalten', custom).detected).toBe(false);
    expect(analyseText('Nicht die Geschäftsführung einschalten', custom).detected).toBe(false);
    expect(analyseText('Je veux un etre humain', custom).groups).toContain('human');
    custom.en.push({ group: 'explicit', phrase: 'red' });
    expect(analyseText('The button is redundant.', custom).detected).toBe(false);
  });

  it('treats custom phrases as text, never as regular expressions', () => {
    const custom = noCustom();
    custom.en.push({ group: 'explicit', phrase: '(a+)+$ now?' });
    custom.en.push({ group: 'explicit', phrase: 'tier-3 [urgent]' });
    expect(analyseText('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', custom).detected).toBe(false);
    expect(analyseText('We need (a+)+$ now? please', custom).detected).toBe(true);
    expect(analyseText('Send this to tier-3 [urgent].', custom).detected).toBe(true);
  });

  it('gives a custom sentiment phrase only sentiment weight', () => {
    const custom = noCustom();
    custom.es.push({ group: 'sentiment', phrase: 'qué desastre' });
    const a = analyseText('¡Qué desastre!', custom);
    expect(a.groups).toEqual(['sentiment']);
    expect(a.detected).toBe(false);
  });
});

describe('speed and safety', () => {
  const adversarial: Record<string, string> = {
    prose: 'please help me with the export of invoices and the manager role, it is slow. '.repeat(300),
    'repeated request verbs': 'I want to speak to '.repeat(1100),
    negations: "no not never don't n'est pas kein nicht sin no ".repeat(450),
    bangs: '!?'.repeat(10_000),
    'one long word': 'a'.repeat(20_000),
    shouting: 'THIS IS BAD '.repeat(1700),
    apostrophes: "n'".repeat(10_000),
    'a long header line': 'On ' + 'x '.repeat(9990) + 'wrote:',
    emoji: '😀 manager '.repeat(2000),
    'quoted lines': '> I want a manager\n'.repeat(1100),
    german: 'Ich möchte mit Ihrem nicht ohne kein mit dem der die das '.repeat(400),
  };
  it.each(Object.entries(adversarial))('reads a 20,000-character message without catastrophic backtracking (%s)', (_name, text) => {
    const body = text.slice(0, 20_000);
    analyseText('warm up: please escalate');
    const started = performance.now();
    const d = detectEscalationRequest([msg(body)]);
    const elapsed = performance.now() - started;
    expect(typeof d.detected).toBe('boolean');
    // Not a speed target (the benchmarks measure speed): typically 5-30 ms, and a cold regex compile under load can
    // take a second. Catastrophic backtracking on 20,000 characters would take minutes, far past this guard.
    expect(elapsed).toBeLessThan(10_000);
  });

  it('caps what it returns: matched phrases at 50 of at most 200 characters each', () => {
    const body = Array.from({ length: 80 }, (_, i) => `for the ${i + 2}th time`).join('. ');
    const d = detectEscalationRequest([msg(body)]);
    expect(d.matched.length).toBeLessThanOrEqual(50);
    for (const m of d.matched) expect(m.length).toBeLessThanOrEqual(200);
  });

  it('reads only the newest 25 customer messages', () => {
    const messages = [msg('I want to speak to a manager.'), ...Array.from({ length: 25 }, (_, i) => msg(`Update ${i}: the export still fails.`))];
    expect(detectEscalationRequest(messages).groups).not.toContain('explicit');
  });
});

describe('the phrase bank', () => {
  it('has phrases for every language and group', () => {
    for (const language of LANGUAGES) for (const group of PHRASE_GROUPS) expect(BUILT_IN_PHRASES[language][group].length, `${language}/${group}`).toBeGreaterThan(0);
  });

  it('uses no capturing groups and compiles phrase by phrase', () => {
    for (const language of LANGUAGES) {
      for (const group of PHRASE_GROUPS) {
        for (const spec of BUILT_IN_PHRASES[language][group]) {
          const source = foldPatternSource(typeof spec === 'string' ? spec : spec[0]);
          const probe = new RegExp(`(?:${source})|`, 'u').exec('');
          expect(probe?.length, source).toBe(1);
        }
      }
    }
  });

  it('compiles into regular expressions small enough for V8 to optimise', () => {
    const matcher = compileMatcher(null);
    expect(matcher.regexes.length).toBeGreaterThan(1);
    for (const { regex } of matcher.regexes) expect(regex.source.length).toBeLessThan(20_000);
    expect(matcher.regexes.reduce((n, r) => n + r.phrases.length, 0)).toBe(matcher.phrases.length);
  });
});
