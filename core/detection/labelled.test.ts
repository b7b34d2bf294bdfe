// Runs detection over the hand-labelled message set and holds it to precision and recall of at least 0.9.
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../policy';
import type { TicketMessage } from '../schemas';
import { detectEscalationRequest } from './index';
import { LABELLED_MESSAGES } from './labelled-messages';

const asCustomerMessage = (body: string): TicketMessage => ({
  id: null,
  author: 'Customer',
  authorRole: 'customer',
  visibility: 'public',
  body,
  createdAt: '2026-11-27T10:00:00Z',
});

describe('labelled message set', () => {
  it('has at least 150 messages, 30 or more per language, with both labels in each', () => {
    expect(LABELLED_MESSAGES.length).toBeGreaterThanOrEqual(150);
    for (const language of LANGUAGES) {
      const set = LABELLED_MESSAGES.filter((m) => m.language === language);
      expect(set.length, language).toBeGreaterThanOrEqual(30);
      expect(set.some((m) => m.escalation), language).toBe(true);
      expect(set.some((m) => !m.escalation), language).toBe(true);
    }
    expect(new Set(LABELLED_MESSAGES.map((m) => m.text)).size).toBe(LABELLED_MESSAGES.length);
  });

  it('detects escalation requests with precision and recall of at least 0.9', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const mistakes: string[] = [];
    for (const sample of LABELLED_MESSAGES) {
      const detection = detectEscalationRequest([asCustomerMessage(sample.text)]);
      if (detection.detected && sample.escalation) tp++;
      else if (detection.detected && !sample.escalation) {
        fp++;
        mistakes.push(`false positive [${sample.language}/${sample.kind}] ${JSON.stringify(sample.text)} matched ${JSON.stringify(detection.matched)} (${detection.confidence})`);
      } else if (!detection.detected && sample.escalation) {
        fn++;
        mistakes.push(`missed [${sample.language}/${sample.kind}] ${JSON.stringify(sample.text)} matched ${JSON.stringify(detection.matched)} (${detection.confidence})`);
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(`detection precision ${precision.toFixed(2)} recall ${recall.toFixed(2)} over ${LABELLED_MESSAGES.length} messages`);
    if (mistakes.length > 0) console.log(mistakes.join('\n'));
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});
