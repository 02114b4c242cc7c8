#!/usr/bin/env python3
"""Checks bench/peers/translate against the canonical rule semantics.

Usage: translate_test.py SYNCRULE_BINARY SOURCE_DIR

Translates tests/bench/canonical_rules.json (every predicate kind, under
all/any/not, on both shapes), checks the rule file compiles cleanly, runs
`syncrule bench --json` over tests/bench/events.ndjson, and compares the
per-rule match counts with this file's own evaluator of the canonical
semantics (a missing path makes a predicate false; not(x) is !x).
"""
import json
import os
import re
import subprocess
import sys
import tempfile


def get(event, path):
    cur = event
    for key in path.split("."):
        if not isinstance(cur, dict) or key not in cur:
            return None
        cur = cur[key]
    return cur


def holds(node, event):
    if "all" in node:
        return all(holds(c, event) for c in node["all"])
    if "any" in node:
        return any(holds(c, event) for c in node["any"])
    if "not" in node:
        return not holds(node["not"], event)
    v, op = get(event, node["path"]), node["op"]
    if op == "eq":
        return isinstance(v, str) and v == node["value"]
    if op == "in":
        return isinstance(v, str) and v in node["values"]
    if op == "contains":
        return isinstance(v, str) and node["value"] in v
    if op == "regex":
        return isinstance(v, str) and re.search(node["value"], v) is not None
    if op == "has":
        return isinstance(v, list) and node["value"] in v
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        return False
    x = node["value"]
    return {"gt": v > x, "ge": v >= x, "lt": v < x, "le": v <= x}[op]


def main() -> int:
    binary, source = sys.argv[1], sys.argv[2]
    here = os.path.join(source, "tests", "bench")
    rules_path = os.path.join(here, "canonical_rules.json")
    events_path = os.path.join(here, "events.ndjson")
    translated = subprocess.run([sys.executable, os.path.join(source, "bench", "peers", "translate"),
                                 rules_path], capture_output=True, text=True, check=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        rule_file = os.path.join(tmp, "bench.rule")
        with open(rule_file, "w", encoding="utf-8") as f:
            f.write(translated)
        check = subprocess.run([binary, "check", rule_file], capture_output=True, text=True)
        if check.returncode != 0 or "0 error(s), 0 warning(s)" not in check.stdout + check.stderr:
            print("the translation does not check cleanly:\n" + check.stdout + check.stderr)
            return 1
        bench = subprocess.run([binary, "bench", rule_file, "--events", events_path, "--json"],
                               capture_output=True, text=True)
        if bench.returncode != 0:
            print("bench failed: " + bench.stderr)
            return 1
    report = json.loads(bench.stdout)
    with open(rules_path, encoding="utf-8") as f:
        rules = json.load(f)
    with open(events_path, encoding="utf-8") as f:
        events = [json.loads(line) for line in f if line.strip()]
    expected = [sum(holds(r["when"], e) for e in events) for r in rules]
    got = [r["matches"] for r in report["rules"]]
    names = [r["name"] for r in report["rules"]]
    if names != [r["id"] for r in rules]:
        print(f"rule names or order differ: {names}")
        return 1
    if got != expected:
        print(f"per-rule matches differ:\n  expected {expected}\n  got      {got}")
        return 1
    if report["events"] != len(events) or sum(expected) == 0 or 0 not in expected:
        print(f"events {report['events']} of {len(events)}; the sample must match and miss")
        return 1
    print(f"{len(rules)} rules, {len(events)} events: per-rule matches agree {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
