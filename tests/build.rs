//! Builds every contract of the suite to an optimized `.contract` bundle with contract-build
//! (what `cargo contract build --release` does) and tells the library where each one is, through
//! `HELPDESK_BUNDLE_<NAME>` compile-time variables.

use contract_build::{
    BuildArtifacts, BuildMode, ExecuteArgs, ManifestPath, OptimizationPasses, Verbosity,
};
use std::path::{Path, PathBuf};

/// The contracts to build, as crate directories under `contracts/`.
const CONTRACTS: [&str; 2] = ["loyalty_token", "help_desk"];

/// Variables of this build script's environment that must not reach contract-build's own cargo
/// runs: they describe the outer build (its target dir and lock, its rustc wrapper, its flags and
/// jobserver), and would make the inner `cargo clippy` lint every dependency or wait forever on
/// the outer build's lock.
const OUTER_BUILD_VARS: [&str; 12] = [
    "CARGO_TARGET_DIR",
    "CARGO_BUILD_TARGET_DIR",
    "CARGO_PRIMARY_PACKAGE",
    "CARGO_ENCODED_RUSTFLAGS",
    "RUSTFLAGS",
    "RUSTC",
    "RUSTDOC",
    "RUSTC_WRAPPER",
    "RUSTC_WORKSPACE_WRAPPER",
    "CARGO_MAKEFLAGS",
    "MAKEFLAGS",
    "MFLAGS",
];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the repository root")
        .to_path_buf();
    for name in OUTER_BUILD_VARS {
        std::env::remove_var(name);
    }
    for watched in [
        "contracts",
        "Cargo.toml",
        "Cargo.lock",
        "rust-toolchain.toml",
    ] {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }
    for contract in CONTRACTS {
        let bundle = build(&root.join("contracts").join(contract).join("Cargo.toml"));
        println!(
            "cargo:rustc-env=HELPDESK_BUNDLE_{}={}",
            contract.to_uppercase(),
            bundle.display()
        );
    }
}

/// Builds one contract in release mode with the default `wasm-opt` passes and returns the path of
/// its `.contract` bundle.
fn build(manifest: &Path) -> PathBuf {
    let manifest_path = ManifestPath::new(manifest)
        .unwrap_or_else(|error| panic!("{}: {error}", manifest.display()));
    let args = ExecuteArgs {
        manifest_path,
        verbosity: Verbosity::Quiet,
        build_mode: BuildMode::Release,
        build_artifact: BuildArtifacts::All,
        optimization_passes: Some(OptimizationPasses::default()),
        ..ExecuteArgs::default()
    };
    let result = contract_build::execute(args)
        .unwrap_or_else(|error| panic!("building {}: {error:?}", manifest.display()));
    result
        .metadata_result
        .map(|metadata| metadata.dest_bundle)
        .unwrap_or_else(|| panic!("{}: no metadata was generated", manifest.display()))
}
