//! Prints a template, rendered from its typed model, as markdown or as `Plan` JSON.
//!
//! ```text
//! cargo run -p plan-render --example render_template -- feature
//! cargo run -p plan-render --example render_template -- scoped --json
//! ```

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

use plan_model::{Kind, template};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(kind) = args.next() else {
        eprintln!("usage: render_template <atomic|feature|poc|stepwise|scoped> [--json]");
        return ExitCode::from(2);
    };
    let kind: Kind = match kind.parse() {
        Ok(kind) => kind,
        Err(error) => {
            eprintln!("render_template: {error}");
            return ExitCode::from(2);
        }
    };
    let plan = template::plan(kind);
    if args.next().as_deref() == Some("--json") {
        match serde_json::to_string_pretty(&plan) {
            Ok(json) => println!("{json}"),
            Err(error) => {
                eprintln!("render_template: {error}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", plan_render::render(&plan));
    }
    ExitCode::SUCCESS
}
