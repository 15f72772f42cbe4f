#!/usr/bin/env bash
# Measures what the Linq.Spark analyzers add to building a file of 1,000 queries.
#
# Builds a throw-away project (outside the repository) holding 1,000 generated queries against the Linq.Spark
# library, several times with the analyzers and several times without, alternating, and prints the
# median wall-clock and CPU time of each and the overhead. The SDK's own analyzers are switched off in both, so the
# baseline is the compiler alone and the overhead is the analyzers' whole cost.
#
# Usage: analyzers/perf/measure-build-cost.sh [runs]   (default 7 runs of each)
set -euo pipefail

runs="${1:-7}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build "$repo/analyzers/Linq.Spark.Analyzers/Linq.Spark.Analyzers.csproj" -c Release -m:1 -v q -nologo >/dev/null
analyzer="$repo/analyzers/Linq.Spark.Analyzers/bin/Release/netstandard2.0/Linq.Spark.Analyzers.dll"

mkdir -p "$work/Bench"
cat > "$work/Bench/Bench.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <EnableNETAnalyzers>false</EnableNETAnalyzers>
    <NoWarn>\$(NoWarn);CS8321</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/src/Linq.Spark/Linq.Spark.csproj" />
  </ItemGroup>
  <ItemGroup Condition="'\$(WithLqs)' == 'true'">
    <Analyzer Include="$analyzer" />
  </ItemGroup>
</Project>
EOF

{
    echo 'using System; using System.Collections.Generic; using System.Linq; using Linq.Spark;'
    echo 'public sealed record Order(int Id, string Customer, decimal Amount, int Qty, bool Paid);'
    echo 'public sealed record Customer(string Name, string Country);'
    echo 'public static class Queries'
    echo '{'
    for ((i = 0; i < 1000; i++)); do
        case $((i % 10)) in
            0) echo "    public static object Q$i(SparkSession s, Order[] d, Customer[] p) => s.Parallelize(d).Where(o => o.Amount > $i).Select(o => new { o.Id, o.Qty }).ToList();" ;;
            1) echo "    public static object Q$i(SparkSession s, Order[] d, Customer[] p) => s.Parallelize(d).GroupBy(o => o.Customer).Select(g => new { g.Key, T = g.Sum(x => x.Amount), N = g.Count() }).ToList();" ;;
            2) echo "    public static object Q$i(SparkSession s, Order[] d, Customer[] p) => s.Parallelize(d).Join(s.Parallelize(p), o => o.Customer, c => c.Name, (o, c) => new { o.Id, c.Country }).Where(x => x.Id > $i).ToList();" ;;
            3) echo "    public static object Q$i(SparkSession s, Order[] d, Customer[] p) => (from o in s.Parallelize(d) where o.Qty > $i && o.Paid select o.Amount * o.Qty).Sum();" ;;
            4) echo "    public static object Q$i(SparkSession s, Order[] d, Customer[] p) => s.Parallelize(d).OrderByDescending(o => o.Amount).ThenBy(o => o.Id).Take($i + 1).ToList();" ;;
            5) echo "    public static object Q$i(SparkSession s, Order[] d, Customer[] p) { var q = s.Parallelize(d).Where(o => o.Paid).Cache(); return q.Count() + q.Max(o => o.Qty); }" ;;
            6) echo "    public static object Q$i(SparkSession s, Order[] d, Customer[] p) => s.Parallelize(d).GroupBy(o => o.Customer).Select(g => new { g.Key, All = g.ToList() }).ToList();" ;;
            7) echo "    public static object Q$i(SparkSession s, Order[] d, Customer[] p) => s.Parallelize(d).Select(o => o.Customer).Distinct().Count();" ;;
            8) echo "    public static object Q$i(SparkSession s, Order[] d, Customer[] p) => s.Parallelize(d).Where(o => Math.Abs(o.Qty - $i) < 10).Select(o => Math.Max(o.Amount, 1m)).ToArray();" ;;
            9) echo "    public static object Q$i(SparkSession s, Order[] d, Customer[] p) => s.Parallelize(d).OrderBy(o => o.Amount).GroupBy(o => o.Qty % 7).Select(g => g.Count()).ToList();" ;;
        esac
    done
    echo '}'
} > "$work/Bench/Queries.cs"

dotnet build "$work/Bench/Bench.csproj" -m:1 -v q -nologo -p:WithLqs=true >/dev/null
diagnostics="$(dotnet build "$work/Bench/Bench.csproj" --no-restore --no-incremental -m:1 -nologo -p:WithLqs=true -v:n 2>&1 | grep -o 'warning LQS[0-9]*' | sort | uniq -c || true)"
echo "LQS diagnostics in the generated file (each is listed twice by the build log; expected 100 each of LQS001, LQS004, LQS005):"
echo "$diagnostics"

# One build of the generated project: prints "wall_ms cpu_ms". The compiler runs as a child process (no shared
# compiler server) so its CPU time is counted; CPU time is much less sensitive than wall time to other work on
# the machine.
time_build() {
    local TIMEFORMAT='%R %U %S' times
    times=$( { time dotnet build "$work/Bench/Bench.csproj" --no-restore --no-dependencies --no-incremental -m:1 \
        -nodeReuse:false -v q -nologo -p:UseSharedCompilation=false -p:WithLqs="$1" >/dev/null; } 2>&1 )
    awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' <<<"$times"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

time_build false >/dev/null
time_build true >/dev/null
wall_without=(); cpu_without=(); wall_with=(); cpu_with=()
for ((r = 0; r < runs; r++)); do
    read -r wall cpu < <(time_build false); wall_without+=("$wall"); cpu_without+=("$cpu")
    read -r wall cpu < <(time_build true); wall_with+=("$wall"); cpu_with+=("$cpu")
done

report() {
    local name="$1"; shift
    local -n a="$1" b="$2"
    local ma mb
    ma=$(printf '%s\n' "${a[@]}" | median)
    mb=$(printf '%s\n' "${b[@]}" | median)
    echo "$name without analyzers (ms): ${a[*]}  median $ma"
    echo "$name with analyzers    (ms): ${b[*]}  median $mb"
    awk -v a="$ma" -v b="$mb" -v n="$name" 'BEGIN { printf "%s overhead: %.1f%%\n", n, (b - a) * 100 / a }'
}
report "wall" wall_without wall_with
report "cpu " cpu_without cpu_with

echo "compiler's own report (ReportAnalyzer), one build with the analyzers:"
dotnet build "$work/Bench/Bench.csproj" --no-restore --no-dependencies --no-incremental -m:1 -nologo -v:d \
    -p:WithLqs=true -p:ReportAnalyzer=true -clp:PerformanceSummary 2>&1 \
    | grep -E 'Total analyzer execution time|Linq.Spark.Analyzers, Version|^ *[0-9]+ ms  Csc ' | head -3 | sed 's/^ *//'
