#!/usr/bin/env bash
# `make bench`, after the micro-benchmarks: the whole-program benchmark on
# the project's own workload (bench/workload/generate.py, written once into
# BUILD_DIR/workload). Runs `syncrule bench` at 10, 100, 1,000 and 10,000
# rules, ROUNDS times interleaved, and prints the medians: events/s of the
# matching loop, events/s of the whole process (obtaining the program
# included, as peers are timed), rules run per event, the time to compile
# the rules (round 1, which starts from an empty module cache) and to load
# them from the cache (later rounds; docs/bench.md), and how throughput
# keeps up as rules grow.
set -euo pipefail
syncrule=${1:?usage: tools/bench.sh SYNCRULE BUILD_DIR}
build=${2:?usage: tools/bench.sh SYNCRULE BUILD_DIR}
rounds=${ROUNDS:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
work="$build/workload"
if [ ! -f "$work/events.ndjson" ] || [ ! -f "$work/rules_10000.rule" ]; then
  echo "bench: generating the workload into $work"
  python3 "$here/bench/workload/generate.py" "$work"
fi
results="$work/results.tsv"
: > "$results"
export SYNCRULE_CACHE_DIR="$work/module-cache"
rm -rf "$SYNCRULE_CACHE_DIR"
for round in $(seq "$rounds"); do
  for n in 10 100 1000 10000; do
    start=$(date +%s%N)
    "$syncrule" bench "$work/rules_$n.rule" --events "$work/events.ndjson" --json > "$work/last.json"
    end=$(date +%s%N)
    python3 - "$n" "$start" "$end" "$work/last.json" >> "$results" <<'PY'
import json, sys
n, start, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
doc = json.load(open(sys.argv[4]))
wall = (end - start) / 1e9
print(f"{n}\t{doc['events_per_s']:.0f}\t{doc['events'] / wall:.0f}\t{doc['rules_run_per_event']:.1f}"
      f"\t{doc['matches']}\t{doc['compile_seconds']:.3f}\t{doc['program']}")
PY
  done
done
python3 - "$results" "$rounds" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
by_n, compiled, cached = {}, {}, {}
for n, loop, whole, run, matches, seconds, program in rows:
    by_n.setdefault(int(n), []).append((float(loop), float(whole), float(run), int(matches)))
    (cached if program == "cache" else compiled).setdefault(int(n), []).append(float(seconds))
print(f"\nsyncrule bench on bench/workload, median of {sys.argv[2]} interleaved rounds")
print(f"{'rules':>6} {'events/s (loop)':>16} {'events/s (process)':>19} {'rules run/event':>16} "
      f"{'matches':>9} {'compile s':>10} {'cached s':>9}")
med = {}
for n in sorted(by_n):
    runs = by_n[n]
    med[n] = [statistics.median(r[k] for r in runs) for k in range(4)]
    loop, whole, run, matches = med[n]
    first = f"{statistics.median(compiled[n]):.3f}" if n in compiled else "-"
    later = f"{statistics.median(cached[n]):.3f}" if n in cached else "-"
    print(f"{n:>6} {loop:>16,.0f} {whole:>19,.0f} {run:>16.1f} {matches:>9,.0f} {first:>10} {later:>9}")
if 10 in med and 10000 in med:
    print(f"\n10,000 rules keep {100 * med[10000][1] / med[10][1]:.1f}% of the events/s of 10 rules "
          f"(whole process; {100 * med[10000][0] / med[10][0]:.1f}% in the matching loop)")
PY
