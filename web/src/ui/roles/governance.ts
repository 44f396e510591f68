//! Governance: my escrow (lock: approve then lock, one flow, amounts in whole tokens; unlock), and
//! the proposals with their actions in words, state and tally; vote, queue and execute.

import { actionWords } from '../../logic/actions';
import { big } from '../../logic/format';
import { fill, h, labelled, section } from '../dom';
import type { Session } from '../session';
import { approved, button, units, type View } from './common';

/** How many recent proposals the page lists. */
const SHOWN = 10;

interface Proposal {
  proposer: string;
  actions: unknown[];
  voteStart: unknown;
  voteEnd: unknown;
  quorum: unknown;
  tally: { against: unknown; for?: unknown; for_?: unknown; abstain: unknown };
}

export function governanceView(s: Session): View {
  const escrow = h('p', { 'data-testid': 'escrow' });
  const lockAmount = h('input', { inputmode: 'decimal', value: '100' });
  const proposals = h('div', { 'data-testid': 'proposals' });
  const lock = button('Lock', async () => {
    const value = units(s, lockAmount.value);
    if (value === null) return s.refuse('Lock', `"${lockAmount.value}" is not an amount of tokens.`);
    const balance = big(await s.read<unknown>('loyalty_token', 'PSP22::balance_of', s.account.address));
    if (balance < value) return s.refuse(`Lock ${s.tokens(value)}`, `Your balance is ${s.tokens(balance)}.`);
    // Dry-run first: any refusal but the token's (the approval supplies it) stops the flow.
    const dry = await s.suite.dryRun('governor', 'lock', s.account.address, value.toString());
    if (!dry.ok && dry.variant !== 'TokenRefused') return s.refuse(`Lock ${s.tokens(value)}`, dry.error);
    if (await approved(s, s.suite.config.governor as string, value, 'the governor')) await s.act(`Lock ${s.tokens(value)}`, 'governor', 'lock', [value.toString()]);
  }, 'lock');
  const unlock = button('Unlock', async () => {
    const value = units(s, lockAmount.value);
    if (value === null) return s.refuse('Unlock', `"${lockAmount.value}" is not an amount of tokens.`);
    await s.act(`Unlock ${s.tokens(value)}`, 'governor', 'unlock', [value.toString()]);
  }, 'unlock');
  const el = h('div', { class: 'view' }, section('My votes', escrow, h('div', { class: 'row' }, labelled('Amount', lockAmount), lock, unlock)), section('Proposals', proposals));
  return {
    el,
    async refresh() {
      if (!s.suite.contracts.has('governor')) {
        fill(escrow, 'This deployment has no governor: the owner sets the policy.');
        return;
      }
      const me = s.account.address;
      const [mine, total, count] = await Promise.all([
        s.read<{ amount: unknown; lockedUntil: unknown }>('governor', 'escrow_of', me),
        s.read<unknown>('governor', 'total_escrow'),
        s.read<unknown>('governor', 'proposal_count'),
      ]);
      fill(escrow, `Locked: ${s.tokens(big(mine.amount))} of ${s.tokens(big(total))} in escrow (your vote weight).`);
      const ids = Array.from({ length: Math.min(SHOWN, Number(count)) }, (_, i) => Number(count) - i);
      const cards = await Promise.all(ids.map(async (id) => {
        const [proposal, state] = await Promise.all([s.read<Proposal | null>('governor', 'proposal', id), s.read<string>('governor', 'state', id)]);
        if (!proposal) return null;
        const t = proposal.tally;
        return h(
          'article',
          { class: 'proposal', 'data-testid': `proposal-${id}` },
          h('h3', {}, `Proposal ${id} `, h('span', { class: 'status', 'data-testid': 'proposal-state' }, String(state))),
          h('ul', {}, ...proposal.actions.map((a) => h('li', {}, actionWords(a, s.names)))),
          h('p', {}, `For ${s.tokens(big(t.for ?? t.for_))} · against ${s.tokens(big(t.against))} · abstain ${s.tokens(big(t.abstain))} · quorum ${s.tokens(big(proposal.quorum))}; voting ends ${new Date(Number(proposal.voteEnd)).toLocaleString()}`),
          h('div', { class: 'row' },
            ...['For', 'Against', 'Abstain'].map((side) => button(`Vote ${side.toLowerCase()}`, () => s.act(`Vote ${side.toLowerCase()} on ${id}`, 'governor', 'vote', [id, side]), `vote-${side.toLowerCase()}`)),
            button('Queue', () => s.act(`Queue ${id}`, 'governor', 'queue', [id]), 'queue'),
            button('Execute', () => s.act(`Execute ${id}`, 'governor', 'execute', [id]), 'execute'),
          ),
        );
      }));
      fill(proposals, ...(ids.length ? cards : [h('p', { class: 'muted' }, 'No proposals yet.')]));
    },
  };
}
