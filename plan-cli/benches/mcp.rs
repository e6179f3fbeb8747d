//! `cargo bench -p plan-cli --bench mcp`: how long `plan mcp` takes to start and answer
//! `initialize`, against starting `plan --version`, timed in interleaved rounds so that the
//! ratio holds whatever the machine is doing.

#![allow(
    missing_docs,
    clippy::print_stdout,
    reason = "a benchmark binary prints its figures"
)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use plankit_testkit::interleaved;

const PLAN: &str = env!("CARGO_BIN_EXE_plan");

const INITIALIZE: &str = concat!(
    r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","#,
    r#""capabilities":{},"clientInfo":{"name":"bench","version":"0"}}}"#,
    "\n"
);

fn main() {
    let root = tempfile::tempdir().expect("a temporary root");
    println!("\n== plan mcp: start and answer initialize ==");
    let mut version = || {
        let status = Command::new(PLAN)
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .expect("plan --version runs");
        assert!(status.success());
    };
    let mut initialize = || {
        let mut server = Command::new(PLAN)
            .args(["mcp", "--root"])
            .arg(root.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("plan mcp starts");
        let mut stdin = server.stdin.take().expect("its standard input");
        stdin
            .write_all(INITIALIZE.as_bytes())
            .expect("initialize is sent");
        let mut answer = String::new();
        BufReader::new(server.stdout.take().expect("its standard output"))
            .read_line(&mut answer)
            .expect("an answer");
        assert!(answer.contains(r#""id":1"#), "{answer}");
        // Closing its input ends the session.
        drop(stdin);
        server.wait().expect("plan mcp ends");
    };
    let seconds = interleaved(
        &mut [&mut version, &mut initialize],
        9,
        Duration::from_millis(300),
    );
    println!(
        "start and answer initialize {:.1} ms, plan --version {:.1} ms: {:.2}x (goal: under 50 ms)",
        seconds[1] * 1e3,
        seconds[0] * 1e3,
        seconds[1] / seconds[0]
    );
}
