//! The page: connection, account picker, one tab per role, the transaction log; the current
//! role's view refreshed on every suite event (debounced) and the SLA clocks ticked each second.

import { devAccounts, injectedAccounts } from '../chain/accounts';
import { loadConfig } from '../chain/config';
import { Suite } from '../chain/suite';
import { fill, h, labelled, select } from './dom';
import { adminView } from './roles/admin';
import { agentView } from './roles/agent';
import { communityView } from './roles/community';
import type { View } from './roles/common';
import { customerView } from './roles/customer';
import { governanceView } from './roles/governance';
import { keeperView } from './roles/keeper';
import { Session } from './session';
import { tick } from './ticket';

/** How often the view refreshes without a chain event (to pick up texts stored meanwhile). */
const TEXT_REFRESH_MS = 4_000;

/** The roles, in tab order: (query value, tab name, view). */
const ROLES: [string, string, (s: Session) => View][] = [
  ['customer', 'Customer', customerView],
  ['agent', 'Agent', agentView],
  ['community', 'Community', communityView],
  ['keeper', 'Keeper', keeperView],
  ['governance', 'Governance', governanceView],
  ['admin', 'Admin', adminView],
];

export async function start(root: HTMLElement): Promise<void> {
  const status = h('p', { class: 'status-line', 'data-testid': 'connection', role: 'status' }, 'Connecting…');
  fill(root, h('header', {}, h('h1', {}, 'On-chain help desk'), status));
  const query = new URLSearchParams(location.search);
  let suite: Suite;
  try {
    const config = await loadConfig(query);
    suite = await Suite.connect(config);
  } catch (e) {
    status.textContent = `Not connected: ${(e as Error).message}`;
    status.classList.add('error');
    return;
  }
  const ss58 = suite.api.registry.chainSS58 ?? 42;
  const accounts = [...(await injectedAccounts(ss58)), ...(suite.isDevelopment ? await devAccounts(ss58) : [])];
  if (accounts.length === 0) {
    status.textContent = 'No accounts: install a wallet extension (polkadot.js, Talisman, SubWallet) and allow this page.';
    return;
  }
  const log = h('ol', { class: 'txlog', 'data-testid': 'txlog', 'aria-live': 'polite' });
  const session = new Session(suite, accounts, log);
  const wanted = query.get('account');
  session.account = accounts.find((a) => a.name === wanted || a.address === wanted) ?? accounts[0];

  const picker = select(accounts.map((a) => [a.address, a.name]), session.account.address);
  picker.setAttribute('data-testid', 'account');
  const block = h('span', { 'data-testid': 'block' });
  const main = h('main', { id: 'main', tabindex: -1 });
  const problem = h('p', { class: 'error', role: 'alert', 'data-testid': 'problem' });
  let role = ROLES.find(([key]) => key === query.get('role')) ?? ROLES[0];
  const views = new Map<string, View>();
  const tabs = ROLES.map((r) => h('button', { type: 'button', 'data-role': r[0], 'aria-pressed': String(r === role), onclick: () => show(r) }, r[1]));

  // One refresh at a time; asks meanwhile collapse into one more after it.
  let pending: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const view = views.get(role[0]);
    try {
      await view?.refresh();
      problem.textContent = '';
      main.dataset.refreshed = String(Date.now());
    } catch (e) {
      problem.textContent = `Could not refresh: ${(e as Error).message}`;
    } finally {
      running = false;
      if (again) {
        again = false;
        void run();
      }
    }
  };
  const refresh = () => {
    clearTimeout(pending);
    pending = setTimeout(run, 150);
  };
  // A flow that failed outside a transaction (a read, the node going away) says so.
  window.addEventListener('unhandledrejection', (event) => {
    problem.textContent = `Something failed: ${event.reason instanceof Error ? event.reason.message : String(event.reason)}`;
  });
  function show(next: (typeof ROLES)[number]) {
    role = next;
    tabs.forEach((tab) => tab.setAttribute('aria-pressed', String(tab.dataset.role === next[0])));
    let view = views.get(next[0]);
    if (!view) {
      view = next[2](session);
      views.set(next[0], view);
    }
    fill(main, view.el);
    refresh();
  }
  picker.addEventListener('change', () => {
    session.account = accounts.find((a) => a.address === picker.value) ?? accounts[0];
    refresh();
  });
  session.onChange(refresh);

  fill(
    root,
    h('a', { href: '#main', class: 'skip' }, 'Skip to content'),
    h('header', {}, h('h1', {}, 'On-chain help desk'), status, h('div', { class: 'row' }, labelled('Account', picker), block)),
    h('nav', { 'aria-label': 'Roles' }, ...tabs),
    problem,
    main,
    h('aside', { 'aria-label': 'Transactions' }, h('h2', {}, 'Transactions'), log),
  );
  status.textContent = `Loading the desk's history from block ${suite.config.fromBlock}…`;
  await session.start();
  status.textContent = `Connected to ${suite.config.node}${suite.isDevelopment ? ' (development chain)' : ''}`;
  status.dataset.ready = 'true';
  await suite.api.rpc.chain.subscribeNewHeads((header) => {
    block.textContent = `block #${header.number.toNumber()}`;
  });
  setInterval(() => document.querySelectorAll<HTMLElement>('[data-sla]').forEach(tick), 1000);
  // Texts live off chain: no event announces them, so the view also refreshes every few seconds.
  setInterval(() => document.visibilityState === 'visible' && refresh(), TEXT_REFRESH_MS);
  show(role);
}
