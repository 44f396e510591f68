// Texts and their hashes: the browser computes what the desk, the CLI and the service compute.
import { describe, expect, it } from 'vitest';
import { hexToU8a, stringToU8a, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, signatureVerify, sr25519PairFromSeed } from '@polkadot/util-crypto';
import { contentHash, newSalt } from '../../src/logic/hashing';
import { devAccounts } from '../../src/chain/accounts';
import { payload, signedHeaders } from '../../src/logic/auth';

describe('a text hash', () => {
  it('is the value the Rust side gives for an empty text with a zero salt', () => {
    // content/src/text.rs `the_hash_of_an_empty_salted_text_is_the_known_blake2b_256_value`
    expect(contentHash(new Uint8Array(32), '')).toBe('0x89eb0d6a8a691dae2cd15ed0369931ce0a949ecafa5c3f93f8121833646e15c3');
  });

  it('differs with another salt, so equal texts are not recognisable on chain', () => {
    expect(contentHash(new Uint8Array(32).fill(1), 'yes')).not.toBe(contentHash(new Uint8Array(32).fill(2), 'yes'));
  });

  it('hashes UTF-8, not the characters as code units', () => {
    const salt = new Uint8Array(32).fill(3);
    expect(contentHash(salt, 'Grüße')).toBe(contentHash(salt, 'Gr\u00fc\u00dfe'));
    expect(contentHash(salt, 'Grüße')).not.toBe(contentHash(salt, 'Gruesse'));
  });

  it('takes a fresh 32-byte salt each time', () => {
    expect(newSalt()).toHaveLength(32);
    expect(u8aToHex(newSalt())).not.toBe(u8aToHex(newSalt()));
  });
});

describe('a signed request to the content service', () => {
  it('signs the lines content/src/auth.rs verifies', () => {
    const text = new TextDecoder().decode(payload('GET', '127.0.0.1:8080', '/v1/tickets/1/texts?from=0&limit=100', 1700000000000, 'abc', new Uint8Array()));
    expect(text).toBe(
      'helpdesk-content/2\nGET\n127.0.0.1:8080\n/v1/tickets/1/texts?from=0&limit=100\n1700000000000\nabc\n0x0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8',
    );
  });

  it('carries a signature that verifies for the account over the payload', async () => {
    await cryptoWaitReady();
    const pair = sr25519PairFromSeed(hexToU8a('0x' + '11'.repeat(32)));
    const { sr25519Sign } = await import('@polkadot/util-crypto');
    const signer = { publicKey: pair.publicKey, signRaw: async (bytes: Uint8Array) => u8aToHex(sr25519Sign(bytes, pair)) };
    const body = stringToU8a('{"x":1}');
    const headers = await signedHeaders(signer, 'PUT', 'texts.example.com', '/v1/texts/0xab', body, 1700000000000);
    const signed = payload('PUT', 'texts.example.com', '/v1/texts/0xab', 1700000000000, headers['x-helpdesk-nonce'], body);
    expect(headers['x-helpdesk-account']).toBe(u8aToHex(pair.publicKey));
    expect(signatureVerify(signed, headers['x-helpdesk-signature'], pair.publicKey).isValid).toBe(true);
  });

  it("is signed by a dev account over the payload wrapped in <Bytes>, as a wallet's signRaw signs it", async () => {
    const [alice] = await devAccounts(42);
    const bytes = payload('GET', 'texts.example.com', '/v1/texts/0xab', 1700000000000, 'n1', new Uint8Array());
    const signature = await alice.raw.signRaw(bytes);
    const wrapped = new Uint8Array([...stringToU8a('<Bytes>'), ...bytes, ...stringToU8a('</Bytes>')]);
    expect(signatureVerify(wrapped, signature, alice.address).isValid).toBe(true);
    expect(alice.address).toBe('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
  });
});
