//! Builds every contract of the suite with contract-build (what `cargo contract build --release`
//! does) and tells the library where the results are, through compile-time variables:
//! - `HELPDESK_BUNDLE_<NAME>`: the `.contract` bundle clients deploy and talk to: the hot blob
//!   (`--features hot`, built knowing the cold blob's code hash) with the whole contract's
//!   metadata (built with `--features metadata-docs`: the docs of every type and variant), so
//!   every message is described at the one address, and
//!   the cold blob (`--features cold`, to upload first) as `user.cold_code`;
//! - `HELPDESK_WHOLE_<NAME>`: the whole contract as one blob, the size the split is measured
//!   against. See `helpdesk_common::split`.
//!
//! It also builds the yardstick of the benchmark: the reference PSP22 token, the example
//! contract of the `psp22` 2.0.0 crate, from a copy of that crate's registry sources
//! (`HELPDESK_BUNDLE_PSP22_REFERENCE`).
//!
//! The outputs go to `target/ink/built/<digest of the inputs>/`: the sandbox tests and the
//! tool in `deploy/` (two cargo builds with separate lock files, so two runs of this script)
//! and every later build with unchanged contracts find them there instead of building again.
//!
//! contract-build is only a build dependency, here: binaryen's C++ (behind `wasm-opt`), which
//! takes ~10 minutes on 2 cores, is compiled once for both builds.

use contract_build::{
    BuildArtifacts, BuildMode, ExecuteArgs, Features, ManifestPath, OptimizationPasses, Verbosity,
};
use std::path::{Path, PathBuf};

/// The contracts to build (each split into a hot and a cold blob), as crate directories under
/// `contracts/`.
const CONTRACTS: [&str; 3] = ["loyalty_token", "help_desk", "governor"];

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
    let root = manifest_dir()
        .parent()
        .expect("bundles/ sits in the repository root")
        .to_path_buf();
    for name in OUTER_BUILD_VARS {
        std::env::remove_var(name);
    }
    for watched in [
        "contracts",
        "Cargo.toml",
        "Cargo.lock",
        "rust-toolchain.toml",
        "tests/Cargo.lock",
        "deploy/Cargo.lock",
    ] {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }
    println!("cargo:rerun-if-env-changed=RUSTUP_TOOLCHAIN");
    let psp22 = psp22_source_dir();
    // Built once per content: the contracts' sources, manifests, lock file and toolchain, the
    // reference token's version and this script decide every byte of the output, so a build with
    // the same inputs (the sandbox tests, then the tool in `deploy/`, or the next CI run on the
    // same cache) reuses it instead of running contract-build six times again.
    let built = root
        .join("target")
        .join("ink")
        .join("built")
        .join(inputs_key(&root, &psp22));
    if !built.join(COMPLETE).exists() {
        build_all(&root, &psp22, &built);
    }
    for contract in CONTRACTS {
        let name = contract.to_uppercase();
        let path = |suffix: &str| {
            built
                .join(format!("{contract}{suffix}"))
                .display()
                .to_string()
        };
        println!(
            "cargo:rustc-env=HELPDESK_BUNDLE_{name}={}",
            path(".contract")
        );
        println!(
            "cargo:rustc-env=HELPDESK_WHOLE_{name}={}",
            path(".whole.contract")
        );
    }
    println!(
        "cargo:rustc-env=HELPDESK_BUNDLE_PSP22_REFERENCE={}",
        built.join("psp22_reference.contract").display()
    );
}

/// The file whose presence marks a finished set of outputs.
const COMPLETE: &str = "complete";

/// Builds every contract into `dest` (through a temporary folder renamed at the end, so an
/// interrupted build leaves no half set behind): per contract its split bundle
/// (`<name>.contract`, `<name>.json`) and the whole contract as one blob
/// (`<name>.whole.contract`), and the reference token's bundle.
fn build_all(root: &Path, psp22: &Path, dest: &Path) {
    let staging = dest.with_extension(format!("tmp{}", std::process::id()));
    std::fs::create_dir_all(&staging).expect("creating the build output folder");
    for contract in CONTRACTS {
        let manifest = root.join("contracts").join(contract).join("Cargo.toml");
        let name = contract.to_uppercase();
        let cold = keep(
            &build_code(&manifest, "cold"),
            &staging.join(format!("{contract}.cold.wasm")),
        );
        std::env::set_var(format!("HELPDESK_COLD_{name}"), hex(&code_hash(&cold)));
        let hot = keep(
            &build_code(&manifest, "hot"),
            &staging.join(format!("{contract}.hot.wasm")),
        );
        let whole = keep(
            &build(&manifest, &["metadata-docs"]),
            &staging.join(format!("{contract}.whole.contract")),
        );
        split_bundle(
            &whole,
            &hot,
            &cold,
            &staging.join(format!("{contract}.contract")),
        );
    }
    let reference = build(&psp22_reference_copy(psp22).join("Cargo.toml"), &[]);
    keep(&reference, &staging.join("psp22_reference.contract"));
    std::fs::write(staging.join(COMPLETE), "").expect("marking the outputs complete");
    // Another build may have finished the same set meanwhile: its copy is as good as ours.
    if std::fs::rename(&staging, dest).is_err() {
        std::fs::remove_dir_all(&staging).ok();
    }
}

/// A digest of everything the build's output depends on: every file under `contracts/` (but
/// build output), the workspace's `Cargo.toml` and `Cargo.lock`, `rust-toolchain.toml`, this
/// package's manifest, the contract-build and wasm-opt versions the lock files of `tests/` and
/// `deploy/` pin, the reference
/// token's source folder (its name carries the version), the toolchain and this script.
fn inputs_key(root: &Path, psp22: &Path) -> String {
    use blake2::digest::{consts::U32, Digest};
    let mut files = Vec::new();
    collect_files(&root.join("contracts"), &mut files);
    files.sort();
    // This package pins contract-build.
    for name in [
        "Cargo.toml",
        "Cargo.lock",
        "rust-toolchain.toml",
        "bundles/Cargo.toml",
    ] {
        files.push(root.join(name));
    }
    let mut hasher = blake2::Blake2b::<U32>::new();
    // The lock files of the two builds that run this script pin contract-build's and wasm-opt's
    // exact versions: only those entries count (any other dependency change leaves the
    // contracts as they are).
    for lock in ["tests/Cargo.lock", "deploy/Cargo.lock"] {
        let text = std::fs::read_to_string(root.join(lock)).unwrap_or_default();
        for package in text.split("[[package]]") {
            let tool = [
                "contract-build",
                "wasm-opt",
                "wasm-opt-sys",
                "wasm-opt-cxx-sys",
            ]
            .iter()
            .any(|name| package.contains(&format!("name = \"{name}\"\n")));
            if tool {
                hasher.update(package.lines().take(3).collect::<Vec<_>>().join("\n"));
            }
        }
    }
    for file in files {
        let relative = file.strip_prefix(root).unwrap_or(&file);
        hasher.update(relative.to_string_lossy().as_bytes());
        hasher.update([0]);
        hasher.update(std::fs::read(&file).expect("reading a contract source"));
        hasher.update([0]);
    }
    hasher.update(psp22.to_string_lossy().as_bytes());
    // The toolchain contract-build's cargo runs with: rustup's choice for this build, which a
    // `RUSTUP_TOOLCHAIN` or `cargo +toolchain` can make differ from rust-toolchain.toml.
    hasher.update(
        std::env::var("RUSTUP_TOOLCHAIN")
            .unwrap_or_default()
            .as_bytes(),
    );
    hasher.update(include_str!("build.rs").as_bytes());
    let digest: [u8; 32] = hasher.finalize().into();
    hex(&digest[..12])
}

/// Every file under `dir`, skipping build output (`target`) and hidden entries.
fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).expect("listing the contracts");
    for entry in entries {
        let path = entry.expect("listing the contracts").path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if name
            .as_deref()
            .is_some_and(|n| n == "target" || n.starts_with('.'))
        {
            continue;
        }
        if path.is_dir() {
            collect_files(&path, files);
        } else {
            files.push(path);
        }
    }
}

/// The `psp22` crate (the version this package depends on) copied into `OUT_DIR`, unchanged but
/// for one crate-level `allow(clippy::cast_possible_truncation)` and an empty `[workspace]`
/// table: contract-build lints with
/// `-D clippy::cast_possible_truncation`, which the crate's own `PSP22Error` derive trips. The
/// attribute changes no generated code. Files are rewritten only when they differ, so the copy's
/// build stays incremental.
fn psp22_reference_copy(source: &Path) -> PathBuf {
    let source = source.to_path_buf();
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("psp22_reference");
    std::fs::create_dir_all(&dest).expect("creating the reference copy's directory");
    for entry in std::fs::read_dir(&source).expect("reading the psp22 sources") {
        let path = entry.expect("listing the psp22 sources").path();
        let name = path.file_name().expect("a file name").to_owned();
        let copy_it = path.is_file()
            && (name == "Cargo.toml"
                || name == "Cargo.lock"
                || path.extension().is_some_and(|ext| ext == "rs"));
        if !copy_it {
            continue;
        }
        let mut text = std::fs::read_to_string(&path).expect("reading a psp22 source file");
        if name == "lib.rs" {
            text = format!("#![allow(clippy::cast_possible_truncation)]\n{text}");
        }
        if name == "Cargo.toml" {
            // The copy may sit under the repository's workspace (target/ is inside it): it is
            // a root of its own.
            text.push_str("\n[workspace]\n");
        }
        let target = dest.join(&name);
        if std::fs::read_to_string(&target).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&target, text).expect("writing the reference copy");
        }
    }
    dest
}

/// This package's folder, as cargo tells the running build script. Not `env!`: that is the folder
/// the script was compiled in, and a target dir shared by two checkouts (CI's cache) may run a
/// script another checkout compiled, which would build that checkout's contracts.
fn manifest_dir() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
}

/// Where cargo unpacked the `psp22` dependency, asked of `cargo metadata`.
fn psp22_source_dir() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = manifest_dir().join("Cargo.toml");
    let output = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(&manifest)
        .output()
        .expect("running cargo metadata");
    assert!(output.status.success(), "cargo metadata failed");
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let manifest_path = metadata["packages"]
        .as_array()
        .and_then(|packages| {
            packages
                .iter()
                .find(|package| package["name"] == "psp22")
                .and_then(|package| package["manifest_path"].as_str())
        })
        .expect("psp22 is a dependency");
    Path::new(manifest_path)
        .parent()
        .expect("a manifest sits in its crate's directory")
        .to_path_buf()
}

/// Builds one blob of a split contract (`feature`: `hot` or `cold`) in release mode with the
/// default `wasm-opt` passes, code only, and returns the path of its `.wasm`.
fn build_code(manifest: &Path, feature: &str) -> PathBuf {
    let manifest_path = ManifestPath::new(manifest)
        .unwrap_or_else(|error| panic!("{}: {error}", manifest.display()));
    let mut features = Features::default();
    features.push(feature);
    let args = ExecuteArgs {
        manifest_path,
        verbosity: Verbosity::Quiet,
        build_mode: BuildMode::Release,
        build_artifact: BuildArtifacts::CodeOnly,
        features,
        optimization_passes: Some(OptimizationPasses::default()),
        ..ExecuteArgs::default()
    };
    let result = contract_build::execute(args)
        .unwrap_or_else(|error| panic!("building {} ({feature}): {error:?}", manifest.display()));
    result
        .dest_wasm
        .unwrap_or_else(|| panic!("{}: no code was built", manifest.display()))
}

/// Copies a blob out of contract-build's output (the next build of the same crate overwrites
/// it) into `dest`, rewriting only when it changed.
fn keep(wasm: &Path, dest: &Path) -> PathBuf {
    let code = std::fs::read(wasm).expect("reading a built blob");
    if std::fs::read(dest).ok().as_deref() != Some(&code[..]) {
        std::fs::write(dest, &code).expect("keeping a built blob");
    }
    dest.to_path_buf()
}

/// The code hash pallet-contracts gives a blob: BLAKE2b-256 of its bytes.
fn code_hash(wasm: &Path) -> [u8; 32] {
    use blake2::digest::{consts::U32, Digest};
    let code = std::fs::read(wasm).expect("reading a built blob");
    blake2::Blake2b::<U32>::digest(&code).into()
}

/// Lower-case hexadecimal digits of `bytes`.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Writes the split contract's bundle to `dest`: the whole contract's bundle (its metadata
/// describes every message) with the hot blob as its code and the cold blob in the bundle's
/// user-defined section, `user.cold_code` (hex, like `source.wasm`).
fn split_bundle(whole: &Path, hot: &Path, cold: &Path, dest: &Path) -> PathBuf {
    let text = std::fs::read_to_string(whole).expect("reading the whole contract's bundle");
    let mut bundle: serde_json::Value = serde_json::from_str(&text).expect("a bundle is JSON");
    let code = std::fs::read(hot).expect("reading the hot blob");
    let source = &mut bundle["source"];
    source["wasm"] = format!("0x{}", hex(&code)).into();
    source["hash"] = format!("0x{}", hex(&code_hash(hot))).into();
    let cold_code = std::fs::read(cold).expect("reading the cold blob");
    bundle["user"] = serde_json::json!({ "cold_code": format!("0x{}", hex(&cold_code)) });
    write_if_changed(dest, &bundle);
    // The metadata alone, as cargo-contract writes it next to a bundle (`<name>.json`): what
    // clients call a contract with once its code is on chain.
    let source = &mut bundle["source"];
    if let Some(source) = source.as_object_mut() {
        source.remove("wasm");
    }
    if let Some(bundle) = bundle.as_object_mut() {
        bundle.remove("user");
    }
    write_if_changed(&dest.with_extension("json"), &bundle);
    dest.to_path_buf()
}

/// Writes `json` to `path` unless the file already holds exactly that.
fn write_if_changed(path: &Path, json: &serde_json::Value) {
    let text = serde_json::to_string(json).expect("JSON serializes");
    if std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(path, text).expect("writing a build output");
    }
}

/// Builds one contract with `features` in release mode with the default `wasm-opt` passes and
/// returns the path of its `.contract` bundle.
fn build(manifest: &Path, features: &[&str]) -> PathBuf {
    let manifest_path = ManifestPath::new(manifest)
        .unwrap_or_else(|error| panic!("{}: {error}", manifest.display()));
    let mut with = Features::default();
    for feature in features {
        with.push(feature);
    }
    let args = ExecuteArgs {
        manifest_path,
        features: with,
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
