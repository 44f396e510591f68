//! A throwaway PostgreSQL server for the tests and the load test: Debian's `postgresql`
//! binaries, a fresh cluster in a temporary folder, on a free loopback port, stopped and removed
//! when dropped. `start` gives `None` (and says why) where PostgreSQL is not installed.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running scratch server.
pub struct ScratchPostgres {
    server: Child,
    dir: PathBuf,
    data: PathBuf,
    /// Its connection string.
    pub url: String,
}

/// The folder of PostgreSQL's server binaries (`initdb`, `postgres`), if installed.
fn bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| entry.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("initdb").is_file())
        .collect();
    versions.sort();
    versions.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout.starts_with(b"0\n"))
}

/// `program args…`, as the `postgres` user when we are root (the server refuses root).
fn as_server_user(program: &Path, root: bool) -> Command {
    if root {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

impl ScratchPostgres {
    /// Starts a server; `Ok(None)` if PostgreSQL is not installed.
    pub fn start() -> Result<Option<ScratchPostgres>, String> {
        let Some(bin) = bin_dir() else {
            return Ok(None);
        };
        let root = is_root();
        let dir = std::env::temp_dir().join(format!(
            "helpdesk-postgres-{}-{}",
            std::process::id(),
            free_port()?
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        if root {
            let owned = Command::new("chown")
                .args(["postgres:postgres"])
                .arg(&dir)
                .status()
                .map_err(|e| e.to_string())?;
            if !owned.success() {
                return Err(format!("chown postgres {} failed", dir.display()));
            }
        }
        let data = dir.join("data");
        let init = as_server_user(&bin.join("initdb"), root)
            .arg("-D")
            .arg(&data)
            .args(["-U", "helpdesk", "--auth=trust", "-E", "UTF8", "--no-sync"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .map_err(|e| format!("initdb: {e}"))?;
        if !init.status.success() {
            return Err(format!("initdb: {}", String::from_utf8_lossy(&init.stderr)));
        }
        let port = free_port()?;
        let server = as_server_user(&bin.join("postgres"), root)
            .arg("-D")
            .arg(&data)
            .args(["-p", &port.to_string(), "-c", "listen_addresses=127.0.0.1"])
            .arg("-k")
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("postgres: {e}"))?;
        let scratch = ScratchPostgres {
            server,
            dir,
            data,
            url: format!("host=127.0.0.1 port={port} user=helpdesk dbname=postgres"),
        };
        let started = Instant::now();
        while postgres::Client::connect(&scratch.url, postgres::NoTls).is_err() {
            if started.elapsed() > Duration::from_secs(30) {
                return Err(
                    "the scratch PostgreSQL server did not accept connections in 30 s".into(),
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(Some(scratch))
    }
}

impl Drop for ScratchPostgres {
    fn drop(&mut self) {
        // A fast shutdown of the server itself (`runuser` does not pass signals on): its process
        // id is the first line of `postmaster.pid`.
        let server_pid = std::fs::read_to_string(self.data.join("postmaster.pid"))
            .ok()
            .and_then(|text| text.lines().next().map(str::to_string));
        match server_pid {
            Some(pid) => {
                let _ = Command::new("kill").args(["-INT", &pid]).status();
            }
            None => {
                let _ = self.server.kill();
            }
        }
        let _ = self.server.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
