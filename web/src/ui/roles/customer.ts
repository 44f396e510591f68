//! The customer: open a ticket (after a look at the knowledge base of its category), follow my
//! tickets live, respond, reopen, confirm with a rating, accept an answer, boost (approve then
//! boost, one flow), and see my balance and what the desk owes me.

import { big, who } from '../../logic/format';
import { ACTIVE } from '../../logic/sla';
import { hashesOf, verdict, VERDICT_WORDS } from '../../logic/verdict';
import { fill, h, labelled, section, select } from '../dom';
import type { Session } from '../session';
import { communityAnswerers, loadTicket, type Ticket } from '../ticket';
import { openedTicket, writeWithText } from '../write';
import { approved, button, Cards, latestTickets, listed, respondAction, textAction, wallet, type View } from './common';

/** How many recent tickets the knowledge base looks through. */
const KNOWLEDGE_SCAN = 50;

export function customerView(s: Session): View {
  const priority = select(s.suite.variants('help_desk', 'Priority').map((p) => [p, p]), 'Normal');
  const category = h('input', { type: 'number', min: 0, value: 1, inputmode: 'numeric' });
  const text = h('textarea', { rows: 3, 'data-testid': 'open-text' });
  const isPublic = h('input', { type: 'checkbox' });
  const knowledge = h('div', { 'data-testid': 'knowledge' });
  const walletBox = h('div');
  const mine = h('div', { 'data-testid': 'my-tickets' });
  const cards = new Cards(s, (ticket) => actions(s, ticket));

  const openButton = button('Open ticket', async () => {
    if (!text.value.trim()) return text.focus();
    const id = await writeWithText(
      s,
      'Open a ticket',
      'open_ticket',
      (hash) => [priority.value, Number(category.value), hash],
      (written, customer) => openedTicket(s, written, customer),
      'request',
      text.value.trim(),
      isPublic.checked,
    );
    if (id !== null) text.value = '';
  }, 'open');
  category.addEventListener('change', () => void showKnowledge(s, Number(category.value), knowledge));

  const el = h(
    'div',
    { class: 'view' },
    section('Wallet', walletBox),
    section(
      'Open a ticket',
      h('form', { class: 'open', onsubmit: (e: Event) => e.preventDefault() },
        labelled('Priority', priority),
        labelled('Category', category),
        labelled('What is the problem?', text),
        h('label', { class: 'check' }, isPublic, ' Public: the community may read and answer it'),
        openButton,
      ),
      h('h3', {}, 'Answers accepted before in this category'),
      knowledge,
    ),
    section('My tickets', mine),
  );
  return {
    el,
    async refresh() {
      const me = s.account.address;
      const ids = await listed(s, 'tickets_by_customer', [me], { newest: true });
      await Promise.all([
        wallet(s).then((w) => fill(walletBox, w)),
        cards.show(mine, ids, 'You have no tickets.'),
        showKnowledge(s, Number(category.value), knowledge),
      ]);
    },
  };
}

/** The customer's actions on `ticket`, by its status. */
function actions(s: Session, ticket: Ticket): (Node | null)[] {
  const active = ACTIVE.includes(ticket.status);
  const out: (Node | null)[] = [];
  if (ticket.status === 'Closed') return out;
  out.push(respondAction(s, ticket.id, 'Your reply', 'Respond', 'respond'));
  if (ticket.status === 'Resolved') {
    const rating = select([['', 'no rating'], ...[5, 4, 3, 2, 1].map((n): [string, string] => [String(n), `${n} / 5`])], '5');
    out.push(
      h('div', { class: 'row' }, labelled('Rating', rating),
        button('Confirm', () => s.act(`Confirm #${ticket.id}`, 'help_desk', 'confirm', [ticket.id, rating.value ? Number(rating.value) : null]), 'confirm')),
      textAction('Why reopen?', 'Reopen', (text) => writeWithText(s, `Reopen #${ticket.id}`, 'reopen', (hash) => [ticket.id, hash], ticket.id, 'reopening', text), 'reopen'),
    );
  }
  if (!ticket.acceptedAnswer) {
    for (const responder of communityAnswerers(s.deskEvents(), ticket.id)) {
      out.push(button(`Accept ${who(responder, s.names)}'s answer`, () => s.act(`Accept an answer on #${ticket.id}`, 'help_desk', 'accept_answer', [ticket.id, responder]), 'accept'));
    }
  }
  if (active && ticket.priority !== 'Urgent') out.push(button('Boost priority', () => boost(s, ticket.id), 'boost', 'Pays the boost price in tokens: approve, then boost'));
  return out;
}

/**
 * Approve the desk for the boost price, then boost: one flow, two transactions. The boost is
 * dry-run first: any refusal but the missing payment (which the approval supplies) stops the
 * flow before anything is sent, as does a balance below the price.
 */
async function boost(s: Session, id: number): Promise<void> {
  const what = `Boost #${id}`;
  const settings = await s.read<{ boostPrice: unknown }>('help_desk', 'settings');
  const price = big(settings.boostPrice);
  const balance = big(await s.read<unknown>('loyalty_token', 'PSP22::balance_of', s.account.address));
  if (balance < price) return s.refuse(what, `The boost costs ${s.tokens(price)}; your balance is ${s.tokens(balance)}.`);
  const dry = await s.suite.dryRun('help_desk', 'boost_priority', s.account.address, id);
  if (!dry.ok && dry.variant !== 'PaymentFailed') return s.refuse(what, dry.error);
  if (await approved(s, s.suite.config.desk, price, 'the boost')) await s.act(what, 'help_desk', 'boost_priority', [id]);
}

/** How many recent tickets the knowledge base shows answers from. */
const KNOWLEDGE_SHOWN = 5;

/** Accepted public answers in `category`: question and answer, each checked against the chain. */
async function showKnowledge(s: Session, category: number, into: HTMLElement): Promise<void> {
  const tickets = await Promise.all((await latestTickets(s, KNOWLEDGE_SCAN)).map((id) => loadTicket(s, id)));
  const answered = tickets.filter((t): t is Ticket => t !== null && t.category === category && t.acceptedAnswer !== null).slice(0, KNOWLEDGE_SHOWN);
  const found: Node[] = [];
  for (const ticket of answered) {
    const texts = await s.content.thread(null, ticket.id).catch(() => null);
    if (!texts) continue; // a private ticket: not in the knowledge base
    const onChain = hashesOf(s.deskEvents(), ticket.id, ticket.customer);
    // The request, and the accepted member's response whose hash is on chain (a member may
    // have stored texts that never went on chain).
    const stored = texts.map((t) => s.stored(t));
    const shown = (kind: string, author: string | null, only?: Map<string, unknown>) => {
      const record = stored.find((t) => t.kind === kind && t.author === author && (!only || only.has(t.hash.toLowerCase())));
      if (!record) return null;
      const [words, style] = VERDICT_WORDS[verdict(record, onChain)];
      return [h('q', {}, record.text), ' ', h('span', { class: `verdict ${style}` }, words)];
    };
    const question = shown('request', ticket.customer);
    const answer = shown('response', ticket.acceptedAnswer, onChain);
    if (question && answer) found.push(h('li', { 'data-testid': 'kb-entry' }, ...question, ' → ', ...answer));
  }
  fill(into, found.length ? h('ul', {}, ...found) : h('p', { class: 'muted' }, 'No accepted public answers in this category yet.'));
}
