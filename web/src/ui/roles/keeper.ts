//! The keeper: how much is due, run a bounded sweep (what it did, from its block's events), and
//! what sweeping earned.

import { decode } from '../../chain/events';
import { big } from '../../logic/format';
import { describe, ticketOf, variant } from '../../logic/timeline';
import { fill, h, labelled, section } from '../dom';
import type { Session } from '../session';
import { button, wallet, type View } from './common';

/** The most tickets the page lists as due. */
const DUE_LIMIT = 50;

interface Due {
  ids: unknown[];
  complete: boolean;
  lagMs: unknown;
}

export function keeperView(s: Session): View {
  const due = h('p', { 'data-testid': 'due' });
  const max = h('input', { type: 'number', min: 1, max: 1000, value: 20 });
  const last = h('p', { 'data-testid': 'sweep-result' });
  const earned = h('p', { 'data-testid': 'keeper-earned' });
  const walletBox = h('div');
  const sweep = button('Run sweep', async () => {
    const written = await s.act('Sweep', 'help_desk', 'process_due', [Number(max.value)]);
    if (!written) return;
    // What the sweep did, from its block's events (the dry run ran at the best block's time).
    const done = decode(s.suite, written.records, 0, 0)
      .filter((e) => e.contract === 'help_desk')
      .map((e) => {
        const ticket = ticketOf(e);
        const words = describe(e, s.names);
        return words && h('li', {}, ticket === null ? words : `#${ticket}: ${words}`);
      });
    fill(last, done.length ? h('ul', {}, ...done) : 'The sweep found nothing due.');
  }, 'sweep');
  const el = h('div', { class: 'view' }, section('Due now', due, h('div', { class: 'row' }, labelled('Most actions', max), sweep), last), section('Earnings', earned, walletBox));
  return {
    el,
    async refresh() {
      const me = s.account.address;
      const now = await s.read<Due>('help_desk', 'due_tickets', DUE_LIMIT);
      const ids = now.ids.map(Number);
      const asOf = `as of the chain's time ${new Date(await s.suite.now()).toLocaleTimeString()}`;
      const count = `${ids.length}${now.complete ? '' : '+'} ticket${ids.length === 1 && now.complete ? '' : 's'}`;
      fill(due, ids.length ? `${count} due ${asOf}: ${ids.map((id) => `#${id}`).join(', ')}` : `Nothing is due ${asOf}.`);
      const paid = s.deskEvents()
        .filter((e) => (e.name === 'RewardPaid' || e.name === 'RewardCredited') && e.args.to === me && variant(e.args.reason) === 'Keeper')
        .reduce((sum, e) => sum + big(e.args.amount), 0n);
      fill(earned, `Earned by sweeping since block #${s.historyFrom}: ${s.tokens(paid)}`);
      fill(walletBox, await wallet(s));
    },
  };
}
