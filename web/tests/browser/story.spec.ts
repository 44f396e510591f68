// The browser story on a real node: customer, agent, community member and keeper each in their
// own browser context, driving the page only. Open → the agent reads the text → warning and
// breach → the keeper's sweep → the agent responds and resolves → the customer accepts the
// community answer and confirms → balances; a refusal shows the decoded error and sends nothing;
// changes made in one context show in the others without a reload. Screenshots of each role's
// view go to docs/screenshots/.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { ContractPromise } from '@polkadot/api-contract';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { SignerPayloadJSON } from '@polkadot/types/types';
import type { WeightV2 } from '@polkadot/types/interfaces';
import { hexToU8a, u8aToHex, u8aWrapBytes } from '@polkadot/util';

const SHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const TEXT = 'My order #42 arrived broken. Please send a replacement.';

test.skip(!!process.env.HELPDESK_WEB_SKIP, `no node: ${process.env.HELPDESK_WEB_SKIP}`);

/** A fresh browser context on the page as `account` in `role`'s tab, once it is connected. */
async function open(browser: Browser, role: string, account: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`[${account}] page error: ${e.message}`));
  await page.goto(`${process.env.HELPDESK_WEB_URL}&role=${role}&account=${account}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('main[data-refreshed]')).toBeVisible();
  return page;
}

/**
 * A full-page screenshot of `page` as `name` in docs/screenshots/. The transaction log, which
 * stays at the bottom of the window, is put in its place in the page for the capture.
 */
async function shot(page: Page, name: string): Promise<void> {
  const style = await page.addStyleTag({ content: 'aside { position: static !important; }' });
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  await style.evaluate((element) => (element as HTMLElement).remove());
}

/** Waits until the newest transaction of `page` is in a block. */
async function landed(page: Page): Promise<void> {
  await expect(page.getByTestId('tx').first()).toHaveAttribute('data-stage', /in block|finalized/);
}

/** A connection of the test itself to the node (for what no page does). */
function connect(): Promise<ApiPromise> {
  return ApiPromise.create({ provider: new WsProvider(process.env.HELPDESK_NODE_URL), noInitWarn: true });
}

/** Signs and sends `tx` as `signer` from the test; resolves once it is in a block. */
function inBlock(tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    tx.signAndSend(signer, ({ status, dispatchError }) => {
      if (dispatchError) reject(new Error(dispatchError.toString()));
      else if (status.isInBlock) resolve();
    }).catch(reject);
  });
}

/**
 * Moves the dev chain's clock to now: the node seals a block only for a transaction, so the test
 * (not a page) sends Dave a transfer. Nothing of the suite is touched.
 */
async function sealBlock(): Promise<void> {
  const api = await connect();
  const keyring = new Keyring({ type: 'sr25519' });
  const ferdie = keyring.addFromUri('//Ferdie');
  await inBlock(api.tx.balances.transferKeepAlive(keyring.addFromUri('//Dave').address, 1), ferdie);
  await api.disconnect();
}

/** The first-response clock of ticket `id` as `page` shows it. */
function firstResponse(page: Page, id: number) {
  return page.getByTestId(`ticket-${id}`).first().getByTestId('sla-first-response');
}

test('the whole help-desk story runs through the web page in four browser contexts', async ({ browser }) => {
  const eve = await open(browser, 'customer', 'Eve');
  const bob = await open(browser, 'agent', 'Bob');
  const ferdie = await open(browser, 'community', 'Ferdie');
  const alice = await open(browser, 'keeper', 'Alice');

  // The customer opens a public ticket: its text is hashed in the browser, the hash goes on
  // chain, the text to the content service.
  await eve.getByLabel('Category').fill('7');
  await eve.getByLabel('What is the problem?').fill(TEXT);
  await eve.getByLabel(/Public/).check();
  const openedAt = Date.now();
  await eve.getByTestId('open').click();
  await landed(eve);
  const mine = eve.getByTestId('my-tickets').getByTestId('ticket-1');
  await expect(mine.getByTestId('text').first()).toHaveAttribute('data-verdict', 'verified');
  await expect(mine).toContainText(TEXT);

  // The agent's queue shows it without a reload, with the customer's text, verified.
  const queued = bob.getByTestId('queue').getByTestId('ticket-1');
  await expect(queued).toContainText(TEXT);
  await expect(queued.getByTestId('text').first()).toHaveAttribute('data-verdict', 'verified');

  // The community member sees the public ticket and answers it.
  const toAnswer = ferdie.getByTestId('to-answer').getByTestId('ticket-1');
  await expect(toAnswer).toContainText(TEXT);
  await toAnswer.getByLabel('Your answer').fill('Photograph the damage first: the courier refunds it.');
  await toAnswer.getByTestId('answer').click();
  await landed(ferdie);

  // Nobody from support answered: the first-response clock warns, then is breached.
  await expect(firstResponse(eve, 1)).toHaveAttribute('data-state', 'warning');
  await shot(eve, 'customer-warning');
  await expect(firstResponse(bob, 1)).toHaveAttribute('data-state', 'breached', { timeout: 40_000 });
  await shot(bob, 'agent-breach');

  // A refusal: the agent puts the ticket on Pending before answering; the dry run's error shows
  // in the desk's own words (the doc comment of `NoAgentResponse`) and nothing is sent.
  const blockBefore = await bob.getByTestId('block').textContent();
  await queued.getByLabel('Status').selectOption('Pending');
  await queued.getByTestId('set-status').click();
  const refused = bob.getByTestId('tx').first();
  await expect(refused).toHaveAttribute('data-stage', 'refused');
  await expect(refused).toContainText('nothing was submitted');
  await expect(refused.getByTestId('tx-detail')).toContainText("needs an agent's answer since the customer last wrote. [NoAgentResponse]");
  // The customer cannot pay a boost: refused before anything is sent, too.
  await mine.getByTestId('boost').click();
  await expect(eve.getByTestId('tx').first()).toHaveAttribute('data-stage', 'refused');
  await expect(eve.getByTestId('tx').first()).toContainText('The boost costs 50 HELP; your balance is 0 HELP.');
  await eve.waitForTimeout(2_000);
  expect(await bob.getByTestId('block').textContent(), 'no transaction was sent').toBe(blockBefore);
  await expect(mine.getByTestId('status')).toHaveText('Open');

  // The deadline index works in one-minute buckets: the breach is due once its minute is over.
  const deadline = openedAt + 25_000;
  await eve.waitForTimeout(Math.max(0, (Math.floor(deadline / 60_000) + 1) * 60_000 + 3_000 - Date.now()));
  await sealBlock();
  // The keeper sees the ticket due and sweeps: the warning and the breach, compensation to the
  // customer, a reward to the keeper.
  await expect(alice.getByTestId('due')).toContainText('#1');
  await shot(alice, 'keeper');
  await alice.getByTestId('sweep').click();
  await landed(alice);
  await expect(alice.getByTestId('sweep-result')).toContainText('SLA breached');
  await expect(alice.getByTestId('keeper-earned')).not.toContainText(': 0 HELP');

  // The agent claims the ticket, answers and resolves; the customer sees it all live.
  await queued.getByTestId('claim-ticket').click();
  await landed(bob);
  const held = bob.getByTestId('held').getByTestId('ticket-1');
  await held.getByLabel('Answer').fill('A replacement is on its way: tracking 1Z999.');
  await held.getByTestId('respond').click();
  await landed(bob);
  await expect(held.getByTestId('sla-first-response')).toHaveAttribute('data-state', 'met');
  await held.getByLabel('Resolution').fill('Replacement shipped.');
  await held.getByTestId('resolve').click();
  await landed(bob);
  await expect(held.getByTestId('status')).toHaveText('Resolved');
  await shot(bob, 'agent');
  await expect(mine.getByTestId('status')).toHaveText('Resolved');
  await expect(mine.getByTestId('text')).toHaveCount(4);
  for (const text of await mine.getByTestId('text').all()) await expect(text).toHaveAttribute('data-verdict', 'verified');

  // The customer accepts the community answer and confirms with a rating.
  await mine.getByTestId('accept').click();
  await landed(eve);
  await mine.getByLabel('Rating').selectOption('5');
  await mine.getByTestId('confirm').click();
  await landed(eve);
  await expect(mine.getByTestId('status')).toHaveText('Closed');
  await expect(mine.getByTestId('timeline')).toContainText('closed: the customer confirmed, rated 5/5');
  // The knowledge base of the category now offers the accepted answer, both texts verified.
  const known = eve.getByTestId('knowledge').getByTestId('kb-entry');
  await expect(known).toContainText('Photograph the damage first');
  await expect(known).not.toContainText('does not match');

  // Balances: the rating's 5 paid at once; the breach's compensation of 10 credited by the sweep
  // and claimed here; the accepted answer's 20 credited to the member.
  await expect(eve.getByTestId('balance')).toHaveText('Balance: 5 HELP');
  await expect(eve.getByTestId('owed')).toHaveText('Owed by the desk: 10 HELP');
  await shot(eve, 'customer');
  await eve.getByTestId('claim').click();
  await landed(eve);
  await expect(eve.getByTestId('balance')).toHaveText('Balance: 15 HELP');
  await expect(eve.getByTestId('owed')).toHaveText('Owed by the desk: 0 HELP');
  // The answer's reward is owed (credited when the customer confirmed); the member claims it.
  await expect(ferdie.getByTestId('owed')).toContainText('20 HELP');
  await ferdie.getByTestId('claim').click();
  await landed(ferdie);
  await expect(ferdie.getByTestId('balance')).toContainText('20 HELP');
  await expect(ferdie.getByTestId('owed')).toContainText(': 0 HELP');
  await expect(ferdie.getByTestId('community-rewards')).toContainText('20 HELP');
  await expect(ferdie.getByTestId('accepted')).toContainText('#1');
  await shot(ferdie, 'community');

  // Governance: the member locks 10 of the reward (approve, then lock: one flow), a proposal
  // appears live with its action in words, and the member votes for it.
  await ferdie.getByRole('button', { name: 'Governance' }).click();
  await ferdie.getByLabel('Amount').fill('10');
  await ferdie.getByTestId('lock').click();
  await expect(ferdie.getByTestId('tx').nth(1)).toHaveAttribute('data-stage', /in block|finalized/);
  await landed(ferdie);
  await expect(ferdie.getByTestId('escrow')).toContainText('Locked: 10 HELP');
  await propose(ferdie.url(), '//Ferdie');
  const proposal = ferdie.getByTestId('proposal-1');
  await expect(proposal).toContainText('Pause the desk');
  await expect(proposal.getByTestId('proposal-state')).toHaveText('Active');
  await proposal.getByTestId('vote-for').click();
  await landed(ferdie);
  await expect(proposal).toContainText('For 10 HELP');
  await shot(ferdie, 'governance');
});

/** Proposes pausing the desk as `suri`, from the test (the page lists and votes; it does not
 * write proposals). */
async function propose(pageUrl: string, suri: string): Promise<void> {
  const base = new URL('.', pageUrl).href;
  const book = await (await fetch(`${base}book.json`)).json();
  const metadata = await (await fetch(`${base}artifacts/governor.json`)).json();
  const api = await connect();
  const governor = new ContractPromise(api, metadata, book.governor.address);
  const gasLimit = api.registry.createType('WeightV2', { refTime: 50_000_000_000, proofSize: 1_000_000 }) as WeightV2;
  const signer = new Keyring({ type: 'sr25519' }).addFromUri(suri);
  await inBlock(governor.tx.propose({ gasLimit, storageDepositLimit: null }, ['Pause'], '0x' + '00'.repeat(32)), signer);
  await api.disconnect();
}

test("an extension's account signs the transaction and the content service's requests", async ({ browser }) => {
  // A stand-in wallet extension: the page sees `injectedWeb3['test-wallet']`; signing happens in
  // the test, with Dave's key, as an extension would (a transaction payload; raw bytes wrapped
  // in <Bytes>…</Bytes>).
  const api = await connect();
  const dave = new Keyring({ type: 'sr25519' }).addFromUri('//Dave');
  const signed = { payloads: 0, raw: 0 };
  const context = await browser.newContext();
  await context.exposeFunction('walletSignPayload', (payload: SignerPayloadJSON) => {
    signed.payloads += 1;
    return api.registry.createType('ExtrinsicPayload', payload, { version: payload.version }).sign(dave).signature;
  });
  await context.exposeFunction('walletSignRaw', (data: string) => {
    signed.raw += 1;
    return u8aToHex(dave.sign(u8aWrapBytes(hexToU8a(data))));
  });
  await context.addInitScript((address: string) => {
    const w = window as unknown as Record<string, any>;
    let id = 0;
    w.injectedWeb3 = {
      'test-wallet': {
        enable: async () => ({
          accounts: { get: async () => [{ address, name: 'Wallet Dave', type: 'sr25519' }] },
          signer: {
            signPayload: async (payload: unknown) => ({ id: ++id, signature: await w.walletSignPayload(payload) }),
            signRaw: async ({ data }: { data: string }) => ({ id: ++id, signature: await w.walletSignRaw(data) }),
          },
        }),
      },
    };
  }, dave.address);
  const page = await context.newPage();
  await page.goto(`${process.env.HELPDESK_WEB_URL}&role=customer&account=${encodeURIComponent('Wallet Dave (test-wallet)')}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('account')).toHaveValue(dave.address);
  await page.getByLabel('What is the problem?').fill('The export button does nothing.');
  await page.getByTestId('open').click();
  await landed(page);
  const card = page.getByTestId('my-tickets').locator('article').first();
  await expect(card.getByTestId('text').first()).toHaveAttribute('data-verdict', 'verified');
  expect(signed.payloads, 'the wallet signed the transaction').toBe(1);
  expect(signed.raw, 'the wallet signed the upload and the reads').toBeGreaterThanOrEqual(2);
  await api.disconnect();
});

test('the page works by keyboard and reads at 375 px without scrolling sideways, and the admin tab shows the policy read-only', async ({ browser }) => {
  const phone = await open(browser, 'customer', 'Eve', 375);
  // The keyboard alone switches tabs: focus a tab, press Enter.
  await phone.getByRole('button', { name: 'Keeper', exact: true }).focus();
  await phone.keyboard.press('Enter');
  await expect(phone.getByRole('button', { name: 'Keeper', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(phone.getByTestId('due')).toBeVisible();
  for (const tab of ['Customer', 'Agent', 'Community', 'Keeper', 'Governance', 'Admin']) {
    await phone.getByRole('button', { name: tab, exact: true }).click();
    await expect(phone.getByRole('button', { name: tab, exact: true })).toHaveAttribute('aria-pressed', 'true');
    await phone.waitForTimeout(500);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `no horizontal scrolling at 375 px on the ${tab} tab`).toBeLessThanOrEqual(375);
  }
  await phone.getByRole('button', { name: 'Customer', exact: true }).click();
  await expect(phone.getByTestId('my-tickets').getByTestId('ticket-1')).toBeVisible();
  await shot(phone, 'phone');
  const admin = await open(browser, 'admin', 'Alice');
  await expect(admin.getByTestId('policies')).toContainText('Standard / Normal');
  await shot(admin, 'admin');
  await expect(admin.getByTestId('settings')).toContainText('boostPrice');
  await expect(admin.locator('main button, main input, main textarea')).toHaveCount(0);
});

test('a text the content service altered is shown as not matching the chain', async ({ browser }) => {
  const context = await browser.newContext();
  // A dishonest service: it serves ticket 1's texts with the agent's answer changed.
  await context.route(/\/v1\/tickets\/1\/texts/, async (route) => {
    const reply = await route.fetch();
    const body = await reply.json();
    for (const record of body.texts) if (record.text.startsWith('A replacement')) record.text = 'No replacement: you broke it.';
    await route.fulfill({ response: reply, json: body });
  });
  const page = await context.newPage();
  await page.goto(`${process.env.HELPDESK_WEB_URL}&role=customer&account=Eve`);
  const card = page.getByTestId('my-tickets').getByTestId('ticket-1');
  const altered = card.getByTestId('text').filter({ hasText: 'you broke it' });
  await expect(altered).toHaveAttribute('data-verdict', 'does not match');
  await expect(altered).toContainText('✗ does not match');
  await expect(card.getByTestId('text').filter({ hasText: 'My order #42' })).toHaveAttribute('data-verdict', 'verified');
});
