//! The content service against a node: `helpdesk content serve` (roles from the desk's queries),
//! and the ticket commands that write and read texts through it (`ticket open`, `respond`,
//! `show`), each text checked against the hash on chain.

use super::chain::{ink, Account, Chain};
use anyhow::{anyhow, bail, Context, Result};
use help_desk::ticket::Priority;
use helpdesk_client::{desk_at, Message};
use helpdesk_content::client::{new_salt, ContentClient};
use helpdesk_content::roles::{Cached, DeskRoles, Querier};
use helpdesk_content::service::{Limits, Service};
use helpdesk_content::store::{Postgres, Sqlite, Store};
use helpdesk_content::text::{Kind, Record};
use ink::primitives::Hash;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

impl Querier for Chain {
    fn query<M: Message>(&mut self, message: M) -> Result<M::Output, String> {
        Chain::query(self, message).map_err(|e| {
            // The next query reconnects.
            self.disconnect();
            format!("{e:#}")
        })
    }
}

/// Where texts are kept: a PostgreSQL connection string (`postgres://…`, `host=…`), or else the
/// path of a SQLite file.
pub fn open_store(database: &str) -> Result<Arc<dyn Store>> {
    if database.starts_with("postgres://")
        || database.starts_with("postgresql://")
        || database.starts_with("host=")
    {
        Ok(Arc::new(
            Postgres::connect(database).map_err(|e| anyhow!("{e}"))?,
        ))
    } else {
        if let Some(dir) = Path::new(database).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
            }
        }
        Ok(Arc::new(
            Sqlite::open(Path::new(database)).map_err(|e| anyhow!("{e}"))?,
        ))
    }
}

/// The service for the desk at `desk`, asking `chain` who may read.
pub fn service(
    chain: Chain,
    desk: &Account,
    store: Arc<dyn Store>,
    agent_ttl: Duration,
    limits: Limits,
) -> Service {
    let roles = Cached::new(DeskRoles::new(chain, ink(desk)), agent_ttl);
    Service::new(store, Arc::new(roles), limits)
}

/// Serves until Ctrl-C.
pub fn serve(service: Service, listen: SocketAddr) -> Result<()> {
    let listener =
        std::net::TcpListener::bind(listen).with_context(|| format!("listening on {listen}"))?;
    println!("content service on http://{listen}/v1 (Ctrl-C stops it)");
    helpdesk_content::http::serve(listener, Arc::new(service), async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .context("serving")
}

/// The content service at `url`, signing as `chain`'s account.
fn client(chain: &Chain, url: &str) -> ContentClient {
    ContentClient::new(url, Some(chain.signer.clone()))
}

/// Opens a ticket whose request is `text`: uploads nothing before the ticket exists, so the
/// service can check the text against the ticket's hash on chain. Returns the ticket's id.
pub fn open(
    chain: &mut Chain,
    desk: &Account,
    content_url: &str,
    priority: Priority,
    category: u32,
    text: &str,
    public: bool,
) -> Result<u64> {
    let salt = new_salt()?;
    let hash = helpdesk_content::text::content_hash(&salt, text);
    let opened =
        chain.submit(desk_at(ink(desk)).open_ticket(priority, category, Hash::from(hash)))?;
    let id = opened.value;
    client(chain, content_url)
        .upload(id, Kind::Request, salt, text, public)
        .with_context(|| format!("ticket {id} is open, but its text was not stored"))?;
    println!(
        "ticket {id} opened; its text is stored under 0x{}",
        hex::encode(hash)
    );
    Ok(id)
}

/// Responds to ticket `id` with `text`: the hash on chain first, then the text.
pub fn respond(
    chain: &mut Chain,
    desk: &Account,
    content_url: &str,
    id: u64,
    text: &str,
) -> Result<()> {
    let salt = new_salt()?;
    let hash = helpdesk_content::text::content_hash(&salt, text);
    chain.submit(desk_at(ink(desk)).respond(id, Hash::from(hash)))?;
    client(chain, content_url)
        .upload(id, Kind::Response, salt, text, false)
        .context("the response is on chain, but its text was not stored")?;
    println!(
        "responded to ticket {id}; the text is stored under 0x{}",
        hex::encode(hash)
    );
    Ok(())
}

/// How a text stands against the chain.
#[derive(Debug, PartialEq, Eq)]
pub enum Check {
    /// It hashes to its key, and the key is the ticket's request hash on chain.
    MatchesChain,
    /// It hashes to its key; its key is in the desk's events, which this command does not read.
    Intact,
    /// It is the ticket's request, but its hash is not the one on chain.
    NotOnChain,
}

/// Ticket `id` on chain and its texts from the service, each checked: the lines printed.
pub fn show(
    chain: &mut Chain,
    desk: &Account,
    content_url: &str,
    id: u64,
) -> Result<Vec<(Record, Check)>> {
    let Some(ticket) = chain.query(desk_at(ink(desk)).ticket(id))? else {
        bail!("the desk has no ticket {id}");
    };
    println!(
        "ticket {id}: {:?}, {:?} priority, category {}, opened at {} ms",
        ticket.status, ticket.priority, ticket.category, ticket.created_at
    );
    let on_chain: [u8; 32] = ticket.content.into();
    let thread = client(chain, content_url).thread(id, 0, helpdesk_content::store::MAX_PAGE)?;
    let mut checked = Vec::new();
    for record in thread.texts {
        let check = match record.kind {
            Kind::Request if record.hash == on_chain => Check::MatchesChain,
            Kind::Request => Check::NotOnChain,
            _ => Check::Intact,
        };
        let mark = match check {
            Check::MatchesChain => "verified: the hash on chain",
            Check::Intact => "intact: hashes to its key",
            Check::NotOnChain => "DOES NOT MATCH the hash on chain",
        };
        println!(
            "  {:?} by 0x{}…: {:?}  [{mark}]",
            record.kind,
            &hex::encode(record.author)[..8],
            record.text
        );
        checked.push((record, check));
    }
    Ok(checked)
}
