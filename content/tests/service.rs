//! The content service over HTTP on loopback, its roles read from a real help desk in the drink
//! sandbox through the typed client: who may read and write, every bad input refused with its
//! error and nothing stored, and nothing acknowledged lost across a restart.

use help_desk::ticket::Priority;
use helpdesk_content::auth::{sign, Signed};
use helpdesk_content::client::{host_of, new_salt, ContentClient};
use helpdesk_content::errors::ErrorBody;
use helpdesk_content::http::Running;
use helpdesk_content::roles::{Cached, DeskRoles, Shared};
use helpdesk_content::service::{now_ms, Limits, Service, Stored};
use helpdesk_content::store::{Sqlite, Store};
use helpdesk_content::text::{content_hash, Kind, MAX_TEXT_BYTES};
use helpdesk_sandbox::suite::{who, Suite};
use helpdesk_sandbox::{AccountId, Hash, SandboxChain};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use subxt_signer::sr25519::{dev, Keypair};

/// Desk queries on the shared suite, as its owner.
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

/// A desk in the sandbox with an agent (Dave's key), and the content service in front of it.
struct Desk {
    suite: Arc<Mutex<Suite>>,
    database: PathBuf,
    server: Option<Running>,
    limits: Limits,
    agent_ttl: Duration,
}

impl Desk {
    fn new(name: &str, limits: Limits, agent_ttl: Duration) -> Desk {
        let mut suite = Suite::new();
        for key in [dev::charlie(), dev::dave(), dev::eve(), dev::ferdie()] {
            suite.chain.backend.fund(&account_of(&key));
        }
        suite.as_(&who::owner());
        let agent = account_of(&dev::dave());
        suite.desk(|d| d.set_agent(agent, 1)).unwrap();
        let dir =
            std::env::temp_dir().join(format!("helpdesk-content-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut desk = Desk {
            suite: Arc::new(Mutex::new(suite)),
            database: dir.join("texts.db"),
            server: None,
            limits,
            agent_ttl,
        };
        desk.start();
        desk
    }

    fn start(&mut self) {
        self.server = None;
        let store: Arc<dyn Store> = Arc::new(Sqlite::open(&self.database).unwrap());
        let desk = self.suite.lock().unwrap().desk;
        let roles = Cached::new(DeskRoles::new(querier(&self.suite), desk), self.agent_ttl);
        let service = Service::new(store, Arc::new(roles), self.limits);
        self.server = Some(Running::start(Arc::new(service)).unwrap());
    }

    fn url(&self) -> String {
        self.server.as_ref().unwrap().url.clone()
    }

    fn client(&self, key: Option<Keypair>) -> ContentClient {
        ContentClient::new(&self.url(), key)
    }

    /// Charlie opens a ticket on chain whose content is the hash of `text` salted, and uploads
    /// the text: the ticket's id and the text's hash.
    fn open(&self, text: &str, public: bool) -> (u64, [u8; 32]) {
        let salt = new_salt().unwrap();
        let hash = content_hash(&salt, text);
        let id = {
            let mut suite = self.suite.lock().unwrap();
            suite.as_(&account_of(&dev::charlie()));
            suite
                .desk(|d| d.open_ticket(Priority::Normal, 7, Hash::from(hash)))
                .unwrap()
        };
        let (uploaded, stored) = self
            .client(Some(dev::charlie()))
            .upload(id, Kind::Request, salt, text, public)
            .unwrap();
        assert_eq!((uploaded, stored), (hash, Stored::Created));
        (id, hash)
    }

    /// The on-chain content hash of ticket `id`.
    fn on_chain_request(&self, id: u64) -> [u8; 32] {
        self.suite.lock().unwrap().ticket(id).content.into()
    }
}

fn refusal(result: Result<impl std::fmt::Debug, helpdesk_content::client::ClientError>) -> String {
    result
        .expect_err("the service refuses")
        .refusal()
        .expect("a refusal, not a transport failure")
        .to_string()
}

#[test]
fn a_customers_text_is_readable_by_an_agent_and_refused_to_a_stranger() {
    let desk = Desk::new("roles", Limits::default(), Duration::from_secs(6));
    let (id, hash) = desk.open("My invoice shows the wrong VAT number.", false);

    let read = desk.client(Some(dev::dave())).read(&hash).unwrap();
    assert_eq!(read.text, "My invoice shows the wrong VAT number.");
    assert_eq!(
        read.hash,
        desk.on_chain_request(id),
        "the text is the one on chain"
    );

    assert_eq!(
        refusal(desk.client(Some(dev::eve())).read(&hash)),
        "MayNotRead"
    );
    assert_eq!(refusal(desk.client(None).read(&hash)), "MayNotRead");
    assert_eq!(
        refusal(desk.client(Some(dev::eve())).thread(id, 0, 10)),
        "MayNotRead"
    );

    // The agent answers; the customer reads the whole thread, in order.
    let answer = desk
        .client(Some(dev::dave()))
        .upload(
            id,
            Kind::Response,
            new_salt().unwrap(),
            "Fixed: download it again.",
            false,
        )
        .unwrap();
    let thread = desk.client(Some(dev::charlie())).thread(id, 0, 10).unwrap();
    let texts: Vec<_> = thread
        .texts
        .iter()
        .map(|r| (r.kind, r.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            (Kind::Request, "My invoice shows the wrong VAT number."),
            (Kind::Response, "Fixed: download it again.")
        ]
    );
    assert_eq!(thread.texts[1].hash, answer.0);
    assert_eq!(thread.texts[1].author, dev::dave().public_key().0);
}

#[test]
fn a_public_ticket_is_read_unsigned_and_answered_by_the_community() {
    let desk = Desk::new("public", Limits::default(), Duration::from_secs(6));
    let (id, hash) = desk.open("How do I export my data?", true);
    assert_eq!(
        desk.client(None).read(&hash).unwrap().text,
        "How do I export my data?"
    );
    let community = desk.client(Some(dev::ferdie()));
    community
        .upload(
            id,
            Kind::Response,
            new_salt().unwrap(),
            "Settings > Export.",
            false,
        )
        .unwrap();
    assert_eq!(desk.client(None).thread(id, 0, 10).unwrap().texts.len(), 2);

    // On a private ticket the same community member may not write.
    let (private, _) = desk.open("My account was charged twice.", false);
    assert_eq!(
        refusal(community.upload(private, Kind::Response, new_salt().unwrap(), "spam", false)),
        "MayNotWrite"
    );
}

#[test]
fn a_stranger_cannot_pass_a_text_off_as_the_customers_request() {
    let desk = Desk::new("forged-request", Limits::default(), Duration::from_secs(6));
    let (id, _) = desk.open("Real request", false);
    let salt = new_salt().unwrap();
    assert_eq!(
        refusal(
            desk.client(Some(dev::eve()))
                .upload(id, Kind::Request, salt, "Fake", false)
        ),
        "NotTheCustomer"
    );
    assert_eq!(
        refusal(
            desk.client(Some(dev::charlie()))
                .upload(id, Kind::Request, salt, "Other", false)
        ),
        "NotTheTicketsRequest"
    );
    assert_eq!(
        refusal(
            desk.client(Some(dev::dave()))
                .upload(id, Kind::Response, salt, "x", true)
        ),
        "PublicOnlyOnRequest"
    );
}

/// Sends `body` to `PUT /v1/texts/{hash}` signed by `key` at `timestamp` with `nonce`: the
/// status and error body.
fn raw_put(url: &str, hash: &[u8; 32], body: &[u8], signed: &Signed) -> (u16, Option<ErrorBody>) {
    let path = format!("/v1/texts/0x{}", hex::encode(hash));
    let mut request = ureq::put(&format!("{url}{path}"));
    for (name, value) in signed.headers() {
        request = request.set(name, &value);
    }
    match request.send_bytes(body) {
        Ok(response) => (response.status(), None),
        Err(ureq::Error::Status(status, response)) => (status, response.into_json().ok()),
        Err(e) => panic!("transport: {e}"),
    }
}

/// A signature of `key` over `PUT /v1/texts/{hash}` addressed to the service at `url`.
fn signed_put(
    url: &str,
    key: &Keypair,
    hash: &[u8; 32],
    body: &[u8],
    timestamp: u64,
    nonce: &str,
) -> Signed {
    let path = format!("/v1/texts/0x{}", hex::encode(hash));
    sign(
        key,
        "PUT",
        &host_of(url),
        &path,
        body,
        timestamp,
        nonce.into(),
    )
}

fn error_of(reply: (u16, Option<ErrorBody>)) -> (u16, String) {
    (reply.0, reply.1.map(|body| body.error).unwrap_or_default())
}

#[test]
fn every_bad_upload_is_refused_with_its_error_and_stores_nothing() {
    let desk = Desk::new("bad-input", Limits::default(), Duration::from_secs(6));
    let (id, _) = desk.open("A real ticket", false);
    let charlie = desk.client(Some(dev::charlie()));
    let url = desk.url();
    let salt = [5; 32];
    let hash = content_hash(&salt, "hello");
    let upload = |ticket: u64, text: &str| {
        serde_json::json!({
            "ticket": ticket, "kind": "response", "salt": format!("0x{}", hex::encode(salt)),
            "text": text
        })
        .to_string()
        .into_bytes()
    };
    let now = now_ms();
    let put = |body: &[u8], nonce: &str| {
        error_of(raw_put(
            &url,
            &hash,
            body,
            &signed_put(&url, &dev::charlie(), &hash, body, now, nonce),
        ))
    };

    // Text that does not hash to the key.
    assert_eq!(put(&upload(id, "hello!"), "a"), (422, "WrongHash".into()));
    // A ticket the desk does not have.
    assert_eq!(
        put(&upload(id + 100, "hello"), "b"),
        (404, "UnknownTicket".into())
    );
    // Malformed JSON, and an unknown field.
    assert_eq!(put(b"{\"ticket\": 1,", "c"), (400, "MalformedJson".into()));
    let mut extra: serde_json::Value = serde_json::from_slice(&upload(id, "hello")).unwrap();
    extra["author"] = "me".into();
    assert_eq!(
        put(extra.to_string().as_bytes(), "d"),
        (400, "MalformedJson".into())
    );
    // A text over 64 KiB.
    let large = "x".repeat(MAX_TEXT_BYTES + 1);
    assert_eq!(
        refusal(charlie.upload(id, Kind::Response, salt, &large, false)),
        "TextTooLarge"
    );
    // Unsigned.
    let unsigned = ureq::put(&format!("{url}/v1/texts/0x{}", hex::encode(hash)))
        .send_bytes(&upload(id, "hello"));
    assert!(matches!(unsigned, Err(ureq::Error::Status(401, _))));
    // A malformed hash in the path.
    assert_eq!(
        ureq::get(&format!("{url}/v1/texts/0x12"))
            .call()
            .err()
            .map(|e| match e {
                ureq::Error::Status(status, _) => status,
                _ => 0,
            }),
        Some(400)
    );

    // None of it was stored: the right upload is stored now, for the first time.
    assert_eq!(put(&upload(id, "hello"), "e"), (201, String::new()));
    assert_eq!(charlie.thread(id, 0, 10).unwrap().texts.len(), 2);
}

#[test]
fn a_bad_signature_a_replay_a_request_signed_for_another_service_and_an_expired_timestamp_are_each_refused(
) {
    let desk = Desk::new("signatures", Limits::default(), Duration::from_secs(6));
    let (id, _) = desk.open("Signed ticket", false);
    let url = desk.url();
    let salt = [6; 32];
    let hash = content_hash(&salt, "answer");
    let body = serde_json::json!({
        "ticket": id, "kind": "response", "salt": format!("0x{}", hex::encode(salt)), "text": "answer"
    })
    .to_string()
    .into_bytes();
    let now = now_ms();

    // Eve signs, but claims to be Charlie.
    let mut forged = signed_put(&url, &dev::eve(), &hash, &body, now, "f1");
    forged.account = dev::charlie().public_key().0;
    assert_eq!(
        error_of(raw_put(&url, &hash, &body, &forged)),
        (401, "BadSignature".into())
    );
    // Signed an hour ago.
    let old = signed_put(&url, &dev::charlie(), &hash, &body, now - 3_600_000, "f2");
    assert_eq!(
        error_of(raw_put(&url, &hash, &body, &old)),
        (401, "Expired".into())
    );
    // Captured and sent again.
    // Signed for a look-alike service (a page pointed at it), then replayed here at once.
    let elsewhere = signed_put(
        "https://texts.look-alike.example",
        &dev::charlie(),
        &hash,
        &body,
        now,
        "f4",
    );
    assert_eq!(
        error_of(raw_put(&url, &hash, &body, &elsewhere)),
        (401, "BadSignature".into())
    );
    let good = signed_put(&url, &dev::charlie(), &hash, &body, now, "f3");
    assert_eq!(raw_put(&url, &hash, &body, &good).0, 201);
    assert_eq!(
        error_of(raw_put(&url, &hash, &body, &good)),
        (401, "Replayed".into())
    );
}

#[test]
fn a_flood_from_one_account_is_rate_limited_while_another_account_is_served() {
    let limits = Limits {
        per_second: 1,
        burst: 5,
    };
    let desk = Desk::new("flood", limits, Duration::from_secs(6));
    let (id, hash) = desk.open("Rate-limited ticket", false);
    let agent = desk.client(Some(dev::dave()));
    let refused = (0..20)
        .filter(|_| {
            agent
                .read(&hash)
                .is_err_and(|e| e.refusal() == Some("RateLimited"))
        })
        .count();
    assert!(refused >= 14, "only {refused} of 20 reads were limited");
    assert!(desk.client(Some(dev::charlie())).thread(id, 0, 10).is_ok());
}

#[test]
fn a_restarted_service_still_serves_every_acknowledged_text() {
    let mut desk = Desk::new("restart", Limits::default(), Duration::from_secs(6));
    let opened: Vec<(u64, [u8; 32])> = (0..5)
        .map(|i| desk.open(&format!("ticket number {i}"), false))
        .collect();
    desk.start();
    let charlie = desk.client(Some(dev::charlie()));
    for (i, (_, hash)) in opened.iter().enumerate() {
        assert_eq!(
            charlie.read(hash).unwrap().text,
            format!("ticket number {i}")
        );
    }
}

#[test]
fn a_removed_agent_loses_read_access_once_the_role_cache_expires() {
    let ttl = Duration::from_millis(300);
    let desk = Desk::new("revoked", Limits::default(), ttl);
    let (_, hash) = desk.open("Only for current agents", false);
    let agent = desk.client(Some(dev::dave()));
    assert!(agent.read(&hash).is_ok());
    {
        let mut suite = desk.suite.lock().unwrap();
        suite.as_(&who::owner());
        let dave = account_of(&dev::dave());
        suite.desk(|d| d.remove_agent(dave)).unwrap();
    }
    std::thread::sleep(ttl + Duration::from_millis(50));
    assert_eq!(refusal(agent.read(&hash)), "MayNotRead");
}

#[test]
fn a_web_page_from_another_origin_may_call_the_service_but_its_origin_grants_no_reading() {
    let desk = Desk::new("cors", Limits::default(), Duration::from_secs(6));
    let (id, _) = desk.open("Where is my invoice?", false);
    // The browser's preflight for a signed read from the web app's origin.
    let preflight = ureq::request("OPTIONS", &format!("{}/v1/tickets/{id}/texts", desk.url()))
        .set("Origin", "http://127.0.0.1:5173")
        .set("Access-Control-Request-Method", "GET")
        .set(
            "Access-Control-Request-Headers",
            "x-helpdesk-account,x-helpdesk-timestamp,x-helpdesk-nonce,x-helpdesk-signature",
        )
        .call()
        .unwrap();
    assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
    assert!(preflight
        .header("access-control-allow-methods")
        .is_some_and(|methods| methods.contains("GET") && methods.contains("PUT")));
    assert_eq!(preflight.header("access-control-allow-headers"), Some("*"));
    // The origin grants nothing: an unsigned read of a private ticket is still refused.
    let unsigned = ureq::get(&format!(
        "{}/v1/tickets/{id}/texts?from=0&limit=10",
        desk.url()
    ))
    .set("Origin", "http://evil.example")
    .call();
    match unsigned {
        Err(ureq::Error::Status(status, response)) => {
            assert_eq!(status, 403);
            assert!(response.into_string().unwrap().contains("MayNotRead"));
        }
        other => panic!("an unsigned read of a private ticket was served: {other:?}"),
    }
}
