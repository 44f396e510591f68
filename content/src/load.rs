//! The bounded load test: a service on loopback with its real limits and signature checks, many
//! concurrent clients each uploading texts to its own tickets, then reading them back signed.
//! Reports throughput and latency percentiles per phase, and counts any text lost or altered.
//!
//! Roles come from [`FixedRoles`] (each client is the customer of its tickets): the service asks
//! them exactly as it asks the desk, and with the cache in front a ticket's facts are looked up
//! once, as in production.

use crate::client::ContentClient;
use crate::http::Running;
use crate::roles::{Cached, FixedRoles, TicketFacts, DEFAULT_AGENT_TTL};
use crate::service::{Limits, Service};
use crate::store::Store;
use crate::text::{content_hash, Kind};
use serde::Serialize;
use std::sync::Arc;
use std::time::{Duration, Instant};
use subxt_signer::sr25519::Keypair;
use subxt_signer::SecretUri;

/// How large a run is.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Shape {
    /// Concurrent clients, each its own account.
    pub clients: u32,
    /// Uploads in all (then as many reads).
    pub operations: u32,
    /// Bytes of each text.
    pub text_bytes: usize,
}

/// One phase's figures.
#[derive(Clone, Debug, Serialize)]
pub struct Phase {
    pub operations: u32,
    pub seconds: f64,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    /// Requests that did not succeed.
    pub failed: u32,
}

/// What a run measured.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub store: String,
    pub shape: Shape,
    pub uploads: Phase,
    pub reads: Phase,
    /// Texts read back that were missing or differed from what was uploaded.
    pub lost_or_altered: u32,
}

fn phase(mut latencies: Vec<Duration>, failed: u32, elapsed: Duration) -> Phase {
    latencies.sort();
    let at = |q: f64| {
        let i = ((latencies.len() as f64 - 1.0) * q).round() as usize;
        latencies.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let operations = u32::try_from(latencies.len())
        .unwrap_or(u32::MAX)
        .saturating_add(failed);
    Phase {
        operations,
        seconds: elapsed.as_secs_f64(),
        per_second: f64::from(operations) / elapsed.as_secs_f64().max(1e-9),
        p50_ms: at(0.50),
        p99_ms: at(0.99),
        max_ms: at(1.0),
        failed,
    }
}

/// The account of load client `i`.
fn client_key(i: u32) -> Result<Keypair, String> {
    let uri: SecretUri = format!("//load/{i}")
        .parse()
        .map_err(|e| format!("{e:?}"))?;
    Keypair::from_uri(&uri).map_err(|e| e.to_string())
}

/// Runs the load test on `store` (named `store_name` in the report).
pub fn run(store: Arc<dyn Store>, store_name: &str, shape: Shape) -> Result<Report, String> {
    let clients = shape.clients.max(1);
    let per_client = shape.operations / clients;
    let keys: Vec<Keypair> = (0..clients).map(client_key).collect::<Result<_, _>>()?;
    // Client i is the customer of tickets i * 1_000_000 + 0..per_client.
    let mut roles = FixedRoles::default();
    let ticket_of = |client: u32, n: u32| u64::from(client) * 1_000_000 + u64::from(n);
    for (i, key) in (0..clients).zip(&keys) {
        for n in 0..per_client {
            roles.tickets.insert(
                ticket_of(i, n),
                TicketFacts {
                    customer: key.public_key().0,
                    request: [0; 32],
                },
            );
        }
    }
    let service = Service::new(
        store,
        Arc::new(Cached::new(roles, DEFAULT_AGENT_TTL)),
        Limits::default(),
    );
    let server = Running::start(Arc::new(service)).map_err(|e| e.to_string())?;
    let text_of = |client: u32, n: u32| {
        let mut text = format!("client {client} text {n} ");
        while text.len() < shape.text_bytes {
            text.push('x');
        }
        text
    };
    let salt_of = |client: u32, n: u32| {
        let mut salt = [0u8; 32];
        salt[..4].copy_from_slice(&client.to_le_bytes());
        salt[4..8].copy_from_slice(&n.to_le_bytes());
        salt
    };

    // Each phase runs all clients at once: first every upload, then every read.
    let phase_of = |reading: bool| -> (Phase, u32) {
        let started = Instant::now();
        let results: Vec<(Vec<Duration>, u32, u32)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..clients)
                .zip(&keys)
                .map(|(i, key)| {
                    let client = ContentClient::new(&server.url, Some(key.clone()));
                    scope.spawn(move || {
                        let (mut latencies, mut failed, mut wrong) = (Vec::new(), 0, 0);
                        for n in 0..per_client {
                            let (ticket, text, salt) =
                                (ticket_of(i, n), text_of(i, n), salt_of(i, n));
                            let began = Instant::now();
                            let ok = if reading {
                                let read = client.read(&content_hash(&salt, &text));
                                let intact = read
                                    .as_ref()
                                    .is_ok_and(|r| r.text == text && r.ticket == ticket);
                                wrong += u32::from(!intact);
                                read.is_ok()
                            } else {
                                client
                                    .upload(ticket, Kind::Response, salt, &text, false)
                                    .is_ok()
                            };
                            match ok {
                                true => latencies.push(began.elapsed()),
                                false => failed += 1,
                            }
                        }
                        (latencies, failed, wrong)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });
        let elapsed = started.elapsed();
        let failed = results.iter().map(|r| r.1).sum();
        let wrong = results.iter().map(|r| r.2).sum();
        let latencies = results.iter().flat_map(|r| r.0.iter().copied()).collect();
        (phase(latencies, failed, elapsed), wrong)
    };
    let (uploads, _) = phase_of(false);
    let (reads, lost_or_altered) = phase_of(true);
    Ok(Report {
        store: store_name.into(),
        shape,
        uploads,
        reads,
        lost_or_altered,
    })
}

/// Runs the load test on a fresh SQLite file, then on a scratch PostgreSQL server where one is
/// installed (a line says so where not).
pub fn sqlite_and_postgres(shape: Shape) -> Result<Vec<Report>, String> {
    let dir = std::env::temp_dir().join(format!("helpdesk-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let sqlite = crate::store::Sqlite::open(&dir.join("texts.db")).map_err(|e| e.to_string())?;
    let mut reports = vec![run(
        Arc::new(sqlite),
        "SQLite (WAL, synchronous=FULL)",
        shape,
    )?];
    let _ = std::fs::remove_dir_all(&dir);
    match crate::store::ScratchPostgres::start()? {
        Some(server) => {
            let postgres =
                crate::store::Postgres::connect(&server.url).map_err(|e| e.to_string())?;
            reports.push(run(
                Arc::new(postgres),
                "PostgreSQL (scratch server, defaults)",
                shape,
            )?);
        }
        None => println!("PostgreSQL: skipped, not installed (apt install postgresql)"),
    }
    Ok(reports)
}

/// The reports as a Markdown table.
pub fn render(reports: &[Report]) -> String {
    let mut out = String::from(
        "| store | phase | operations | per second | p50 ms | p99 ms | max ms | failed |\n\
         | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for report in reports {
        for (name, phase) in [("upload", &report.uploads), ("read", &report.reads)] {
            out.push_str(&format!(
                "| {} | {name} | {} | {:.0} | {:.1} | {:.1} | {:.1} | {} |\n",
                report.store,
                phase.operations,
                phase.per_second,
                phase.p50_ms,
                phase.p99_ms,
                phase.max_ms,
                phase.failed
            ));
        }
    }
    for report in reports {
        out.push_str(&format!(
            "\n{}: {} clients, {} bytes per text; texts lost or altered: {}",
            report.store, report.shape.clients, report.shape.text_bytes, report.lost_or_altered
        ));
    }
    out.push('\n');
    out
}
