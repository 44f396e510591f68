//! Who is who, as the help desk says: a ticket's customer and request hash, and agents' levels,
//! read through the typed client (the sandbox in tests, a node in production), and a cache in
//! front of it.
//!
//! A ticket's customer and request hash never change, so they are cached for good. Agent levels
//! change (an agent is added or removed), so they are cached for a time to live: a removed agent
//! keeps reading for at most that long (default [`DEFAULT_AGENT_TTL`]).

use helpdesk_client::{desk_at, Backend, Client, Message};
use ink::primitives::AccountId;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long an agent's level is trusted without asking the desk again: about one block.
pub const DEFAULT_AGENT_TTL: Duration = Duration::from_secs(6);

/// The most tickets and accounts the cache holds before it starts afresh.
const CACHE_ENTRIES: usize = 100_000;

/// What the desk says about a ticket, as far as its texts go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TicketFacts {
    /// Who opened it.
    pub customer: [u8; 32],
    /// The hash of its request (the ticket's `content`).
    pub request: [u8; 32],
}

/// The desk's answers about roles. Calls block.
pub trait Roles: Send + Sync + 'static {
    /// The ticket `id` (`None`: there is no such ticket).
    fn ticket(&self, id: u64) -> Result<Option<TicketFacts>, String>;
    /// `who`'s agent level (`None`: not an agent).
    fn agent_level(&self, who: &[u8; 32]) -> Result<Option<u8>, String>;
}

/// Something that runs a query on a chain: a typed client with an account to query as.
pub trait Querier: Send + 'static {
    /// Runs `message` as a dry run and returns what it returned.
    fn query<M: Message>(&mut self, message: M) -> Result<M::Output, String>;
}

/// A client held inside something shared (a test's or the demo's sandbox suite), reached
/// through `client`, querying as `signer`.
pub struct Shared<T, B: Backend> {
    pub holder: Arc<Mutex<T>>,
    pub client: fn(&mut T) -> &mut Client<B>,
    pub signer: B::Signer,
}

impl<T, B> Querier for Shared<T, B>
where
    T: Send + 'static,
    B: Backend + 'static,
    B::Signer: Send,
{
    fn query<M: Message>(&mut self, message: M) -> Result<M::Output, String> {
        let mut holder = self.holder.lock().map_err(|e| e.to_string())?;
        (self.client)(&mut holder)
            .dry_run(&self.signer, message)
            .map_err(|e| e.to_string())
    }
}

/// The roles of the help desk at `desk`, asked through `querier`.
pub struct DeskRoles<Q> {
    querier: Mutex<Q>,
    desk: AccountId,
}

impl<Q: Querier> DeskRoles<Q> {
    pub fn new(querier: Q, desk: AccountId) -> Self {
        Self {
            querier: Mutex::new(querier),
            desk,
        }
    }

    fn query<M: Message>(&self, message: M) -> Result<M::Output, String> {
        self.querier
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .query(message)
    }
}

impl<Q: Querier> Roles for DeskRoles<Q> {
    fn ticket(&self, id: u64) -> Result<Option<TicketFacts>, String> {
        let ticket = self.query(desk_at(self.desk).ticket(id))?;
        Ok(ticket.map(|ticket| TicketFacts {
            customer: *ticket.customer.as_ref(),
            request: ticket.content.into(),
        }))
    }

    fn agent_level(&self, who: &[u8; 32]) -> Result<Option<u8>, String> {
        self.query(desk_at(self.desk).agent_level(AccountId::from(*who)))
    }
}

/// `R` with a cache in front (see the module's note on what is cached for how long).
pub struct Cached<R> {
    inner: R,
    agent_ttl: Duration,
    tickets: Mutex<HashMap<u64, TicketFacts>>,
    agents: Mutex<AgentLevels>,
}

/// Agent levels as last asked, and when.
type AgentLevels = HashMap<[u8; 32], (Option<u8>, Instant)>;

impl<R: Roles> Cached<R> {
    pub fn new(inner: R, agent_ttl: Duration) -> Self {
        Self {
            inner,
            agent_ttl,
            tickets: Mutex::default(),
            agents: Mutex::default(),
        }
    }
}

fn locked<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl<R: Roles> Roles for Cached<R> {
    fn ticket(&self, id: u64) -> Result<Option<TicketFacts>, String> {
        if let Some(facts) = locked(&self.tickets).get(&id) {
            return Ok(Some(*facts));
        }
        // A ticket not there yet may be opened in the next block: only found ones are kept.
        let facts = self.inner.ticket(id)?;
        if let Some(facts) = facts {
            let mut tickets = locked(&self.tickets);
            if tickets.len() >= CACHE_ENTRIES {
                tickets.clear();
            }
            tickets.insert(id, facts);
        }
        Ok(facts)
    }

    fn agent_level(&self, who: &[u8; 32]) -> Result<Option<u8>, String> {
        if let Some((level, at)) = locked(&self.agents).get(who) {
            if at.elapsed() < self.agent_ttl {
                return Ok(*level);
            }
        }
        let level = self.inner.agent_level(who)?;
        let mut agents = locked(&self.agents);
        if agents.len() >= CACHE_ENTRIES {
            agents.clear();
        }
        agents.insert(*who, (level, Instant::now()));
        Ok(level)
    }
}

/// Fixed roles held in memory: for the load test, and tests of the service alone.
#[derive(Default)]
pub struct FixedRoles {
    pub tickets: HashMap<u64, TicketFacts>,
    pub agents: HashMap<[u8; 32], u8>,
}

impl Roles for FixedRoles {
    fn ticket(&self, id: u64) -> Result<Option<TicketFacts>, String> {
        Ok(self.tickets.get(&id).copied())
    }

    fn agent_level(&self, who: &[u8; 32]) -> Result<Option<u8>, String> {
        Ok(self.agents.get(who).copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    /// Roles that count how often they are asked.
    struct Counting {
        agents: Mutex<HashMap<[u8; 32], u8>>,
        asked: Arc<AtomicU32>,
    }

    impl Roles for Counting {
        fn ticket(&self, id: u64) -> Result<Option<TicketFacts>, String> {
            self.asked.fetch_add(1, Ordering::Relaxed);
            Ok((id == 1).then_some(TicketFacts {
                customer: [1; 32],
                request: [2; 32],
            }))
        }

        fn agent_level(&self, who: &[u8; 32]) -> Result<Option<u8>, String> {
            self.asked.fetch_add(1, Ordering::Relaxed);
            Ok(locked(&self.agents).get(who).copied())
        }
    }

    fn counting() -> (Arc<AtomicU32>, Counting) {
        let asked = Arc::new(AtomicU32::new(0));
        let roles = Counting {
            agents: Mutex::new(HashMap::from([([5; 32], 2)])),
            asked: asked.clone(),
        };
        (asked, roles)
    }

    #[test]
    fn a_found_ticket_is_asked_for_once_and_a_missing_one_every_time() {
        let (asked, roles) = counting();
        let cached = Cached::new(roles, DEFAULT_AGENT_TTL);
        for _ in 0..3 {
            assert!(cached.ticket(1).unwrap().is_some());
        }
        assert_eq!(asked.load(Ordering::Relaxed), 1);
        for _ in 0..3 {
            assert!(cached.ticket(2).unwrap().is_none());
        }
        assert_eq!(asked.load(Ordering::Relaxed), 4);
    }

    #[test]
    fn a_removed_agent_loses_its_level_once_the_ttl_has_passed() {
        let (_, roles) = counting();
        let cached = Cached::new(roles, Duration::from_millis(50));
        assert_eq!(cached.agent_level(&[5; 32]).unwrap(), Some(2));
        locked(&cached.inner.agents).clear();
        assert_eq!(
            cached.agent_level(&[5; 32]).unwrap(),
            Some(2),
            "within the TTL the cached level holds"
        );
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(cached.agent_level(&[5; 32]).unwrap(), None);
    }
}
