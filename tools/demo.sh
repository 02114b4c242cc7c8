#!/usr/bin/env bash
# The main job on the shipped examples: each vendor-integration example's
# rules run by `syncrule run` over its own stream of real-shaped webhooks,
# printing the effects and a one-line summary per example; then the JQL
# engine over examples/jql and the diagnostics on a few broken queries.
set -euo pipefail
syncrule=${1:-build/bin/syncrule}
root="$(cd "$(dirname "$0")/.." && pwd)"

for example in pagerduty-jira-cloud pagerduty-jira-server flashduty-jira-sync gitlab-jira alertmanager-jira features; do
  dir="$root/examples/$example"
  echo "== $example: syncrule run examples/$example --events examples/$example/events.ndjson"
  "$syncrule" run "$dir" --events "$dir/events.ndjson" --now 2026-01-31T12:00:00Z 2>"$dir/.demo.log" | tee "$dir/.demo.out"
  summary=$(tail -n 1 "$dir/.demo.log")
  if cmp -s "$dir/.demo.out" "$dir/expected.ndjson"; then verdict="matches expected.ndjson"; else verdict="DIFFERS from expected.ndjson"; fi
  echo "-- $example: ${summary#syncrule run: } ($verdict)"
  rm -f "$dir/.demo.out" "$dir/.demo.log"
  echo
done
ex="$root/examples/jql"
now="2026-01-31T12:00:00Z"

echo "== syncrule jql eval: $(wc -l < "$ex/queries.jql") queries over $(wc -l < "$ex/issues.ndjson") issues (now = $now, tz = Europe/Berlin)"
while IFS= read -r query; do
  [ -z "$query" ] && continue
  keys=$("$syncrule" jql eval "$query" --issues "$ex/issues.ndjson" --now "$now" \
           --tz Europe/Berlin --user jsmith --groups "$ex/groups.json" | tr '\n' ' ')
  printf '%-90s -> %s\n' "$query" "${keys:-(no match)}"
done < "$ex/queries.jql"

echo
echo "== syncrule jql fmt"
"$syncrule" jql fmt 'project=sre and (priority="High" or priority = highest) order by created desc'

echo
echo "== syncrule jql validate --format text (broken queries, exit code 1 expected)"
set +e
printf '%s\n' '"project = select AND status = Open"' '"status = \"In Progress\" AND assignee = "' \
  '"priorty = High"' '"status ~ Open"' | "$syncrule" jql validate --format text
echo "exit code: $?"
