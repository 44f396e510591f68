// Formatting, governance actions in words, and where the page finds the deployment.
import { describe, expect, it } from 'vitest';
import { actionWords } from '../../src/logic/actions';
import { amount, duration } from '../../src/logic/format';
import { loadConfig } from '../../src/chain/config';

describe('formatting', () => {
  it('writes durations as people read them', () => {
    expect(duration(42_000)).toBe('42s');
    expect(duration(65_000)).toBe('1m 05s');
    expect(duration(3_720_000)).toBe('1h 02m');
    expect(duration(-5_000)).toBe('5s');
  });

  it('writes token amounts with their decimals', () => {
    expect(amount(15n, 0, 'HELP')).toBe('15 HELP');
    expect(amount(1_500n, 3)).toBe('1.5');
    expect(amount(1_000n, 3)).toBe('1');
  });
});

describe('a proposal action in words', () => {
  it('says what an SLA policy change sets', () => {
    const action = { setSlaPolicy: { tier: 'Standard', priority: 'Normal', policy: { firstResponseMs: 1_800_000, resolutionMs: 28_800_000, warningLeadMs: 300_000, compensation: 10 } } };
    expect(actionWords(action)).toBe('Set the SLA of Standard customers at Normal priority: first response within 30m 00s, resolution within 8h 00m, warning 5m 00s before, compensation 10 tokens');
  });

  it('names unit actions in the form toJSON gives them', () => {
    expect(actionWords({ pause: null })).toBe('Pause the desk');
    expect(actionWords({ setGuardian: null })).toBe('Remove the guardian');
  });
});

describe('the configuration', () => {
  const book = { network: 'web', url: 'ws://127.0.0.1:9944', loyalty_token: { address: 'T' }, help_desk: { address: 'D' }, governor: { address: 'G' }, block: 12 };
  const serve = (body: unknown) => (async () => new Response(JSON.stringify(body))) as typeof fetch;

  it("comes from the deployment's address book", async () => {
    expect(await loadConfig(new URLSearchParams(), serve(book))).toEqual({ node: 'ws://127.0.0.1:9944', desk: 'D', token: 'T', governor: 'G', content: 'http://127.0.0.1:8080', fromBlock: 12 });
  });

  it('is overridden by the query string', async () => {
    const config = await loadConfig(new URLSearchParams('node=ws://x:1&desk=D2&content=http://c'), serve(book));
    expect(config).toMatchObject({ node: 'ws://x:1', desk: 'D2', content: 'http://c' });
  });

  it('says what is missing when there is no address book', async () => {
    const missing = (async () => new Response('', { status: 404 })) as typeof fetch;
    await expect(loadConfig(new URLSearchParams(), missing)).rejects.toThrow('no node: give ?node= or serve an address book as book.json');
  });
});
