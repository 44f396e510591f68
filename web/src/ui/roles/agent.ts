//! The agent: the queue of my level and the tickets I hold, each with the customer's texts;
//! claim (or, as a supervisor, assign to another agent), respond, set status, escalate, resolve,
//! and close as invalid (spam or abuse).

import { fill, h, labelled, section, select } from '../dom';
import type { Session } from '../session';
import type { Ticket } from '../ticket';
import { writeWithText } from '../write';
import { button, Cards, listed, queueStart, respondAction, textAction, type View } from './common';

/** The supervisors' level: they may assign a ticket to another agent. */
const SUPERVISOR = 3;

export function agentView(s: Session): View {
  const level = h('p', { 'data-testid': 'agent-level' });
  const queue = h('div', { 'data-testid': 'queue' });
  const held = h('div', { 'data-testid': 'held' });
  let mine: number | null = null;
  const cards = new Cards(s, (ticket) => actions(s, ticket, mine ?? 0));
  const el = h('div', { class: 'view' }, level, section('Queue', queue), section('Assigned to me', held));
  return {
    el,
    async refresh() {
      const me = s.account.address;
      mine = await s.read<number | null>('help_desk', 'agent_level', me);
      if (mine === null) {
        fill(level, 'This account is not an agent of the desk.');
        await cards.show(queue, [], '');
        await cards.show(held, [], '');
        return;
      }
      fill(level, `Agent level ${mine}: you see the level-${mine} queue.`);
      const [queued, assigned] = await Promise.all([
        queueStart(s).then((from) => listed(s, 'tickets_in_queue', [mine], { from })),
        listed(s, 'tickets_by_assignee', [me], { newest: true }),
      ]);
      await cards.show(queue, queued, 'The queue is empty.');
      await cards.show(held, assigned, 'You hold no tickets.');
    },
  };
}

/** The desk's agents as its events tell (set, and not removed since). */
function agents(s: Session): string[] {
  const known = new Set<string>();
  for (const event of s.deskEvents()) {
    if (event.name === 'AgentSet') known.add(String(event.args.agent));
    if (event.name === 'AgentRemoved') known.delete(String(event.args.agent));
  }
  return [...known];
}

/** The agent's actions on `ticket`. */
function actions(s: Session, ticket: Ticket, level: number): (Node | null)[] {
  if (ticket.status === 'Closed') return [];
  const me = s.account.address;
  const id = ticket.id;
  const out: (Node | null)[] = [];
  if (ticket.assignee !== me) out.push(button('Claim', () => s.act(`Claim #${id}`, 'help_desk', 'assign', [id, me]), 'claim-ticket'));
  if (level >= SUPERVISOR) {
    const to = select(agents(s).filter((a) => a !== ticket.assignee).map((a) => [a, s.names.get(a) ?? a]));
    out.push(h('div', { class: 'row' }, labelled('Assign to', to), button('Assign', () => s.act(`Assign #${id}`, 'help_desk', 'assign', [id, to.value]), 'assign')));
  }
  if (ticket.status === 'Resolved') return out;
  out.push(respondAction(s, id, 'Answer', 'Respond', 'respond'));
  const status = select([['Open', 'Open'], ['Pending', 'Pending (waiting on the customer)'], ['OnHold', 'On hold (third party)']], ticket.status);
  out.push(h('div', { class: 'row' }, labelled('Status', status), button('Set status', () => s.act(`Set #${id} ${status.value}`, 'help_desk', 'set_status', [id, status.value]), 'set-status')));
  out.push(textAction('Resolution', 'Resolve', (text) => writeWithText(s, `Resolve #${id}`, 'resolve', (hash) => [id, hash], id, 'resolution', text), 'resolve'));
  out.push(
    h('details', {}, h('summary', {}, 'Escalate or close as invalid'),
      textAction('Reason to escalate', 'Escalate', (text) => writeWithText(s, `Escalate #${id}`, 'escalate', (hash) => [id, hash], id, 'escalation', text), 'escalate'),
      textAction('Why invalid (spam, abuse)', 'Close as invalid', (text) => writeWithText(s, `Close #${id} as invalid`, 'close_invalid', (hash) => [id, hash], id, 'invalid', text), 'close-invalid'),
    ),
  );
  return out;
}
