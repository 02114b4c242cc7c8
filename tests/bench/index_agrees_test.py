#!/usr/bin/env python3
"""The rule index changes which rules run, never what matches.

usage: index_agrees_test.py SYNCRULE SOURCE_DIR

Generates a workload with the project's own generator (bench/workload), runs
`syncrule bench --json` on it with the rule index and with --no-index, and
checks that every rule matched the same number of events both ways, that
rules matched at all, and that the index ran fewer rules per event.
"""
import json
import os
import subprocess
import sys
import tempfile


def bench(syncrule, rules, events, *extra):
    out = subprocess.run([syncrule, "bench", rules, "--events", events, "--json", *extra],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    syncrule, source = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([sys.executable, os.path.join(source, "bench", "workload", "generate.py"),
                        work, "--events", "3000", "--rules", "1000"], check=True,
                       capture_output=True)
        rules = os.path.join(work, "rules_1000.rule")
        events = os.path.join(work, "events.ndjson")
        indexed = bench(syncrule, rules, events)
        every = bench(syncrule, rules, events, "--no-index")
    failures = 0
    for a, b in zip(indexed["rules"], every["rules"]):
        if a["name"] != b["name"] or a["matches"] != b["matches"]:
            print(f"rule {a['name']}: {a['matches']} matches with the index, "
                  f"{b['matches']} without")
            failures += 1
    if len(indexed["rules"]) != 1000 or len(every["rules"]) != 1000:
        print("expected 1000 rules both ways")
        failures += 1
    if indexed["matches"] == 0:
        print("no rule matched: the comparison proves nothing")
        failures += 1
    if not indexed["rules_run_per_event"] < every["rules_run_per_event"]:
        print("the index ran as many rules as running them all")
        failures += 1
    print(f"{indexed['events']} events, {indexed['matches']} matches both ways; rules run per "
          f"event {indexed['rules_run_per_event']:.1f} with the index, "
          f"{every['rules_run_per_event']:.1f} without")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
