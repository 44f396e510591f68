//! End to end on a real `substrate-contracts-node`: deploy with the tool (twice: the second run
//! reuses everything), then the whole lifecycle through the node (open, SLA breach handled by the
//! keeper, respond, resolve, confirm with rewards in token balances), an upgrade that keeps the
//! data, governance (a governor given the desk and the token executes an SLA policy change
//! token holders voted for), and ticket texts through the content service.
//!
//! Skipped, with a line saying so, when no node binary is found: `$HELPDESK_NODE`, then
//! `deploy/node/install`'s location, then `PATH`.

use governor::proposal::Support;
use help_desk::desk::Counters;
use help_desk::ticket::{Priority, Tier};
use helpdesk_bundles::Contract;
use helpdesk_client::message::psp22_reference_new;
use helpdesk_client::{desk_at, governor_at, token_at};
use helpdesk_content::client::ContentClient;
use helpdesk_content::http::Running;
use helpdesk_content::service::Limits;
use helpdesk_content::text::Kind;
use helpdesk_deploy::node::chain::{account, ink, keypair, Account, Chain};
use helpdesk_deploy::node::config::{
    AddressBook, AgentConfig, CustomerConfig, DeskConfig, PolicyConfig, SettingsConfig,
};
use helpdesk_deploy::node::gov_config::GovernorConfig;
use helpdesk_deploy::node::{content, deploy, gov, keeper, upgrade};
use ink::primitives::Hash;
use psp22::PSP22;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The content service in front of the desk on the node: Eve's text, written through the CLI's
/// ticket command, is readable by agent Bob and refused to Ferdie (no role), each text checked
/// against the hash on chain; Bob's answer reads back intact.
fn texts_through_the_content_service(url: &str, desk: &Account, books: &std::path::Path) {
    let database = books.join("texts.db");
    let service = content::service(
        Chain::new(url, "//Alice").unwrap(),
        desk,
        content::open_store(database.to_str().unwrap()).unwrap(),
        Duration::from_secs(6),
        Limits::default(),
    );
    let server = Running::start(Arc::new(service)).unwrap();
    let mut eve = Chain::new(url, "//Eve").unwrap();
    let text = "My order #42 never arrived.";
    let id = content::open(
        &mut eve,
        desk,
        &server.url,
        Priority::Normal,
        7,
        text,
        false,
    )
    .unwrap();

    let bob = ContentClient::new(&server.url, Some(keypair("//Bob").unwrap()));
    let thread = bob.thread(id, 0, 10).unwrap();
    assert_eq!(thread.texts.len(), 1);
    assert_eq!(thread.texts[0].text, text);
    let on_chain: [u8; 32] = eve
        .query(desk_at(ink(desk)).ticket(id))
        .unwrap()
        .unwrap()
        .content
        .into();
    assert_eq!(
        thread.texts[0].hash, on_chain,
        "the text is the one whose hash is on chain"
    );
    let ferdie = ContentClient::new(&server.url, Some(keypair("//Ferdie").unwrap()));
    let refused = ferdie.thread(id, 0, 10).unwrap_err();
    assert_eq!(refused.refusal(), Some("MayNotRead"), "{refused}");

    let mut bob_chain = Chain::new(url, "//Bob").unwrap();
    content::respond(
        &mut bob_chain,
        desk,
        &server.url,
        id,
        "It is on its way: tracking 1Z999.",
    )
    .unwrap();
    let checks: Vec<_> = content::show(&mut eve, desk, &server.url, id)
        .unwrap()
        .into_iter()
        .map(|(record, check)| (record.kind, check))
        .collect();
    assert_eq!(
        checks,
        [
            (Kind::Request, content::Check::MatchesChain),
            (Kind::Response, content::Check::Intact)
        ]
    );
    server.stop().expect("the service stops cleanly");
}

fn node_binary() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("HELPDESK_NODE").map(PathBuf::from),
        std::env::var_os("HOME").map(|home| {
            PathBuf::from(home).join(".cache/onchain-helpdesk/node/bin/substrate-contracts-node")
        }),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|path| path.is_file())
        .or_else(|| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|dir| dir.join("substrate-contracts-node"))
                    .find(|path| path.is_file())
            })
        })
}

/// The node process, killed when dropped.
struct Node(Child);

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free local port")
}

fn start_node(binary: &PathBuf) -> (Node, String) {
    let port = free_port();
    let child = Command::new(binary)
        .args([
            "--dev",
            "--tmp",
            "--rpc-port",
            &port.to_string(),
            "--port",
            "0",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the node starts");
    let node = Node(child);
    let url = format!("ws://127.0.0.1:{port}");
    let started = Instant::now();
    loop {
        if Chain::new(&url, "//Alice")
            .and_then(|mut chain| chain.best_block())
            .is_ok()
        {
            return (node, url);
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the node did not come up"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
}

fn now_ms() -> u64 {
    u64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("after 1970")
            .as_millis(),
    )
    .expect("fits")
}

fn config() -> DeskConfig {
    let agent = |account: &str, level| AgentConfig {
        account: account.into(),
        level,
    };
    DeskConfig {
        settings: Some(SettingsConfig {
            reopen_window_ms: 86_400_000,
            boost_price: 50,
            answer_reward: 20,
            rating_reward: 5,
            keeper_reward_per_action: 1,
            unplaced_max_priority: "Normal".into(),
            reward_epoch_ms: 86_400_000,
            compensation_per_account: 200,
            compensation_desk: 20_000,
            community_per_account: 100,
            community_desk: 5_000,
            keeper_per_account: 500,
            keeper_desk: 2_000,
            // The shortest the desk accepts: the test waits it out.
            upgrade_delay_ms: 60_000,
        }),
        agents: vec![agent("//Bob", 1), agent("//Charlie", 2), agent("//Dave", 3)],
        // Eve is a customer the business knows: compensated when the SLA is breached.
        customers: vec![CustomerConfig {
            account: "//Eve".into(),
            tier: "Standard".into(),
        }],
        // Short enough to breach within the test: a first response is due 2 s after opening.
        policies: vec![PolicyConfig {
            tier: "Standard".into(),
            priority: "Normal".into(),
            first_response_ms: 2_000,
            resolution_ms: 3_600_000,
            warning_lead_ms: 0,
            escalation_delays_ms: vec![0],
            auto_close_ms: 86_400_000,
            abandon_after_ms: 86_400_000,
            compensation: 10,
        }],
        ..DeskConfig::default()
    }
}

#[test]
fn deploy_lifecycle_keeper_and_upgrade_on_a_real_node() {
    let Some(binary) = node_binary() else {
        println!("skipped: no contracts node (install one with deploy/node/install)");
        return;
    };
    let started = Instant::now();
    let (_node, url) = start_node(&binary);
    let books = tempdir();
    let mut alice = Chain::new(&url, "//Alice").unwrap();

    // Deploy, then deploy again: the second run reuses both contracts.
    let book = deploy::deploy(&mut alice, &config(), "e2e", &books).unwrap();
    let again = deploy::deploy(&mut alice, &config(), "e2e", &books).unwrap();
    assert_eq!(again.loyalty_token, book.loyalty_token);
    assert_eq!(again.help_desk.address, book.help_desk.address);
    let desk = account(&book.help_desk.address).unwrap();
    let token = account(&book.loyalty_token.address).unwrap();
    let mut d = desk_at(ink(&desk));
    let t = token_at(ink(&token));

    // Eve opens a ticket; nobody answers within 2 s.
    let mut eve = Chain::new(&url, "//Eve").unwrap();
    let opened_at = now_ms();
    let opened = eve
        .submit(d.open_ticket(Priority::Normal, 7, hash(1)))
        .unwrap();
    let id = opened.value;
    assert_eq!(id, 1);
    // What the node's own weights charge (they differ from the sandbox's).
    println!("node gas: open_ticket {:?}", opened.gas);

    // The deadline index works in one-minute buckets: a breach is found once its minute is over.
    let deadline = opened_at + 2_000;
    wait_for_chain_time(&mut alice, &desk, (deadline / 60_000 + 1) * 60_000 + 2_000);
    let mut keeper = Chain::new(&url, "//Ferdie").unwrap();
    let report = keeper::keeper_round(&mut keeper, &desk, 100)
        .unwrap()
        .expect("the breach is due");
    assert_eq!(report.actions, 2, "breach + escalation step 1: {report:?}");
    let ticket = alice.query(d.ticket(id)).unwrap();
    assert_eq!(ticket.unwrap().escalation, 1);
    // Paid so far: the token balance plus what the desk credited and was not claimed yet (a
    // sweep mints only the keeper's own pay; compensation is credited).
    let mut earned = |who: &str| {
        let who = ink(&account(who).unwrap());
        let held = alice.query(t.balance_of(who)).unwrap();
        held + alice.query(desk_at(ink(&desk)).owed(who)).unwrap()
    };
    assert_eq!(earned("//Eve"), 10, "compensation for the breach");
    assert_eq!(earned("//Ferdie"), 2, "keeper reward: 1 per action");
    assert!(keeper::keeper_round(&mut keeper, &desk, 100)
        .unwrap()
        .is_none());

    // The supervisor answers and resolves; Eve confirms and rates.
    let mut dave = Chain::new(&url, "//Dave").unwrap();
    let responded = dave.submit(d.respond(id, hash(2))).unwrap();
    let resolved = dave.submit(d.resolve(id, hash(3))).unwrap();
    // A refusal comes back typed, and nothing is submitted.
    let refused = eve
        .submit(d.confirm(id, Some(9)))
        .err()
        .expect("rating 9 is refused");
    assert!(refused.to_string().contains("InvalidRating"), "{refused}");
    eve.submit(d.confirm(id, Some(5))).unwrap();
    assert_eq!(earned("//Eve"), 15, "compensation + rating reward");

    // The node's own weights, next to the reference PSP22 token's transfer deployed there.
    let mut t = t;
    let bob = ink(&account("//Bob").unwrap());
    let transferred = eve.submit(t.transfer(bob, 1, vec![])).unwrap();
    let reference_code = alice.upload(&Contract::Psp22Reference.code()).unwrap();
    let reference = alice
        .instantiate(
            reference_code,
            psp22_reference_new(1_000_000_000, None, None, 12),
            b"reference",
        )
        .unwrap();
    let yardstick = alice
        .submit(token_at(ink(&reference)).transfer(bob, 100, vec![]))
        .unwrap();
    let reference_ref_time = yardstick.gas.0 as f64;
    println!(
        "node gas_required (ref_time, proof_size) and ref_time over the reference PSP22 transfer:"
    );
    for (message, gas) in [
        ("reference PSP22::transfer", yardstick.gas),
        ("loyalty_token PSP22::transfer", transferred.gas),
        ("open_ticket (first ticket)", opened.gas),
        ("respond (supervisor, first response)", responded.gas),
        ("resolve (supervisor)", resolved.gas),
    ] {
        println!(
            "node gas: {message}: {gas:?} = {:.2}x",
            gas.0 as f64 / reference_ref_time
        );
    }
    let counters: Counters = alice.query(d.counters()).unwrap();
    assert_eq!(
        (counters.opened, counters.closed, counters.breaches),
        (1, 1, 1)
    );

    // Upgrade to different code: the first run announces it, a run after the desk's upgrade
    // delay (60 s here) makes the switch; the data reads back the same (upgrade::upgrade fails
    // otherwise), the address book records the new code hash, and the new code serves the old
    // data.
    let variant = variant_bundle(&books);
    let step = upgrade::upgrade(&mut alice, &books.join("e2e.json"), Some(&variant)).unwrap();
    let upgrade::UpgradeStep::Announced { not_before } = step else {
        panic!("the first run only announces the upgrade: {step:?}");
    };
    wait_for_chain_time(&mut alice, &desk, not_before + 1_000);
    let step = upgrade::upgrade(&mut alice, &books.join("e2e.json"), Some(&variant)).unwrap();
    assert_eq!(step, upgrade::UpgradeStep::Done);
    let upgraded = AddressBook::load(&books.join("e2e.json")).unwrap().unwrap();
    assert_ne!(upgraded.help_desk.code_hash, book.help_desk.code_hash);
    let after: Counters = alice.query(d.counters()).unwrap();
    assert_eq!(after, counters);
    let next = eve
        .submit(d.open_ticket(Priority::Normal, 7, hash(9)))
        .unwrap();
    assert_eq!(
        next.value,
        id + 1,
        "the new code continues the old ticket count"
    );
    // Governance: Alice (the owner) mints herself a stake, then a third deployment adds a
    // governor and hands the desk and the token to it. Token holders then change an SLA policy
    // through a proposal, and the owner cannot go around it.
    let alice_ink = ink(&alice.me());
    let mut t = token_at(ink(&token));
    alice.submit(t.grant_minter(alice_ink)).unwrap();
    alice.submit(t.mint_to(alice_ink, 1_000)).unwrap();
    let mut governed = config();
    governed.governor = Some(GovernorConfig {
        voting_delay_ms: 0,
        voting_period_ms: 60_000,
        proposal_threshold: 100,
        quorum_bps: 100,
        late_quorum_extension_ms: 0,
        timelock_ms: 60_000,
        upgrade_timelock_ms: 60_000,
        guardian: None,
        hand_over: true,
    });
    let book = deploy::deploy(&mut alice, &governed, "e2e", &books).unwrap();
    let governor = account(&book.governor.expect("a governor").address).unwrap();
    assert_eq!(alice.query(d.owner()).unwrap(), ink(&governor));
    assert_eq!(alice.query(t.owner()).unwrap(), ink(&governor));
    gov::lock(&mut alice, &governor, 500).unwrap();
    let proposal = books.join("proposal.toml");
    std::fs::write(
        &proposal,
        "description = \"Answer Standard customers within 30 minutes\"\n\
         [[actions]]\naction = \"set_sla_policy\"\ntier = \"Standard\"\npriority = \"Normal\"\n\
         first_response_ms = 1_800_000\nresolution_ms = 3_600_000\nwarning_lead_ms = 0\n\
         escalation_delays_ms = [0]\nauto_close_ms = 86_400_000\nabandon_after_ms = 86_400_000\n\
         compensation = 10\n",
    )
    .unwrap();
    let id = gov::propose(&mut alice, &governor, &proposal).unwrap();
    gov::vote(&mut alice, &governor, id, Support::For).unwrap();
    let g = governor_at(ink(&governor));
    let vote_end = alice.query(g.proposal(id)).unwrap().unwrap().vote_end;
    wait_until(&mut alice, &token, vote_end + 1_000);
    gov::queue(&mut alice, &governor, id).unwrap();
    let eta = alice.query(g.proposal(id)).unwrap().unwrap().eta.unwrap();
    wait_until(&mut alice, &token, eta + 1_000);
    let mut ferdie = Chain::new(&url, "//Ferdie").unwrap();
    gov::execute(&mut ferdie, &governor, id).unwrap();
    gov::show(&mut ferdie, &governor, id).unwrap();
    let policy = alice
        .query(d.sla_policy(Tier::Standard, Priority::Normal))
        .unwrap();
    assert_eq!(policy.first_response_ms, 1_800_000);
    let direct = alice.submit(d.set_agent(alice_ink, 3));
    assert!(
        direct.is_err_and(|e| e.to_string().contains("NotOwner")),
        "the owner's direct call is refused after the hand-over"
    );

    texts_through_the_content_service(&url, &desk, &books);

    println!("e2e on {} took {:?}", binary.display(), started.elapsed());
    let _ = std::fs::remove_dir_all(&books);
}

/// Waits until wall-clock time `at_ms`, then has a block sealed with a harmless transaction (an
/// approval of 0 on the token) so the chain's clock catches up.
fn wait_until(signer: &mut Chain, token: &Account, at_ms: u64) {
    std::thread::sleep(Duration::from_millis(at_ms.saturating_sub(now_ms())));
    signer
        .submit(psp22::PSP22::approve(
            &mut token_at(ink(token)),
            ink(token),
            0,
        ))
        .unwrap();
}

/// Waits until wall-clock time `at_ms`, then sends a transaction (an owner call that changes
/// nothing: //Ferdie is placed in Standard already or from now on): the dev node seals a block
/// per transaction, so the chain's clock catches up.
fn wait_for_chain_time(owner: &mut Chain, desk: &Account, at_ms: u64) {
    std::thread::sleep(Duration::from_millis(at_ms.saturating_sub(now_ms())));
    let ferdie = ink(&account("//Ferdie").unwrap());
    owner
        .submit(desk_at(ink(desk)).set_customer_tier(ferdie, Tier::Standard))
        .unwrap();
}

/// The help desk's bundle with a custom section appended to its wasm: the same contract under a
/// different code hash, standing in for "the next release" (building a second release of the
/// source would take another contract build). Custom sections do not change what the code does.
fn variant_bundle(dir: &std::path::Path) -> PathBuf {
    let bundle = std::fs::read_to_string(Contract::HelpDesk.bundle_path()).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&bundle).unwrap();
    let wasm_hex = json["source"]["wasm"]
        .as_str()
        .unwrap()
        .trim_start_matches("0x");
    let mut wasm: Vec<u8> = (0..wasm_hex.len() / 2)
        .map(|i| u8::from_str_radix(&wasm_hex[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    let name = b"helpdesk-release";
    let payload = b"e2e upgrade target";
    wasm.push(0); // custom section
    wasm.push(u8::try_from(1 + name.len() + payload.len()).unwrap());
    wasm.push(u8::try_from(name.len()).unwrap());
    wasm.extend_from_slice(name);
    wasm.extend_from_slice(payload);
    let hex: String = wasm.iter().map(|b| format!("{b:02x}")).collect();
    json["source"]["wasm"] = format!("0x{hex}").into();
    use blake2::digest::{consts::U32, Digest};
    let hash: String = blake2::Blake2b::<U32>::digest(&wasm)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    json["source"]["hash"] = format!("0x{hash}").into();
    let path = dir.join("help_desk_next.contract");
    std::fs::write(&path, json.to_string()).unwrap();
    path
}

/// A 32-byte content hash derived from `n`.
fn hash(n: u8) -> Hash {
    Hash::from([n; 32])
}

fn tempdir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("helpdesk-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
