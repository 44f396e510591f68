//! `helpdesk`: the help-desk suite's command-line tool.
//!
//! `helpdesk demo` (the default) deploys the real contracts into an embedded drink sandbox (an
//! in-process pallet-contracts runtime) and tells, step by step, what happens.

mod bench;
mod demo;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(version, about = "Deploy, operate and demo the on-chain help desk")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the whole story on an embedded drink sandbox (no node needed). The default.
    Demo,
    /// Measure gas, storage deposit, scaling, block capacity and code size of both contracts
    /// against the reference PSP22 token, on the embedded sandbox; print tables, write JSON.
    Bench {
        /// `full`: the sizes (takes minutes); `smoke`: a quick CI check that also fails
        /// unless the reference figure is reproduced and cost is flat in desk size.
        #[arg(long, value_enum, default_value = "full")]
        size: bench::Size,
        /// Where to write the JSON results.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command.unwrap_or(Command::Demo) {
        Command::Demo => demo::run(),
        Command::Bench { size, out } => bench::run(size, out),
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
