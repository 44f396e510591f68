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
    /// Offered load of each phase, (uploads/s, reads/s), spread evenly over the clients; `None`:
    /// every client sends its next request as soon as the last is answered (saturation).
    pub paced: Option<(u32, u32)>,
}

/// How long a refused-for-rate client waits before it tries again (the service's
/// `retry-after`).
const RETRY_AFTER: Duration = Duration::from_secs(1);

/// One phase's figures.
#[derive(Clone, Debug, Serialize)]
pub struct Phase {
    pub operations: u32,
    pub seconds: f64,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    /// Requests that did not succeed (after retries of rate-limited ones).
    pub failed: u32,
    /// Requests refused with `RateLimited` and sent again after the `retry-after` second.
    pub retried: u32,
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

fn phase(mut latencies: Vec<Duration>, failed: u32, retried: u32, elapsed: Duration) -> Phase {
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
        retried,
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

    // Each phase runs all clients at once: first every upload, then every read. Paced, client
    // i sends its n-th request at start + (n + i / clients) * clients / rate, and its latency
    // counts from then (a late start is the service's delay too).
    let phase_of = |reading: bool| -> (Phase, u32) {
        let rate = shape
            .paced
            .map(|(uploads, reads)| if reading { reads } else { uploads });
        let interval =
            rate.map(|rate| Duration::from_secs_f64(f64::from(clients) / f64::from(rate.max(1))));
        let started = Instant::now();
        let results: Vec<(Vec<Duration>, u32, u32, u32)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..clients)
                .zip(&keys)
                .map(|(i, key)| {
                    let client = ContentClient::new(&server.url, Some(key.clone()));
                    scope.spawn(move || {
                        let (mut latencies, mut failed, mut retried, mut wrong) =
                            (Vec::new(), 0, 0, 0);
                        for n in 0..per_client {
                            let (ticket, text, salt) =
                                (ticket_of(i, n), text_of(i, n), salt_of(i, n));
                            let due = interval.map(|every| {
                                started
                                    + every
                                        .mul_f64(f64::from(n) + f64::from(i) / f64::from(clients))
                            });
                            if let Some(due) = due {
                                std::thread::sleep(due.saturating_duration_since(Instant::now()));
                            }
                            let began = due.unwrap_or_else(Instant::now);
                            let outcome = loop {
                                let outcome = if reading {
                                    client.read(&content_hash(&salt, &text)).map(|record| {
                                        record.text == text && record.ticket == ticket
                                    })
                                } else {
                                    client
                                        .upload(ticket, Kind::Response, salt, &text, false)
                                        .map(|_| true)
                                };
                                match outcome {
                                    Err(e) if e.refusal() == Some("RateLimited") => {
                                        retried += 1;
                                        std::thread::sleep(RETRY_AFTER);
                                    }
                                    other => break other,
                                }
                            };
                            match outcome {
                                Ok(intact) => {
                                    latencies.push(began.elapsed());
                                    wrong += u32::from(!intact);
                                }
                                Err(_) => {
                                    failed += 1;
                                    wrong += u32::from(reading);
                                }
                            }
                        }
                        (latencies, failed, retried, wrong)
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
        let retried = results.iter().map(|r| r.2).sum();
        let wrong = results.iter().map(|r| r.3).sum();
        let latencies = results.iter().flat_map(|r| r.0.iter().copied()).collect();
        (phase(latencies, failed, retried, elapsed), wrong)
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

/// Runs the load test paced at `shape.paced`, then at saturation, each on a fresh SQLite file
/// and on a fresh database of a scratch PostgreSQL server where one is installed (a line says so
/// where not).
pub fn sqlite_and_postgres(shape: Shape) -> Result<Vec<Report>, String> {
    let dir = std::env::temp_dir().join(format!("helpdesk-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let postgres = crate::store::ScratchPostgres::start()?;
    if postgres.is_none() {
        println!("PostgreSQL: skipped, not installed (apt install postgresql)");
    }
    let mut reports = Vec::new();
    let saturated = Shape {
        paced: None,
        ..shape
    };
    for (round, shape) in [shape, saturated].into_iter().enumerate() {
        let file = dir.join(format!("texts-{round}.db"));
        let sqlite = crate::store::Sqlite::open(&file).map_err(|e| e.to_string())?;
        reports.push(run(
            Arc::new(sqlite),
            "SQLite (WAL, synchronous=FULL)",
            shape,
        )?);
        if let Some(server) = &postgres {
            // A fresh database each round: the rounds upload the same texts.
            let name = format!("load{round}");
            postgres::Client::connect(&server.url, postgres::NoTls)
                .and_then(|mut admin| admin.batch_execute(&format!("CREATE DATABASE {name}")))
                .map_err(|e| e.to_string())?;
            let url = server
                .url
                .replace("dbname=postgres", &format!("dbname={name}"));
            let store = crate::store::Postgres::connect(&url).map_err(|e| e.to_string())?;
            reports.push(run(
                Arc::new(store),
                "PostgreSQL (scratch server, defaults)",
                shape,
            )?);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(reports)
}

/// The reports as a Markdown table.
pub fn render(reports: &[Report]) -> String {
    let mut out = String::from(
        "| store | load | phase | operations | per second | p50 ms | p99 ms | max ms | failed | retried (429) |\n\
         | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for report in reports {
        for (name, phase, offered) in [
            ("upload", &report.uploads, report.shape.paced.map(|p| p.0)),
            ("read", &report.reads, report.shape.paced.map(|p| p.1)),
        ] {
            let load = offered.map_or("saturation".to_string(), |rate| format!("{rate}/s offered"));
            out.push_str(&format!(
                "| {} | {load} | {name} | {} | {:.0} | {:.1} | {:.1} | {:.1} | {} | {} |\n",
                report.store,
                phase.operations,
                phase.per_second,
                phase.p50_ms,
                phase.p99_ms,
                phase.max_ms,
                phase.failed,
                phase.retried
            ));
        }
    }
    for report in reports {
        out.push_str(&format!(
            "\n{} ({}): {} clients, {} bytes per text; texts lost or altered: {}",
            report.store,
            report.shape.paced.map_or("saturation", |_| "paced"),
            report.shape.clients,
            report.shape.text_bytes,
            report.lost_or_altered
        ));
    }
    out.push('\n');
    out
}
