//! Writes that carry a text: the text is salted and hashed in the browser, only the hash goes on
//! chain, then the text goes to the content service under that hash.

import type { Kind } from '../chain/content';
import { decode } from '../chain/events';
import type { Written } from '../chain/suite';
import { contentHash, newSalt } from '../logic/hashing';
import { u8aToHex } from '@polkadot/util';
import type { Session } from './session';

/** What a text write did: the ticket it belongs to, or `null` when nothing went on chain. */
export async function writeWithText(
  session: Session,
  what: string,
  label: string,
  args: (hash: string) => unknown[],
  ticket: number | ((written: Written) => number),
  kind: Kind,
  text: string,
  isPublic = false,
): Promise<number | null> {
  const salt = newSalt();
  const hash = contentHash(salt, text);
  const written = await session.act(what, 'help_desk', label, args(hash));
  if (!written) return null;
  const id = typeof ticket === 'number' ? ticket : ticket(written);
  try {
    await session.content.upload(session.account.raw, hash, { ticket: id, kind, salt: u8aToHex(salt), text, public: isPublic });
  } catch (e) {
    session.log.prepend(Object.assign(document.createElement('li'), {
      textContent: `${what}: on chain, but the text was not stored: ${(e as Error).message}`,
      className: 'failed',
    }));
  }
  session.changed();
  return id;
}

/** The id of the ticket a write opened, from its `TicketOpened` event. */
export function openedTicket(session: Session, written: Written): number {
  const opened = decode(session.suite, written.records, 0, 0).find((event) => event.name === 'TicketOpened');
  if (!opened) throw new Error('the block has no TicketOpened event');
  return Number(opened.args.id);
}
