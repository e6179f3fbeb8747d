//! Times the stages of parsing over a directory tree (`breakdown DIR [ROUNDS]`), in units
//! of one pulldown-cmark pass over the same text: a quick look before `cargo bench`.
#![allow(missing_docs, clippy::print_stdout, reason = "a profiling aid")]
use std::time::Instant;

fn main() {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus".to_owned());
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(20);
    let mut files = Vec::new();
    for folder in std::fs::read_dir(&root).unwrap().flatten() {
        for entry in std::fs::read_dir(folder.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                files.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    let options = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_TASKLISTS
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_FOOTNOTES;
    let once = |f: &dyn Fn(&str) -> usize| {
        let start = Instant::now();
        let mut sink = 0;
        for file in &files {
            sink += f(file);
        }
        std::hint::black_box(sink);
        start.elapsed().as_secs_f64()
    };
    // `breakdown DIR ROUNDS STAGE` runs one stage only, for `perf stat`.
    if let Some(stage) = std::env::args().nth(3) {
        let run: &dyn Fn(&str) -> usize = match stage.as_str() {
            "pulldown" => &|src| {
                pulldown_cmark::Parser::new_ext(src, options)
                    .into_offset_iter()
                    .count()
            },
            "detect" => &|src| plan_parse::detect(src).evidence.len(),
            "generic" => &|src| plan_parse::parse_generic(src).sections.len(),
            _ => &|src| plan_parse::parse(src).diagnostics.len(),
        };
        for _ in 0..rounds {
            once(run);
        }
        return;
    }
    // Rounds interleave the stages, so that a slower moment of the machine slows all of
    // them; each ratio is the median over the rounds.
    let mut ratios = [const { Vec::new() }; 3];
    let mut pulldown = 0.0;
    for _ in 0..rounds {
        let reference = once(&|src| {
            pulldown_cmark::Parser::new_ext(src, options)
                .into_offset_iter()
                .count()
        });
        pulldown += reference;
        ratios[0].push(once(&|src| plan_parse::detect(src).evidence.len()) / reference);
        ratios[1].push(once(&|src| plan_parse::parse_generic(src).sections.len()) / reference);
        ratios[2].push(once(&|src| plan_parse::parse(src).diagnostics.len()) / reference);
    }
    let [detect, generic, parse] = ratios.map(|mut values| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    });
    let plans: Vec<_> = files
        .iter()
        .map(|src| plan_parse::parse(src).plan)
        .collect();
    let start = Instant::now();
    for _ in 0..rounds {
        for plan in &plans {
            std::hint::black_box(plan_render::render(plan));
        }
    }
    let render = start.elapsed().as_secs_f64();
    let checked: Vec<_> = files
        .iter()
        .zip(&plans)
        .filter(|(src, plan)| {
            let detection = plan_parse::detect(src);
            let below = match detection.kind {
                plan_model::Kind::Poc => 0.8,
                plan_model::Kind::Stepwise => 0.6,
                _ => 0.65,
            };
            detection.kind != plan_model::Kind::Generic
                && detection.kind == plan.kind()
                && (detection.confidence < below || detection.mixed_with.is_some())
        })
        .collect();
    let start = Instant::now();
    for _ in 0..rounds {
        for (_, plan) in &checked {
            std::hint::black_box(plan_parse::detect(&plan_render::render(plan)));
        }
    }
    let check = start.elapsed().as_secs_f64();
    let bytes: usize = checked.iter().map(|(src, _)| src.len()).sum();
    let all: usize = files.iter().map(String::len).sum();
    println!(
        "stability check: {} files, {bytes} of {all} bytes, {:.2} pulldown passes",
        checked.len(),
        check / pulldown
    );
    println!(
        "pulldown {pulldown:.3}s; in pulldown passes: detect {:.2}, generic {:.2}, parse {:.2}, render {:.2}",
        detect,
        generic,
        parse,
        render / pulldown
    );
}
