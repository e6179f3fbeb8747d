//! `plan mcp` spoken to in raw JSON-RPC lines: the tools it lists, an edit, and paths out
//! of the root refused. (`tests/mcp/client.py` drives it with the official Python SDK.)

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

/// The answers of a session that sends `calls` (tool name and arguments) after
/// `initialize`, one per call, in order.
fn session(root: &Path, calls: &[(&str, Value)]) -> Vec<Value> {
    let mut server = Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(["mcp", "--root"])
        .arg(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("plan mcp starts");
    let mut input = server.stdin.take().unwrap();
    let mut output = BufReader::new(server.stdout.take().unwrap());
    let mut send = |message: Value| {
        writeln!(input, "{message}").unwrap();
        input.flush().unwrap();
    };
    send(
        json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {},
        "clientInfo": {"name": "test", "version": "0"}}}),
    );
    let mut read = || {
        let mut line = String::new();
        output.read_line(&mut line).unwrap();
        serde_json::from_str::<Value>(&line).unwrap()
    };
    assert_eq!(read()["id"], 0);
    send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
    let mut answers = Vec::new();
    for (id, (name, arguments)) in calls.iter().enumerate() {
        let id = id + 1;
        let request = match *name {
            "tools/list" => json!({"jsonrpc": "2.0", "id": id, "method": "tools/list"}),
            name => json!({"jsonrpc": "2.0", "id": id, "method": "tools/call",
                "params": {"name": name, "arguments": arguments}}),
        };
        send(request);
        let answer = read();
        assert_eq!(answer["id"], id, "{answer}");
        answers.push(answer["result"].clone());
    }
    drop(input);
    server.wait().unwrap();
    answers
}

#[test]
fn tools_edit_in_place_and_paths_stay_inside_the_root() {
    let root = tempfile::tempdir().unwrap();
    let plan = "# Plan\n\n## Phase 1: Setup\n\n- [ ] T001 Create\n- [ ] T002 Lint\n";
    std::fs::write(root.path().join("plan.md"), plan).unwrap();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, plan).unwrap();
    let answers = session(
        root.path(),
        &[
            ("tools/list", Value::Null),
            ("check_tasks", json!({"path": "plan.md", "tasks": ["T002"]})),
            ("read_plan", json!({"path": "../plan.md"})),
            ("read_plan", json!({"path": secret})),
            ("plan_status", json!({"paths": "plan.md"})),
            ("next_task", json!({"path": "plan.md"})),
        ],
    );
    let tools: Vec<&str> = answers[0]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|tool| tool["name"].as_str().unwrap())
        .collect();
    assert_eq!(tools.len(), 12, "{tools:?}");
    assert!(
        answers[0]["tools"]
            .as_array()
            .unwrap()
            .iter()
            .all(|tool| tool["outputSchema"]["type"] == "object")
    );
    assert_eq!(answers[1]["isError"], false, "{}", answers[1]);
    assert_eq!(answers[1]["structuredContent"]["changes"][0]["line"], 6);
    assert_eq!(
        std::fs::read_to_string(root.path().join("plan.md")).unwrap(),
        plan.replace("- [ ] T002", "- [x] T002")
    );
    for (answer, words) in [
        (&answers[2], "outside the root"),
        (&answers[3], "outside the root"),
        (&answers[4], "plan_status: invalid arguments"),
    ] {
        assert_eq!(answer["isError"], true, "{answer}");
        assert!(
            answer["content"][0]["text"]
                .as_str()
                .unwrap()
                .contains(words),
            "{answer}"
        );
    }
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), plan);
    // ... and the server went on serving.
    assert_eq!(answers[5]["structuredContent"]["next"][0]["id"], "T001");
}
