//! Whether a text shown is the one the chain holds: the desk's events say, per content hash,
//! which message stored it (request, response, …) and, where the event names one, who wrote it;
//! a text is verified when it hashes to its key, the key is such a hash of that ticket, and the
//! kind and author the service reports agree with the event.

import { hexToU8a } from '@polkadot/util';
import { contentHash } from './hashing';
import { ticketOf, variant, type DecodedEvent } from './timeline';

/** What the chain says about one content hash of a ticket. */
export interface OnChain {
  kind: string;
  /** The writer, when the event names one (SS58). */
  author: string | null;
}

/** What a text is, against the chain. */
export type Verdict = 'verified' | 'does not match' | 'not seen on chain';

/** The words and the class the page shows for a verdict. */
export const VERDICT_WORDS: Record<Verdict, [string, string]> = {
  verified: ['✓ verified', 'ok'],
  'does not match': ['✗ does not match', 'bad'],
  'not seen on chain': ['? not seen on chain (older than the history read, or never stored)', 'unknown'],
};

function hashOf(value: unknown): string | null {
  return typeof value === 'string' && /^0x[0-9a-fA-F]{64}$/.test(value) ? value.toLowerCase() : null;
}

/**
 * The content hashes of `ticket` from the help desk's own events (`events` must be the desk's
 * only: the governor's and token's events carry other hashes), with `customer` as the author of
 * the request and of a reopening.
 */
export function hashesOf(events: DecodedEvent[], ticket: number, customer: string): Map<string, OnChain> {
  const found = new Map<string, OnChain>();
  const add = (hash: unknown, kind: string, author: string | null) => {
    const key = hashOf(hash);
    if (key) found.set(key, { kind, author });
  };
  for (const event of events) {
    if (ticketOf(event) !== ticket) continue;
    const a = event.args;
    switch (event.name) {
      case 'TicketOpened':
        add(a.content, 'request', String(a.customer));
        break;
      case 'Responded':
        add(a.content, 'response', String(a.responder));
        break;
      case 'Resolved':
        add(a.resolution, 'resolution', a.by ? String(a.by) : null);
        break;
      case 'Reopened':
        add(a.content, 'reopening', customer);
        break;
      case 'Escalated':
        if (variant(a.reason).startsWith('Manual')) add(Object.values(a.reason as object)[0], 'escalation', null);
        break;
      case 'Closed':
        if (variant(a.reason).startsWith('Invalid')) add(Object.values(a.reason as object)[0], 'invalid', null);
        break;
    }
  }
  return found;
}

/** A stored text as the content service serves it (author as SS58). */
export interface Stored {
  hash: string;
  salt: string;
  text: string;
  kind: string;
  author: string;
}

/** The verdict on `record` given the ticket's hashes on chain. */
export function verdict(record: Stored, onChain: Map<string, OnChain>): Verdict {
  const key = record.hash.toLowerCase();
  if (contentHash(hexToU8a(record.salt), record.text) !== key) return 'does not match';
  const fact = onChain.get(key);
  if (!fact) return 'not seen on chain';
  if (fact.kind !== record.kind || (fact.author !== null && fact.author !== record.author)) return 'does not match';
  return 'verified';
}
