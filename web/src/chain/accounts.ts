//! Who signs: accounts from a browser extension (injected, e.g. polkadot.js or Talisman) and, on
//! a Development chain only, the dev accounts (//Alice …). Each also signs the content service's
//! requests (raw bytes, wrapped in <Bytes>…</Bytes> as wallets do).

import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Signer } from '@polkadot/api/types';
import { u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import type { RawSigner } from '../logic/auth';

/** An account the page can act as. */
export interface Account {
  address: string;
  name: string;
  /** A dev key pair (Development chains only). */
  pair?: KeyringPair;
  /** An extension's signer. */
  signer?: Signer;
  /** Signs the content service's requests. */
  raw: RawSigner;
}

/** The dev accounts' names, in the order the page lists them. */
export const DEV_ACCOUNTS = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

/** The dev accounts (sr25519, as the node's genesis funds them). */
export async function devAccounts(ss58Format: number): Promise<Account[]> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format });
  return DEV_ACCOUNTS.map((name) => {
    const pair = keyring.addFromUri(`//${name}`, { name });
    return {
      address: pair.address,
      name,
      pair,
      raw: { publicKey: pair.publicKey, signRaw: async (bytes) => u8aToHex(pair.sign(u8aWrapBytes(bytes))) },
    };
  });
}

interface InjectedWindow {
  injectedWeb3?: Record<string, { enable(origin: string): Promise<InjectedExtension> }>;
}
interface InjectedExtension {
  accounts: { get(): Promise<{ address: string; name?: string; type?: string }[]> };
  signer: Signer;
}

/** The accounts of every extension the browser has, after each one's consent. */
export async function injectedAccounts(ss58Format: number, origin = 'On-chain help desk'): Promise<Account[]> {
  const sources = (globalThis as unknown as InjectedWindow).injectedWeb3 ?? {};
  const accounts: Account[] = [];
  for (const [source, extension] of Object.entries(sources)) {
    try {
      const enabled = await extension.enable(origin);
      for (const account of await enabled.accounts.get()) {
        if (account.type && account.type !== 'sr25519') continue;
        const signer = enabled.signer;
        // Wallets give addresses in their own format; the page compares them with the chain's.
        const address = encodeAddress(decodeAddress(account.address), ss58Format);
        accounts.push({
          address,
          name: `${account.name ?? account.address.slice(0, 8)} (${source})`,
          signer,
          raw: {
            publicKey: decodeAddress(account.address),
            signRaw: async (bytes) => {
              if (!signer.signRaw) throw new Error(`${source} cannot sign raw bytes`);
              const { signature } = await signer.signRaw({ address: account.address, data: u8aToHex(bytes), type: 'bytes' });
              return signature;
            },
          },
        });
      }
    } catch {
      // The user declined this extension: its accounts are not listed.
    }
  }
  return accounts;
}
