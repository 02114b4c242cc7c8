#!/usr/bin/env python3
"""Validates `syncrule lint --format sarif` output against SARIF 2.1.0.

Usage: sarif_schema_test.py SYNCRULE_BINARY SOURCE_DIR

Runs the linter on each file of tests/lang/lint (together they have
findings of every lint check, fixes included) and validates the SARIF it
prints against
tests/fixtures/sarif/sarif-2.1.0-subset.schema.json (the objects syncrule
writes, transcribed from the specification) and, when the environment
variable SARIF_OFFICIAL_SCHEMA names a copy of OASIS's
sarif-schema-2.1.0.json, against that too. Exits non-zero on any error.
"""

import json
import os
import subprocess
import sys

import jsonschema


def main() -> int:
    binary, source_dir = sys.argv[1], sys.argv[2]
    lint_dir = os.path.join(source_dir, "tests", "lang", "lint")
    schemas = [os.path.join(source_dir, "tests", "fixtures", "sarif",
                            "sarif-2.1.0-subset.schema.json")]
    if os.environ.get("SARIF_OFFICIAL_SCHEMA"):
        schemas.append(os.environ["SARIF_OFFICIAL_SCHEMA"])
    total, with_fixes = 0, 0
    for name in sorted(os.listdir(lint_dir)):
        sarif = lint_sarif(binary, os.path.join(lint_dir, name))
        if sarif is None:
            return 1
        results = sarif["runs"][0]["results"]
        total += len(results)
        with_fixes += sum(1 for r in results if "fixes" in r)
        for path in schemas:
            if not valid(sarif, path, name):
                return 1
        if not rules_agree(sarif):
            return 1
    # The validator itself must reject a broken log.
    broken = json.loads(json.dumps(sarif))
    broken["runs"][0]["results"].append({"level": "fatal", "message": {"text": "x"}})
    if valid(broken, schemas[0], "a deliberately broken log (expected to be reported)"):
        print("the schema accepted a result with level 'fatal'")
        return 1
    if total < 15 or with_fixes == 0:
        print(f"expected findings with fixes, got {total} results, {with_fixes} with fixes")
        return 1
    print(f"{total} results ({with_fixes} with fixes) valid against {len(schemas)} schema(s)")
    return 0


def lint_sarif(binary: str, path: str):
    run = subprocess.run([binary, "lint", "--format", "sarif", "--fail-on", "never", path],
                         capture_output=True, text=True, check=False)
    if run.returncode != 0:
        print(f"{path}: exit {run.returncode}: {run.stderr}")
        return None
    return json.loads(run.stdout)


def valid(sarif, schema_path: str, name: str) -> bool:
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.path))
    for error in errors:
        print(f"{name}: {schema_path}: {'/'.join(map(str, error.path))}: {error.message}")
    return not errors


def rules_agree(sarif) -> bool:
    """The rules table and the results agree."""
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    for result in sarif["runs"][0]["results"]:
        if rules[result["ruleIndex"]]["id"] != result["ruleId"]:
            print(f"ruleIndex {result['ruleIndex']} does not name {result['ruleId']}")
            return False
    return True


if __name__ == "__main__":
    sys.exit(main())
