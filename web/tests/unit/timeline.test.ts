// Contract events as a ticket's timeline in words.
import { describe, expect, it } from 'vitest';
import { describe as words, ticketOf, timeline, variant, type DecodedEvent } from '../../src/logic/timeline';

const EVE = '5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw';
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const names = new Map([[EVE, 'Eve'], [BOB, 'Bob']]);
const event = (name: string, args: Record<string, unknown>, block: number): DecodedEvent => ({ name, args, block, at: block * 6_000 });

const story = [
  event('Resolved', { id: 1, by: BOB, resolution: '0x01' }, 9),
  event('TicketOpened', { id: 1, customer: EVE, priority: 'Normal', category: 7, content: '0x00', parent: null }, 3),
  event('SlaBreached', { id: 1, metric: 'FirstResponse', deadline: 1 }, 5),
  event('RewardCredited', { to: EVE, amount: 10, reason: { compensation: [1, 'FirstResponse'] } }, 5),
  event('Responded', { id: 2, responder: BOB, role: 'Agent', content: '0x02' }, 6),
  event('Closed', { id: 1, reason: { confirmed: null }, rating: 5 }, 11),
  event('Transfer', { from: null, to: EVE, value: 10 }, 5),
];

describe('the timeline', () => {
  it("lists one ticket's events oldest first, in words", () => {
    expect(timeline(story, 1, names).map((entry) => entry.text)).toEqual([
      'Eve opened it (Normal, category 7)',
      'SLA breached: FirstResponse',
      '10 tokens owed to Eve (Compensation(1, FirstResponse))',
      'resolved by Bob',
      'closed: the customer confirmed, rated 5/5',
    ]);
  });

  it("finds a reward's ticket inside its reason", () => {
    expect(ticketOf(story[3])).toBe(1);
    expect(ticketOf(event('RewardPaid', { to: BOB, amount: 1, reason: { keeper: null } }, 1))).toBeNull();
  });

  it('leaves out events that are not about tickets', () => {
    expect(words(story[6], names)).toBeNull();
  });

  it('names a resolution by the SLA engine', () => {
    expect(words(event('Resolved', { id: 1, by: null, resolution: null }, 1))).toBe('resolved by the SLA engine');
  });

  it('reads enum values in both forms toJSON gives', () => {
    expect(variant('Open')).toBe('Open');
    expect(variant({ keeper: null })).toBe('Keeper');
    expect(variant({ manual: '0xab' })).toBe('Manual(0xab)');
  });
});
