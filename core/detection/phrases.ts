// Built-in escalation-request phrases in English, German, French and Spanish, grouped as in
// research/helpdesks.md section 12: explicit requests (fire on their own), requests for a human, repetition,
// threats (legal, chargeback, churn, public) and negative sentiment.
//
// Every phrase is a regular-expression source over *folded* text (lower case, accents removed, whitespace collapsed
// to single spaces, see normalise.ts). Sources may be written with accents: `foldPatternSource` drops them and lets
// ä/ö/ü also match ae/oe/ue. Rules for sources, checked by a test:
//   - no capturing groups (use `(?:…)`): the matcher numbers one group per phrase;
//   - bounded quantifiers only over word spans (`SPAN(n)`), so no input can make a phrase backtrack badly;
//   - a phrase starts and ends at a word boundary (the matcher adds the boundaries).
import type { Language, PhraseGroup } from '../policy';

/** A phrase source, or a source with its own weight (else the group's default weight applies). */
export type PhraseSource = string | readonly [source: string, weight: number];

/**
 * How much one matched phrase of each group adds (noisy-OR within a message). Explicit requests fire on their own;
 * a request for a human or a threat fires alone at the detection threshold; repetition and sentiment only add up.
 */
export const GROUP_WEIGHTS: Readonly<Record<PhraseGroup, number>> = {
  explicit: 0.9,
  human: 0.55,
  threat: 0.5,
  repetition: 0.3,
  sentiment: 0.2,
};

/** The most a group can contribute to one message, however many of its phrases match. */
export const GROUP_CAPS: Readonly<Record<PhraseGroup, number>> = {
  explicit: 0.97,
  human: 0.75,
  threat: 0.8,
  repetition: 0.5,
  sentiment: 0.4,
};

/** Groups whose phrases a preceding "no need to", "don't want", "kein", "pas besoin", "no hace falta" cancels. */
export const NEGATABLE_GROUPS: ReadonlySet<PhraseGroup> = new Set<PhraseGroup>(['explicit', 'human', 'threat']);

// ---------------------------------------------------------------------------------------------------------------
// Building blocks

/** Words a free word span must not cross: negations, and "my/our" (the customer's own manager is not ours). */
const SPAN_STOP =
  "(?:not|never|no|nicht|kein\\p{L}*|nie|ohne|pas|ne|n'\\p{L}*|jamais|sans|nunca|ni|sin|without|don't|dont|doesn't|won't|my|our|mein\\p{L}*|unser\\p{L}*|mon|ma|mes|notre|nos|mi|mis|nuestr\\p{L}*|weitere\\p{L}*|zusätzliche\\p{L}*|neue[nmrs]?|additional|new|nuevo|nueva|otro|otra|nouveau|nouvelle|autre)(?![\\p{L}'])";
/** Up to `n` arbitrary words (each preceded by a space), none of them a negation or possessive. */
const SPAN = (n: number): string => `(?: (?!${SPAN_STOP})[\\p{L}'-]+){0,${n}}?`;

/** A role word used as a product feature ("manager role", "Manager-Konto", "rol de gerente") is no request. */
const ROLE_BEFORE =
  "(?<!(?:role|rolle|rol|perfil|profil|permission|permissions|permiso|permisos|berechtigung|cuenta|compte|konto|account|usuario|utilisateur|benutzer|user|acceso|acces|zugang|zugriff|droits) (?:de |des |du |d'|del |als |as |of )?)";
const ROLE_AFTER =
  "(?!'s(?![\\p{L}]))(?![- ](?:role|roles|account|accounts|permission|permissions|dashboard|view|seat|seats|license|licence|licenses|user|users|app|page|panel|portal|setting|settings|access|level|tab|menu|module|feature|field|report|reports|login|mode|rights|tool|tools|console|profile|rolle|rollen|konto|konten|berechtigung\\p{L}*|rechte|ansicht|zugang|lizenz\\p{L}*|modul|funktion|bereich|benutzer|rol|perfil|cuenta|permisos|acceso|vista|usuario|compte|acces|droits|profil|utilisateur|vue|tableau)(?![\\p{L}]))";

const BOSS_EN = `${ROLE_BEFORE}(?:account manager|customer success manager|csm|managers?|supervisors?|superiors?|boss|team ?lead(?:er)?|line manager|duty manager|directors?|ceo|head of (?:support|customer (?:service|support|success|care)|(?:the )?department)|management|leadership|someone (?:more )?senior|senior (?:manager|staff|person|member of (?:staff|the team)|support|agent|colleague|engineer)|someone in charge|person in charge|someone with (?:more |real |the )?(?:authority|power)|higher[- ]ups?)${ROLE_AFTER}`;
const DET_EN = '(?:(?:a|an|the|your|some|one of your|another|the responsible|the duty|your duty) )?';

const BOSS_DE = `${ROLE_BEFORE}(?:vorgesetzte[nrm]?|manager(?:in)?|teamleiter(?:in)?|teamleitung|abteilungsleiter(?:in)?|abteilungsleitung|bereichsleiter(?:in)?|chef(?:in)?|geschäftsführer(?:in)?|geschäftsführung|geschäftsleitung|leitung|supervisor(?:in)?|vorstand|führungskraft|führungsebene|leiter(?:in)? (?:des|der) (?:support\\p{L}*|kundenservice\\p{L}*|kundendienst\\p{L}*|abteilung)|verantwortliche[nr]?|jemand(?:en|em)? (?:mit (?:mehr |entsprechender )?(?:befugnis(?:sen)?|entscheidungsbefugnis|kompetenz(?:en)?)|höhere[ns]|aus der (?:leitung|führungsebene|geschäftsführung)|von (?:oben|der leitung)|verantwortliche[nms]?))${ROLE_AFTER}`;
const DET_DE = '(?:(?:ihr(?:em|en|er|e)?|dein(?:em|en|er|e)?|eine[nmr]?|de[nmr]|die|das|zum|zur|einem ihrer|einen ihrer|eine ihrer) )?';

const BOSS_FR = `${ROLE_BEFORE}(?:responsable(?! (?:de notre|de nos|de mon|de ma|de mes|du compte|informatique|it|technique|comptable|achats|des achats|de projet|du projet|commercial|commerciale|rh|qualité)(?![\\p{L}]))|responsables|(?<=(?:un|une|votre|vos|au|le|la|du|des|aux) )supérieur(?:e|s)?(?: hiérarchique)?|managers?|manageur|directeur|directrice|direction|chef(?: d'équipe| de service| du service)?|cheffe|superviseur|superviseuse|hiérarchie|n\\+1|quelqu'un (?:de plus (?:haut placé|haut|compétent|senior|gradé)|de la direction|qui a (?:plus )?d'autorité|avec (?:plus )?d'autorité|d'habilité|qui peut (?:vraiment |réellement )?(?:m'aider|décider|trancher))|personne (?:compétente|habilitée))${ROLE_AFTER}`;
const DET_FR = "(?:(?:un|une|le|la|les|votre|vos|un de vos|une de vos|au|aux|du|des) |l')?";

const BOSS_ES = `${ROLE_BEFORE}(?:gerentes?|supervisor(?:a|es|as)?|(?<=(?:un|su|sus|algún|al|a un|a su) )superior(?:es)?|jefe|jefa|jefes|encargad[oa]s?|responsable(?! (?:de (?:ti|it|compras|sistemas|nuestr[oa]s?|mi|mis|la cuenta|proyecto|informática))(?![\\p{L}]))|responsables|director(?:a|es)?|dirección|coordinador(?:a)?|gerencia|alguien (?:con (?:más |mayor )?(?:autoridad|poder de decisión|rango)|de más (?:alto )?(?:nivel|rango|arriba)|superior|de mayor (?:nivel|rango|jerarquía)|de la dirección|de la gerencia|que (?:realmente |de verdad )?(?:pueda|me pueda|nos pueda) ayudar(?:me|nos)?)|(?:un |el |al )?(?:nivel|mando) superior)${ROLE_AFTER}`;
const DET_ES = '(?:(?:el|la|un|una|su|sus|algún|alguna|los|las|al|del) )?';

// ---------------------------------------------------------------------------------------------------------------
// The phrases

type GroupPhrases = Readonly<Record<PhraseGroup, readonly PhraseSource[]>>;

const EN: GroupPhrases = {
  explicit: [
    `(?:speak|speaking|talk|talking|chat|chatting|discuss (?:this|it)|raise (?:this|it)|take (?:this|it)(?: up)?|bring (?:this|it)) (?:directly |urgently |immediately |now )?(?:to|with) ${DET_EN}${BOSS_EN}`,
    `(?:want|wanna|need|expect|demand|demanding|request|requesting|require|get|get me|give me|ask(?:ing)? for|insist on|insisting on|escalate (?:this|it|my (?:case|ticket|issue|complaint|request))(?: up)? to|pass (?:this|it|me|my (?:case|ticket)) (?:on |over |up )?to|forward (?:this|it|my (?:case|ticket|complaint)) to|put me (?:through )?to|connect me (?:to|with)|transfer me to|refer (?:this|me|it) to|hand (?:this|it|me) (?:over )?to|bring in|involve|loop in|call from|callback from|call back from|response from|reply from|answer from|hear from|contact from|see|let me (?:speak|talk) (?:to|with)|(?:can|could|may) i (?:please )?(?:speak|talk) (?:to|with)|(?:i'd|i would|we'd|we would) like(?: to (?:speak|talk) (?:to|with))?) (?:to (?:speak|talk|chat) (?:to|with) )?${DET_EN}${BOSS_EN}`,
    ["who(?:'s| is) (?:your|the) (?:manager|supervisor|boss|superior)", 0.85],
    [`(?:name|names|contact(?: details)?|details|e-?mail(?: address)?|(?:phone |direct )?number) (?:of|for) (?:your|the|a) ${BOSS_EN}`, 0.85],
    ['(?:your|a) (?:manager|supervisor|superior|boss|team ?lead(?:er)?)(?: (?:needs|has|have|should|must|ought) to| should| must| please)? (?:call|contact|phone|ring|email|e-mail|get back to|respond to|reply to|look at|review|look into) (?:me|us|this|my)', 0.85],
    '(?<!de-)escalat(?:e|es|ing)',
    ['(?<!de-)escalated', 0.8],
    ['(?<!de-)escalations?(?! (?:rules?|paths?|polic(?:y|ies)|matrix|workflows?|settings?|levels?|features?|module|chains?|templates?|triggers?|automations?)(?![\\p{L}]))', 0.75],
    ['(?:formal|official|written) complaint', 0.85],
    ['(?:make|file|lodge|raise|submit|register|open) (?:a |an )?(?:formal |official )?complaint', 0.8],
    ['complaints? (?:department|procedure|process|team)', 0.7],
    ['management attention|(?:attention|notice) of (?:your |the )?(?:management|manager|supervisor|ceo|director|leadership)', 0.85],
    ['(?:higher|next|more senior) (?:level|tier)(?: of)? support|(?:second|third|2nd|3rd) (?:level|line|tier) (?:support|team|engineers?)|tier (?:2|3|two|three) support|level (?:2|3|two|three) support|l[23] support', 0.7],
    ['someone (?:who|that) (?:can|could|will|is able to) (?:actually|really|finally) (?:help|fix|solve|do something|make (?:a )?decisions?|decide)', 0.6],
    ['chain of command|(?:higher )?up the chain', 0.7],
    ['(?:someone|somebody|anyone|anybody|a person|people) (?:above|over) (?:you|your head)|above your pay ?grade|over your head', 0.85],
    ['whoever (?:can|is able to|has the authority to|is allowed to) (?:authori[sz]e|approve|decide|sign (?:this )?off|make (?:that|this|the) decision)', 0.6],
    ['^(?:please )?(?:(?:a|your) )?(?:manager|supervisor|escalate|escalation)(?: (?:please|now|asap))?(?= ?[!?.]* ?$)', 0.85],
  ],
  human: [
    '(?:real|actual|live|living|human|proper|breathing) (?:persons?|humans?|human being|people|agent|representative|rep|operator|support agent|support person|employee|member of staff)',
    '(?:speak|speaking|talk|talking|chat|chatting) (?:to|with) (?:an? |some |one of your )?(?:humans?|representative|rep|operator|customer service (?:rep|representative|agent)|support agent|agent)',
    'human being',
    '(?:speak|talk|chat|speaking|talking) (?:to|with) (?:someone|somebody) else|(?:get|put|transfer|pass|connect) me (?:to|through to|with|on to) (?:someone|somebody) else|(?:want|need|get|give me|assign|request|ask(?:ing)? for|speak to|talk to|transfer me to|put me through to|connect me (?:to|with)) (?:another|a different) (?:agent|person|representative|rep|colleague)',
    '(?:want|need|demand|request|ask(?:ing)? for|get) (?:an? |some |to (?:speak|talk) to an? )?(?:humans?|human being)',
    ['(?:are you|is this|am i talking to|am i speaking to|am i chatting with|is this even) (?:a |an )?(?:bot|robot|ai|machine|real person|human|actual person)', 0.5],
    ['(?:no|stop|enough|sick of|tired of) (?:more )?(?:bots?|chatbots?|robots?|automated (?:replies|responses|messages|emails))', 0.5],
    ['(?:automated|canned|copy[- ]pasted?|templated?|generic|scripted|boilerplate) (?:replies|reply|responses?|answers?|messages?|emails?|e-mails?)', 0.4],
    ['(?:an? )?(?:human|personal) (?:response|reply|answer)', 0.5],
    '(?:get|put|connect|transfer|pass) me (?:to|with|through to|on to) (?:an? |some )?(?:person|human|someone|somebody|agent|representative|rep|operator)',
    "(?:someone|somebody|a person) (?:who|that) (?:is not|isn't|isnt|is no) (?:a |an )?(?:bot|robot|machine|ai)|(?:not|rather than) (?:to |with )(?:a |an |another )?(?:bot|robot|machine|chatbot)",
    '^(?:an? )?(?:agent|human|person|representative|operator|real person|live agent)(?: please| now)?(?= ?[!?.]* ?$)',
  ],
  repetition: [
    ["still (?:not|isn't|isnt|hasn't|hasnt|haven't|havent|doesn't|doesnt|don't|dont|can't|cant|no|nothing|nobody|waiting|broken|down|failing|unresolved|unanswered|open|an issue|happening|the same)", 0.35],
    ["(?:haven't|havent|have not|hasn't|hasnt|has not|didn't|didnt|did not|never) (?:yet )?(?:received|had|got|gotten|heard|seen)(?: back)?(?: any| a| an| one| a single)?(?: proper| real| meaningful| useful| actual)? ?(?:response|reply|answer|update|feedback|solution|word|fix|callback|call back)", 0.35],
    ['(?:no ?(?:one|body)) (?:has )?(?:got(?:ten)? back|replied|responded|answered|called|helped|is helping|has helped|cares|seems to care|bothered|is answering)', 0.35],
    '(?:no|zero|still no|no further) (?:response|reply|answer|update|feedback|word|progress|news)(?: yet| so far| at all| since| for| in| after| from you)',
    ['for the (?:second|third|fourth|fifth|sixth|nth|umpteenth|hundredth|\\d+(?:st|nd|rd|th)|last|final) time', 0.45],
    ["(?:this is|it's|its|this is now|now) (?:the|my) (?:second|third|fourth|fifth|\\d+(?:st|nd|rd|th)|umpteenth) (?:time|email|e-mail|message|ticket|request|attempt|call)", 0.45],
    ['(?:second|third|fourth|fifth|sixth|umpteenth) (?:time|email|e-mail|message|ticket|request|follow[- ]up|attempt|call|chat)', 0.4],
    ['not the first time', 0.4],
    ["(?:i've|i have|i|we've|we have|we) already (?:explained|told|said|sent|provided|asked|reported|described|given|written|answered|contacted|called|emailed|e-mailed|submitted|replied)", 0.35],
    ['(?:keep|keeps|kept) (?:asking|explaining|writing|telling|repeating|getting (?:the same|no|automated|canned)|closing|sending|chasing|reopening|having to)', 0.4],
    ['how many (?:more )?times', 0.4],
    '(?:again and again|over and over|time and again|yet again|same (?:issue|problem|error) again|(?:happened|happening|broken|down|failing|failed) again)',
    '(?:chasing|chase) (?:this|you|up|again|my|for)|following up (?:again|once more|for the)',
    '(?:waiting|waited) (?:for|since) (?:over |more than |almost |nearly )?(?:\\d+|two|three|four|five|six|several|many|a few)? ?(?:days|weeks|months)',
    '(?:days|weeks|months) (?:now|later|without|and (?:still )?no)',
    '(?:reopen(?:ed|ing)?|re-open(?:ed|ing)?) (?:my |this |the )?(?:ticket|case|issue|request)',
    ['(?:you )?closed (?:my|the|this) (?:ticket|case) (?:again|without)', 0.35],
    '(?:nothing|no progress) (?:has )?(?:happened|changed|been done)',
  ],
  threat: [
    ['(?:contact|contacting|call|calling|involve|involving|consult|consulting|speak to|speaking to|talk to|get|getting|hand (?:this|it) (?:over )?to|forward (?:this|it) to|pass (?:this|it) (?:on )?to|hear from|instruct|instructed|instructing|with) (?:my|our|a) (?:lawyers?|attorneys?|solicitors?|legal (?:team|department|counsel))', 0.6],
    ['lawyers?|attorneys?|solicitors?', 0.35],
    ['(?:take|taking|took|seek|seeking|get|getting|obtain|obtaining) legal (?:advice|counsel)|legal (?:action|steps|proceedings|recourse|measures)|take legal|take (?:you|this|your company) to court|see you in court|(?:in|to) court|small claims|lawsuit|sue (?:you|your company|your firm|them)|suing|class action', 0.6],
    ['ombudsman|regulators?|(?:gdpr|data protection|privacy) (?:complaint|authority|regulator|breach)|ftc|fcc|bbb|better business bureau|trading standards|consumer (?:protection|rights)|report (?:you|this|your company|your firm) to', 0.55],
    ['charge ?backs?|dispute (?:the|this|these|my|your) (?:charges?|payments?|transactions?|invoices?)|(?:dispute|reverse|reversal) (?:with|through) (?:my|the) (?:bank|card|credit card)|(?:contact|call|ask|tell) my (?:bank|credit card company|card issuer)', 0.6],
    "(?:i|we)(?:'ll| will| am going to|'m going to| are going to|'re going to| shall| intend to| plan to| have no choice but to| will have to|'ll have to| will be forced to) (?:\\p{L}+ ){0,2}?(?:cancel|terminate|end|leave|quit|close) (?:(?:our|my|the|your) )?(?:account|subscription|contract|plan|service|membership|relationship|business|partnership|you)",
    '(?:cancel|terminate|end)(?:ling|ing)? (?:our|my|the) (?:account|subscription|contract|plan|service|membership) (?:if|unless|immediately|today|now)',
    '(?:switch|switching|move|moving|go|going|migrate|migrating) (?:over )?to (?:a |another |one of your )?(?:competitors?|other (?:provider|vendor|company|service|tool)|different (?:provider|vendor|company|service|tool))',
    ['take (?:my|our) (?:business|money|custom) elsewhere', 0.55],
    'never (?:use|using|buy|buying|order|ordering|recommend|recommending|deal|dealing)(?: with| from)? (?:you|your (?:company|service|product|app|firm|shop|store))(?: again| ever again)?',
    ['(?:last|final) (?:chance|warning)', 0.45],
    'lose (?:us|me|our business) as (?:a )?customers?',
    ['looking (?:at|for) (?:alternatives|other (?:providers|vendors|options|solutions))', 0.4],
    '(?:bad|negative|terrible|scathing|1[- ]star|one[- ]star) reviews?',
    '(?:post|share|put|write|tweet) (?:about )?(?:this|it|my experience) (?:on|to|all over) (?:social media|twitter|x|facebook|linkedin|reddit|trustpilot|google|the internet|the web)',
    'going public|go public|tell everyone|warn (?:others|other (?:people|customers|users))|the press(?! (?:release|kit|page|office|team))|journalists?',
    ['social media|trustpilot', 0.3],
    ['data breach', 0.35],
  ],
  sentiment: [
    'unacceptable|ridiculous|outrageous|absurd|appalling|disgraceful|disgrace|shameful|shocking|pathetic|worst|terrible|horrible|horrendous|awful|useless|hopeless|incompetent|incompetence|scam|scammers?|fraud|fraudulent|rip[- ]?off|a joke',
    '(?:(?:very|really|extremely|so|beyond|incredibly|totally|absolutely|getting) )?(?:frustrated|frustrating|angry|furious|annoyed|livid|disappointed|disappointing|upset|irritated|exasperated)',
    'fed up|sick (?:and tired )?of|tired of|had enough|enough is enough|waste of (?:my |our )?(?:time|money)|not (?:happy|acceptable|good enough|ok|okay)|unhappy|no excuse',
    'fuck\\p{L}*|f\\*+k\\p{L}*|shit\\p{L}*|crap|crappy|wtf|damn|damned|bullshit',
    'urgent(?:ly)?|asap|immediately|right now|critical|emergency|(?:production|prod|site|system|platform|shop|store|website) (?:is )?(?:down|offline|broken)|losing (?:money|revenue|customers|sales|business|orders)|lost (?:sales|revenue|orders|money|customers)',
  ],
};

const DE: GroupPhrases = {
  explicit: [
    `(?:sprechen|reden|verbinden|verbinde|weiterleiten|leiten|weitergeben|geben|übergeben|vorlegen|einschalten|schalten|hinzuziehen|hinzuzuziehen|informieren|kontaktieren|verlange|verlangen|möchte|möchten|will|wollen|brauche|brauchen|fordere|fordern|bestehe|bestehen|hole|holen|bitte um|wünsche|wünschen|hätte gerne?|hätten gerne?)${SPAN(5)} (?:(?:mit|an|zu|auf|bei|nach) )?${DET_DE}${BOSS_DE}`,
    `(?:ihr(?:em|en|er|e)?|dein(?:em|en|er|e)?|ein(?:e[nmr]?)?|de[nmr]|die|jemand(?:en|em)?) ${BOSS_DE}${SPAN(3)} (?:sprechen|reden|verbinden|weiterleiten|verlange|verlangen|einschalten|hinzuziehen|kontaktieren|informieren|anrufen|anruft|zurückrufen|zurückruft|melden|meldet|kümmern|kümmert|ansehen|ansieht|anschauen|anschaut|sehen|involvieren|einbeziehen|vorlegen|eskalieren)`,
    ['(?:ihr(?:e|en|em)?) (?:vorgesetzte[nr]?|chef(?:in)?|teamleit(?:er|erin|ung)|manager(?:in)?) (?:soll|sollte|möge|muss) (?:mich|uns|sich)', 0.85],
    'eskalier(?:e|en|t|te|ten|st|ung|ungen)?|eskalation(?:en)?(?! ?(?:regel|stufe|pfad|matrix|einstellung|workflow|kette)\\p{L}*)',
    [`(?:rückruf|antwort|stellungnahme|rückmeldung|anruf) (?:von|vom|durch) ${DET_DE}${BOSS_DE}`, 0.9],
    ['mit jemandem (?:sprechen|reden|telefonieren),? der (?:sich (?:\\p{L}+ )?auskennt|ahnung hat|kompetent ist|(?:mir |uns )?(?:wirklich |tatsächlich )?helfen kann|entscheiden kann)', 0.6],
    ['(?:zuständige|höhere|nächsthöhere|übergeordnete) (?:stelle|instanz|ebene|abteilung)', 0.7],
    ['jemand(?:en|em)? (?:über ihnen|über dir|weiter oben|höher gestellte\\p{L}*)', 0.85],
    [`(?:formelle|offizielle|förmliche|schriftliche) beschwerde|beschwerde (?:einreichen|einlegen|erheben)|(?:mich|uns)${SPAN(3)} beschweren|dienstaufsichtsbeschwerde|beschwerdestelle|beschwerdemanagement`, 0.75],
    ['(?:2nd|second|zweite[nrs]?|dritte[nrs]?|3rd) level(?:[- ]support)?|(?:höhere[nrs]?|nächste[nrs]?|nächsthöhere[nrs]?) (?:support|support-?ebene|supportstufe|ebene|stufe|level|instanz)', 0.7],
    ['^(?:bitte )?(?:(?:einen|ihren) )?(?:vorgesetzten|manager|teamleiter|eskalation|eskalieren)(?: (?:bitte|jetzt|sofort))?(?= ?[!?.]* ?$)', 0.85],
  ],
  human: [
    '(?:echte[nmr]?|richtige[nmr]?|reale[nmr]?|lebende[nmr]?) (?:mensch(?:en)?|person|mitarbeiter(?:in)?|ansprechpartner(?:in)?)',
    '(?:einem|einer) (?:mensch(?:en)?|mitarbeiter(?:in)?|menschlichen \\p{L}+) (?:sprechen|reden|schreiben|telefonieren|chatten)',
    '(?:mit )?jemand(?:em|en)? (?:anderem|anderen|anders) (?:sprechen|reden|verbinden|telefonieren)|(?:möchte|möchten|will|wollen|brauche|brauchen|verlange|verlangen|bitte um|hätte gern|hätte gerne) (?:gern |gerne |bitte )?(?:einen|eine|mit einem|mit einer) (?:anderen|andere) (?:mitarbeiter(?:in)?|ansprechpartner(?:in)?|kollegen|kollegin)',
    ['keine[nmr]? (?:bot|roboter|chatbot|automatische[nr]? (?:antwort(?:en)?|mails?)|textbausteine?)', 0.5],
    ['(?:sind sie|bist du|ist das|spreche ich mit|schreibe ich mit) (?:ein(?:em)? )?(?:bot|roboter|maschine|ki|mensch)', 0.5],
    'menschliche[nrm]? (?:ansprechpartner(?:in)?|antwort|kontakt|mitarbeiter(?:in)?)',
    `(?:verbinden|leiten|weiterleiten|weitergeben|durchstellen|stellen|geben)${SPAN(4)} (?:an|mit|zu) (?:einem|einen|einer|eine) (?:mensch(?:en)?|mitarbeiter(?:in)?|person)`,
    'jemand(?:en|em)?,? der (?:kein|keine) (?:bot|roboter|maschine|ki) ist',
    ['(?:standard|automatische|automatisierte|vorgefertigte)[nr]? ?(?:antwort|mail|e-mail|textbaustein)\\p{L}*|textbausteine?', 0.4],
    '^(?:ein )?(?:mensch|mitarbeiter)(?: bitte)?(?= ?[!?.]* ?$)',
  ],
  repetition: [
    ['(?:immer noch|noch immer|nach wie vor|weiterhin) (?:nicht|kein\\p{L}*|nichts|ungelöst|offen|defekt|kaputt)', 0.35],
    ['zum (?:zweiten|dritten|vierten|fünften|sechsten|x-ten|zigsten|wiederholten|\\d+\\.?) (?:mal|male)', 0.45],
    ['(?:die|meine|das ist die|das ist meine) (?:zweite|dritte|vierte|fünfte|x-te) (?:mail|e-mail|nachricht|anfrage)', 0.45],
    ['(?:schon|bereits) (?:mehrfach|mehrmals|x-mal|zigmal|oft|öfter|dreimal|zweimal|viermal)', 0.4],
    [`(?:bereits|schon)${SPAN(2)} (?:erklärt|geschrieben|gemeldet|mitgeteilt|geschildert|beschrieben|gesagt|angerufen|nachgefragt|gefragt)`, 0.35],
    ['(?:keine|noch keine|bisher keine|nie eine) (?:antwort|rückmeldung|reaktion|lösung)', 0.35],
    '(?:warte|warten|wartet)(?: \\p{L}+){0,2}? (?:seit|schon seit|nun seit|jetzt seit)(?: \\p{L}+)? (?:tagen|wochen|monaten)',
    '(?:seit|schon seit) (?:über |mehr als |fast )?(?:\\p{L}+ )?(?:tagen|wochen|monaten)',
    ['wie oft (?:noch|denn noch|muss ich)', 0.4],
    ['niemand (?:hilft|antwortet|meldet sich|kümmert sich|reagiert)', 0.35],
    ['(?:erneut|wieder|schon wieder) (?:geschlossen|zugemacht)', 0.35],
    'schon wieder',
  ],
  threat: [
    ['(?:anwalt|anwältin|rechtsanwalt|rechtsanwältin|rechtsanwälte|rechtsabteilung)', 0.35],
    [`(?:anwalt|anwältin|rechtsanwalt|rechtsanwältin|rechtsabteilung)${SPAN(3)} (?:einschalten|kontaktieren|beauftragen|hinzuziehen|informieren|übergeben|weiterleiten|wenden)`, 0.6],
    [`(?:gebe|geben|übergebe|übergeben|leite|leiten|reiche|reichen|schalte|schalten)${SPAN(4)} (?:an|zu|zur|ein) ?(?:meine[nmr]?|unsere[nmr]?|die|den|einen)? (?:anwalt|anwältin|rechtsanwalt|rechtsanwältin|rechtsabteilung|anwaltskanzlei|inkasso)`, 0.6],
    ['(?:rechtliche|juristische|gerichtliche) schritte|vor gericht|gerichtlich\\p{L}*|klage (?:einreichen|erheben)|verklagen|verklage|mahnverfahren|abmahnung', 0.6],
    ['verbraucherzentrale|verbraucherschutz\\p{L}*|schlichtungsstelle|ombudsmann|ombudsstelle|bundesnetzagentur|bafin|datenschutzbehörde|aufsichtsbehörde|datenschutzbeschwerde|datenschutzbeauftragte\\p{L}*', 0.55],
    ['rückbuchung|zurückbuchen|zurückbuchung|lastschrift (?:zurück\\p{L}*|widerrufen)|chargeback|zahlung zurückfordern|(?:meine |die )?bank (?:einschalten|kontaktieren)', 0.6],
    '(?:werde|werden) (?:ich |wir )?(?:\\p{L}+ ){0,3}?kündigen|(?:sonst|andernfalls|ansonsten|dann) (?:kündige|kündigen) (?:ich|wir)|fristlos\\p{L}* kündig\\p{L}*|sonderkündigung\\p{L}*',
    '(?:den )?anbieter wechseln|zur konkurrenz|zu einem (?:anderen anbieter|mitbewerber|wettbewerber)|nie wieder (?:bei ihnen|kaufen|bestellen|buchen)',
    ['letzte (?:chance|warnung)', 0.45],
    '(?:schlechte|negative|öffentliche)[nr]? (?:bewertung|rezension|kritik)\\p{L}*|öffentlich machen|an die presse|presse informieren',
    ['social media|sozialen medien|trustpilot', 0.3],
    ['datenleck|datenpanne', 0.35],
  ],
  sentiment: [
    'inakzeptabel|unakzeptabel|nicht akzeptabel|unverschämt\\p{L}*|frechheit|lächerlich|skandal\\p{L}*|katastroph\\p{L}*|miserabel|unfassbar|unglaublich|armutszeugnis',
    'sauer|stinksauer|stocksauer|wütend|verärgert|enttäuscht|enttäuschend|frustriert|frustrierend|genervt|nervt|die nase voll|es reicht|reicht (?:mir|jetzt)|zeitverschwendung',
    'betrug|betrüger\\p{L}*|abzocke|scheiße|scheiß\\p{L}*|verdammt\\p{L}*|schlechteste\\p{L}*|nutzlos|inkompetent\\p{L}*|schlechter service',
    'dringend|sofort|umgehend|unverzüglich|kritisch|produktion steht|(?:system|shop|seite|server|plattform) (?:ist )?(?:down|offline|ausgefallen)|verlieren (?:\\p{L}+ )?(?:geld|umsatz|kunden|aufträge)',
  ],
};

const FR: GroupPhrases = {
  explicit: [
    `(?:parler|parle|discuter|échanger|joindre|contacter|contactez|avoir|voir|passer|passez-moi|passez|transférer|transférez|transmettre|transmettez|remonter|remontez|escalader|escaladez|mettre en relation avec|mettez-moi en relation avec|mettre en contact avec|exige|exiger|exigeons|demande|demander|demandons|veux|voudrais|voulons|souhaite|souhaiterais|souhaitons|faire intervenir|faites intervenir|saisir|alerter|prévenir|informer|en référer)${SPAN(4)} (?:(?:à|avec|de|auprès de|par) )?${DET_FR}${BOSS_FR}`,
    ["(?:votre|un|une|le|la) (?:responsable|supérieur(?:e)?|manager|directeur|directrice|chef|superviseur|superviseuse)(?: (?:doit|devrait|pourrait|peut|peut-il|pourrait-il|peut-elle|pourrait-elle))? (?:me (?:rappeler|rappelle|contacter|contacte|recontacter|appeler|appelle|répondre|réponde)|m'appeler|m'appelle|nous (?:rappeler|contacter))", 0.85],
    'escalad(?:er|ez|é|ée|és|ées|e|es|ons|ant|ent)',
    ["faire remonter|fassiez remonter|remonter (?:(?:mon|ma|le|la|ce|cette|mes|notre) |l')(?:dossier|ticket|demande|problème|réclamation|cas|incident|information|info)|remontée (?:à|au|aux|vers)", 0.85],
    ["(?:plainte|réclamation) (?:formelle|officielle|écrite)|(?:déposer|faire|adresser|formuler|introduire|envoyer) (?:une )?réclamation|service (?:des )?réclamations|(?:déposer|adresser|formuler) (?:une )?plainte", 0.75],
    ["quelqu'un (?:au-dessus de vous|au dessus de vous|de plus haut placé)", 0.85],
    ['niveau (?:supérieur|2|deux|3|trois)|échelon supérieur|support (?:de )?(?:niveau |n)?(?:2|deux|3|trois)|second niveau', 0.7],
    ["^(?:svp )?(?:un |votre )?(?:responsable|manager|superviseur|escalade)(?: (?:svp|s'il vous plaît|maintenant))?(?= ?[!?.]* ?$)", 0.85],
  ],
  human: [
    "(?:vrai|vraie|véritable|réel|réelle) (?:personne|humain|être humain|conseiller|conseillère|interlocuteur|interlocutrice|agent)",
    '(?:un|une) (?:être )?humain(?:e)?(?! (?:erreur|faute))',
    "(?:parler|échanger|discuter|chatter) (?:à|avec) (?:un |une |un de vos |une de vos |l'un de vos )?(?:conseillers?|conseillères?|agent|opérateur|opératrice|humain|interlocuteur|interlocutrice|être humain)",
    ['(?:êtes-vous|etes vous|vous êtes|c\'est|suis-je face à|je parle à|je parle avec) (?:un|une) (?:robot|bot|ia|machine|répondeur)', 0.5],
    ['(?:pas|plus) (?:de|d\'un|un|une) (?:robot|bot|réponses? automatiques?|réponses? toutes faites)', 0.5],
    ['(?:pas|plus|jamais) (?:à|avec) (?:un|une|des) (?:robots?|bots?|machines?|ia|répondeur)', 0.5],
    // "je ne veux plus parler à un robot": the negation is the request, so the phrase starts at "ne".
    ["(?:ne|n')(?: \\p{L}+){0,2}? (?:pas|plus|jamais) (?:parler|discuter|échanger|avoir affaire|écrire) (?:à|avec) (?:un|une|des) (?:robots?|bots?|machines?|ia|répondeur)", 0.55],
    "quelqu'un qui (?:n'est|ne soit) pas (?:un|une) (?:robot|bot|machine|ia)",
    "(?:parler|échanger|discuter|passer|passez|passez-moi|me passer|transférer|transférez|mettre en relation avec|mettez-moi en relation avec) (?:à |avec )?(?:quelqu'un d'autre|une autre personne)|(?:parler à|passer|passez-moi|me passer|veux|voudrais|souhaite|souhaiterais|demande) (?:un autre|une autre) (?:conseiller|conseillère|interlocuteur|interlocutrice|agent)",
    ['réponses? (?:automatique|automatiques|toute faite|toutes faites|type|standard|standardisée?s?|copiée?s?-collée?s?)|copier-coller', 0.4],
    "^(?:un )?(?:humain|conseiller|conseillère)(?: svp| s'il vous plaît)?(?= ?[!?.]* ?$)",
  ],
  repetition: [
    ['toujours (?:pas|rien|aucun\\p{L}*|en attente|le même problème|bloqué\\p{L}*|en panne|sans)', 0.35],
    ["(?:pour la|c'est la|c'est ma|c'est mon) (?:deuxième|troisième|quatrième|cinquième|énième|ennième|\\d+e|\\d+ème) (?:fois|relance|message|mail|e-mail|demande)", 0.45],
    ['(?:deuxième|troisième|quatrième|cinquième|énième|ennième) (?:fois|relance)', 0.45],
    [`déjà${SPAN(2)} (?:expliqué|dit|écrit|signalé|envoyé|relancé|contacté|appelé|décrit|fourni|demandé|répété)`, 0.35],
    ['(?:aucune|pas de|sans|toujours aucune|toujours pas de) (?:réponse|nouvelles?|retour|solution)', 0.35],
    ['je (?:vous )?relance|(?:nouvelle|énième|dernière) relance', 0.3],
    ['(?:deux|trois|quatre|plusieurs|\\d+) relances', 0.4],
    ["personne ne (?:m'aide|m'a aidé|répond|me répond|m'a répondu|s'en occupe|fait rien|rappelle|me rappelle)", 0.35],
    '(?:depuis|ça fait|cela fait) (?:plus de |presque |bientôt )?(?:des|deux|trois|quatre|cinq|plusieurs|\\d+) (?:jours|semaines|mois)',
    ['combien de fois', 0.4],
    '(?:encore|de nouveau|à nouveau) (?:fermé|clôturé|refermé)|une fois de plus|encore une fois',
    ['(?:rouvert|réouvert|rouvrir|réouvrir)\\p{L}* (?:le |mon |ce )?(?:ticket|dossier)', 0.3],
  ],
  threat: [
    ['avocat\\p{L}*|juriste|tribunal|tribunaux', 0.35],
    ['(?:saisir|contacter|consulter|prévenir|transmettre (?:à|au)|voir avec|passer par|faire appel à|mandater) (?:mon|notre|un) (?:avocat|service juridique|juriste|conseil juridique)', 0.6],
    ['(?:action|actions|poursuites?|procédure) (?:en justice|judiciaires?)|poursuivre en justice|vous poursuivre|(?:au|devant le) tribunal|(?:aux|devant les) tribunaux|en justice|porter plainte|mise en demeure|mettre en demeure', 0.6],
    ['médiateur|cnil|dgccrf|arcep|ufc[- ]que choisir|association de consommateurs|signal ?conso|60 millions de consommateurs', 0.55],
    ['(?:faire |mettre )?opposition (?:sur|à|au) (?:la |le )?(?:paiement|prélèvement|carte|transaction)|faire opposition|litige (?:bancaire|auprès de ma banque|avec ma banque)|contester (?:le|ce|la|cette|les|ces) (?:prélèvements?|paiements?|débits?|transactions?)|rétrofacturation|chargeback', 0.6],
    "(?:je vais|nous allons|je compte|nous comptons|je vais devoir|nous allons devoir|j'envisage de|nous envisageons de)(?: \\p{L}+){0,2}? (?:résilier|annuler|quitter|partir|changer de (?:fournisseur|prestataire|solution|crémerie))|(?:sinon|faute de quoi|à défaut) (?:je|nous)(?: \\p{L}+){0,2}? (?:résilie|résilions|résilierai|résilierons|annule|annulerai|partirai|partirons|quitte|quitterai)",
    '(?:chez|vers) (?:la concurrence|un concurrent|un autre (?:fournisseur|prestataire))|plus jamais (?:chez vous|de chez vous|avec vous|vos services|acheter|commander)',
    ['dernière chance|dernier avertissement', 0.45],
    "mauvais avis|avis négatifs?|mauvaise note|mauvaise critique|rendre (?:cela |ça |l'affaire )?public|la presse",
    ['réseaux sociaux|trustpilot', 0.3],
    ['fuite de données', 0.35],
  ],
  sentiment: [
    'inacceptable|inadmissible|scandaleu(?:x|se)|scandale|ridicule|honteu(?:x|se)|une honte|lamentable|pitoyable|catastroph\\p{L}*|nulle?|nullissime|le pire|pire service',
    'incompétent\\p{L}*|incompétence|arnaque\\p{L}*|escroquerie|escroc\\p{L}*|voleurs?',
    "frustr\\p{L}*|énervé\\p{L}*|agacé\\p{L}*|furieu(?:x|se)|déçu\\p{L}*|décevant\\p{L}*|en colère|mécontent\\p{L}*|insatisfait\\p{L}*|j'en ai marre|marre|ras[- ]le[- ]bol|perte de temps",
    'merde|putain|bordel',
    "urgent\\p{L}*|immédiatement|tout de suite|au plus vite|critique|bloquant\\p{L}*|(?:production|site|boutique|service|plateforme) (?:est )?(?:en panne|à l'arrêt|arrêté\\p{L}*|bloqué\\p{L}*|hors service|inaccessible)|(?:perd|perdons|perdre) (?:de l'argent|du chiffre|des clients|des ventes)",
  ],
};

const ES: GroupPhrases = {
  explicit: [
    `(?:hablar|hable|hablo|comunicar(?:me)?|comuníqueme|comuníquenme|contactar|pasar(?:me)?|pásenme|páseme|transferir(?:me)?|transfiéranme|transfiérame|escalar(?:lo|la)?|escalen|escálenlo|remitir|remitan|derivar|deriven|quiero|queremos|exijo|exigimos|necesito|necesitamos|solicito|solicitamos|pido|pedimos|gustaría|quisiera|quisiéramos|ponerme en contacto|pónganme en contacto|involucrar|involucren|avisar|avisen|informar)${SPAN(4)} (?:(?:con|a|al|ante|hacia) )?${DET_ES}${BOSS_ES}`,
    ['(?:su|un|una|el|la) (?:gerente|supervisor(?:a)?|jefe|jefa|encargad[oa]|responsable|superior)(?: (?:debe|debería|tiene que|puede|podría))? (?:llamarme|contactarme|me llame|me contacte|me escriba|responderme|me responda|comunicarse conmigo)', 0.85],
    'escal(?:en|e|emos|ado|ada|ados|adas|arlo|arla|enlo|enla|ación|aciones|amiento|amientos)',
    '(?:escalar(?:lo|la)?|elevar(?:lo|la)?) (?:(?:este|esta|mi|el|la|su) )?(?:caso|ticket|incidencia|incidente|problema|reclamo|reclamación|queja|solicitud|tema|asunto|petición)',
    '(?:por favor|necesito que|quiero que|pueden|puede|podrían|podría|deben|debe|hay que|tienen que|pido que|exijo que|solicito que|favor de|hace falta)(?: \\p{L}+)?? escalar(?:lo|la)?',
    ['(?:queja|reclamación|reclamo) (?:formal|oficial|por escrito)|(?:poner|presentar|interponer|abrir|hacer|levantar) (?:una |un )?(?:queja|reclamación|reclamo)|libro de reclamaciones|hoja de reclamaciones', 0.75],
    ['alguien (?:por encima de (?:usted|ti|ustedes)|más arriba|de más arriba)', 0.85],
    ['(?:nivel|instancia) superior|segundo nivel|soporte de (?:nivel )?(?:2|dos|3|tres)', 0.7],
    ['^(?:por favor )?(?:un |su )?(?:supervisor|gerente|encargado|escalar|escalamiento)(?: (?:por favor|ya|ahora))?(?= ?[!?.]* ?$)', 0.85],
  ],
  human: [
    '(?:persona|humano|ser humano|agente|asesor|asesora|operador|operadora) (?:real|de verdad|de carne y hueso)',
    '(?:hablar|chatear|comunicarme|comunicar|atenderme|atienda) con (?:un|una|alguna|algún) (?:persona|humano|ser humano|agente|asesor|asesora|operador|operadora|representante|ejecutivo|ejecutiva)',
    ['(?:eres|es usted|es esto|estoy hablando con|hablo con) (?:un|una) (?:bot|robot|máquina|ia|contestador)', 0.5],
    ['respuestas? (?:automáticas?|automatizadas?|genéricas?|de plantilla|predefinidas?|enlatadas?)', 0.4],
    ['(?:basta|ya basta|no más) (?:de )?(?:bots|robots|respuestas automáticas)', 0.5],
    'alguien que no sea (?:un |una )?(?:bot|robot|máquina|ia|contestador)',
    '(?:hablar|pasar(?:me)?|páseme|pásenme|transferir(?:me)?|comunicar(?:me)?) con (?:otra persona|alguien más|alguien distinto|otro agente|otra agente|otro asesor|otra asesora)',
    '(?:pasar(?:me)?|pásenme|páseme|comunicar(?:me)?|comuníquenme|comuníqueme|transferir(?:me)?|transfiéranme|transfiérame) con (?:alguien|una persona|un humano|un agente|un asesor|una asesora|un operador|una operadora)',
    '^(?:un |una )?(?:humano|persona|asesor|agente)(?: por favor)?(?= ?[!?.]* ?$)',
  ],
  repetition: [
    ['(?:todavía|aún|sigue|siguen|sigo|seguimos) (?:sin|no)', 0.35],
    ['(?:por|es la) (?:segunda|tercera|cuarta|quinta|enésima|\\d+a) vez|(?:segunda|tercera|cuarta|quinta|enésima) vez', 0.45],
    [`ya${SPAN(2)} (?:expliqué|explicado|dije|dicho|escribí|escrito|envié|enviado|reporté|reportado|mandé|mandado|llamé|llamado|contacté|informé|informado|avisé|avisado|comenté|comentado)`, 0.35],
    ['(?:ninguna|sin|no he recibido|no he tenido|no tengo|no recibo|no me han dado)(?: \\p{L}+)? (?:respuesta|solución|noticias|contestación)', 0.35],
    ['nadie (?:me )?(?:ayuda|responde|contesta|hace nada|soluciona|ha respondido|ha contestado|ha ayudado)', 0.35],
    '(?:desde hace|llevo|llevamos) (?:más de |casi )?(?:varios|varias|dos|tres|cuatro|cinco|\\d+|unos|unas)? ?(?:días|semanas|meses)',
    ['una y otra vez|otra vez|de nuevo|nuevamente', 0.25],
    ['cuántas veces', 0.4],
    ['(?:volvieron|vuelven|han vuelto) a cerrar', 0.35],
    ['reabr\\p{L}* (?:el|mi) (?:ticket|caso)', 0.3],
  ],
  threat: [
    ['abogad[oa]s?', 0.35],
    ['(?:contactar|consultar|llamar|hablar|pasar(?:lo|le)?|poner (?:esto|el caso) en manos)(?: \\p{L}+){0,2}? (?:a |con |de )?(?:mi|nuestro|un|una) (?:abogad[oa]|departamento legal|equipo legal|asesor legal)', 0.6],
    ['(?:acciones|medidas|vías) legales|acción legal|vía judicial|(?:poner|interponer|presentar) una (?:demanda|denuncia)|demandar(?:los|les|la|lo)?|(?:los|les) voy a demandar|denunciar(?:los|les)?|tribunales|juzgado', 0.6],
    ['(?:oficina|asociación|defensa|organización) (?:del|de los|de) consumidor(?:es)?|omic|ocu|profeco|facua|defensor del (?:cliente|pueblo|consumidor)', 0.55],
    ['contracargo|devolución (?:del|de) cargo|(?:disputar|impugnar|desconocer) (?:el|este|ese|los) (?:cargos?|cobros?|pagos?)|(?:llamar|hablar|contactar) (?:a|con) (?:mi|el) banco|devolver el recibo', 0.6],
    '(?:voy|vamos) a(?: \\p{L}+){0,2}? (?:cancelar|dar de baja|darme de baja|darnos de baja|irme|irnos|cambiarme|cambiarnos|cambiar de (?:proveedor|empresa|compañía|servicio))|(?:si no|de lo contrario|sino)(?: \\p{L}+){0,4}?,? (?:cancelo|cancelaremos|cancelaré|me doy de baja|nos damos de baja|me voy|nos vamos|me cambio|nos cambiamos)',
    '(?:a|con) la competencia|nunca más (?:compro|compraré|volveré|contrato|con ustedes)',
    ['última (?:oportunidad|advertencia)', 0.45],
    '(?:mala|malas|pésima|negativa|negativas) (?:reseñas?|opinión|opiniones|valoración|valoraciones|crítica)|reseñas? negativas?|hacerlo público|hacer público|la prensa',
    ['redes sociales|trustpilot', 0.3],
    ['filtración de datos|brecha de datos', 0.35],
  ],
  sentiment: [
    'inaceptable|inadmisible|intolerable|ridícul[oa]|vergonzos[oa]|vergüenza|indignante|indignad[oa]|escandalos[oa]|escándalo|pésim[oa]|horrible|terrible|inútil(?:es)?|el peor|la peor|peor servicio',
    'incompetent\\p{L}*|incompetencia|estafa\\p{L}*|fraude|timo|timadores|ladrones',
    'tomadura de pelo|frustrad[oa]|frustrante|enfadad[oa]|enojad[oa]|molest[oa]|furios[oa]|decepcionad[oa]|decepcionante|hart[oa]s?|estoy cansad[oa]|pérdida de tiempo',
    'mierda|joder|carajo',
    'urgente|urgentemente|inmediat\\p{L}*|ya mismo|cuanto antes|lo antes posible|crític[oa]|(?:producción|tienda|web|sitio|plataforma|sistema) (?:está )?(?:caíd[oa]|parad[oa]|fuera de servicio)|perdiendo (?:dinero|ventas|clientes)',
  ],
};

export const BUILT_IN_PHRASES: Readonly<Record<Language, GroupPhrases>> = { en: EN, de: DE, fr: FR, es: ES };

// ---------------------------------------------------------------------------------------------------------------
// Negation and its context (folded text)

/** Cues that may be followed by a few filler words before the phrase ("don't really want to …", "pas besoin d'…"). */
const NEGATION_CUES = [
  // English
  'not', 'never', "don't", 'dont', 'do not', "doesn't", 'doesnt', 'does not', "didn't", 'didnt', 'did not', "won't", 'wont', 'will not',
  "wouldn't", 'wouldnt', 'would not', "shouldn't", 'shouldnt', 'should not', "needn't", 'need not', 'no need', 'no reason', 'no point',
  'without', 'neither', 'nor', 'thanks for', 'thank you for', 'thanks so much for', 'thank you so much for', 'thanks again for', 'stop',
  'withdraw', 'cancel', 'ignore', 'disregard', 'avoid', 'avoiding', 'rather not', "i'd rather not",
  // German
  'nicht', 'kein', 'keine', 'keinen', 'keinem', 'keiner', 'keines', 'ohne', 'nie', 'niemals', 'danke fur', 'danke fuer', 'danke dass',
  'danke', 'vielen dank fur', 'vielen dank fuer', 'vergessen sie', 'ignorieren sie',
  // French
  'pas', 'ne', "n'", 'jamais', 'sans', 'aucun', 'aucune', 'nul besoin', 'inutile de', "inutile d'", "merci d'avoir", 'merci pour',
  'oubliez', 'ignorez', 'annulez', 'eviter', 'evitons',
  // Spanish ("no" itself only right before the phrase or before these verbs)
  'nunca', 'sin', 'tampoco', 'ningun', 'ninguna', 'ninguno', 'gracias por', 'innecesario', 'no hace falta', 'no hay que',
  'no hay necesidad de', 'no es necesario', 'no quiero', 'no queremos', 'no necesito', 'no necesitamos', 'no deseo', 'no pido', 'no estoy',
  'no pretendo', 'no busco', 'no solicito', 'no voy a', 'no vamos a', 'no lo', 'no la', 'no me', 'no se', 'olviden', 'ignoren', 'cancelen', 'evitar', 'evitemos',
] as const;

/** Cues that only negate when they stand right before the phrase ("no escalation needed", "non, pas de manager"). */
const STRICT_NEGATION_CUES = ['no', 'ni', 'non'] as const;

/** Words allowed between a cue and the phrase. */
const NEGATION_FILLERS = [
  // English
  'i', 'we', 'you', 'me', 'us', 'it', 'this', 'that', 'these', 'the', 'a', 'an', 'my', 'our', 'your', 'to', 'be', 'really', 'actually',
  'even', 'truly', 'want', 'wanna', 'need', 'needs', 'needed', 'wish', 'ask', 'asking', 'asked', 'request', 'requesting', 'requested',
  'looking', 'trying', 'try', 'going', 'gonna', 'plan', 'planning', 'intend', 'mean', 'meant', 'think', 'believe', 'necessary', 'for',
  'have', 'has', 'any', 'anyone', 'anybody', 'get', 'just', 'please', 'further', 'there', "there's", 'is', 'was', 'am', 'are', "i'm",
  "we're", "it's", "i'd", "we'd", "i'll", 'yet', 'finally', 'so', 'much', 'case', 'ticket', 'issue', 'again', 'longer', 'at', 'all', 'of',
  'about', 'having', 'kindly', 'quick', 'fast', 'prompt', 'speedy', 'schnelle', 'schnellen', 'zugige', 'rapide', 'rapida', 'rapido', 'pronta',
  // German
  'ich', 'wir', 'sie', 'es', 'das', 'dies', 'diese', 'diesen', 'den', 'die', 'der', 'dem', 'ein', 'eine', 'einen', 'einem', 'mit', 'zu',
  'zum', 'zur', 'fall', 'anliegen', 'bitte', 'wirklich', 'mochte', 'moechte', 'mochten', 'will', 'wollen', 'muss', 'musst', 'mussen',
  'muessen', 'brauche', 'brauchen', 'braucht', 'ist', 'sind', 'habe', 'haben', 'werde', 'werden', 'wird', 'jetzt', 'auch', 'mehr', 'gar',
  'uberhaupt', 'ueberhaupt', 'mal', 'unbedingt', 'notig', 'noetig', 'notwendig', 'erforderlich', 'extra', 'anfrage', 'dass', 'man',
  'fur', 'fuer', 'ihre', 'ihren', 'mein', 'meine', 'meinen',
  // French
  'je', 'j', 'nous', 'vous', 'il', 'elle', 'ce', 'c', 'ca', 'cela', 'l', 'le', 'la', 'les', 'd', 'de', 'du', 'des', 'est', 'ai', 'avons',
  'veux', 'voulons', 'voudrais', 'souhaite', 'souhaitons', 'demande', 'demandons', 'faut', 'besoin', 'necessaire', 'vraiment', 'plus',
  'm', 'un', 'une', 'que', 'qu', 'y', 'en', 'avec', 'votre', 'mon', 'ma', 'dossier', 'peine', 'question', 'avoir', 'pour',
  // Spanish
  'yo', 'lo', 'los', 'las', 'les', 'se', 'te', 'quiero', 'queremos', 'necesito', 'necesitamos', 'hace', 'falta', 'hay', 'es',
  'necesario', 'deseo', 'pido', 'estoy', 'estamos', 'pidiendo', 'el', 'con', 'por', 'favor', 'ha', 'han', 'he', 'hemos', 'mi', 'su',
  'caso', 'realmente', 'nada', 'ya', 'voy', 'vamos', 'ir', 'pretendo', 'busco', 'solicito', 'solicitud', 'peticion',
] as const;

/** Words after a phrase that cancel it: "escalation is not necessary", "Eskalation nicht nötig", "pas nécessaire". */
const AFTER_NEGATIONS = [
  'unnecessary', 'unneeded', 'not needed', 'not necessary', 'not required', 'no longer needed', 'no longer necessary', 'unnotig', 'unnoetig',
  'nicht notig', 'nicht noetig', 'nicht notwendig', 'nicht erforderlich', 'nicht mehr notig', 'nicht mehr noetig', 'nicht mehr notwendig',
  'pas necessaire', 'plus necessaire', 'inutile', 'superflu', 'innecesari[oa]', 'no hace falta', 'no es necesari[oa]', 'ya no es necesari[oa]',
  "isn't necessary", "isn't needed", "isn't required", 'is not necessary', 'is not needed', 'is not required', "aren't necessary",
  "n'est pas necessaire", "n'est plus necessaire", "n'est pas utile", 'ist nicht notig', 'ist nicht noetig', 'ist nicht notwendig',
  'ist nicht erforderlich', 'no es necesari[oa]', 'no sera necesari[oa]', 'will not be necessary', "won't be necessary",
  // Avoiding it, or the customer escalating within their own company
  'vermeiden', 'zu vermeiden', 'verhindern', 'on our side', 'on our end', 'within our company', 'within our team', 'within our organi[sz]ation',
  'in our company', 'in our team', 'bei uns', 'in unserem haus', 'in unserem unternehmen', 'chez nous', 'de notre cote', 'dans notre entreprise',
  'de nuestro lado', 'en nuestra empresa', 'en nuestro equipo',
] as const;
const AFTER_FILLERS = ['sie', 'das', 'es', 'dies', 'bitte', 'brauchen', 'brauche', 'wir', 'ich', 'mehr', 'we', 'i', 'need', 'it', 'internally', 'intern', 'en interne', 'internamente', 'lo', 'la', 'le', 'moglichst', 'gern', 'gerne', 'is', 'really', 'actually', 'ist', 'wirklich', 'est', 'vraiment', 'es', 'realmente', 'de', 'mi', 'caso', 'this', 'here', 'now', 'jetzt', 'ticket', 'fall', 'dossier'] as const;

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const alternation = (words: readonly string[], raw = false): string =>
  [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map((w) => (raw ? w : escape(w)))
    .join('|');

/** Matches when the text before a phrase (cut at the clause start) ends in a negation cue plus filler words. */
export const NEGATION_BEFORE = new RegExp(
  `(?<![\\p{L}'])(?<!(?:still|noch|immer|toujours|encore|todavia|aun|yet|wieder) )` +
    `(?:(?:${alternation(NEGATION_CUES)})(?:[\\s']*(?:${alternation(NEGATION_FILLERS)})(?![\\p{L}])){0,6}|(?:${alternation(STRICT_NEGATION_CUES)}))` +
    `[\\s']*$`,
  'u',
);

/** Matches when the text after a phrase (cut at the clause end) negates it. */
export const NEGATION_AFTER = new RegExp(
  `^(?:[\\s']+(?:${alternation(AFTER_FILLERS)})(?![\\p{L}])){0,4}[\\s',]+(?:(?:${alternation(AFTER_NEGATIONS, true)})(?![\\p{L}])|(?:nicht|pas)(?: mehr| plus)?[\\s']*$)`,
  'u',
);

/** Where a clause starts or ends: punctuation, or a contrasting conjunction. */
export const CLAUSE_BREAK = /[.!?;:,()"«»“”¿¡]| (?:but|however|aber|jedoch|sondern|mais|cependant|pero|sino|sin embargo) /gu;

// ---------------------------------------------------------------------------------------------------------------
// Language guess from common words (folded), for messages whose phrases do not say

export const STOPWORDS: Readonly<Record<Language, readonly string[]>> = {
  en: ['the', 'and', 'is', 'are', 'you', 'your', 'this', 'that', 'to', 'with', 'have', 'not', 'please', 'my', 'it', 'for', 'of', 'what', 'i', 'we', 'was', 'can', 'will', 'thanks', 'hello', 'hi'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'ich', 'sie', 'mit', 'bitte', 'ein', 'eine', 'mein', 'meine', 'wir', 'zu', 'auf', 'noch', 'kein', 'es', 'habe', 'haben', 'den', 'dem', 'auch', 'hallo', 'danke', 'fur', 'wie', 'ihr', 'ihnen'],
  fr: ['le', 'les', 'et', 'est', 'je', 'vous', 'pas', 'une', 'des', 'mon', 'ma', 'pour', 'avec', 'ne', 'que', 'nous', "c'est", 'merci', 'bonjour', 'du', 'ce', 'sur', 'votre', 'mes', "j'ai", 'au', 'il'],
  es: ['el', 'los', 'las', 'y', 'es', 'yo', 'que', 'por', 'favor', 'con', 'una', 'mi', 'para', 'del', 'gracias', 'hola', 'esta', 'pero', 'lo', 'muy', 'se', 'mis', 'su', 'como', 'hace', 'ustedes'],
};
