//! A ticket as every role sees it: status, SLA clocks ticking in the browser, its texts from the
//! content service each marked verified or does-not-match against the hashes on chain, and its
//! timeline from the events; the role's actions below. A refresh updates the parts in place, so
//! focus, a half-typed answer and an open timeline stay.

import { ContentError, type TextRecord } from '../chain/content';
import type { SuiteEvent } from '../chain/events';
import { num, who } from '../logic/format';
import { hashesOf, verdict, VERDICT_WORDS } from '../logic/verdict';
import { slaClocks, type SlaInput, type Status } from '../logic/sla';
import { timeline } from '../logic/timeline';
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
      warned: c.warned,
      breached: c.breached,
    },
  };
}

/** The community members who answered ticket `id` (from the desk's `Responded` events). */
export function communityAnswerers(events: SuiteEvent[], id: number): string[] {
  const found = events.filter((e) => e.name === 'Responded' && Number(e.args.id) === id && e.args.role === 'Community');
  return [...new Set(found.map((e) => String(e.args.responder)))];
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

/** How often a ticket's texts are asked for again while a hash on chain has no text served. */
const TEXT_RETRIES = 3;

/** Renders ticket `id` into a card, with `actions(ticket)` below (rebuilt only on change). */
export class TicketCard {
  readonly el: HTMLElement;
  private readonly header = h('header');
  private readonly clocks = h('div');
  private readonly texts = h('div');
  private readonly lines = h('ol', { class: 'timeline', 'data-testid': 'timeline' });
  private readonly timelineTitle = h('summary');
  private readonly actionsBox = h('div', { class: 'actions' });
  private actionsKey = '';
  /** The texts last served (or the refusal), to whom, the hashes on chain still without a text
   * then, and the asks spent on those. */
  private served: { records: TextRecord[] | Error; reader: string; missing: string; tries: number } | null = null;

  constructor(
    private readonly session: Session,
    readonly id: number,
    private readonly actions: (ticket: Ticket) => (Node | null)[],
  ) {
    this.el = h(
      'article',
      { class: 'ticket', 'data-testid': `ticket-${id}`, 'aria-label': `Ticket ${id}` },
      this.header,
      this.clocks,
      this.texts,
      h('details', {}, this.timelineTitle, this.lines),
      this.actionsBox,
    );
  }

  /**
   * The ticket's texts: asked for again only when a hash on chain has no text among those served
   * (a wallet asks its user to approve every signed read), at most `TEXT_RETRIES` times for the
   * same missing hashes, and when the account changes. A refusal is kept the same way.
   */
  private async textsOf(onChain: Map<string, unknown>): Promise<TextRecord[]> {
    const s = this.session;
    const reader = s.account.address;
    const missingIn = (records: TextRecord[] | Error) => {
      const have = new Set(records instanceof Error ? [] : records.map((r) => r.hash.toLowerCase()));
      return [...onChain.keys()].filter((hash) => !have.has(hash)).sort().join(',');
    };
    const known = this.served?.reader === reader ? this.served : null;
    const missing = known ? missingIn(known.records) : '';
    if (!known || (missing !== '' && (missing !== known.missing || known.tries < TEXT_RETRIES))) {
      const records = await s.content.thread(s.account.raw, this.id).catch((e: Error) => e);
      const now = missingIn(records);
      const tries = known && known.missing === now ? known.tries + 1 : 1;
      this.served = { records, reader, missing: now, tries };
    }
    const served = (this.served as { records: TextRecord[] | Error }).records;
    if (served instanceof Error) throw served;
    return served;
  }

  async refresh(): Promise<void> {
    const s = this.session;
    const ticket = await loadTicket(s, this.id);
    if (!ticket) return fill(this.header, `Ticket ${this.id} does not exist.`);
    const desk = s.deskEvents();
    const onChain = hashesOf(desk, ticket.id, ticket.customer);
    try {
      const records = await this.textsOf(onChain);
      fill(
        this.texts,
        records.length === 0
          ? h('p', { class: 'muted' }, 'No texts stored yet.')
          : h('ul', { class: 'texts' }, ...records.map((record) => {
              const stored = s.stored(record);
              const found = verdict(stored, onChain);
              const [words, style] = VERDICT_WORDS[found];
              return h(
                'li',
                { 'data-testid': 'text', 'data-verdict': found, 'data-kind': record.kind },
                h('span', { class: 'kind' }, `${record.kind} by ${who(stored.author, s.names)}`),
                h('q', {}, record.text),
                h('span', { class: `verdict ${style}` }, words),
              );
            })),
      );
    } catch (e) {
      fill(this.texts, h('p', { class: 'muted', 'data-testid': 'texts-refused' }, `Texts: ${e instanceof ContentError ? e.message : (e as Error).message}`));
    }
    const lines = timeline(desk, ticket.id, s.names);
    fill(
      this.header,
      h('h3', {}, `#${ticket.id}`),
      h('span', { class: `status ${ticket.status}`, 'data-testid': 'status' }, ticket.status),
      h('span', {}, `${ticket.priority} · category ${ticket.category} · ${ticket.tier}`),
      ticket.escalation > 0 ? h('span', { class: 'badge' }, `escalated ${ticket.escalation}`) : null,
      h('span', { class: 'muted' }, ticket.assignee ? `agent ${who(ticket.assignee, s.names)}` : `queue ${ticket.queue ?? '–'}`),
    );
    fill(this.clocks, clocksOf(ticket));
    this.timelineTitle.textContent = `Timeline (${lines.length})`;
    fill(this.lines, ...lines.map((line) => h('li', {}, h('time', {}, new Date(line.at).toLocaleTimeString()), ' ', line.text)));
    // What the actions depend on (not every event: a keeper's warning must not wipe a half-typed
    // answer); community answers decide the customer's accept buttons.
    const answerers = communityAnswerers(desk, ticket.id);
    const key = JSON.stringify([ticket.status, ticket.assignee, ticket.acceptedAnswer, ticket.priority, ticket.escalation, answerers, s.account.address]);
    if (key !== this.actionsKey) {
      this.actionsKey = key;
      fill(this.actionsBox, ...this.actions(ticket));
    }
  }
}
