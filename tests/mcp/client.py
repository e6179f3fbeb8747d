"""Drives `plan mcp` with the official Python MCP SDK (`mcp`), a client nobody here wrote.

- the server lists exactly the twelve tools, each with an input and an output schema;
- every tool is called on copies of the templates (and of corpus plans, when
  ../shared/corpus is there); each structured result validates against the tool's output
  schema (Python's `jsonschema`) and equals what the CLI's `--json` gives for the same file;
- `check_tasks` changes exactly the lines of the boxes it names, and the file equals the
  CLI's result for the same edit;
- 8 clients at once, each through its own server process, check different tasks of one
  plan, 10 times over: no edit is lost;
- hostile input (`..`, an absolute path, a link out of the root, a 50 MB file, bytes that
  are not UTF-8, invalid arguments, an unknown tool) is a tool error, and the server goes
  on serving.

Run from anywhere: python3 tests/mcp/client.py [--plan BIN]
"""

import argparse
import asyncio
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

from jsonschema import Draft202012Validator
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

ROOT = pathlib.Path(__file__).resolve().parents[2]
KINDS = ["atomic", "feature", "poc", "stepwise", "scoped"]
TOOLS = {
    "list_plans", "read_plan", "plan_status", "next_task", "check_tasks", "uncheck_tasks",
    "set_status", "add_task", "lint_plan", "validate_plan", "plan_schema", "new_plan",
}
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


def cli(plan, root, *args, stream="stdout"):
    """The CLI's standard output (or error) for `args`, run in `root`."""
    done = subprocess.run([plan, *args], cwd=root, capture_output=True, text=True)
    return getattr(done, stream)


def cli_json(plan, root, *args):
    return json.loads(cli(plan, root, *args))


def session(plan, root):
    return stdio_client(StdioServerParameters(command=plan, args=["mcp", "--root", str(root)]))


async def call(client, name, arguments):
    return await client.call_tool(name, arguments)


async def conformance(plan, root, files):
    async with session(plan, root) as (read, write):
        async with ClientSession(read, write) as client:
            await client.initialize()
            tools = {tool.name: tool for tool in (await client.list_tools()).tools}
            check(set(tools) == TOOLS, f"the tools are {sorted(tools)}")
            validators = {}
            for name, tool in tools.items():
                check(tool.input_schema.get("type") == "object", f"{name}: an input schema")
                check(tool.output_schema is not None, f"{name}: an output schema")
                Draft202012Validator.check_schema(tool.output_schema)
                validators[name] = Draft202012Validator(tool.output_schema)

            async def structured(name, arguments):
                result = await call(client, name, arguments)
                check(not result.is_error, f"{name} {arguments}: {result.content}")
                content = result.structured_content
                errors = [error.message for error in validators[name].iter_errors(content)]
                check(not errors, f"{name} {arguments}: output schema: {errors[:3]}")
                return content

            listed = await structured("list_plans", {})
            check(
                sorted(entry["path"] for entry in listed["plans"]) == sorted(files),
                "list_plans lists every plan",
            )
            for file in files:
                status = await structured("plan_status", {"path": file})
                check(status == cli_json(plan, root, "status", "--json", file), f"{file}: plan_status")
                next_units = await structured("next_task", {"path": file})
                expected = cli_json(plan, root, "next", "--json", file)
                check(next_units["next"][:1] == ([expected] if expected else []), f"{file}: next_task")
                every = await structured("next_task", {"path": file, "all": True, "optional": True})
                check(
                    every["next"] == cli_json(plan, root, "next", "--json", "--all", "--optional", file),
                    f"{file}: next_task all",
                )
                read_plan = await structured("read_plan", {"path": file})
                check(read_plan["plan"] == cli_json(plan, root, "parse", file), f"{file}: read_plan")
                lint = await structured("lint_plan", {"path": file})
                lines = cli(plan, root, "--diagnostics", "json", "lint", file, stream="stderr").splitlines()
                check(lint["diagnostics"] == [json.loads(line) for line in lines], f"{file}: lint_plan")
                validate = await structured("validate_plan", {"path": file})
                lines = cli(plan, root, "-v", "--diagnostics", "json", "validate", file).splitlines()
                check(validate["diagnostics"] == [json.loads(line) for line in lines], f"{file}: validate_plan")
                check(validate["valid"] == all(d["severity"] != "error" for d in validate["diagnostics"]),
                      f"{file}: validate_plan says valid")
                resource = await client.read_resource(f"plan://{file}")
                check(
                    json.loads(resource.contents[0].text) == cli_json(plan, root, "parse", file),
                    f"{file}: the plan:// resource",
                )
            for kind in KINDS:
                schema = await structured("plan_schema", {"kind": kind})
                check(schema["schema"] == cli_json(plan, root, "schema", kind), f"plan_schema {kind}")
            invalid = await structured("validate_plan", {"json": {"kind": "poc"}})
            check(not invalid["valid"] and invalid["diagnostics"][0]["pointer"] is not None,
                  "validate_plan reports a JSON plan's errors with pointers")
            resources = {resource.uri for resource in (await client.list_resources()).resources}
            check({f"plan://{file}" for file in files} <= {str(uri) for uri in resources},
                  "every plan is a resource")

            # Edits: the same edit through the server and through the CLI gives the same file.
            for kind in KINDS:
                mine, theirs = f"edit-{kind}-mcp.md", f"edit-{kind}-cli.md"
                for name in (mine, theirs):
                    shutil.copy(ROOT / "fixtures/templates" / f"{kind}.md", root / name)
                status = cli_json(plan, root, "status", "--json", mine)
                ids = [task["id"] for task in status["tasks"]][:3]
                if not ids:
                    continue
                before = (root / mine).read_text(encoding="utf-8")
                await structured("check_tasks", {"path": mine, "tasks": ids})
                subprocess.run([plan, "check", theirs, *ids], cwd=root, check=True, capture_output=True)
                after = (root / mine).read_text(encoding="utf-8")
                check(after == (root / theirs).read_text(encoding="utf-8"), f"{kind}: check_tasks as the CLI")
                changed = [
                    number
                    for number, (old, new) in enumerate(zip(before.splitlines(), after.splitlines()), 1)
                    if old != new
                ]
                undone = await structured("uncheck_tasks", {"path": mine, "tasks": ids})
                lines = sorted(change["line"] for change in undone["changes"])
                check(changed == lines, f"{kind}: check_tasks changed exactly its boxes' lines: {changed} {lines}")
                check((root / mine).read_text(encoding="utf-8") == before, f"{kind}: uncheck_tasks undoes it")
                (root / theirs).write_text(before, encoding="utf-8")
            mine, theirs = "edit-feature-mcp.md", "edit-feature-cli.md"
            await structured("set_status", {"path": mine, "section": "phase-1", "status": "in progress"})
            subprocess.run([plan, "set-status", theirs, "phase-1", "in progress"], cwd=root, check=True, capture_output=True)
            check(
                (root / mine).read_text(encoding="utf-8") == (root / theirs).read_text(encoding="utf-8"),
                "set_status as the CLI",
            )
            added = await structured("add_task", {"path": mine, "section": "phase-1/tasks", "text": "Write the loader"})
            check(added["changes"][0]["title"] == "Write the loader", "add_task")
            check("- [ ] Write the loader\n" in (root / mine).read_text(encoding="utf-8"), "add_task writes the box")
            (root / "new").mkdir()
            created = await structured("new_plan", {"kind": "stepwise", "title": "Search index", "path": "new/search.md"})
            check(created["kind"] == "stepwise", "new_plan says the kind")
            check(
                (root / "new/search.md").read_text(encoding="utf-8") == cli(plan, root, "new", "stepwise", "--title", "Search index"),
                "new_plan writes what plan new writes",
            )
            again = await call(client, "new_plan", {"kind": "stepwise", "title": "X", "path": "new/search.md"})
            check(again.is_error, "new_plan refuses to overwrite")


async def hostile(plan, root):
    outside = pathlib.Path(tempfile.mkdtemp())
    (outside / "secret.md").write_text("# Secret\n\n- [ ] hidden\n", encoding="utf-8")
    os.symlink(outside / "secret.md", root / "link.md")
    with open(root / "big.md", "wb") as big:
        big.write(b"# Big\n\n" + b"- [ ] task\n" * (50 * 1024 * 1024 // 11))
    (root / "latin.md").write_bytes("# Caf\u00e9 plan\n\n- [ ] t\u00e2che\n".encode("latin-1"))
    cases = [
        ("read_plan", {"path": "../secret.md"}, "outside the root"),
        ("read_plan", {"path": str(outside / "secret.md")}, "outside the root"),
        ("plan_status", {"path": "link.md"}, "outside the root"),
        ("check_tasks", {"path": "link.md", "tasks": ["hidden"]}, "outside the root"),
        ("read_plan", {"path": "big.md"}, "bytes"),
        ("read_plan", {"path": "latin.md"}, "UTF-8"),
        ("read_plan", {"path": "missing.md"}, "no such file"),
        ("read_plan", {}, "read_plan: invalid arguments: missing field `path`"),
        ("check_tasks", {"path": "feature.md", "tasks": "Task 1.1"}, "check_tasks: invalid arguments"),
        ("check_tasks", {"path": "feature.md", "tasks": ["T999"]}, "nothing matches `T999`"),
        ("set_status", {"path": "feature.md", "section": "phase-1", "status": "finished-ish"}, "is not a status"),
        ("new_plan", {"kind": "poc", "title": "X", "path": "../escape.md"}, "outside the root"),
        ("no_such_tool", {}, "no tool named"),
    ]
    async with session(plan, root) as (read, write):
        async with ClientSession(read, write) as client:
            await client.initialize()
            for name, arguments, words in cases:
                result = await call(client, name, arguments)
                text = " ".join(getattr(block, "text", "") for block in result.content)
                check(result.is_error, f"{name} {arguments}: an error")
                check(words in text, f"{name} {arguments}: says `{words}`: {text}")
                # ... and the server goes on serving.
                still = await call(client, "plan_status", {"path": "feature.md"})
                check(not still.is_error, f"after {name}: the server serves")
    check(not (outside / "escape.md").exists(), "nothing was written outside the root")
    check((outside / "secret.md").read_text(encoding="utf-8").count("[ ]") == 1, "the file outside is untouched")
    for name in ("link.md", "big.md", "latin.md"):
        (root / name).unlink()
    shutil.rmtree(outside)


async def concurrent(plan, root, clients=8, rounds=10):
    """`clients` servers at once tick disjoint tasks of one plan: the file ends exactly as
    expected every round."""
    per = 5
    tasks = [f"T{number:03}" for number in range(1, clients * per + 1)]
    source = "# Plan\n\n## Phase 1: Work\n\n" + "".join(f"- [ ] {task} Do {task}\n" for task in tasks)
    expected = source.replace("- [ ] ", "- [x] ")
    path = root / "shared.md"

    async def one(index):
        async with session(plan, root) as (read, write):
            async with ClientSession(read, write) as client:
                await client.initialize()
                for task in tasks[index * per:(index + 1) * per]:
                    result = await call(client, "check_tasks", {"path": "shared.md", "tasks": [task]})
                    check(not result.is_error, f"client {index} {task}: {result.content}")

    for round_number in range(rounds):
        path.write_text(source, encoding="utf-8")
        await asyncio.gather(*(one(index) for index in range(clients)))
        check(path.read_text(encoding="utf-8") == expected, f"round {round_number}: an edit was lost")
    path.unlink()
    print(f"concurrent: {clients} clients x {per} tasks, {rounds} rounds")


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--plan", default=str(ROOT / "target/debug/plan"))
    plan = os.path.abspath(arguments.parse_args().plan)
    root = pathlib.Path(tempfile.mkdtemp()).resolve()
    files = []
    for kind in KINDS:
        shutil.copy(ROOT / "fixtures/templates" / f"{kind}.md", root / f"{kind}.md")
        files.append(f"{kind}.md")
    corpus = ROOT.parent / "shared/corpus"
    if corpus.is_dir():
        (root / "corpus").mkdir()
        for source in sorted(corpus.glob("*/*.md")):
            try:
                source.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            name = f"corpus/{source.parent.name}-{source.name}"
            shutil.copy(source, root / name)
            files.append(name)
    else:
        print(f"{corpus} not found: the corpus plans are not served")
    asyncio.run(conformance(plan, root, files))
    asyncio.run(hostile(plan, root))
    asyncio.run(concurrent(plan, root))
    shutil.rmtree(root)
    if failures:
        print(f"{len(failures)} failures", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {len(files)} plans served, every tool called, hostile input refused")


if __name__ == "__main__":
    main()
