//! Farming attacks at scale: the audit's H-1 (unanswered tickets for compensation), H-2
//! (sock-puppet community answers) and M-4 (agents rating their own tickets) run by 1, 10 and
//! 100 attacker accounts for three simulated days, next to an honest customer whose tickets
//! breach. The attackers also run the keeper, the one reward anyone may earn.
//!
//! What is asserted: the attackers together are minted no more than the configured bound (the
//! keeper budget: tickets of accounts the business never placed earn nobody anything, community
//! rewards need an agent, an agent's own ticket earns it nothing), and no more with 100 accounts
//! than with one.

use help_desk::ticket::Priority;
use help_desk::DeskError;
use helpdesk_sandbox::suite::{hash, who, Suite, HOUR_MS};
use helpdesk_sandbox::{account, AccountId, DeskCalls, Message};

const DAYS: u64 = 3;

/// An attacker's plain account (never placed in a tier, never an agent).
fn attacker(i: usize) -> AccountId {
    let mut bytes = [0xA0u8; 32];
    bytes[..8].copy_from_slice(&(i as u64).to_le_bytes());
    AccountId::from(bytes)
}

/// An attacker the business hired as a level-1 agent (M-4).
fn rogue_agent(i: usize) -> AccountId {
    let mut bytes = [0xB0u8; 32];
    bytes[..8].copy_from_slice(&(i as u64).to_le_bytes());
    AccountId::from(bytes)
}

/// What the attackers got for what they paid.
#[derive(Debug)]
struct Outcome {
    minted: u128,
    fees_ref_time: u128,
    calls: u32,
}

impl Outcome {
    fn tokens_per_g(&self) -> f64 {
        self.minted as f64 / (self.fees_ref_time as f64 / 1e9)
    }
}

struct Attack {
    suite: Suite,
    fees: u128,
    calls: u32,
}

impl Attack {
    /// A call as an attacker: its fee (ref_time) counts, refused or not.
    fn call<M, T>(
        &mut self,
        who: &AccountId,
        message: impl FnOnce(&mut DeskCalls) -> M,
    ) -> Option<T>
    where
        M: Message<Output = Result<T, DeskError>>,
    {
        self.suite.as_(who);
        let result = self.suite.desk(message);
        self.fees += u128::from(self.suite.last_gas());
        self.calls += 1;
        result.ok()
    }
}

fn run(n: usize) -> Outcome {
    let mut suite = Suite::new();
    suite.as_(&who::owner());
    for i in 0..n {
        suite
            .desk(|d| d.set_agent(rogue_agent(i), 1))
            .expect("owner hires");
    }
    let mut attack = Attack {
        suite,
        fees: 0,
        calls: 0,
    };
    for _day in 0..DAYS {
        // The honest customer: three tickets a day that nobody answers in time.
        attack.suite.as_(&who::carol());
        for c in 0..3 {
            attack.suite.open(Priority::Normal, c);
        }
        for i in 0..n {
            let me = attacker(i);
            let puppet = attacker((i + 1) % n.max(1));
            // H-1: Urgent for free (refused), then the most it may open.
            attack.call(&me, |d| d.open_ticket(Priority::Urgent, 1, hash(1)));
            for _ in 0..2 {
                attack.call(&me, |d| d.open_ticket(Priority::Normal, 1, hash(2)));
            }
            // H-2: its puppet answers, it accepts.
            if let Some(id) = attack.call(&me, |d| d.open_ticket(Priority::Low, 1, hash(3))) {
                let puppet = if n == 1 { account(0xEE) } else { puppet };
                attack.call(&puppet, |d| d.respond(id, hash(4)));
                attack.call(&me, |d| d.accept_answer(id, puppet));
            }
            // M-4: a hired agent opens, takes, resolves and rates its own ticket.
            let agent = rogue_agent(i);
            if let Some(id) = attack.call(&agent, |d| d.open_ticket(Priority::Normal, 1, hash(5))) {
                attack.call(&agent, |d| d.assign(id, agent));
                attack.call(&agent, |d| d.resolve(id, hash(6)));
                attack.call(&agent, |d| d.confirm(id, Some(5)));
            }
        }
        // The attackers take turns as keepers, every two hours, sweeping until done.
        for round in 0..12 {
            attack.suite.advance(2 * HOUR_MS);
            let keeper = attacker(round % n);
            loop {
                let report = attack.call(&keeper, |d| d.process_due(50));
                if !report.is_some_and(|r| r.more) {
                    break;
                }
            }
        }
    }
    let mut minted = 0;
    for i in 0..n.max(2) {
        minted += attack.suite.earned(&attacker(i));
    }
    for i in 0..n {
        minted += attack.suite.earned(&rogue_agent(i));
    }
    minted += attack.suite.earned(&account(0xEE));
    Outcome {
        minted,
        fees_ref_time: attack.fees,
        calls: attack.calls,
    }
}

#[test]
fn farming_by_1_10_and_100_accounts_over_three_days_stays_within_the_keeper_budget_and_does_not_grow(
) {
    let settings = help_desk::settings::Settings::default();
    let bound = settings.caps.keeper.desk * u128::from(DAYS);
    let mut outcomes = Vec::new();
    for n in [1, 10, 100] {
        let outcome = run(n);
        println!(
            "{n:>3} attacker accounts (+{n} hired agents), {DAYS} days: minted {} HELP for {:.1} G \
             ref_time of fees in {} calls = {:.3} HELP per G (before the fix, the audit's H-1 \
             alone: ~24 per G)",
            outcome.minted,
            outcome.fees_ref_time as f64 / 1e9,
            outcome.calls,
            outcome.tokens_per_g()
        );
        assert!(
            outcome.minted <= bound,
            "{n} accounts minted {} > the keeper budget {bound}",
            outcome.minted
        );
        outcomes.push(outcome);
    }
    let one = outcomes[0].minted;
    for outcome in &outcomes[1..] {
        assert!(
            outcome.minted <= one,
            "more accounts minted more: {} > {one}",
            outcome.minted
        );
    }
}
