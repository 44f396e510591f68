//! Contract events as a ticket's timeline, in words. An event is what the page decoded from a
//! `ContractEmitted` record: its label and its arguments (camelCase names, `toJSON` values).

import { who } from './format';

/** A decoded contract event. */
export interface DecodedEvent {
  /** The event's label, e.g. `TicketOpened`. */
  name: string;
  args: Record<string, unknown>;
  /** The block it was emitted in, and that block's time (ms). */
  block: number;
  at: number;
}

/** A line of a ticket's timeline. */
export interface Entry {
  ticket: number;
  at: number;
  block: number;
  text: string;
}

type Names = Map<string, string>;

/** The variant name of an enum value as `toJSON` gives it: `"Open"`, `{ keeper: null }`, `{ manual: "0x…" }`. */
export function variant(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [key, inner] = Object.entries(value as Record<string, unknown>)[0] ?? ['?', null];
    const name = key.charAt(0).toUpperCase() + key.slice(1);
    return Array.isArray(inner) ? `${name}(${inner.join(', ')})` : inner === null ? name : `${name}(${inner})`;
  }
  return String(value);
}

/** The words for one event; `null` for events that are not about tickets or rewards. */
export function describe(event: DecodedEvent, names: Names = new Map()): string | null {
  const a = event.args;
  const by = (key: string) => who(a[key] as string | null, names);
  switch (event.name) {
    case 'TicketOpened':
      return `${by('customer')} opened it (${a.priority}, category ${a.category}${a.parent ? `, follow-up of #${a.parent}` : ''})`;
    case 'Responded':
      return `${by('responder')} responded (${variant(a.role).toLowerCase()})`;
    case 'Assigned':
      return `assigned to ${by('agent')} by ${by('by')}`;
    case 'StatusChanged':
      return `status ${variant(a.from)} → ${variant(a.to)}`;
    case 'Escalated':
      return `escalated to level ${a.level}`;
    case 'Resolved':
      return a.by ? `resolved by ${by('by')}` : 'resolved by the SLA engine';
    case 'Reopened':
      return 'reopened by the customer';
    case 'Closed': {
      const reason = variant(a.reason);
      const rating = a.rating ? `, rated ${a.rating}/5` : '';
      return reason === 'Confirmed' ? `closed: the customer confirmed${rating}` : reason === 'AutoClosed' ? 'closed automatically' : 'closed as invalid';
    }
    case 'AnswerAccepted':
      return `the customer accepted ${by('responder')}'s answer`;
    case 'PriorityBoosted':
      return `priority boosted ${a.from} → ${a.to} for ${a.price} tokens`;
    case 'SlaWarning':
      return `SLA warning: ${variant(a.metric)} due soon`;
    case 'SlaBreached':
      return `SLA breached: ${variant(a.metric)}`;
    case 'RewardPaid':
      return `${a.amount} tokens paid to ${by('to')} (${variant(a.reason)})`;
    case 'RewardCredited':
      return `${a.amount} tokens owed to ${by('to')} (${variant(a.reason)})`;
    case 'RewardCapped':
      return `reward to ${by('to')} capped: ${a.granted} of ${a.wanted}`;
    default:
      return null;
  }
}

/** The ticket an event is about: its `id`, or the ticket inside a reward's reason. */
export function ticketOf(event: DecodedEvent): number | null {
  if (typeof event.args.id === 'number' || typeof event.args.id === 'string') return Number(event.args.id);
  const reason = event.args.reason;
  if (reason && typeof reason === 'object') {
    const inner = Object.values(reason as Record<string, unknown>)[0];
    if (typeof inner === 'number') return inner;
    if (Array.isArray(inner) && typeof inner[0] === 'number') return inner[0];
  }
  return null;
}

/** The timeline of `ticket` from `events` (any order), oldest first. */
export function timeline(events: DecodedEvent[], ticket: number, names: Names = new Map()): Entry[] {
  return events
    .filter((event) => ticketOf(event) === ticket)
    .flatMap((event): Entry[] => {
      const text = describe(event, names);
      return text === null ? [] : [{ ticket, at: event.at, block: event.block, text }];
    })
    .sort((x, y) => x.block - y.block);
}
