//! The page's state: the suite, the chosen account, the events seen, the content service, the
//! transaction log; and `act`, the one way a view writes (dry run, then sign and send, with each
//! stage shown in the log without blocking the page).

import { encodeAddress } from '@polkadot/util-crypto';
import type { Account } from '../chain/accounts';
import { ContentClient, type TextRecord } from '../chain/content';
import { follow, type SuiteEvent } from '../chain/events';
import { Suite, WriteError, type ContractName, type Stage, type Written } from '../chain/suite';
import { amount } from '../logic/format';
import type { Stored } from '../logic/verdict';
import { h } from './dom';

export class Session {
  account: Account;
  readonly names = new Map<string, string>();
  readonly events: SuiteEvent[] = [];
  /** The first block whose events were read (older texts cannot be checked). */
  historyFrom = 0;
  readonly content: ContentClient;
  private listeners: (() => void)[] = [];
  decimals = 0;
  symbol = '';

  constructor(
    readonly suite: Suite,
    readonly accounts: Account[],
    readonly log: HTMLElement,
  ) {
    this.account = accounts[0];
    for (const account of accounts) this.names.set(account.address, account.name);
    this.content = new ContentClient(suite.config.content);
  }

  /** Reads the past events and follows new ones; each new batch calls the change listeners. */
  async start(): Promise<void> {
    const [decimals, symbol] = await Promise.all([
      this.suite.read<number>('loyalty_token', 'PSP22Metadata::token_decimals', this.account.address),
      this.suite.read<string | null>('loyalty_token', 'PSP22Metadata::token_symbol', this.account.address),
    ]);
    this.decimals = decimals;
    this.symbol = symbol ?? '';
    let loaded = false;
    this.historyFrom = await follow(this.suite, this.suite.config.fromBlock, (events) => {
      this.events.push(...events);
      if (loaded) this.changed();
    });
    loaded = true;
  }

  /** Registers `listener` for chain changes (and account switches). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** A token amount with the token's decimals and symbol. */
  tokens(units: bigint): string {
    return amount(units, this.decimals, this.symbol);
  }

  /** The help desk's events (the governor's and the token's carry other ids and hashes). */
  deskEvents(): SuiteEvent[] {
    return this.events.filter((event) => event.contract === 'help_desk');
  }

  /** A text as the service served it, its writer (`0x` public key) as an address of this chain,
   * the form the events and the verdict use. */
  stored(record: TextRecord): Stored {
    return { ...record, author: encodeAddress(record.author, this.suite.api.registry.chainSS58) };
  }

  /** A read as the current account. */
  read<T>(name: ContractName, label: string, ...args: unknown[]): Promise<T> {
    return this.suite.read<T>(name, label, this.account.address, ...args);
  }

  /**
   * Writes `label` on `name` as `account` (the current one by default), showing `what` and each stage in the
   * transaction log; `null` when refused (the reason is shown, nothing was sent) or failed.
   */
  async act<T = unknown>(what: string, name: ContractName, label: string, args: unknown[], account = this.account): Promise<Written<T> | null> {
    const show = this.entry(what);
    try {
      return await this.suite.write<T>(account, name, label, args, show);
    } catch (e) {
      if (!(e instanceof WriteError)) show('failed', (e as Error).message);
      return null;
    }
  }

  /** Shows a write refused by the page itself (e.g. a balance too low to pay): nothing is sent. */
  refuse(what: string, why: string): void {
    this.entry(what)('refused', why);
  }

  /** Shows a failure outside a transaction, with a button to try `again` (removed once it works). */
  failed(what: string, why: string, again?: () => Promise<void>): void {
    const show = this.entry(what);
    show('failed', why);
    if (!again) return;
    const entry = this.log.firstElementChild as HTMLElement;
    const retry: HTMLButtonElement = h('button', {
      type: 'button',
      'data-testid': 'retry',
      onclick: async () => {
        retry.disabled = true;
        try {
          await again();
          entry.remove();
        } catch (e) {
          show('failed', (e as Error).message);
          retry.disabled = false;
        }
      },
    }, 'Try again');
    entry.append(' ', retry);
  }

  /** A new entry in the transaction log; the returned function moves it to a stage. */
  private entry(what: string): (next: Stage, text?: string) => void {
    const stage = h('span', { class: 'stage', 'data-testid': 'tx-stage' }, 'dry run');
    const detail = h('span', { class: 'detail', 'data-testid': 'tx-detail' });
    const entry = h('li', { 'data-testid': 'tx', 'data-stage': 'dry run' }, h('strong', {}, what), ' ', stage, ' ', detail);
    this.log.prepend(entry);
    const show = (next: Stage, text?: string) => {
      entry.dataset.stage = next;
      stage.textContent = next === 'refused' ? 'refused: nothing was submitted' : next;
      if (next === 'refused' || next === 'failed') detail.textContent = text ?? '';
      else if (text) detail.textContent = `${text.slice(0, 10)}…`;
    };
    return show;
  }
}
