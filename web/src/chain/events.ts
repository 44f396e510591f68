//! The suite's events: decoded from `ContractEmitted` records (matched by the emitting address
//! first, then by signature topic in that contract's metadata), read back from the deployment's
//! block on, and followed block by block (no block read twice, none skipped) so another user's
//! change shows without a reload.

import type { EventRecord } from '@polkadot/types/interfaces';
import type { DecodedEvent } from '../logic/timeline';
import type { ContractName, Suite } from './suite';

/** The most past blocks read when the page opens (a history older than this needs an indexer). */
export const MAX_HISTORY_BLOCKS = 2_000;

/** Blocks read at once. */
const BATCH = 16;

/** A decoded event and the contract that emitted it. */
export type SuiteEvent = DecodedEvent & { contract: ContractName };

/** The suite events among `records`, emitted in block `block` at time `at`. */
export function decode(suite: Suite, records: EventRecord[], block: number, at: number): SuiteEvent[] {
  const found: SuiteEvent[] = [];
  for (const record of records) {
    if (!suite.api.events.contracts.ContractEmitted.is(record.event)) continue;
    const emitter = record.event.data[0].toString();
    for (const [name, contract] of suite.contracts) {
      if (contract.address.toString() !== emitter) continue;
      try {
        const decoded = contract.abi.decodeEvent(record);
        const args: Record<string, unknown> = {};
        decoded.event.args.forEach((param, i) => {
          args[param.name] = decoded.args[i].toJSON();
        });
        const label = decoded.event.identifier.split('::').pop() ?? decoded.event.identifier;
        found.push({ contract: name, name: label, args, block, at });
      } catch {
        // An event this metadata does not describe (e.g. emitted by newer code): not shown.
      }
    }
  }
  return found;
}

/** The suite's events in block `n` (by number, or by hash when known). */
async function eventsOf(suite: Suite, n: number, hash?: string): Promise<SuiteEvent[]> {
  const at = await suite.api.at(hash ?? (await suite.api.rpc.chain.getBlockHash(n)));
  const [records, time] = await Promise.all([at.query.system.events(), at.query.timestamp.now()]);
  return decode(suite, records as unknown as EventRecord[], n, (time as unknown as { toNumber(): number }).toNumber());
}

/** The suite's events of blocks `from` to `to`, a few blocks at a time. */
async function range(suite: Suite, from: number, to: number): Promise<SuiteEvent[]> {
  const events: SuiteEvent[] = [];
  for (let start = from; start <= to; start += BATCH) {
    const blocks = Array.from({ length: Math.min(BATCH, to - start + 1) }, (_, i) => start + i);
    events.push(...(await Promise.all(blocks.map((n) => eventsOf(suite, n)))).flat());
  }
  return events;
}

/** Where reading starts: `from`, but at most `MAX_HISTORY_BLOCKS` back from `best`. */
export function historyStart(from: number, best: number): number {
  return Math.min(Math.max(from, best - MAX_HISTORY_BLOCKS, 0), best);
}

/**
 * Reads the suite's events from block `from` to the best block into `listener`, then follows the
 * chain: on each new best block, every block since the last one read. Returns the first block
 * read (the history's start) once the history is in.
 */
export async function follow(suite: Suite, from: number, listener: (events: SuiteEvent[]) => void): Promise<number> {
  const best = (await suite.api.rpc.chain.getHeader()).number.toNumber();
  const start = historyStart(from, best);
  listener(await range(suite, start, best));
  let last = best;
  let reading = Promise.resolve();
  await suite.api.rpc.chain.subscribeNewHeads((header) => {
    const head = header.number.toNumber();
    reading = reading.then(async () => {
      if (head <= last) return; // already read (the subscription reports the head it started at)
      const events = head === last + 1 ? await eventsOf(suite, head, header.hash.toHex()) : await range(suite, last + 1, head);
      last = head;
      if (events.length > 0) listener(events);
    }).catch(() => {
      // The node went away mid-read: the next head retries from `last`.
    });
  });
  return start;
}
