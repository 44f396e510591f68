//! The content service's signed requests (see content/src/auth.rs): the account signs the
//! method, the service's host, the path, time, a nonce and the body's hash; a wallet signs it
//! wrapped in <Bytes>…</Bytes>.

import { blake2AsU8a } from '@polkadot/util-crypto';
import { stringToU8a, u8aToHex } from '@polkadot/util';

/** The service's header names. */
export const HEADERS = {
  account: 'x-helpdesk-account',
  timestamp: 'x-helpdesk-timestamp',
  nonce: 'x-helpdesk-nonce',
  signature: 'x-helpdesk-signature',
} as const;

/** The bytes signed for a request to `host` (the service URL's `host`: name and port). */
export function payload(method: string, host: string, path: string, timestampMs: number, nonce: string, body: Uint8Array): Uint8Array {
  const bodyHash = u8aToHex(blake2AsU8a(body, 256));
  return stringToU8a(['helpdesk-content/2', method, host, path, String(timestampMs), nonce, bodyHash].join('\n'));
}

/** Signs raw bytes as the account (a dev key pair or a wallet's `signRaw`), `0x`-hex. */
export type RawSigner = { publicKey: Uint8Array; signRaw(bytes: Uint8Array): Promise<string> };

/** The four headers of a signed request. */
export async function signedHeaders(
  signer: RawSigner,
  method: string,
  host: string,
  path: string,
  body: Uint8Array,
  now = Date.now(),
): Promise<Record<string, string>> {
  const nonce = u8aToHex(globalThis.crypto.getRandomValues(new Uint8Array(12))).slice(2);
  const signature = await signer.signRaw(payload(method, host, path, now, nonce, body));
  return {
    [HEADERS.account]: u8aToHex(signer.publicKey),
    [HEADERS.timestamp]: String(now),
    [HEADERS.nonce]: nonce,
    [HEADERS.signature]: signature,
  };
}
