import { describe, expect, it } from 'vitest';
import { DECLINE_CATEGORIES, PRIORITY_LEVELS } from '../../core/schemas';
import { breachWords, DECLINE_CATEGORY_ORDER, PRIORITY_ORDER, siteLabel, ticketLabel } from './words';

describe('popup wording', () => {
  it('offers exactly the schema’s decline categories and priorities, in its order', () => {
    expect(DECLINE_CATEGORY_ORDER).toEqual([...DECLINE_CATEGORIES]);
    expect(PRIORITY_ORDER).toEqual([...PRIORITY_LEVELS]);
  });

  it('names helpdesks from the registry and custom sites by their slug', () => {
    expect(siteLabel('jira')).toBe('Jira Service Management');
    expect(siteLabel('custom-initech')).toBe('initech');
  });

  it('words SLA breach and ticket ids', () => {
    expect(breachWords(-20)).toEqual({ text: 'SLA breached 20 min ago', tone: 'breached' });
    expect(breachWords(90).tone).toBe('near');
    expect(breachWords(null).text).toBe('No SLA clock');
    expect(ticketLabel('101')).toBe('#101');
    expect(ticketLabel('a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6')).toBe('a1b2c3d4…');
  });
});
