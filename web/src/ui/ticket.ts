//! A ticket as every role sees it: status, SLA clocks ticking in the browser, its texts from the
//! content service each marked verified or does-not-match against the hashes on chain, and its
//! timeline from the events; the role's actions below.

import { encodeAddress } from '@polkadot/util-crypto';
import { ContentError, type TextRecord } from '../chain/content';
import { num, who } from '../logic/format';
import { verify } from '../logic/hashing';
import { slaClocks, type SlaInput, type Status } from '../logic/sla';
import { ticketOf, timeline } from '../logic/timeline';
import { fill, h } from './dom';
import type { Session } from './session';

/** A ticket as the desk's `ticket` message returns it (`toJSON`, camelCase). */
export interface Ticket {
  id: number;
  customer: string;
  tier: string;
  priority: string;
  category: number;
  content: string;
  status: Status;
  escalation: number;
  assignee: string | null;
  queue: number | null;
  resolvedBy: string | null;
  rating: number | null;
  acceptedAnswer: string | null;
  createdAt: number;
  policy: { firstResponseMs: number; resolutionMs: number; warningLeadMs: number };
  clocks: SlaInput['clocks'];
}

/** The ticket `id`, or `null` if there is none. */
export async function loadTicket(session: Session, id: number): Promise<Ticket | null> {
  const raw = await session.read<Record<string, any> | null>('help_desk', 'ticket', id);
  if (!raw) return null;
  const c = raw.clocks;
  return {
    ...(raw as unknown as Ticket),
    id,
    category: num(raw.category),
    createdAt: num(raw.createdAt),
    policy: {
      firstResponseMs: num(raw.policy.firstResponseMs),
      resolutionMs: num(raw.policy.resolutionMs),
      warningLeadMs: num(raw.policy.warningLeadMs),
    },
    clocks: {
      responseStartedAt: num(c.responseStartedAt),
      responded: c.responded,
      resolutionUsedMs: num(c.resolutionUsedMs),
      resolutionRunningSince: c.resolutionRunningSince === null ? null : num(c.resolutionRunningSince),
      breached: c.breached,
    },
  };
}

/** Every content hash the chain holds for `ticket`, from its events (request, responses, …). */
export function hashesOnChain(session: Session, ticket: Ticket): Set<string> {
  const found = new Set([ticket.content.toLowerCase()]);
  const collect = (value: unknown) => {
    if (typeof value === 'string' && /^0x[0-9a-fA-F]{64}$/.test(value)) found.add(value.toLowerCase());
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  for (const event of session.events) if (ticketOf(event) === ticket.id) collect(event.args);
  return found;
}

/** The words for a text against the chain. */
export function textVerdict(record: TextRecord, onChain: Set<string>): 'verified' | 'does not match' {
  return onChain.has(record.hash.toLowerCase()) ? verify(record, record.hash) : 'does not match';
}

/** The SLA clocks of `ticket`, as elements the page's ticker keeps current. */
export function clocksOf(ticket: Ticket): HTMLElement {
  const input: SlaInput = { status: ticket.status, policy: ticket.policy, clocks: ticket.clocks };
  const element = h('div', { class: 'clocks', 'data-sla': JSON.stringify(input) });
  tick(element);
  return element;
}

/** Re-renders one clocks element for the current time. */
export function tick(element: HTMLElement): void {
  const input = JSON.parse(element.dataset.sla ?? '{}') as SlaInput;
  fill(
    element,
    ...slaClocks(input, Date.now()).map((clock) =>
      h('span', { class: `clock ${clock.state}`, 'data-testid': `sla-${clock.metric.replace(' ', '-')}`, 'data-state': clock.state }, clock.text),
    ),
  );
}

/** Renders ticket `id` into a card, with `actions(ticket)` below (recomputed on refresh). */
export class TicketCard {
  readonly el: HTMLElement;
  private readonly body = h('div');
  /** The actions, rebuilt only when the ticket changed (a half-typed text survives a refresh). */
  private actionsEl = h('div', { class: 'actions' });
  private actionsKey = '';

  constructor(
    private readonly session: Session,
    readonly id: number,
    private readonly actions: (ticket: Ticket) => (Node | null)[],
  ) {
    this.el = h('article', { class: 'ticket', 'data-testid': `ticket-${id}`, 'aria-label': `Ticket ${id}` }, this.body);
  }

  private actionsOf(ticket: Ticket, events: number): HTMLElement {
    const key = JSON.stringify([ticket.status, ticket.assignee, ticket.acceptedAnswer, ticket.priority, ticket.escalation, events, this.session.account.address]);
    if (key !== this.actionsKey) {
      this.actionsKey = key;
      this.actionsEl = h('div', { class: 'actions' }, ...this.actions(ticket));
    }
    return this.actionsEl;
  }

  async refresh(): Promise<void> {
    const s = this.session;
    const ticket = await loadTicket(s, this.id);
    if (!ticket) return fill(this.body, `Ticket ${this.id} does not exist.`);
    let texts: Node;
    try {
      const records = await s.content.thread(s.account.raw, ticket.id);
      const onChain = hashesOnChain(s, ticket);
      texts = h(
        'ul',
        { class: 'texts' },
        ...records.map((record) => {
          const verdict = textVerdict(record, onChain);
          return h(
            'li',
            { 'data-testid': 'text', 'data-verdict': verdict, 'data-kind': record.kind },
            h('span', { class: 'kind' }, `${record.kind} by ${who(encodeAddress(record.author, s.suite.api.registry.chainSS58), s.names)}`),
            h('q', {}, record.text),
            h('span', { class: `verdict ${verdict === 'verified' ? 'ok' : 'bad'}` }, verdict === 'verified' ? '✓ verified' : '✗ does not match'),
          );
        }),
      );
      if (records.length === 0) texts = h('p', { class: 'muted' }, 'No texts stored yet.');
    } catch (e) {
      texts = h('p', { class: 'muted', 'data-testid': 'texts-refused' }, e instanceof ContentError ? `Texts: ${e.message}` : `Texts: ${(e as Error).message}`);
    }
    const lines = timeline(s.events, ticket.id, s.names);
    fill(
      this.body,
      h(
        'header',
        {},
        h('h3', {}, `#${ticket.id}`),
        h('span', { class: `status ${ticket.status}`, 'data-testid': 'status' }, ticket.status),
        h('span', {}, `${ticket.priority} · category ${ticket.category} · ${ticket.tier}`),
        ticket.escalation > 0 ? h('span', { class: 'badge' }, `escalated ${ticket.escalation}`) : null,
        h('span', { class: 'muted' }, ticket.assignee ? `agent ${who(ticket.assignee, s.names)}` : `queue ${ticket.queue ?? '–'}`),
      ),
      clocksOf(ticket),
      texts,
      h('details', {}, h('summary', {}, `Timeline (${lines.length})`), h('ol', { class: 'timeline', 'data-testid': 'timeline' }, ...lines.map((line) => h('li', {}, h('time', {}, new Date(line.at).toLocaleTimeString()), ' ', line.text)))),
      this.actionsOf(ticket, lines.length),
    );
  }
}
