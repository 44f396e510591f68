//! A governance proposal's actions in words (governor/src/action.rs `Action`), from their
//! `toJSON` form: `{ setSlaPolicy: { tier, priority, policy } }`, `'pause'`, …

import { duration, who } from './format';

type Names = Map<string, string>;

function ms(value: unknown): string {
  return duration(Number(value));
}

/** One action in words. */
export function actionWords(action: unknown, names: Names = new Map()): string {
  const [key, v] = typeof action === 'string' ? [action, null] : (Object.entries(action as Record<string, unknown>)[0] ?? ['?', null]);
  const a = (v ?? {}) as Record<string, any>;
  switch (key.charAt(0).toLowerCase() + key.slice(1)) {
    case 'setSlaPolicy': {
      const p = a.policy ?? {};
      return `Set the SLA of ${a.tier} customers at ${a.priority} priority: first response within ${ms(p.firstResponseMs)}, resolution within ${ms(p.resolutionMs)}, warning ${ms(p.warningLeadMs)} before, compensation ${p.compensation} tokens`;
    }
    case 'setSettings':
      return `Change the desk's settings (boost price ${a.boostPrice}, answer reward ${a.answerReward}, rating reward ${a.ratingReward}, keeper reward ${a.keeperRewardPerAction} per action)`;
    case 'setAgent':
      return `Make ${who(a.agent, names)} an agent of level ${a.level}`;
    case 'removeAgent':
      return `Remove agent ${who(a.agent, names)}`;
    case 'setCustomerTier':
      return `Place ${who(a.customer, names)} in the ${a.tier} tier`;
    case 'pause':
      return 'Pause the desk';
    case 'unpause':
      return 'Unpause the desk';
    case 'scheduleDeskUpgrade':
      return `Schedule an upgrade of the desk to code ${String(a.codeHash).slice(0, 10)}…`;
    case 'cancelDeskUpgrade':
      return "Cancel the desk's scheduled upgrade";
    case 'setMintLimit':
      return `Let each minter mint ${a.amountPerEpoch} tokens per ${ms(a.epochLengthMs)}`;
    case 'setParams':
      return `Change the governor's parameters (voting period ${ms(a.votingPeriodMs)}, quorum ${Number(a.quorumBps) / 100} %, timelock ${ms(a.timelockMs)})`;
    case 'setGuardian':
      return v ? `Name ${who(v as string, names)} guardian` : 'Remove the guardian';
    default:
      return `${key} ${JSON.stringify(v)}`;
  }
}
