"""The schemas are a contract: every document they accept, `plan` renders and reads back.

`hypothesis-jsonschema` (a generator nobody here wrote) generates documents from each
committed schema, plain (`schemas/KIND.schema.json`) and LLM profile
(`schemas/llm/KIND.schema.json`), for all six kinds. Each document must pass Python's
`jsonschema`, render with `plan render` (`plan render --llm` for the profile), and the
rendering must parse back with `plan parse --kind KIND` into JSON that the kind's plain
schema accepts: a rendering read back as another kind (`generic`: the typed reader did not
take it) is refused too. Any refusal fails the run. Each LLM-profile answer also goes
through the Python
`from_llm` of `schemas/README.md`: `plan render` of its result must give the bytes
`plan render --llm` gives.

Lone surrogates (`"\\ud800"`) are left out: they are not text, and `plan` refuses them
(exit 1, naming the position).

Run from anywhere: python3 tests/schema/roundtrip.py [--plan BIN] [--examples N] [KIND...]
"""

import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis_jsonschema import from_schema
from jsonschema import Draft202012Validator

ROOT = pathlib.Path(__file__).resolve().parents[2]
KINDS = ["atomic", "feature", "poc", "stepwise", "scoped", "generic"]


def load(path):
    return json.loads((ROOT / path).read_text(encoding="utf-8"))


def without_surrogates(value):
    """The document with lone surrogates taken out of every string."""
    if isinstance(value, str):
        return "".join(ch for ch in value if not "\ud800" <= ch <= "\udfff")
    if isinstance(value, list):
        return [without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {without_surrogates(key): without_surrogates(item) for key, item in value.items()}
    return value


def readme_from_llm():
    """The `from_llm` function that `schemas/README.md` shows Python users."""
    text = (ROOT / "schemas/README.md").read_text(encoding="utf-8")
    code = next(block for block in re.findall(r"```python\n(.*?)```", text, re.S) if "def from_llm" in block)
    namespace = {}
    exec(code, namespace)
    return namespace["from_llm"]


def generate(schema, count):
    """`count` documents the schema accepts, from a fixed seed."""
    found = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(from_schema(schema))
    def collect(document):
        found.append(without_surrogates(document))

    collect()
    return found


def check(plan, kind, llm, count, directory):
    """The failures among `count` documents of `kind`'s schema (its LLM profile if `llm`)."""
    path = f"schemas/llm/{kind}.schema.json" if llm else f"schemas/{kind}.schema.json"
    schema = load(path)
    accepts = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    plain = Draft202012Validator(
        load(f"schemas/{kind}.schema.json"), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    failures = []
    from_llm = readme_from_llm()
    documents = [doc for doc in generate(schema, count) if accepts.is_valid(doc)]
    for number, document in enumerate(documents):
        source = directory / f"{kind}-{'llm-' if llm else ''}{number}.json"
        source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        command = [plan, "render", str(source)] + (["--llm"] if llm else [])
        rendered = subprocess.run(command, capture_output=True)
        if rendered.returncode != 0:
            failures.append((source, "render", rendered.stderr.decode(errors="replace")))
            continue
        if llm:
            plain_source = source.with_suffix(".plain.json")
            plain_source.write_text(json.dumps(from_llm(document), ensure_ascii=False), encoding="utf-8")
            by_python = subprocess.run([plan, "render", str(plain_source)], capture_output=True)
            if by_python.returncode != 0 or by_python.stderr or by_python.stdout != rendered.stdout:
                message = by_python.stderr.decode(errors="replace") or "renders other bytes"
                failures.append((plain_source, "python from_llm", message))
                continue
        parsed = subprocess.run([plan, "parse", "--kind", kind, "-"], input=rendered.stdout, capture_output=True)
        if parsed.returncode != 0:
            failures.append((source, "parse", parsed.stderr.decode(errors="replace")))
            continue
        reading = json.loads(parsed.stdout)
        if reading.get("kind") != kind:
            failures.append((source, "read back as another kind", f"read back as {reading.get('kind')}"))
            continue
        errors = list(plain.iter_errors(reading))
        if errors:
            failures.append((source, "validate", errors[0].message))
    return len(documents), failures


def main():
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--plan", default=str(ROOT / "target/debug/plan"))
    arguments.add_argument("--examples", type=int, default=100)
    arguments.add_argument("--keep", action="store_true", help="keep the generated documents")
    arguments.add_argument("kinds", nargs="*", default=KINDS)
    options = arguments.parse_args()
    directory = pathlib.Path(tempfile.mkdtemp(prefix="plan-roundtrip-"))
    total_failures = 0
    for kind in options.kinds:
        for llm in (False, True):
            count, failures = check(options.plan, kind, llm, options.examples, directory)
            label = f"{kind}{' (LLM profile)' if llm else ''}"
            by_stage = {}
            for _, stage, _ in failures:
                by_stage[stage] = by_stage.get(stage, 0) + 1
            refused = ", ".join(f"{stage} {n}" for stage, n in sorted(by_stage.items()))
            print(
                f"{label}: {count} documents, {len(failures)} refused" + (f" ({refused})" if refused else ""),
                flush=True,
            )
            shown = {}
            for source, stage, message in failures:
                shown.setdefault(stage, (source, message))
            for stage, (source, message) in sorted(shown.items()):
                first = message.strip().splitlines()[0] if message.strip() else ""
                print(f"  {source.name}: {stage}: {first[:300]}")
            total_failures += len(failures)
    if not options.keep:
        for file in directory.iterdir():
            file.unlink()
        directory.rmdir()
    else:
        print(f"documents kept in {directory}")
    if total_failures:
        print(f"{total_failures} documents refused")
        return 1
    print("0 refusals: every generated document rendered, read back and validated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
