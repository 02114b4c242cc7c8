#!/usr/bin/env bash
# The main job on the shipped examples: every query in examples/jql/queries.jql
# evaluated against examples/jql/issues.ndjson with a fixed clock, then the
# validator on a few broken queries to show the diagnostics.
set -euo pipefail
syncrule=${1:-build/bin/syncrule}
root="$(cd "$(dirname "$0")/.." && pwd)"
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
