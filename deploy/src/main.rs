//! `helpdesk`: the help-desk suite's command-line tool.
//!
//! `helpdesk demo` (the default) deploys the real contracts into an embedded drink sandbox (an
//! in-process pallet-contracts runtime) and tells, step by step, what happens.

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
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command.unwrap_or(Command::Demo) {
        Command::Demo => demo::run(),
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
