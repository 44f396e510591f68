//! What several roles share: the view contract, kept ticket cards, text forms, balances.

import { big } from '../../logic/format';
import { fill, h, labelled } from '../dom';
import type { Session } from '../session';
import { TicketCard, type Ticket } from '../ticket';

/** A role's page: its element, refreshed when the chain changes or the account switches. */
export interface View {
  el: HTMLElement;
  refresh(): Promise<void>;
}

/** The desk's priorities, lowest first. */
export const PRIORITIES = ['Low', 'Normal', 'High', 'Urgent'];

/** Ticket cards kept across refreshes (so a half-typed answer survives another user's change). */
export class Cards {
  private readonly cards = new Map<number, TicketCard>();

  constructor(
    private readonly session: Session,
    private readonly actions: (ticket: Ticket) => (Node | null)[],
  ) {}

  /** Shows the cards of `ids` in `parent`, refreshed; `empty` when there are none. */
  async show(parent: HTMLElement, ids: number[], empty: string): Promise<void> {
    if (ids.length === 0) return fill(parent, h('p', { class: 'muted' }, empty));
    const cards = ids.map((id) => {
      let card = this.cards.get(id);
      if (!card) {
        card = new TicketCard(this.session, id, this.actions);
        this.cards.set(id, card);
      }
      return card;
    });
    await Promise.all(cards.map((card) => card.refresh()));
    fill(parent, ...cards.map((card) => card.el));
  }
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

/** The ids a paged desk query (`tickets_by_customer` …) returns: its first page. */
export function page(reply: unknown): number[] {
  const [ids] = reply as [unknown[], unknown];
  return ids.map((id) => Number(id));
}
