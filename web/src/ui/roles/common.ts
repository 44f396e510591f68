//! What several roles share: the view contract, kept ticket cards, text forms, balances.

import { big } from '../../logic/format';
import { fill, h, labelled } from '../dom';
import type { Session } from '../session';
import { TicketCard, type Ticket } from '../ticket';
import { writeWithText } from '../write';

/** A role's page: its element, refreshed when the chain changes or the account switches. */
export interface View {
  el: HTMLElement;
  refresh(): Promise<void>;
}

/** Ticket cards kept across refreshes (so a half-typed answer survives another user's change). */
export class Cards {
  private readonly cards = new Map<number, TicketCard>();

  constructor(
    private readonly session: Session,
    private readonly actions: (ticket: Ticket) => (Node | null)[],
  ) {}

  /**
   * Shows the cards of `ids` in `parent`, refreshed in place; `empty` when there are none. The
   * cards are re-inserted only when the list changed (moving a node would take its focus).
   */
  async show(parent: HTMLElement, ids: number[], empty: string): Promise<void> {
    if (ids.length === 0) {
      delete parent.dataset.ids;
      return fill(parent, h('p', { class: 'muted' }, empty));
    }
    const cards = ids.map((id) => {
      let card = this.cards.get(id);
      if (!card) {
        card = new TicketCard(this.session, id, this.actions);
        this.cards.set(id, card);
      }
      return card;
    });
    await Promise.all(cards.map((card) => card.refresh()));
    if (parent.dataset.ids !== ids.join(',')) {
      parent.dataset.ids = ids.join(',');
      fill(parent, ...cards.map((card) => card.el));
    }
  }
}

/** The respond form every role's ticket card has: the text to the service, its hash on chain. */
export function respondAction(session: Session, id: number, label: string, button: string, testid: string): HTMLElement {
  return textAction(label, button, (text) => writeWithText(session, `Respond to #${id}`, 'respond', (hash) => [id, hash], id, 'response', text), testid);
}

/** A text box and a button: `send(text)` runs when the text is not empty. */
export function textAction(label: string, button: string, send: (text: string) => Promise<unknown>, testid: string): HTMLElement {
  const text = h('textarea', { rows: 2, 'data-testid': `${testid}-text` });
  const go = h('button', {
    type: 'button',
    'data-testid': testid,
    onclick: async () => {
      if (!text.value.trim()) return text.focus();
      go.disabled = true;
      try {
        await send(text.value.trim());
        text.value = '';
      } finally {
        go.disabled = false;
      }
    },
  }, button);
  return h('div', { class: 'text-action' }, labelled(label, text), go);
}

/** A button that runs `run` (disabled while it runs). */
export function button(text: string, run: () => Promise<unknown>, testid: string, title?: string): HTMLButtonElement {
  const element: HTMLButtonElement = h('button', {
    type: 'button',
    'data-testid': testid,
    title,
    onclick: async () => {
      element.disabled = true;
      try {
        await run();
      } finally {
        element.disabled = false;
      }
    },
  }, text);
  return element;
}

/** The current account's token balance and what the desk owes it, with a claim button. */
export async function wallet(session: Session): Promise<HTMLElement> {
  const me = session.account.address;
  const [balance, owed] = await Promise.all([
    session.read<unknown>('loyalty_token', 'PSP22::balance_of', me),
    session.read<unknown>('help_desk', 'owed', me),
  ]);
  return h(
    'div',
    { class: 'wallet' },
    h('span', { 'data-testid': 'balance' }, `Balance: ${session.tokens(big(balance))}`),
    h('span', { 'data-testid': 'owed' }, `Owed by the desk: ${session.tokens(big(owed))}`),
    big(owed) > 0n ? button('Claim', () => session.act('Claim what is owed', 'help_desk', 'claim_owed', [null]), 'claim') : null,
  );
}

/** The ids of the latest `count` tickets, newest first. */
export async function latestTickets(session: Session, count: number): Promise<number[]> {
  const total = Number(await session.read<unknown>('help_desk', 'ticket_count'));
  return Array.from({ length: Math.min(count, total) }, (_, i) => total - i);
}

/** The most tickets a list shows. */
export const MAX_LISTED = 50;

/** The most positions of one list read per refresh (pages of the desk's largest size, 100). */
export const MAX_POSITIONS = 1_000;
const PAGE = 100;

/**
 * The ids a paged desk query (`tickets_by_customer`, `tickets_in_queue`, …; `args` come before
 * `from, limit`) lists from position `from`, following its `next` cursor over at most
 * `MAX_POSITIONS` positions: the first `MAX_LISTED` (oldest first), or with `newest` the last
 * `MAX_LISTED`, newest first.
 */
export async function listed(session: Session, label: string, args: unknown[], options: { from?: number; newest?: boolean } = {}): Promise<number[]> {
  const ids: number[] = [];
  const start = options.from ?? 0;
  let from: number | null = start;
  while (from !== null && from < start + MAX_POSITIONS && (options.newest || ids.length < MAX_LISTED)) {
    const reply: [unknown[], unknown] = await session.read<[unknown[], unknown]>('help_desk', label, ...args, from, PAGE);
    const [page, next] = reply;
    // A ticket assigned away and back is listed at two positions: shown once.
    for (const id of page.map(Number)) if (!ids.includes(id)) ids.push(id);
    from = next === null || next === undefined ? null : Number(next);
  }
  return options.newest ? ids.slice(-MAX_LISTED).reverse() : ids.slice(0, MAX_LISTED);
}

/** Where a queue's walk starts: a queue lists ticket ids, so the latest `MAX_POSITIONS` of them. */
export async function queueStart(session: Session): Promise<number> {
  const count = Number(await session.read<unknown>('help_desk', 'ticket_count'));
  return Math.max(0, count - MAX_POSITIONS);
}

/**
 * Approves `spender` for `amount` of the account's tokens unless it may already move that much:
 * the first half of a pay-then-act flow. `false` when the approval was refused or failed.
 */
export async function approved(session: Session, spender: string, amount: bigint, what: string): Promise<boolean> {
  const allowance = big(await session.read<unknown>('loyalty_token', 'PSP22::allowance', session.account.address, spender));
  if (allowance >= amount) return true;
  return (await session.act(`Approve ${session.tokens(amount)} for ${what}`, 'loyalty_token', 'PSP22::approve', [spender, amount.toString()])) !== null;
}

/** An amount typed in whole tokens as units (the token's decimals), or `null` if it is not one. */
export function units(session: Session, typed: string): bigint | null {
  const match = /^\s*(\d+)(?:\.(\d+))?\s*$/.exec(typed);
  if (!match || (match[2] ?? '').length > session.decimals) return null;
  const fraction = (match[2] ?? '').padEnd(session.decimals, '0');
  const value = BigInt(match[1] + fraction);
  return value > 0n ? value : null;
}
