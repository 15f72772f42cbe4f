#!/usr/bin/env bash
# Builds the sample and checks the analyzers end to end: every LQS rule ID declared in DiagnosticIds.cs must be
# reported exactly once, and the build must report no other warning and no error.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ids_file="$here/../../analyzers/Linq.Spark.Analyzers/DiagnosticIds.cs"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

status=0
dotnet build "$here/Linq.Spark.Analyzers.Sample.csproj" --no-incremental -m:1 -nologo -v:q -clp:NoSummary >"$log" 2>&1 || status=$?

# A diagnostic line reads "path(line,col): warning ID: message [project]"; the same one can be logged twice.
diagnostics="$(grep -E ': (warning|error) [A-Z]+[0-9]+' "$log" | sort -u || true)"
failed=0

if [[ $status -ne 0 ]] || grep -qE ': error ' <<<"$diagnostics"; then
    echo "build failed (exit code $status):"
    cat "$log"
    exit 1
fi

for id in $(grep -oE '"LQS[0-9]{3}"' "$ids_file" | tr -d '"' | sort -u); do
    count=$(grep -cE ": warning $id:" <<<"$diagnostics" || true)
    if [[ $count -ne 1 ]]; then
        echo "FAIL: $id reported $count times (expected once)"
        failed=1
    else
        echo "ok:   $id"
    fi
done

others="$(grep -E ': warning ' <<<"$diagnostics" | grep -vE ': warning LQS[0-9]{3}:' || true)"
if [[ -n "$others" ]]; then
    echo "FAIL: other warnings:"
    echo "$others"
    failed=1
fi

if [[ $failed -ne 0 ]]; then
    echo "--- diagnostics ---"
    echo "$diagnostics"
    exit 1
fi

echo "every LQS rule reported exactly once, no other warnings"
