"""Checks plankit's committed JSON Schemas with Python's `jsonschema` (draft 2020-12).

- every schema file is a valid draft 2020-12 schema;
- each template's fixture JSON validates against its kind's schema and plan.schema.json,
  and its LLM-profile form against the kind's LLM profile;
- every broken plan in broken.json is rejected by its kind's schema and plan.schema.json.

Run from anywhere: python3 tests/schema/validate.py
"""

import json
import pathlib
import sys

from jsonschema import Draft202012Validator

ROOT = pathlib.Path(__file__).resolve().parents[2]
KINDS = ["atomic", "feature", "poc", "stepwise", "scoped"]


def load(path):
    return json.loads((ROOT / path).read_text(encoding="utf-8"))


def validator(path):
    schema = load(path)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def main():
    failures = []
    schemas = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "schemas").rglob("*.schema.json"))
    validators = {path: validator(path) for path in schemas}
    print(f"{len(validators)} schema files are valid draft 2020-12 schemas")

    for kind in KINDS:
        plan = load(f"fixtures/templates/{kind}.json")
        llm = load(f"fixtures/llm/{kind}.json")
        for path, instance in [
            (f"schemas/{kind}.schema.json", plan),
            ("schemas/plan.schema.json", plan),
            (f"schemas/llm/{kind}.schema.json", llm),
        ]:
            errors = list(validators[path].iter_errors(instance))
            if errors:
                failures.append(f"{kind} fixture against {path}: {errors[0].message}")
    print(f"{len(KINDS)} fixtures validated (kind, any-plan and LLM-profile schemas)")

    cases = load("tests/schema/broken.json")
    for case in cases:
        for path in [f"schemas/{case['schema']}.schema.json", "schemas/plan.schema.json"]:
            errors = list(validators[path].iter_errors(case["plan"]))
            if not errors:
                failures.append(f"{case['name']}: accepted by {path}")
            elif path != "schemas/plan.schema.json":
                pointers = {"/" + "/".join(str(p) for p in e.absolute_path) if e.absolute_path else "" for e in errors}
                if case["pointer"] not in pointers:
                    failures.append(f"{case['name']}: {path} points at {sorted(pointers)}, not {case['pointer']!r}")
                print(f"  rejected {case['name']!r} at {sorted(pointers)}")
    print(f"{len(cases)} broken plans checked")

    if failures:
        print("FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print("python jsonschema: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
