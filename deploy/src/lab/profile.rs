//! Where a help-desk message's weight goes. The optimized WASM runs in wasmi 0.31 with the engine
//! settings and fuel metering pallet-contracts 31 uses, against stub host functions (storage in
//! a map, the same callers, times and inputs as a drink run of the same messages), and every
//! host call is counted: storage reads, writes and removals with their sizes, events and their
//! topics, input and output. Priced with the runtime's own schedule, the counts predict the
//! ref_time drink measures for the same call; the table shows both, so the profile is checked
//! against the real thing rather than trusted.

use crate::fmt::thousands;
use anyhow::{anyhow, Context};
use drink::minimal::MinimalSandboxRuntime;
use drink::pallet_contracts::{weights::WeightInfo, Schedule};
use help_desk::ticket::Priority;
use help_desk::HelpDeskRef;
use helpdesk_sandbox::suite::{hash, who, START_MS};
use helpdesk_sandbox::{
    desk_at, AccountId, Chain, ChainExt, Constructor, Contract, Message, Prepared, SandboxChain,
};
use std::collections::HashMap;
use std::fmt::Write as _;
use wasmi::{
    core::Trap, Caller, Config, Engine, FuelConsumptionMode, Linker, Memory, MemoryType, Module,
    Store,
};

/// What one call did, as the host saw it.
#[derive(Debug, Default, Clone)]
pub struct Counts {
    pub instructions: u64,
    pub reads: u32,
    pub read_bytes: u32,
    pub writes: u32,
    pub new_bytes: u32,
    pub old_bytes: u32,
    pub removals: u32,
    pub contains: u32,
    pub takes: u32,
    pub events: u32,
    pub topics: u32,
    pub event_bytes: u32,
    pub input_bytes: u32,
    pub output_bytes: u32,
    pub host_reads: u32,
}

struct Host {
    storage: HashMap<Vec<u8>, Vec<u8>>,
    input: Vec<u8>,
    caller: [u8; 32],
    now: u64,
    memory: Option<Memory>,
    counts: Counts,
}

fn read(caller: &Caller<'_, Host>, ptr: u32, len: u32) -> Vec<u8> {
    let mut out = vec![0; len as usize];
    if let Some(memory) = caller.data().memory {
        let _ = memory.read(caller, ptr as usize, &mut out);
    }
    out
}

fn write(caller: &mut Caller<'_, Host>, ptr: u32, bytes: &[u8]) {
    if let Some(memory) = caller.data().memory {
        let _ = memory.write(caller, ptr as usize, bytes);
    }
}

/// Writes `bytes` to the output buffer at `ptr` and its length at `len_ptr`.
fn output(caller: &mut Caller<'_, Host>, ptr: u32, len_ptr: u32, bytes: &[u8]) {
    write(caller, ptr, bytes);
    write(caller, len_ptr, &(bytes.len() as u32).to_le_bytes());
}

const KEY_NOT_FOUND: u32 = 3;
const SENTINEL: u32 = u32::MAX;

/// The help desk's WASM in wasmi with the stub host: its hot blob, and its cold blob on the same
/// storage (what the hot blob's delegate call runs).
struct Runner {
    engine: Engine,
    module: Module,
    cold: Module,
    storage: HashMap<Vec<u8>, Vec<u8>>,
}

impl Runner {
    fn new(wasm: &[u8], cold: &[u8]) -> anyhow::Result<Self> {
        // pallet-contracts 31's `LoadedModule::new`.
        let mut config = Config::default();
        config
            .wasm_multi_value(false)
            .wasm_mutable_global(false)
            .wasm_sign_extension(true)
            .wasm_bulk_memory(false)
            .wasm_reference_types(false)
            .wasm_tail_call(false)
            .wasm_extended_const(false)
            .wasm_saturating_float_to_int(false)
            .floats(false)
            .consume_fuel(true)
            .fuel_consumption_mode(FuelConsumptionMode::Eager);
        let engine = Engine::new(&config);
        let module = Module::new(&engine, wasm).map_err(|e| anyhow!("{e}"))?;
        let cold = Module::new(&engine, cold).map_err(|e| anyhow!("{e}"))?;
        Ok(Self {
            engine,
            module,
            cold,
            storage: HashMap::new(),
        })
    }

    /// Runs `export` ("deploy" or "call") of the hot blob (`cold`: of the cold blob) with
    /// `input` as `caller` at `now`.
    fn run(
        &mut self,
        export: &str,
        input: Vec<u8>,
        caller: [u8; 32],
        now: u64,
        cold: bool,
    ) -> anyhow::Result<Counts> {
        let host = Host {
            storage: std::mem::take(&mut self.storage),
            counts: Counts {
                input_bytes: input.len() as u32,
                ..Counts::default()
            },
            input,
            caller,
            now,
            memory: None,
        };
        let mut store = Store::new(&self.engine, host);
        let memory_type = MemoryType::new(2, Some(16)).map_err(|e| anyhow!("{e}"))?;
        let memory = Memory::new(&mut store, memory_type).map_err(|e| anyhow!("{e}"))?;
        store.data_mut().memory = Some(memory);
        let linker = Self::linker(&self.engine, memory)?;
        store.add_fuel(u64::MAX / 4).map_err(|e| anyhow!("{e}"))?;
        let instance = linker
            .instantiate(&mut store, if cold { &self.cold } else { &self.module })
            .map_err(|e| anyhow!("{e}"))?
            .ensure_no_start(&mut store)
            .map_err(|e| anyhow!("{e}"))?;
        let entry = instance
            .get_typed_func::<(), ()>(&store, export)
            .map_err(|e| anyhow!("{e}"))?;
        // The contract ends with `seal_return`, which the stub turns into a trap.
        let _ = entry.call(&mut store, ());
        let fuel = store.fuel_consumed().unwrap_or(0);
        let host = store.into_data();
        self.storage = host.storage;
        Ok(Counts {
            instructions: fuel,
            ..host.counts
        })
    }

    fn linker(engine: &Engine, memory: Memory) -> anyhow::Result<Linker<Host>> {
        let mut l = <Linker<Host>>::new(engine);
        let e = |e: wasmi::errors::LinkerError| anyhow!("{e}");
        l.define("env", "memory", memory).map_err(e)?;
        l.func_wrap(
            "seal0",
            "input",
            |mut c: Caller<'_, Host>, p: u32, lp: u32| {
                let input = c.data().input.clone();
                output(&mut c, p, lp, &input);
            },
        )
        .map_err(e)?;
        l.func_wrap(
            "seal1",
            "get_storage",
            |mut c: Caller<'_, Host>, kp: u32, kl: u32, p: u32, lp: u32| -> u32 {
                let key = read(&c, kp, kl);
                let value = c.data().storage.get(&key).cloned();
                c.data_mut().counts.reads += 1;
                match value {
                    Some(v) => {
                        c.data_mut().counts.read_bytes += v.len() as u32;
                        output(&mut c, p, lp, &v);
                        0
                    }
                    None => KEY_NOT_FOUND,
                }
            },
        )
        .map_err(e)?;
        l.func_wrap(
            "seal0",
            "take_storage",
            |mut c: Caller<'_, Host>, kp: u32, kl: u32, p: u32, lp: u32| -> u32 {
                let key = read(&c, kp, kl);
                c.data_mut().counts.takes += 1;
                match c.data_mut().storage.remove(&key) {
                    Some(v) => {
                        output(&mut c, p, lp, &v);
                        0
                    }
                    None => KEY_NOT_FOUND,
                }
            },
        )
        .map_err(e)?;
        l.func_wrap(
            "seal2",
            "set_storage",
            |mut c: Caller<'_, Host>, kp: u32, kl: u32, vp: u32, vl: u32| -> u32 {
                let key = read(&c, kp, kl);
                let value = read(&c, vp, vl);
                let counts = &mut c.data_mut().counts;
                counts.writes += 1;
                counts.new_bytes += vl;
                match c.data_mut().storage.insert(key, value) {
                    Some(old) => {
                        c.data_mut().counts.old_bytes += old.len() as u32;
                        old.len() as u32
                    }
                    None => SENTINEL,
                }
            },
        )
        .map_err(e)?;
        l.func_wrap(
            "seal1",
            "clear_storage",
            |mut c: Caller<'_, Host>, kp: u32, kl: u32| -> u32 {
                let key = read(&c, kp, kl);
                c.data_mut().counts.removals += 1;
                c.data_mut()
                    .storage
                    .remove(&key)
                    .map_or(SENTINEL, |old| old.len() as u32)
            },
        )
        .map_err(e)?;
        l.func_wrap(
            "seal1",
            "contains_storage",
            |mut c: Caller<'_, Host>, kp: u32, kl: u32| -> u32 {
                let key = read(&c, kp, kl);
                c.data_mut().counts.contains += 1;
                c.data()
                    .storage
                    .get(&key)
                    .map_or(SENTINEL, |v| v.len() as u32)
            },
        )
        .map_err(e)?;
        l.func_wrap(
            "seal2",
            "call",
            |mut c: Caller<'_, Host>,
             _flags: u32,
             _callee: u32,
             _ref_time: u64,
             _proof_size: u64,
             _deposit: u32,
             _value: u32,
             _input: u32,
             _input_len: u32,
             out: u32,
             out_len: u32|
             -> u32 {
                // The token answers `Ok(Ok(()))`; the scenario below makes no token calls.
                output(&mut c, out, out_len, &[0, 0]);
                0
            },
        )
        .map_err(e)?;
        l.func_wrap(
            "seal0",
            "deposit_event",
            |mut c: Caller<'_, Host>, _tp: u32, tl: u32, _dp: u32, dl: u32| {
                let counts = &mut c.data_mut().counts;
                counts.events += 1;
                // Topics arrive as a SCALE vector of 32-byte hashes (a one-byte length prefix).
                counts.topics += tl.saturating_sub(1) / 32;
                counts.event_bytes += dl;
            },
        )
        .map_err(e)?;
        l.func_wrap(
            "seal0",
            "seal_return",
            |mut c: Caller<'_, Host>, _flags: u32, _p: u32, len: u32| -> Result<(), Trap> {
                c.data_mut().counts.output_bytes = len;
                Err(Trap::i32_exit(0))
            },
        )
        .map_err(e)?;
        l.func_wrap(
            "seal0",
            "delegate_call",
            |_: Caller<'_, Host>,
             _flags: u32,
             _code_hash: u32,
             _input: u32,
             _input_len: u32,
             _out: u32,
             _out_len: u32|
             -> u32 {
                // Only the hot blob's hand-over to the cold blob and `upgrade` delegate; no
                // profiled message does (cold messages run on the cold blob directly).
                1
            },
        )
        .map_err(e)?;
        l.func_wrap(
            "seal0",
            "set_code_hash",
            |_: Caller<'_, Host>, _p: u32| -> u32 { 0 },
        )
        .map_err(e)?;
        l.func_wrap(
            "seal0",
            "own_code_hash",
            |mut c: Caller<'_, Host>, p: u32, lp: u32| {
                c.data_mut().counts.host_reads += 1;
                output(&mut c, p, lp, &[0; 32]);
            },
        )
        .map_err(e)?;
        // Only constructors and `upgrade` lock or unlock the cold blob; no profiled message does.
        for name in ["lock_delegate_dependency", "unlock_delegate_dependency"] {
            l.func_wrap("seal0", name, |_: Caller<'_, Host>, _code_hash: u32| {})
                .map_err(e)?;
        }
        l.func_wrap(
            "seal0",
            "caller",
            |mut c: Caller<'_, Host>, p: u32, lp: u32| {
                c.data_mut().counts.host_reads += 1;
                let who = c.data().caller;
                output(&mut c, p, lp, &who);
            },
        )
        .map_err(e)?;
        l.func_wrap(
            "seal0",
            "value_transferred",
            |mut c: Caller<'_, Host>, p: u32, lp: u32| {
                c.data_mut().counts.host_reads += 1;
                output(&mut c, p, lp, &[0; 16]);
            },
        )
        .map_err(e)?;
        l.func_wrap(
            "seal0",
            "now",
            |mut c: Caller<'_, Host>, p: u32, lp: u32| {
                c.data_mut().counts.host_reads += 1;
                let now = c.data().now.to_le_bytes();
                output(&mut c, p, lp, &now);
            },
        )
        .map_err(e)?;
        l.func_wrap(
            "seal0",
            "hash_blake2_256",
            |mut c: Caller<'_, Host>, p: u32, len: u32, out: u32| {
                let data = read(&c, p, len);
                use blake2::digest::{consts::U32, Digest};
                let digest: [u8; 32] = blake2::Blake2b::<U32>::digest(&data).into();
                write(&mut c, out, &digest);
            },
        )
        .map_err(e)?;
        Ok(l)
    }
}

/// One profiled message.
#[derive(Debug)]
pub struct Row {
    pub message: String,
    pub counts: Counts,
    /// ref_time the counts cost under the runtime's schedule, by part.
    pub code_load: u64,
    pub execution: u64,
    pub storage: u64,
    pub events: u64,
    pub other: u64,
    pub predicted: u64,
    /// ref_time drink measured for the same call.
    pub measured: u64,
}

fn price(counts: &Counts, code_len: u32) -> (u64, u64, u64, u64, u64) {
    let s = Schedule::<MinimalSandboxRuntime>::default();
    let h = &s.host_fn_weights;
    let rt = |w: drink::Weight| w.ref_time();
    let n = u64::from;
    let code_load = rt(<() as WeightInfo>::call_with_code_per_byte(code_len)
        .saturating_sub(<() as WeightInfo>::call_with_code_per_byte(0)));
    let execution = counts.instructions * u64::from(s.instruction_weights.base);
    let storage = n(counts.reads) * rt(h.get_storage)
        + n(counts.read_bytes) * rt(h.get_storage_per_byte)
        + n(counts.writes) * rt(h.set_storage)
        + n(counts.new_bytes) * rt(h.set_storage_per_new_byte)
        + n(counts.old_bytes) * rt(h.set_storage_per_old_byte)
        + n(counts.removals) * rt(h.clear_storage)
        + n(counts.contains) * rt(h.contains_storage)
        + n(counts.takes) * rt(h.take_storage);
    let events = n(counts.events) * rt(h.deposit_event)
        + n(counts.topics) * rt(h.deposit_event_per_topic)
        + n(counts.event_bytes) * rt(h.deposit_event_per_byte);
    let other = rt(h.input)
        + n(counts.input_bytes) * rt(h.input_per_byte)
        + rt(h.r#return)
        + n(counts.output_bytes) * rt(h.return_per_byte)
        + n(counts.host_reads) * rt(h.caller);
    (code_load, execution, storage, events, other)
}

fn ink_bytes(account: &AccountId) -> [u8; 32] {
    *AsRef::<[u8; 32]>::as_ref(account)
}

/// One profiled call: who sends it when, its encoded input, and how to send it on the chain.
struct Step {
    who: AccountId,
    at: u64,
    input: Vec<u8>,
    label: &'static str,
    /// It runs in the cold blob.
    cold: bool,
    send: SendStep,
}

/// How a [`Step`] is sent on the sandbox chain.
type SendStep = Box<dyn FnOnce(&mut Chain, &AccountId) -> anyhow::Result<()>>;

/// A help-desk message as a [`Step`].
fn step<M, T>(who: AccountId, at: u64, message: M, label: &'static str, cold: bool) -> Step
where
    M: Message<Output = Result<T, help_desk::DeskError>>,
    Result<T, help_desk::DeskError>: ink::scale::Decode + 'static,
    T: 'static,
{
    let message = Prepared::of(message);
    let input = message.input.clone();
    Step {
        who,
        at,
        input,
        label,
        cold,
        send: Box::new(move |chain, who| match chain.call(who, message) {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(refusal)) => Err(anyhow!("{label}: refused {refusal:?}")),
            Err(error) => Err(anyhow!("{label}: {error}")),
        }),
    }
}

/// Runs the same help-desk messages in drink and in the profiler and returns both views.
pub fn profile() -> anyhow::Result<Vec<Row>> {
    let code = Contract::HelpDesk.code();
    let code_len = code.wasm.len() as u32;
    let cold = code
        .cold
        .clone()
        .context("the help desk has no cold blob")?;
    let mut runner = Runner::new(&code.wasm, &cold)?;
    let mut chain = Chain::new(SandboxChain::default());
    let owner = who::owner();
    chain.backend.set_time(START_MS);
    // The token is never called below; any address will do.
    let token = who::keeper();
    let desk = chain.deploy_code(&owner, &code, HelpDeskRef::new(token));
    runner.run(
        "deploy",
        HelpDeskRef::new(token).input(),
        ink_bytes(&owner),
        START_MS,
        false,
    )?;
    let carol = who::carol();
    let agent = who::agent();
    let d = || desk_at(desk);
    let steps = vec![
        // The owner's setup runs in the cold blob: not a profiled row (a call to it also runs
        // the hot blob's hand-over and a delegate call, which the stub host does not price).
        step(owner, 0, d().set_agent(agent, 1), "set_agent", true),
        step(
            carol,
            1_000,
            d().open_ticket(Priority::Normal, 7, hash(1)),
            "open_ticket (first ticket, new deadline bucket)",
            false,
        ),
        step(
            carol,
            2_000,
            d().open_ticket(Priority::Normal, 7, hash(2)),
            "open_ticket (next ticket)",
            false,
        ),
        step(
            agent,
            3_000,
            d().respond(1, hash(3)),
            "respond (agent's first response)",
            false,
        ),
        step(
            agent,
            4_000,
            d().assign(1, agent),
            "assign (agent claims)",
            false,
        ),
        step(
            agent,
            5_000,
            d().resolve(1, hash(4)),
            "resolve (assigned agent)",
            false,
        ),
    ];
    let mut rows = Vec::new();
    for step in steps {
        let now = START_MS + step.at;
        chain.backend.fund(&step.who);
        chain.backend.set_time(now);
        (step.send)(&mut chain, &step.who)?;
        let measured = chain.last_gas();
        let counts = runner.run("call", step.input, ink_bytes(&step.who), now, step.cold)?;
        if step.cold {
            continue;
        }
        let label = step.label;
        let (code_load, execution, storage, events, other) = price(&counts, code_len);
        rows.push(Row {
            message: label.to_string(),
            predicted: code_load + execution + storage + events + other,
            counts,
            code_load,
            execution,
            storage,
            events,
            other,
            measured,
        });
    }
    Ok(rows)
}

/// The profile as Markdown.
pub fn render(rows: &[Row]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "| message | instructions | reads | writes | removals | topics | code load | execution | storage | events | other | predicted | measured (drink) | diff |"
    );
    let _ = writeln!(
        s,
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    let g = |v: u64| format!("{:.3} G", v as f64 / 1e9);
    for r in rows {
        let c = &r.counts;
        let diff = (r.predicted as f64 - r.measured as f64) / r.measured.max(1) as f64 * 100.0;
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:+.2} % |",
            r.message,
            thousands(c.instructions as i128),
            c.reads + c.contains,
            c.writes,
            c.removals + c.takes,
            c.topics,
            g(r.code_load),
            g(r.execution),
            g(r.storage),
            g(r.events),
            g(r.other),
            thousands(r.predicted as i128),
            thousands(r.measured as i128),
            diff
        );
    }
    s
}

/// Prints the profile; fails if a prediction misses drink's measurement by more than 1 % (the
/// profile would no longer explain the weight).
pub fn run() -> anyhow::Result<()> {
    let rows = profile()?;
    print!("{}", render(&rows));
    for r in &rows {
        let diff = r.predicted.abs_diff(r.measured) as f64 / r.measured.max(1) as f64;
        if diff > 0.01 {
            return Err(anyhow!(
                "{}: the profile predicts {} ref_time but drink measured {}",
                r.message,
                r.predicted,
                r.measured
            ));
        }
    }
    println!("\nprofile check: every prediction within 1 % of drink's measurement");
    Ok(())
}
