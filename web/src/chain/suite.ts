//! The suite on chain: the node connection, the three contracts from their metadata, and the
//! one way the page reads (a dry run) and writes (dry run, then sign and send, with progress).

import { ApiPromise, WsProvider } from '@polkadot/api';
import { BN } from '@polkadot/util';
import { Abi, ContractPromise } from '@polkadot/api-contract';
import type { Codec, ISubmittableResult } from '@polkadot/types/types';
import type { WeightV2 } from '@polkadot/types/interfaces';
import { describeRefusal, errorTypeOf, LANG_ERROR, type Metadata } from '../logic/errors';
import type { Account } from './accounts';
import type { Config } from './config';

/** The suite's contracts, by the name of their artifacts. */
export type ContractName = 'help_desk' | 'loyalty_token' | 'governor';

/** The outcome of a read or of a write's dry run. */
export type Outcome<T = unknown> =
  | { ok: true; value: T; gasRequired: WeightV2 }
  | { ok: false; error: string; /** The contract's error variant, when it refused. */ variant?: string };

/** A transaction's progress, as the page shows it. */
export type Stage = 'dry run' | 'signing' | 'in block' | 'finalized' | 'failed' | 'refused';

/** Reported as a write moves through its stages. */
export type Progress = (stage: Stage, detail?: string) => void;

/**
 * Messages whose work depends on the block's time (the keeper's sweep, up to `max` actions): a
 * dry run on the best block cannot know how much falls due by the block the transaction lands in
 * (on a dev chain that seals a block per transaction, the best block's time may be minutes old).
 * They are sent with half the block's weight as their limit; what they do not use is refunded.
 */
export const TIME_DEPENDENT = ['process_due', 'poke'];

/**
 * The weight every other write may use beyond twice its dry run: touching a ticket first applies
 * its SLA actions that fell due since the best block (a breach, a compensation minted through the
 * token), work its dry run did not see. 20 G ref_time is about ten such mints on the contracts
 * node (docs/benchmark.md: a token transfer is 1.2 G); unused weight is refunded.
 */
export const HEADROOM = { refTime: 20_000_000_000, proofSize: 512 * 1024 };

/** A write that did not go through: `refused` by its dry run (nothing sent) or `failed`. */
export class WriteError extends Error {
  constructor(
    readonly stage: 'refused' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

/** What a write gives back: the dry run's value and the block it went into. */
export interface Written<T = unknown> {
  value: T;
  blockHash: string;
  records: import('@polkadot/types/interfaces').EventRecord[];
}

export class Suite {
  readonly contracts = new Map<ContractName, ContractPromise>();
  readonly metadata = new Map<ContractName, Metadata>();

  private constructor(
    readonly api: ApiPromise,
    readonly config: Config,
    readonly isDevelopment: boolean,
  ) {}

  /** Connects to the node and loads each contract's metadata from `artifacts/<name>.json`. */
  static async connect(config: Config, artifacts = 'artifacts'): Promise<Suite> {
    const api = await ApiPromise.create({ provider: new WsProvider(config.node), noInitWarn: true, throwOnConnect: true });
    const chainType = await api.rpc.system.chainType();
    const suite = new Suite(api, config, chainType.isDevelopment);
    const addresses: [ContractName, string | null][] = [
      ['help_desk', config.desk],
      ['loyalty_token', config.token],
      ['governor', config.governor],
    ];
    for (const [name, address] of addresses) {
      if (!address) continue;
      const reply = await fetch(`${artifacts}/${name}.json`);
      if (!reply.ok) throw new Error(`${artifacts}/${name}.json: ${reply.status} (run \`helpdesk artifacts --out web/public/artifacts\`)`);
      const json = await reply.json();
      suite.metadata.set(name, json as Metadata);
      suite.contracts.set(name, new ContractPromise(api, new Abi(json, api.registry.getChainProperties()), address));
    }
    return suite;
  }

  contract(name: ContractName): ContractPromise {
    const contract = this.contracts.get(name);
    if (!contract) throw new Error(`no ${name} in this deployment`);
    return contract;
  }

  /** The message whose metadata label is `label` (e.g. `open_ticket`, `PSP22::balance_of`). */
  private message(name: ContractName, label: string) {
    const message = this.contract(name).abi.messages.find((m) => m.identifier === label);
    if (!message) throw new Error(`${name} has no message ${label}`);
    return message;
  }

  private maxGas(): WeightV2 {
    return this.api.registry.createType('WeightV2', (this.api.consts.system.blockWeights as unknown as { maxBlock: Codec }).maxBlock) as WeightV2;
  }

  /**
   * Dry-runs `label` on `name` as `caller` with `args`: the value, or the refusal in words (the
   * contract's error variant worded from its metadata, a `LangError`, or the node's error).
   */
  async dryRun<T = unknown>(name: ContractName, label: string, caller: string, ...args: unknown[]): Promise<Outcome<T>> {
    const contract = this.contract(name);
    const message = this.message(name, label);
    const { result, output, gasRequired } = await contract.query[message.method](
      caller,
      { gasLimit: this.maxGas(), storageDepositLimit: null },
      ...args,
    );
    if (result.isErr) return { ok: false, error: this.dispatchError(result.asErr) };
    if (!output) return { ok: true, value: undefined as T, gasRequired };
    const outer = output as unknown as { isErr: boolean; asErr: Codec; asOk: Codec };
    if (outer.isErr) return { ok: false, error: LANG_ERROR };
    const inner = outer.asOk;
    if (inner.toRawType().startsWith('Result<')) {
      const result = inner as unknown as { isErr: boolean; asErr: Codec & { type: string; value: Codec; isBasic: boolean }; asOk: Codec };
      if (result.isErr) {
        const refusal = result.asErr;
        const fields = refusal.value.isEmpty && refusal.value.toRawType() === 'Null' ? undefined : refusal.value.toJSON();
        const metadata = this.metadata.get(name) as Metadata;
        const error = describeRefusal(metadata, errorTypeOf(metadata, label), { variant: refusal.type, fields });
        return { ok: false, error, variant: refusal.type };
      }
      return { ok: true, value: result.asOk.toJSON() as T, gasRequired };
    }
    return { ok: true, value: inner.toJSON() as T, gasRequired };
  }

  /** A read: the dry run's value, or an `Error` carrying the refusal in words. */
  async read<T = unknown>(name: ContractName, label: string, caller: string, ...args: unknown[]): Promise<T> {
    const outcome = await this.dryRun<T>(name, label, caller, ...args);
    if (!outcome.ok) throw new Error(outcome.error);
    return outcome.value;
  }

  /**
   * A write: dry-run first (a refusal sends nothing and throws `WriteError('refused')`), then sign
   * and send with twice the dry run's gas plus `HEADROOM` (`TIME_DEPENDENT`: half a block),
   * reporting each stage; resolves once in a block with the block's records.
   */
  async write<T = unknown>(
    account: Account,
    name: ContractName,
    label: string,
    args: unknown[],
    progress: Progress = () => {},
  ): Promise<Written<T>> {
    progress('dry run');
    const dry = await this.dryRun<T>(name, label, account.address, ...args);
    if (!dry.ok) {
      progress('refused', dry.error);
      throw new WriteError('refused', dry.error);
    }
    const message = this.message(name, label);
    const max = this.maxGas();
    const half = { refTime: max.refTime.toBn().divn(2), proofSize: max.proofSize.toBn().divn(2) };
    const limit = TIME_DEPENDENT.includes(label)
      ? half
      : {
          refTime: BN.min(dry.gasRequired.refTime.toBn().muln(2).add(new BN(HEADROOM.refTime)), half.refTime),
          proofSize: BN.min(dry.gasRequired.proofSize.toBn().muln(2).add(new BN(HEADROOM.proofSize)), half.proofSize),
        };
    const gasLimit = this.api.registry.createType('WeightV2', limit) as WeightV2;
    const tx = this.contract(name).tx[message.method]({ gasLimit, storageDepositLimit: null }, ...args);
    progress('signing');
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (why: string) => {
        progress('failed', why);
        if (!settled) reject(new WriteError('failed', why));
        settled = true;
      };
      const signing = account.pair
        ? tx.signAndSend(account.pair, (r) => onStatus(r))
        : tx.signAndSend(account.address, { signer: account.signer }, (r) => onStatus(r));
      const onStatus = (r: ISubmittableResult) => {
        if (r.dispatchError) return fail(this.dispatchError(r.dispatchError));
        if (r.status.isInBlock) {
          progress('in block', r.status.asInBlock.toHex());
          if (!settled) resolve({ value: dry.value, blockHash: r.status.asInBlock.toHex(), records: r.events });
          settled = true;
        } else if (r.status.isFinalized) {
          progress('finalized', r.status.asFinalized.toHex());
        } else if (r.status.isDropped || r.status.isInvalid || r.status.isUsurped) {
          fail(`the transaction was ${r.status.type.toLowerCase()}`);
        }
      };
      signing.catch((e: Error) => fail(e.message));
    });
  }

  /** A node-side error in words: the pallet's error and its docs, or the error's text. */
  dispatchError(error: import('@polkadot/types/interfaces').DispatchError): string {
    if (error.isModule) {
      const meta = this.api.registry.findMetaError(error.asModule);
      return `${meta.section}.${meta.name}: ${meta.docs.join(' ')}`;
    }
    return error.toString();
  }

  /**
   * The variant names of the enum type `typeName` (e.g. `Priority`, `Tier`) in `name`'s
   * metadata, in declaration order: the page lists what the contract declares.
   */
  variants(name: ContractName, typeName: string): string[] {
    const found = this.metadata.get(name)?.types.find(({ type }) => type.path?.[type.path.length - 1] === typeName);
    return found?.type.def.variant?.variants.map((v) => v.name) ?? [];
  }

  /** The latest block's time (ms): the desk's clock as of now. */
  async now(): Promise<number> {
    return ((await this.api.query.timestamp.now()) as unknown as { toNumber(): number }).toNumber();
  }
}
