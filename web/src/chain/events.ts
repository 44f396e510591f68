//! The suite's events: decoded from `ContractEmitted` records (matched by the emitting address
//! first, then by signature topic in that contract's metadata), read back from the deployment's
//! block on, and followed live so another user's change shows without a reload.

import type { EventRecord } from '@polkadot/types/interfaces';
import type { DecodedEvent } from '../logic/timeline';
import type { ContractName, Suite } from './suite';

/** The most past blocks read when the page opens (a history older than this needs an indexer). */
export const MAX_HISTORY_BLOCKS = 2_000;

/** The suite events among `records`, emitted in block `block` at time `at`. */
export function decode(suite: Suite, records: EventRecord[], block: number, at: number): (DecodedEvent & { contract: ContractName })[] {
  const found: (DecodedEvent & { contract: ContractName })[] = [];
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

/** The suite's events from `from` (at most `MAX_HISTORY_BLOCKS` back) to the best block. */
export async function history(suite: Suite, from: number): Promise<DecodedEvent[]> {
  const best = (await suite.api.rpc.chain.getHeader()).number.toNumber();
  const start = Math.max(from, best - MAX_HISTORY_BLOCKS, 0);
  const blocks = Array.from({ length: best - start + 1 }, (_, i) => start + i);
  const events: DecodedEvent[] = [];
  // A few blocks at a time: one request per block, without flooding the node.
  for (let i = 0; i < blocks.length; i += 16) {
    const batch = await Promise.all(
      blocks.slice(i, i + 16).map(async (n) => {
        const hash = await suite.api.rpc.chain.getBlockHash(n);
        const at = await suite.api.at(hash);
        const [records, time] = await Promise.all([at.query.system.events(), at.query.timestamp.now()]);
        return decode(suite, records as unknown as EventRecord[], n, (time as unknown as { toNumber(): number }).toNumber());
      }),
    );
    events.push(...batch.flat());
  }
  return events;
}

/** Calls `listener` with the suite events of every new best block; returns the unsubscribe. */
export async function follow(suite: Suite, listener: (events: DecodedEvent[]) => void): Promise<() => void> {
  return suite.api.rpc.chain.subscribeNewHeads(async (header) => {
    const at = await suite.api.at(header.hash);
    const [records, time] = await Promise.all([at.query.system.events(), at.query.timestamp.now()]);
    const events = decode(suite, records as unknown as EventRecord[], header.number.toNumber(), (time as unknown as { toNumber(): number }).toNumber());
    if (events.length > 0) listener(events);
  });
}
