//! The SLA clocks of a ticket as the page shows them: per metric the deadline, the time left and
//! its state, worked out from the ticket's policy and clocks at any moment (the countdown ticks
//! in the browser; the chain's own record of warnings and breaches counts too).

import { duration } from './format';

/** How a clock stands. */
export type ClockState = 'running' | 'warning' | 'breached' | 'paused' | 'met' | 'stopped';

/** The ticket's statuses; Open, Pending and OnHold are active. */
export type Status = 'Open' | 'Pending' | 'OnHold' | 'Resolved' | 'Closed';

/** What the clocks need of a ticket (times in ms since the Unix epoch, block time). */
export interface SlaInput {
  status: Status;
  policy: { firstResponseMs: number; resolutionMs: number; warningLeadMs: number };
  clocks: {
    responseStartedAt: number;
    responded: boolean;
    resolutionUsedMs: number;
    resolutionRunningSince: number | null;
    warned: { firstResponse: boolean; resolution: boolean };
    breached: { firstResponse: boolean; resolution: boolean };
  };
}

/** One metric's clock. */
export interface Clock {
  metric: 'first response' | 'resolution';
  state: ClockState;
  /** Time left (negative: overdue); `null` when the clock no longer counts. */
  leftMs: number | null;
  /** What the page prints. */
  text: string;
}

/** The statuses in which support still owes an outcome (the desk's `Status::is_active`). */
export const ACTIVE: Status[] = ['Open', 'Pending', 'OnHold'];

function counting(metric: Clock['metric'], leftMs: number, warned: boolean, breached: boolean, lead: number): Clock {
  if (breached || leftMs < 0) {
    return { metric, state: 'breached', leftMs, text: `${metric}: breached${leftMs <= -1000 ? `, ${duration(leftMs)} overdue` : ''}` };
  }
  const state = warned || (lead > 0 && leftMs <= lead) ? 'warning' : 'running';
  return { metric, state, leftMs, text: `${metric}: ${duration(leftMs)} left` };
}

/**
 * The first-response and resolution clocks of `ticket` at `now`, as the desk's `due::deadline`
 * runs them: first response while Open or OnHold and unanswered (Pending waits on the customer),
 * resolution while its clock runs.
 */
export function slaClocks(ticket: SlaInput, now: number): Clock[] {
  const { policy, clocks } = ticket;
  const active = ACTIVE.includes(ticket.status);
  let first: Clock;
  if (clocks.responded) {
    first = { metric: 'first response', state: 'met', leftMs: null, text: 'first response: answered' };
  } else if (!active) {
    first = { metric: 'first response', state: 'stopped', leftMs: null, text: 'first response: stopped' };
  } else if (ticket.status === 'Pending') {
    first = { metric: 'first response', state: 'paused', leftMs: null, text: 'first response: paused (waiting on the customer)' };
  } else {
    const left = clocks.responseStartedAt + policy.firstResponseMs - now;
    first = counting('first response', left, clocks.warned.firstResponse, clocks.breached.firstResponse, policy.warningLeadMs);
  }
  let resolution: Clock;
  if (!active) {
    resolution = { metric: 'resolution', state: 'met', leftMs: null, text: `resolution: ${ticket.status.toLowerCase()}` };
  } else if (clocks.resolutionRunningSince === null) {
    const left = Math.max(0, policy.resolutionMs - clocks.resolutionUsedMs);
    resolution = clocks.breached.resolution
      ? { metric: 'resolution', state: 'breached', leftMs: left, text: 'resolution: breached (paused)' }
      : { metric: 'resolution', state: 'paused', leftMs: left, text: `resolution: paused, ${duration(left)} left` };
  } else {
    // As the desk: the time left never goes below zero before the clock restarts.
    const left = clocks.resolutionRunningSince + Math.max(0, policy.resolutionMs - clocks.resolutionUsedMs) - now;
    resolution = counting('resolution', left, clocks.warned.resolution, clocks.breached.resolution, policy.warningLeadMs);
  }
  return [first, resolution];
}
