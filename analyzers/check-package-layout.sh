#!/usr/bin/env bash
# Packs the Linq.Spark library and checks that the analyzers ship inside it: both analyzer assemblies under
# analyzers/dotnet/cs, neither under lib/, no package dependency on the analyzer projects, every rule's page under
# docs/rules (one per ID in DiagnosticIds.cs), and buildTransitive/Linq.Spark.props, which tells the analyzers where
# those pages are so the help links open them.
#
# Usage: analyzers/check-package-layout.sh [path/to/Linq.Spark.nupkg]   (packs src/Linq.Spark when no path is given)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

if [[ $# -ge 1 ]]; then
    nupkg="$1"
else
    dotnet pack "$repo/src/Linq.Spark/Linq.Spark.csproj" -c Release -o "$out" -m:1 -nologo -v q
    nupkg="$(find "$out" -maxdepth 1 -name 'Linq.Spark.*.nupkg' ! -name '*.symbols.nupkg' | head -n 1)"
fi

if [[ -z "$nupkg" || ! -f "$nupkg" ]]; then
    echo "FAIL: no Linq.Spark .nupkg found"
    exit 1
fi

list_entries() {
    if command -v unzip >/dev/null; then
        unzip -Z1 "$1"
    else
        python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"
    fi
}

read_entry() {
    if command -v unzip >/dev/null; then
        unzip -p "$1" "$2"
    else
        python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$1" "$2"
    fi
}

entries="$(list_entries "$nupkg")"
failed=0
expect() {
    if grep -qxF "$1" <<<"$entries"; then
        echo "ok:   $1"
    else
        echo "FAIL: $1 is missing"
        failed=1
    fi
}

expect "analyzers/dotnet/cs/Linq.Spark.Analyzers.dll"
expect "analyzers/dotnet/cs/Linq.Spark.Analyzers.CodeFixes.dll"
expect "buildTransitive/Linq.Spark.props"
for id in $(grep -oE '"LQS[0-9]{3}"' "$repo/analyzers/Linq.Spark.Analyzers/DiagnosticIds.cs" | tr -d '"' | sort -u); do
    expect "docs/rules/$id.md"
done
if ! grep -qE '^lib/[^/]+/Linq\.Spark\.dll$' <<<"$entries"; then
    echo "FAIL: lib/<tfm>/Linq.Spark.dll is missing"
    failed=1
fi

if grep -qE '^lib/.*Linq\.Spark\.Analyzers' <<<"$entries"; then
    echo "FAIL: an analyzer assembly is under lib/, so it would be referenced by consumers:"
    grep -E '^lib/.*Linq\.Spark\.Analyzers' <<<"$entries"
    failed=1
fi

unexpected="$(grep -E '^analyzers/' <<<"$entries" | grep -vE '^analyzers/dotnet/cs/Linq\.Spark\.Analyzers(\.CodeFixes)?\.dll$' || true)"
if [[ -n "$unexpected" ]]; then
    echo "FAIL: unexpected files under analyzers/:"
    echo "$unexpected"
    failed=1
fi

nuspec="$(grep -E '^[^/]+\.nuspec$' <<<"$entries" | head -n 1)"
if read_entry "$nupkg" "$nuspec" | grep -q 'id="Linq.Spark.Analyzers'; then
    echo "FAIL: the package depends on an analyzer project (its ProjectReference needs PrivateAssets=\"all\")"
    failed=1
fi

if [[ $failed -ne 0 ]]; then
    echo "--- $(basename "$nupkg") ---"
    echo "$entries"
    exit 1
fi

echo "package layout ok: $(basename "$nupkg")"
