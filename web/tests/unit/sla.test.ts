// The SLA countdown: per metric running, warning, breached, paused, met; times in block ms.
import { describe, expect, it } from 'vitest';
import { slaClocks, type SlaInput } from '../../src/logic/sla';

const OPENED = 1_000_000;
const ticket = (change: Partial<SlaInput['clocks']> = {}, status: SlaInput['status'] = 'Open'): SlaInput => ({
  status,
  policy: { firstResponseMs: 25_000, resolutionMs: 3_600_000, warningLeadMs: 15_000 },
  clocks: {
    responseStartedAt: OPENED,
    responded: false,
    resolutionUsedMs: 0,
    resolutionRunningSince: OPENED,
    warned: { firstResponse: false, resolution: false },
    breached: { firstResponse: false, resolution: false },
    ...change,
  },
});

describe('the SLA countdown', () => {
  it('runs with the time left until the warning lead is reached', () => {
    const [first, resolution] = slaClocks(ticket(), OPENED + 5_000);
    expect(first).toMatchObject({ state: 'running', leftMs: 20_000, text: 'first response: 20s left' });
    expect(resolution).toMatchObject({ state: 'running', leftMs: 3_595_000 });
  });

  it('warns within the warning lead before the deadline', () => {
    expect(slaClocks(ticket(), OPENED + 10_000)[0].state).toBe('warning');
    expect(slaClocks(ticket(), OPENED + 24_999)[0].state).toBe('warning');
  });

  it('is breached once the deadline passed, saying by how much', () => {
    const [first] = slaClocks(ticket(), OPENED + 90_000);
    expect(first.state).toBe('breached');
    expect(first.text).toBe('first response: breached, 1m 05s overdue');
  });

  it("is breached when the chain recorded a breach even if the browser's clock is behind", () => {
    expect(slaClocks(ticket({ breached: { firstResponse: true, resolution: false } }), OPENED)[0].state).toBe('breached');
  });

  it('never warns when the policy has no warning lead', () => {
    const input = ticket();
    input.policy.warningLeadMs = 0;
    expect(slaClocks(input, OPENED + 24_000)[0].state).toBe('running');
  });

  it('warns when the chain sent the warning even if the browser computes time to spare', () => {
    expect(slaClocks(ticket({ warned: { firstResponse: true, resolution: false } }), OPENED)[0].state).toBe('warning');
  });

  it('keeps the first-response clock running while the ticket is on hold, and pauses it while Pending', () => {
    expect(slaClocks(ticket({}, 'OnHold'), OPENED + 90_000)[0].state).toBe('breached');
    expect(slaClocks(ticket({ resolutionRunningSince: null }, 'Pending'), OPENED + 90_000)[0].state).toBe('paused');
  });

  it('shows a breached resolution clock as breached while it is paused', () => {
    const clocks = slaClocks(ticket({ resolutionRunningSince: null, breached: { firstResponse: false, resolution: true } }, 'Pending'), OPENED);
    expect(clocks[1].state).toBe('breached');
  });

  it('is met once an agent answered', () => {
    expect(slaClocks(ticket({ responded: true }), OPENED + 90_000)[0].state).toBe('met');
  });

  it('pauses the resolution clock while the ticket is Pending, keeping the time left', () => {
    const [, resolution] = slaClocks(ticket({ resolutionRunningSince: null, resolutionUsedMs: 600_000 }, 'Pending'), OPENED + 10_000_000);
    expect(resolution).toMatchObject({ state: 'paused', leftMs: 3_000_000, text: 'resolution: paused, 50m 00s left' });
  });

  it('counts resolution time used before a pause', () => {
    const [, resolution] = slaClocks(ticket({ resolutionRunningSince: OPENED, resolutionUsedMs: 3_000_000 }), OPENED + 600_001);
    expect(resolution.state).toBe('breached');
  });

  it('counts a resolution clock used past its target as overdue from its restart only, as the desk does', () => {
    const [, resolution] = slaClocks(ticket({ resolutionRunningSince: OPENED, resolutionUsedMs: 4_000_000 }), OPENED + 10_000);
    expect(resolution).toMatchObject({ state: 'breached', leftMs: -10_000 });
  });

  it('stops both clocks once the ticket is resolved', () => {
    const clocks = slaClocks(ticket({}, 'Resolved'), OPENED + 10_000_000);
    expect(clocks.map((c) => c.state)).toEqual(['stopped', 'met']);
  });
});
