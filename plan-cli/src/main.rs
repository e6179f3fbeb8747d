//! The `plan` binary: see the `plan_cli` library for what it does.

use std::process::ExitCode;

fn main() -> ExitCode {
    plan_cli::run(std::env::args_os())
}
