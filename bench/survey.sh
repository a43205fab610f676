#!/usr/bin/env bash
# Times `shepherd survey` and `shepherd lint` on a generated docs repo of 2,000 Markdown files (a
# third runbooks in mixed shapes, the rest other docs) against commonmark-java alone parsing the
# same files, in-process after a warm-up; then each command from the command line, JVM start
# included, as `java -jar` and through `bin/shepherd` (its AppCDS archive made by an untimed first
# run), the median of several runs. Arguments: files, warm-ups, measured runs, command-line runs.
# Usage: bench/survey.sh [2000 5 15 5]
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-2000}
runs=${4:-5}
mvn -B -q -DskipTests test-compile package
repo=$(mktemp -d)
trap 'rm -rf "$repo"' EXIT
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
# Word-split on purpose: several options, none with spaces.
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:-} -cp target/shepherd.jar:target/test-classes dev.shepherd.bench.DocsRepoBenchmark \
  "$files" "${2:-5}" "${3:-15}" "$repo"
rm -f target/shepherd.jsa
bin/shepherd survey --config "$repo/shepherd.yaml" > /dev/null || true
# Seconds one command line takes, JVM start included.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" > "$repo/out" || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
for command in survey lint; do
  for launcher in "java -jar target/shepherd.jar" "bin/shepherd"; do
    times=()
    for ((i = 0; i < runs; i++)); do
      # Word-split on purpose: the launcher is a command and its options, none with spaces.
      # shellcheck disable=SC2086
      times+=("$(seconds $launcher "$command" --config "$repo/shepherd.yaml")")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$((runs / 2 + 1))p")
    printf '  %s %s (JVM start included): median %.2f s of %d (%s), %s\n' "$launcher" \
      "$command" "$median" "$runs" "$(printf '%.2f ' "${times[@]}")" "$(tail -1 "$repo/out")"
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
