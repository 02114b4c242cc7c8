#!/usr/bin/env python3
"""The rule index changes which rules run, never what matches.

usage: index_agrees_test.py SYNCRULE SOURCE_DIR

Generates the project's whole workload with its own generator (bench/workload:
50,000 events; 10, 100, 1,000 and 10,000 rules, the defaults `make bench`
runs), runs `syncrule bench --json` on each rule set with the rule index and
with --no-index, and checks that every rule matched the same number of events
both ways, that rules matched at all, and that the index ran fewer rules per
event. --no-index over 10,000 rules takes the most: about half a minute.
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


def compare(syncrule, rules, events, count):
    """Returns the number of failures for one rule set, printing each."""
    indexed = bench(syncrule, rules, events)
    every = bench(syncrule, rules, events, "--no-index")
    failures = 0
    for a, b in zip(indexed["rules"], every["rules"]):
        if a["name"] != b["name"] or a["matches"] != b["matches"]:
            print(f"rule {a['name']}: {a['matches']} matches with the index, "
                  f"{b['matches']} without")
            failures += 1
    if len(indexed["rules"]) != count or len(every["rules"]) != count:
        print(f"expected {count} rules both ways")
        failures += 1
    if indexed["matches"] == 0:
        print("no rule matched: the comparison proves nothing")
        failures += 1
    if not indexed["rules_run_per_event"] < every["rules_run_per_event"]:
        print("the index ran as many rules as running them all")
        failures += 1
    print(f"{count} rules: {indexed['events']} events, {indexed['matches']} matches "
          f"({'the same' if failures == 0 else 'not the same'} both ways); rules run per event "
          f"{indexed['rules_run_per_event']:.1f} with the index, "
          f"{every['rules_run_per_event']:.1f} without")
    return failures


def main():
    syncrule, source = sys.argv[1], sys.argv[2]
    failures = 0
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([sys.executable, os.path.join(source, "bench", "workload", "generate.py"),
                        work], check=True, capture_output=True)
        events = os.path.join(work, "events.ndjson")
        for count in (10, 100, 1000, 10000):
            failures += compare(syncrule, os.path.join(work, f"rules_{count}.rule"), events, count)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
