//! Governance in words: a proposal's actions and state as a person reads them, for the command
//! line, the demo and anything else that shows a proposal before people vote on it.

use governor::action::Action;
use governor::params::Params;
use governor::proposal::{Proposal, ProposalState};
use ink::primitives::AccountId;

/// A duration in the largest unit that divides it (`30 min`, `7 d`, `1500 ms`).
pub fn duration(ms: u64) -> String {
    const UNITS: [(u64, &str); 4] = [
        (86_400_000, "d"),
        (3_600_000, "h"),
        (60_000, "min"),
        (1_000, "s"),
    ];
    for (size, unit) in UNITS {
        if ms >= size && ms % size == 0 {
            return format!("{} {unit}", ms / size);
        }
    }
    format!("{ms} ms")
}

/// One action in words; `name` writes an account (e.g. as SS58).
pub fn action(action: &Action, name: &dyn Fn(&AccountId) -> String) -> String {
    match action {
        Action::SetSlaPolicy {
            tier,
            priority,
            policy,
        } => format!(
            "set the SLA policy of ({tier:?}, {priority:?}): first response {}, resolution {}, \
             warning {} before, escalation after {}, auto-close {}, abandoned after {}, \
             compensation {} tokens per breached target",
            duration(policy.first_response_ms),
            duration(policy.resolution_ms),
            duration(policy.warning_lead_ms),
            policy
                .escalation_delays_ms
                .iter()
                .map(|d| duration(*d))
                .collect::<Vec<_>>()
                .join(" / "),
            duration(policy.auto_close_ms),
            duration(policy.abandon_after_ms),
            policy.compensation
        ),
        Action::SetSettings(s) => format!(
            "set the desk's settings: reopen window {}, boost price {}, answer reward {}, rating \
             reward {}, keeper reward {} per action, unplaced customers up to {:?}, reward epoch \
             {}, upgrade delay {}",
            duration(s.reopen_window_ms),
            s.boost_price,
            s.answer_reward,
            s.rating_reward,
            s.keeper_reward_per_action,
            s.unplaced_max_priority,
            duration(s.caps.epoch_length_ms),
            duration(s.upgrade_delay_ms)
        ),
        Action::SetAgent { agent, level } => {
            format!("make {} an agent at level {level}", name(agent))
        }
        Action::RemoveAgent { agent } => format!("remove the agent {}", name(agent)),
        Action::SetCustomerTier { customer, tier } => {
            format!("place the customer {} in tier {tier:?}", name(customer))
        }
        Action::Pause => "pause the desk".into(),
        Action::Unpause => "unpause the desk".into(),
        Action::ScheduleDeskUpgrade { code_hash } => {
            format!("announce an upgrade of the desk to code {code_hash:?}")
        }
        Action::CancelDeskUpgrade => "withdraw the desk's announced upgrade".into(),
        Action::SetMintLimit {
            epoch_length_ms,
            amount_per_epoch,
        } => format!(
            "let every minter of the token mint {amount_per_epoch} per {}",
            duration(*epoch_length_ms)
        ),
        Action::SetParams(p) => format!("set the governor's parameters: {}", params(p)),
        Action::SetGuardian(Some(guardian)) => {
            format!("make {} the guardian", name(guardian))
        }
        Action::SetGuardian(None) => "remove the guardian".into(),
    }
}

/// The governor's parameters in words.
pub fn params(p: &Params) -> String {
    format!(
        "voting opens {} after a proposal and lasts {}, {} tokens to propose, quorum {} bps of \
         supply, late-quorum extension {}, timelock {} ({} for upgrades)",
        duration(p.voting_delay_ms),
        duration(p.voting_period_ms),
        p.proposal_threshold,
        p.quorum_bps,
        duration(p.late_quorum_extension_ms),
        duration(p.timelock_ms),
        duration(p.upgrade_timelock_ms)
    )
}

/// A proposal in words: its state, schedule, tally against its quorum, and each action.
pub fn proposal(
    id: u32,
    p: &Proposal,
    state: Option<ProposalState>,
    name: &dyn Fn(&AccountId) -> String,
) -> String {
    let mut out = format!(
        "proposal {id} by {}: {}\n  voting from {} ms to {} ms{}; quorum {} (For + Abstain)\n  \
         for {}, against {}, abstain {}{}",
        name(&p.proposer),
        state.map_or("unknown".into(), |s| format!("{s:?}")),
        p.vote_start,
        p.vote_end,
        if p.extended { " (extended)" } else { "" },
        p.quorum,
        p.tally.for_,
        p.tally.against,
        p.tally.abstain,
        p.eta
            .map_or(String::new(), |eta| format!("\n  executable from {eta} ms")),
    );
    for (i, a) in p.actions.iter().enumerate() {
        out.push_str(&format!("\n  {}. {}", i + 1, action(a, name)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_in_their_largest_whole_unit() {
        assert_eq!(duration(7 * 86_400_000), "7 d");
        assert_eq!(duration(90 * 60_000), "90 min");
        assert_eq!(duration(1_500), "1500 ms");
        assert_eq!(duration(0), "0 ms");
    }

    #[test]
    fn an_action_reads_as_what_it_will_do() {
        let agent = AccountId::from([1; 32]);
        let text = action(&Action::SetAgent { agent, level: 2 }, &|_| "Bob".into());
        assert_eq!(text, "make Bob an agent at level 2");
    }
}
