//! Ticket texts and their on-chain hashes: BLAKE2b-256(salt ‖ UTF-8 text), the salt 32 random
//! bytes chosen in the browser, as the desk's messages and the content service define it.

import { blake2AsU8a } from '@polkadot/util-crypto';
import { stringToU8a, u8aConcat, u8aToHex, hexToU8a } from '@polkadot/util';

/** 32 random bytes from the browser's (or Node's) cryptographic generator. */
export function newSalt(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(32));
}

/** The hash the desk stores for `text` written with `salt`, `0x`-hex. */
export function contentHash(salt: Uint8Array, text: string): `0x${string}` {
  return u8aToHex(blake2AsU8a(u8aConcat(salt, stringToU8a(text)), 256));
}

/** What a text shown on the page is, against the hash the chain holds for it. */
export type Verdict = 'verified' | 'does not match';

/** Checks a stored text (salt and text as the service returns them) against `onChain`. */
export function verify(record: { salt: string; text: string }, onChain: string): Verdict {
  return contentHash(hexToU8a(record.salt), record.text) === onChain.toLowerCase() ? 'verified' : 'does not match';
}
