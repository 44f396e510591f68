//! `helpdesk`: the help-desk suite's command-line tool.
//!
//! `helpdesk demo` (the default) deploys the real contracts into an embedded drink sandbox (an
//! in-process pallet-contracts runtime) and tells, step by step, what happens. `bench` measures
//! them there. `deploy`, `keeper`, `upgrade` and the operator commands work on a real node.

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
#[cfg(feature = "lab")]
use helpdesk_deploy::lab::{bench, demo, profile};
use helpdesk_deploy::node::chain::{account, Account, Chain};
use helpdesk_deploy::node::config::{self, AddressBook, DeskConfig};
use helpdesk_deploy::node::{admin, content, deploy, gov, keeper, upgrade};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Parser)]
#[command(
    version,
    about = "Deploy, operate, benchmark and demo the on-chain help desk"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

/// Where the node is, who signs, and which address book to use.
#[derive(Args, Clone)]
struct Node {
    /// The node's WebSocket URL.
    #[arg(long, default_value = "ws://127.0.0.1:9944")]
    url: String,
    /// The signing account's secret URI (a dev account such as //Alice, or a mnemonic).
    #[arg(long, default_value = "//Alice")]
    suri: String,
    /// Name of the network: the address book is `<book-dir>/<network>.json`.
    #[arg(long, default_value = "local")]
    network: String,
    /// Folder of the address books (relative to the current folder; `scripts/demo` runs in the
    /// repository root).
    #[arg(long, default_value = "deploy/deployments")]
    book_dir: PathBuf,
}

impl Node {
    fn chain(&self) -> Result<Chain> {
        Chain::new(&self.url, &self.suri)
    }

    fn book_path(&self) -> PathBuf {
        AddressBook::path(&self.book_dir, &self.network)
    }

    /// The address book (an error if none was written).
    fn book(&self) -> Result<AddressBook> {
        AddressBook::load(&self.book_path())?.with_context(|| {
            format!(
                "no address book at {}: run `helpdesk deploy` first",
                self.book_path().display()
            )
        })
    }

    /// The help desk's address from the address book.
    fn desk(&self) -> Result<Account> {
        account(&self.book()?.help_desk.address)
    }

    /// The governor's address from the address book.
    fn governor(&self) -> Result<Account> {
        let book = self.book()?;
        let governor = book
            .governor
            .context("the address book has no governor: deploy with a [governor] section")?;
        account(&governor.address)
    }
}

#[derive(Subcommand)]
enum Command {
    /// Run the whole story on an embedded drink sandbox (no node needed). The default.
    #[cfg(feature = "lab")]
    Demo,
    /// Measure gas, storage deposit, scaling, block capacity and code size of both contracts
    /// against the reference PSP22 token, on the embedded sandbox; print tables, write JSON.
    #[cfg(feature = "lab")]
    Bench {
        /// `full`: the sizes (takes minutes); `smoke`: a quick CI check that also fails
        /// unless the reference figure is reproduced and cost is flat in desk size.
        #[arg(long, value_enum, default_value = "full")]
        size: bench::Size,
        /// Where to write the JSON results.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Copy this build's contract artifacts into a folder, for front ends and other tools: per
    /// contract `<name>.contract` (hot blob, metadata of every message, cold blob as
    /// `user.cold_code`), `<name>.json` (metadata only) and `<name>.cold.wasm`.
    Artifacts {
        /// The folder to write to (created if missing).
        #[arg(long, default_value = "target/artifacts")]
        out: PathBuf,
    },
    /// Where the help desk's weight goes: instructions, storage reads/writes/removals and event
    /// topics of a few messages, counted by running its WASM in wasmi, priced with the runtime's
    /// schedule and checked against drink's measurement of the same calls.
    #[cfg(feature = "lab")]
    Profile,
    /// Deploy both contracts to a node (or complete / re-apply a recorded deployment) and
    /// configure them from a TOML file; writes the address book.
    Deploy {
        #[command(flatten)]
        node: Node,
        /// Configuration (see deploy/desk.example.toml); contract defaults without it.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Run the keeper bot: process due SLA actions as they come.
    Keeper {
        #[command(flatten)]
        node: Node,
        /// Most actions per `process_due` call (1-1000).
        #[arg(long, default_value_t = 100)]
        max: u32,
        /// Seconds between looks when nothing is due.
        #[arg(long, default_value_t = 6)]
        interval: u64,
        /// One round, then exit.
        #[arg(long)]
        once: bool,
    },
    /// Upgrade the help desk to new code (a `.contract` bundle, or this build) and check its
    /// data survived.
    Upgrade {
        #[command(flatten)]
        node: Node,
        /// The new code's `.contract` bundle (default: this checkout's build of the help desk).
        #[arg(long)]
        code: Option<PathBuf>,
    },
    /// Open, answer and show tickets, their texts kept by the content service.
    Ticket {
        #[command(flatten)]
        node: Node,
        #[command(subcommand)]
        command: TicketCommand,
    },
    /// The content service: ticket texts off chain, checked against the hashes on chain.
    Content {
        #[command(flatten)]
        node: Node,
        #[command(subcommand)]
        command: ContentCommand,
    },
    /// List tickets with an automatic action due now.
    Due {
        #[command(flatten)]
        node: Node,
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// Add an agent or change its level (1-3).
    AddAgent {
        #[command(flatten)]
        node: Node,
        /// SS58 account (or a dev URI such as //Bob).
        agent: String,
        level: u8,
    },
    /// Governance: lock tokens, propose, vote, queue, execute, show (see docs/governance.md).
    Gov {
        #[command(flatten)]
        node: Node,
        #[command(subcommand)]
        command: GovCommand,
    },
    /// Set the SLA policy of (tier, priority) to the one a config file gives for it.
    SetPolicy {
        #[command(flatten)]
        node: Node,
        tier: String,
        priority: String,
        #[arg(long)]
        config: PathBuf,
    },
}

/// `helpdesk ticket …`.
#[derive(Subcommand)]
enum TicketCommand {
    /// Show a ticket, and with `--content` its texts, each checked against the chain.
    Show {
        id: u64,
        /// The content service's URL.
        #[arg(long)]
        content: Option<String>,
    },
    /// Open a ticket: its text goes to the content service, its salted hash on chain.
    Open {
        /// The request, in words.
        text: String,
        /// low, normal, high or urgent.
        #[arg(long, default_value = "normal")]
        priority: String,
        #[arg(long, default_value_t = 0)]
        category: u32,
        /// Let anyone (the community) read and answer it.
        #[arg(long)]
        public: bool,
        #[arg(long, default_value = DEFAULT_CONTENT)]
        content: String,
    },
    /// Respond to a ticket: the text to the content service, its salted hash on chain.
    Respond {
        id: u64,
        text: String,
        #[arg(long, default_value = DEFAULT_CONTENT)]
        content: String,
    },
}

/// Where `helpdesk content serve` listens by default.
const DEFAULT_CONTENT: &str = "http://127.0.0.1:8080";

/// `helpdesk content …`.
#[derive(Subcommand)]
enum ContentCommand {
    /// Serve ticket texts for the desk in the address book (see docs/content.md).
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: std::net::SocketAddr,
        /// A SQLite file, or a PostgreSQL connection string (`postgres://user@host/db`).
        #[arg(long, default_value = "deploy/content/texts.db")]
        database: String,
        /// Seconds an agent's level is trusted before the desk is asked again (how long a
        /// removed agent may still read).
        #[arg(long, default_value_t = 6)]
        agent_ttl: u64,
        /// Requests per second per account (or address, unsigned), on average.
        #[arg(long, default_value_t = 50)]
        rate: u32,
        /// Requests per account at once.
        #[arg(long, default_value_t = 100)]
        burst: u32,
    },
    /// The load test on loopback: concurrent clients upload texts, then read them back signed,
    /// paced at the target rates, then as fast as answered; SQLite, and PostgreSQL where
    /// installed. Prints throughput and latency percentiles.
    Load {
        #[arg(long, default_value_t = 50)]
        clients: u32,
        /// Uploads in all (then as many reads).
        #[arg(long, default_value_t = 10_000)]
        operations: u32,
        #[arg(long, default_value_t = 1024)]
        text_bytes: usize,
        /// Offered uploads per second in the paced round (the target).
        #[arg(long, default_value_t = 300)]
        upload_rate: u32,
        /// Offered reads per second in the paced round (the target).
        #[arg(long, default_value_t = 1000)]
        read_rate: u32,
        /// Where to write the JSON results.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn run_ticket(node: &Node, command: TicketCommand) -> Result<()> {
    let mut chain = node.chain()?;
    let desk = node.desk()?;
    match command {
        TicketCommand::Show { id, content: None } => admin::show_ticket(&mut chain, &desk, id),
        TicketCommand::Show {
            id,
            content: Some(url),
        } => content::show(&mut chain, &desk, &url, id).map(|_| ()),
        TicketCommand::Open {
            text,
            priority,
            category,
            public,
            content: url,
        } => {
            let priority = config::priority(&priority)?;
            content::open(&mut chain, &desk, &url, priority, category, &text, public).map(|_| ())
        }
        TicketCommand::Respond {
            id,
            text,
            content: url,
        } => content::respond(&mut chain, &desk, &url, id, &text),
    }
}

/// `helpdesk gov …`.
#[derive(Subcommand)]
enum GovCommand {
    /// Approve the governor and lock tokens in escrow (vote weight).
    Lock { amount: u128 },
    /// Take tokens out of escrow (once no live vote or proposal holds them).
    Unlock { amount: u128 },
    /// Propose the actions of a proposal file (see deploy/proposal.example.toml).
    Propose {
        #[arg(long)]
        file: PathBuf,
    },
    /// Vote with your whole escrow: for, against or abstain.
    Vote { id: u32, support: SupportArg },
    /// Queue a passed proposal (anyone).
    Queue { id: u32 },
    /// Execute a queued proposal after its timelock (anyone).
    Execute { id: u32 },
    /// Show a proposal: state, schedule, tally, actions in words.
    Show { id: u32 },
    /// Make the governor accept the desk and the token their owner handed over.
    Accept,
}

/// A vote's side on the command line.
#[derive(Clone, Copy, clap::ValueEnum)]
enum SupportArg {
    For,
    Against,
    Abstain,
}

impl From<SupportArg> for governor::proposal::Support {
    fn from(side: SupportArg) -> Self {
        match side {
            SupportArg::For => Self::For,
            SupportArg::Against => Self::Against,
            SupportArg::Abstain => Self::Abstain,
        }
    }
}

fn run_gov(node: &Node, command: GovCommand) -> Result<()> {
    let (mut chain, governor) = (node.chain()?, node.governor()?);
    match command {
        GovCommand::Lock { amount } => gov::lock(&mut chain, &governor, amount),
        GovCommand::Unlock { amount } => gov::unlock(&mut chain, &governor, amount),
        GovCommand::Propose { file } => gov::propose(&mut chain, &governor, &file).map(drop),
        GovCommand::Vote { id, support } => gov::vote(&mut chain, &governor, id, support.into()),
        GovCommand::Queue { id } => gov::queue(&mut chain, &governor, id),
        GovCommand::Execute { id } => gov::execute(&mut chain, &governor, id),
        GovCommand::Show { id } => gov::show(&mut chain, &governor, id),
        GovCommand::Accept => gov::accept(&mut chain, &governor),
    }
}

fn run(command: Command) -> Result<()> {
    match command {
        #[cfg(feature = "lab")]
        Command::Demo => demo::run(),
        #[cfg(feature = "lab")]
        Command::Bench { size, out } => bench::run(size, out),
        #[cfg(feature = "lab")]
        Command::Profile => profile::run(),
        Command::Artifacts { out } => admin::export_artifacts(&out),
        Command::Deploy { node, config } => {
            let config = match config {
                Some(path) => DeskConfig::load(&path)?,
                None => DeskConfig::default(),
            };
            deploy::deploy(&mut node.chain()?, &config, &node.network, &node.book_dir)?;
            Ok(())
        }
        Command::Keeper {
            node,
            max,
            interval,
            once,
        } => keeper::keeper(
            &mut node.chain()?,
            &node.desk()?,
            max,
            Duration::from_secs(interval),
            once,
        ),
        Command::Upgrade { node, code } => {
            upgrade::upgrade(&mut node.chain()?, &node.book_path(), code.as_deref()).map(|_| ())
        }
        Command::Gov { node, command } => run_gov(&node, command),
        Command::Ticket { node, command } => run_ticket(&node, command),
        Command::Content {
            command:
                ContentCommand::Load {
                    clients,
                    operations,
                    text_bytes,
                    upload_rate,
                    read_rate,
                    out,
                },
            ..
        } => {
            let shape = helpdesk_content::load::Shape {
                clients,
                operations,
                text_bytes,
                paced: Some((upload_rate, read_rate)),
            };
            let reports =
                helpdesk_content::load::sqlite_and_postgres(shape).map_err(anyhow::Error::msg)?;
            print!("{}", helpdesk_content::load::render(&reports));
            if let Some(out) = out {
                std::fs::write(&out, serde_json::to_string_pretty(&reports)? + "\n")
                    .with_context(|| format!("writing {}", out.display()))?;
            }
            Ok(())
        }
        Command::Content {
            node,
            command:
                ContentCommand::Serve {
                    listen,
                    database,
                    agent_ttl,
                    rate,
                    burst,
                },
        } => {
            let service = content::service(
                node.chain()?,
                &node.desk()?,
                content::open_store(&database)?,
                Duration::from_secs(agent_ttl),
                helpdesk_content::service::Limits {
                    per_second: rate,
                    burst,
                },
            );
            content::serve(service, listen)
        }
        Command::Due { node, limit } => admin::list_due(&mut node.chain()?, &node.desk()?, limit),
        Command::AddAgent { node, agent, level } => {
            admin::set_agent(&mut node.chain()?, &node.desk()?, &account(&agent)?, level)
        }
        Command::SetPolicy {
            node,
            tier,
            priority,
            config,
        } => {
            let config = DeskConfig::load(&config)?;
            let policy = config
                .policies
                .iter()
                .find(|p| p.tier == tier && p.priority == priority)
                .with_context(|| format!("the config has no policy for ({tier}, {priority})"))?
                .to_policy();
            admin::set_policy(
                &mut node.chain()?,
                &node.desk()?,
                config::tier(&tier)?,
                config::priority(&priority)?,
                &policy,
            )
        }
    }
}

/// What `helpdesk` alone runs: the demo, in a build with the lab.
#[cfg(feature = "lab")]
const DEFAULT: Option<Command> = Some(Command::Demo);
/// What `helpdesk` alone runs: nothing (the usage), in the operator tool alone.
#[cfg(not(feature = "lab"))]
const DEFAULT: Option<Command> = None;

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let Some(command) = cli.command.or(DEFAULT) else {
        let _ = <Cli as clap::CommandFactory>::command().print_help();
        return std::process::ExitCode::FAILURE;
    };
    match run(command) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
