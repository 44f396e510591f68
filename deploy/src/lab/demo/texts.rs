//! The demo's chapter on ticket texts: the content service in front of a desk of its own (a
//! fresh sandbox), a customer's text readable by an agent, refused to a stranger, checked
//! against the hash on chain, and a text altered in the database caught by the reader.

use super::stage::Stage;
use anyhow::{anyhow, Context};
use help_desk::ticket::Priority;
use helpdesk_content::client::{new_salt, ContentClient};
use helpdesk_content::http::Running;
use helpdesk_content::roles::{Cached, DeskRoles, Shared, DEFAULT_AGENT_TTL};
use helpdesk_content::service::{Limits, Service};
use helpdesk_content::store::{Sqlite, Store};
use helpdesk_content::text::{content_hash, Kind};
use helpdesk_sandbox::suite::{who, Suite};
use helpdesk_sandbox::{AccountId, Hash, SandboxChain};
use std::sync::{Arc, Mutex};
use subxt_signer::sr25519::{dev, Keypair};

/// Desk queries on the chapter's suite (which the chapter also sends calls to), as its owner.
fn querier(suite: &Arc<Mutex<Suite>>) -> Shared<Suite, SandboxChain> {
    Shared {
        holder: suite.clone(),
        client: |suite| &mut suite.chain,
        signer: who::owner(),
    }
}

fn account_of(key: &Keypair) -> AccountId {
    AccountId::from(key.public_key().0)
}

/// Runs the chapter.
pub fn chapter(stage: &mut Stage) -> anyhow::Result<()> {
    stage.say(
        "Ticket texts live off chain, in the content service, keyed by BLAKE2b-256(salt ‖ \
         text), the hash the desk stores. A desk of its own (a fresh sandbox) with the service \
         in front of it on loopback, SQLite underneath; Charlie is a customer, Dave an agent, \
         Eve neither (real sr25519 keys: the service checks signatures).",
    );
    let (charlie, dave, eve) = (dev::charlie(), dev::dave(), dev::eve());
    let mut suite = Suite::new();
    for key in [&charlie, &dave, &eve] {
        suite.chain.backend.fund(&account_of(key));
    }
    suite.as_(&who::owner());
    let agent = account_of(&dave);
    suite
        .desk(|d| d.set_agent(agent, 1))
        .map_err(|e| anyhow!("set_agent: {e:?}"))?;
    let desk = suite.desk;
    let suite = Arc::new(Mutex::new(suite));
    let dir = std::env::temp_dir().join(format!("helpdesk-demo-texts-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let database = dir.join("texts.db");
    let store: Arc<dyn Store> = Arc::new(Sqlite::open(&database).map_err(|e| anyhow!("{e}"))?);
    let roles = Cached::new(DeskRoles::new(querier(&suite), desk), DEFAULT_AGENT_TTL);
    let service = Service::new(store, Arc::new(roles), Limits::default());
    let server = Running::start(Arc::new(service))?;
    println!("    content service at {}/v1", server.url);

    stage.say(
        "Charlie opens a ticket: the salted hash on chain first, then the text to the service.",
    );
    let text = "My card was charged twice for order #1042.";
    let salt = new_salt()?;
    let hash = content_hash(&salt, text);
    let id = {
        let mut suite = suite.lock().map_err(|e| anyhow!("{e}"))?;
        suite.as_(&account_of(&charlie));
        suite
            .desk(|d| d.open_ticket(Priority::Normal, 2, Hash::from(hash)))
            .map_err(|e| anyhow!("open_ticket: {e:?}"))?
    };
    ContentClient::new(&server.url, Some(charlie.clone())).upload(
        id,
        Kind::Request,
        salt,
        text,
        false,
    )?;
    println!(
        "    ticket {id} on chain with content 0x{}",
        hex::encode(hash)
    );

    stage.say("Dave, an agent, reads it; the text hashes to the ticket's content on chain.");
    let read = ContentClient::new(&server.url, Some(dave.clone())).read(&hash)?;
    let on_chain: [u8; 32] = {
        let mut suite = suite.lock().map_err(|e| anyhow!("{e}"))?;
        suite.ticket(id).content.into()
    };
    println!(
        "    {:?}  [{}]",
        read.text,
        if read.hash == on_chain && read.is_intact() {
            "verified against the chain"
        } else {
            "DOES NOT MATCH"
        }
    );

    stage.say("Eve is neither the customer nor an agent: refused, with the reason.");
    match ContentClient::new(&server.url, Some(eve)).read(&hash) {
        Err(refusal) => println!("    refused: {refusal}"),
        Ok(_) => return Err(anyhow!("a stranger read a private text")),
    }

    stage.say(
        "Someone with access to the service's database rewrites the text. The reader notices: \
         the text no longer hashes to its key (the operator can withhold a text, never alter \
         one unnoticed).",
    );
    drop(server);
    let connection = rusqlite::Connection::open(&database)?;
    connection
        .execute(
            "UPDATE texts SET body = ?1 WHERE hash = ?2",
            rusqlite::params!["My card was charged once.", hash.as_slice()],
        )
        .context("altering the text")?;
    drop(connection);
    let store: Arc<dyn Store> = Arc::new(Sqlite::open(&database).map_err(|e| anyhow!("{e}"))?);
    let roles = Cached::new(DeskRoles::new(querier(&suite), desk), DEFAULT_AGENT_TTL);
    let server = Running::start(Arc::new(Service::new(
        store,
        Arc::new(roles),
        Limits::default(),
    )))?;
    match ContentClient::new(&server.url, Some(dave)).read(&hash) {
        Err(caught) => println!("    {caught}"),
        Ok(_) => return Err(anyhow!("an altered text was served unnoticed")),
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
