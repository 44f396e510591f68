// A text is verified only when it is the text of a hash the desk's events hold for that ticket,
// of the kind and by the author the event names.
import { describe, expect, it } from 'vitest';
import { u8aToHex } from '@polkadot/util';
import { contentHash } from '../../src/logic/hashing';
import type { DecodedEvent } from '../../src/logic/timeline';
import { hashesOf, verdict } from '../../src/logic/verdict';

const EVE = '5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw';
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const salt = new Uint8Array(32).fill(9);
const text = (words: string, kind: string, author: string) => ({ hash: contentHash(salt, words), salt: u8aToHex(salt), text: words, kind, author });
const event = (name: string, args: Record<string, unknown>): DecodedEvent => ({ name, args, block: 1, at: 0 });

const request = text('My order never came.', 'request', EVE);
const answer = text('It ships today.', 'response', BOB);
const reason = text('Needs a supervisor.', 'escalation', BOB);
const events = [
  event('TicketOpened', { id: 1, customer: EVE, priority: 'Normal', category: 7, content: request.hash, parent: null }),
  event('Responded', { id: 1, responder: BOB, role: 'Agent', content: answer.hash }),
  event('Escalated', { id: 1, level: 2, reason: { manual: reason.hash } }),
  event('Responded', { id: 2, responder: BOB, role: 'Agent', content: text('Other ticket.', 'response', BOB).hash }),
];
const onChain = hashesOf(events, 1, EVE);

describe('the verdict on a text', () => {
  it('is verified for the request, a response and an escalation reason of the ticket', () => {
    expect([request, answer, reason].map((record) => verdict(record, onChain))).toEqual(['verified', 'verified', 'verified']);
  });

  it('does not match when the service altered the text', () => {
    expect(verdict({ ...answer, text: 'It ships next year.' }, onChain)).toBe('does not match');
  });

  it('does not match when the service claims another author or kind for a hash on chain', () => {
    expect(verdict({ ...answer, author: EVE }, onChain)).toBe('does not match');
    expect(verdict({ ...answer, kind: 'resolution' }, onChain)).toBe('does not match');
  });

  it("is not verified for another ticket's hash, nor for a hash the desk never stored", () => {
    const elsewhere = text('Other ticket.', 'response', BOB);
    expect(verdict(elsewhere, onChain)).toBe('not seen on chain');
    expect(verdict(text('Made up.', 'response', BOB), onChain)).toBe('not seen on chain');
  });

  it("takes no hash from another contract's event with the same id", () => {
    const proposal = text('Pay me.', 'response', BOB);
    const mixed = hashesOf([...events, event('ProposalCreated', { id: 1, proposer: BOB, descriptionHash: proposal.hash })], 1, EVE);
    expect(verdict(proposal, mixed)).toBe('not seen on chain');
  });
});
