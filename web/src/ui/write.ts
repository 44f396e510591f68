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
  ticket: number | ((written: Written<number>, customer: string) => number),
  kind: Kind,
  text: string,
  isPublic = false,
): Promise<number | null> {
  const salt = newSalt();
  const hash = contentHash(salt, text);
  // The account that signs the transaction uploads the text, even if the user switches meanwhile.
  const account = session.account;
  const written = await session.act<number>(what, 'help_desk', label, args(hash), account);
  if (!written) return null;
  const id = typeof ticket === 'number' ? ticket : ticket(written, account.address);
  // The salt and the text are kept in the retry: without them the hash on chain has no text.
  const store = () => session.content.upload(account.raw, hash, { ticket: id, kind, salt: u8aToHex(salt), text, public: isPublic }).then(() => session.changed());
  try {
    await store();
  } catch (e) {
    session.failed(`${what}: on chain, but the text was not stored`, (e as Error).message, store);
  }
  return id;
}

/** The id of the ticket a write opened: its `TicketOpened` event in the block (the dry run's
 * id, should another ticket have been opened first, would be off by one). */
export function openedTicket(session: Session, written: Written<number>, customer: string): number {
  const opened = decode(session.suite, written.records, 0, 0).find(
    (event) => event.contract === 'help_desk' && event.name === 'TicketOpened' && event.args.customer === customer,
  );
  return opened ? Number(opened.args.id) : Number(written.value);
}
