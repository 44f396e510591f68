//! Ticket texts and their on-chain hashes: BLAKE2b-256(salt ‖ UTF-8 text), the salt 32 random
//! bytes chosen in the browser, as the desk's messages and the content service define it.

import { blake2AsU8a } from '@polkadot/util-crypto';
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';

/** 32 random bytes from the browser's (or Node's) cryptographic generator. */
export function newSalt(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(32));
}

/** The hash the desk stores for `text` written with `salt`, `0x`-hex. */
export function contentHash(salt: Uint8Array, text: string): `0x${string}` {
  return u8aToHex(blake2AsU8a(u8aConcat(salt, stringToU8a(text)), 256));
}
