//! The community: public tickets to answer, my accepted answers (from the desk's events), and my
//! rewards this epoch.

import { big } from '../../logic/format';
import { fill, h, section } from '../dom';
import type { Session } from '../session';
import { loadTicket, type Ticket } from '../ticket';
import { ACTIVE } from '../../logic/sla';
import { Cards, latestTickets, respondAction, wallet, type View } from './common';

/** How many recent tickets the page looks through for public ones. */
const SCAN = 30;

export function communityView(s: Session): View {
  const walletBox = h('div');
  const rewards = h('p', { 'data-testid': 'community-rewards' });
  const open = h('div', { 'data-testid': 'to-answer' });
  const accepted = h('ul', { 'data-testid': 'accepted' });
  const cards = new Cards(s, (ticket) => actions(s, ticket));
  const el = h('div', { class: 'view' }, section('Wallet', walletBox, rewards), section('Tickets to answer', open), section('My accepted answers', accepted));
  return {
    el,
    async refresh() {
      const me = s.account.address;
      const publicActive: number[] = [];
      const mine: Node[] = [];
      for (const event of s.deskEvents()) {
        if (event.name === 'AnswerAccepted' && event.args.responder === me) mine.push(h('li', {}, `#${event.args.id}`));
      }
      // A ticket is public when the service serves its texts to anyone.
      const candidates = await Promise.all((await latestTickets(s, SCAN)).map(async (id) => {
        const ticket = await loadTicket(s, id);
        const candidate = ticket !== null && ACTIVE.includes(ticket.status) && ticket.customer !== me;
        return candidate && (await s.content.thread(null, id, 1).then(() => true, () => false)) ? id : null;
      }));
      publicActive.push(...candidates.filter((id): id is number => id !== null));
      const [earned] = await s.read<[unknown, unknown]>('help_desk', 'reward_usage', 'Community', me);
      fill(rewards, `Community rewards this epoch: ${s.tokens(big(earned))}`);
      fill(accepted, ...(mine.length ? mine : [h('li', { class: 'muted' }, 'None yet.')]));
      await Promise.all([wallet(s).then((w) => fill(walletBox, w)), cards.show(open, publicActive, 'No public ticket waits for an answer.')]);
    },
  };
}

function actions(s: Session, ticket: Ticket): (Node | null)[] {
  return [respondAction(s, ticket.id, 'Your answer', 'Answer', 'answer')];
}
