#!/usr/bin/env bash
# Times protogate against the pinned buf on the same tree and prints a markdown table of ratios.
#
#   bench/run.sh [--smoke] [CORPUS_DIR]
#
# CORPUS_DIR is a module root with a buf.yaml and a git history (the synthetic corpus, or a
# googleapis checkout with a v2 buf.yaml beside it). Without it, bench/gen-corpus writes the
# synthetic corpus into target/bench-corpus (tiny with --smoke).
#
# Environment:
#   PROTOGATE_BIN    protogate binary to time (default: cargo build --release)
#   BENCH_RUNS       timed runs per command (default 3; 1 with --smoke)
#   BENCH_AGAINST    git ref for `breaking` (default: the corpus's first commit if it has at most
#                    50, else `git rev-list -1 --before=<HEAD date minus 1 year> HEAD`)
#   BENCH_LINT_PATH  file for the `lint --path` row (default: google/pubsub/v1/pubsub.proto if
#                    present, else the middle file of `git ls-files '*.proto'`)
#   BENCH_OUT        where to save the markdown too (default target/bench-results/<corpus>.md)
#
# stdout is the markdown block for docs/benchmarks.md; progress goes to stderr. Exit status 1 if
# the findings of the two tools differ (the targets being missed does not fail the script).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
smoke=0
corpus=""
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=1 ;;
    -h | --help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option $arg" >&2; exit 2 ;;
    *) corpus="$arg" ;;
  esac
done
runs="${BENCH_RUNS:-$([ "$smoke" = 1 ] && echo 1 || echo 3)}"
log() { echo "run.sh: $*" >&2; }
[ -x /usr/bin/time ] || { log "needs GNU time at /usr/bin/time (apt-get install time)"; exit 1; }

if [ -n "${PROTOGATE_BIN:-}" ]; then
  protogate="$PROTOGATE_BIN"
else
  log "building release protogate"
  (cd "$root" && cargo build --release --locked --quiet --bin protogate >&2)
  protogate="$root/target/release/protogate"
fi
buf="$("$root/scripts/install-buf.sh")"

if [ -z "$corpus" ]; then
  corpus="$root/target/bench-corpus"
  gen_args=$([ "$smoke" = 1 ] && echo "--files 40" || echo "--files 7000")
  stamp="$corpus.args"
  if [ ! -d "$corpus/.git" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$gen_args" ]; then
    log "generating the synthetic corpus ($gen_args) into $corpus"
    # shellcheck disable=SC2086 # gen_args is a list of words
    (cd "$root" && cargo run --release --locked --quiet -p protogate-gen-corpus -- "$corpus" --force $gen_args >&2)
    echo "$gen_args" >"$stamp"
  fi
fi
corpus="$(cd "$corpus" && pwd)"
[ -f "$corpus/buf.yaml" ] || { echo "run.sh: $corpus has no buf.yaml" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

timer="single run"
if [ "$runs" -gt 1 ]; then
  if ! command -v hyperfine >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing hyperfine"
    apt-get install -y -qq hyperfine >/dev/null 2>&1 || true
  fi
  if command -v hyperfine >/dev/null; then timer="hyperfine, median of $runs"; else timer="median of $runs runs"; fi
fi

# measure NAME DIR CMD...: one run under /usr/bin/time -v (peak RSS, stdout, exit code), then the
# timed runs. Leaves $work/NAME.{out,err,rc} and prints "seconds rss_kb".
measure() {
  local name="$1" dir="$2"
  shift 2
  log "$name: $*"
  set +e
  (cd "$dir" && /usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err")
  echo $? >"$work/$name.rc"
  set -e
  local rss wall
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$name.time")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/$name.time")
  if [ "$runs" -gt 1 ]; then
    if command -v hyperfine >/dev/null; then
      local command_line
      command_line="cd $(printf '%q' "$dir") && $(printf '%q ' "$@")"
      hyperfine --runs "$runs" --ignore-failure --style none --export-json "$work/$name.json" "$command_line" >/dev/null 2>&1
      wall=$(grep -o '"median": *[0-9.e+-]*' "$work/$name.json" | head -1 | sed 's/.*: *//')
    else
      local times=()
      for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s.%N)
        (cd "$dir" && "$@" >/dev/null 2>&1) || true
        end=$(date +%s.%N)
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")
      done
      wall=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
    fi
  fi
  echo "$wall $rss"
}

secs() { awk -v s="$1" 'BEGIN { if (s < 1) printf "%.0f ms", s * 1000; else printf "%.2f s", s }'; }
mem() { awk -v k="$1" 'BEGIN { if (k >= 1048576) printf "%.2f GB", k / 1048576; else printf "%.0f MB", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f×", a / b }'; }
rss_ratio() { awk -v b="$1" -v p="$2" 'BEGIN { printf "1/%.1f", b / p }'; }
at_least() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { exit !(a / b >= t) }'; }

# compare NAME: stdout bytes and exit codes of buf-NAME and protogate-NAME.
equal_checks=()
failed=0
compare() {
  local name="$1" lines
  lines=$(wc -l <"$work/protogate-$name.out" | tr -d ' ')
  if cmp -s "$work/buf-$name.out" "$work/protogate-$name.out" &&
    [ "$(cat "$work/buf-$name.rc")" = "$(cat "$work/protogate-$name.rc")" ]; then
    equal_checks+=("- \`$name\` findings: OK ($lines lines, byte-identical, exit $(cat "$work/buf-$name.rc") for both)")
    return 0
  fi
  failed=1
  equal_checks+=("- \`$name\` findings: DIFF (buf $(wc -l <"$work/buf-$name.out" | tr -d ' ') lines exit $(cat "$work/buf-$name.rc"); protogate $lines lines exit $(cat "$work/protogate-$name.rc"))")
  equal_checks+=("" '```diff' "$(diff -u --label buf --label protogate "$work/buf-$name.out" "$work/protogate-$name.out" | head -20)" '```')
  for tool in buf protogate; do
    [ -s "$work/$tool-$name.err" ] && equal_checks+=("  $tool stderr: $(head -c 300 "$work/$tool-$name.err" | tr '\n' ' ')")
  done
  return 1
}

cd "$corpus"
files=$(git ls-files '*.proto' 2>/dev/null | wc -l)
megabytes=$(git ls-files -z '*.proto' | xargs -0 cat | wc -c | awk '{printf "%.0f", $1 / 1e6}')
head_commit=$(git rev-parse --short HEAD)
if [ -n "${BENCH_AGAINST:-}" ]; then
  against="$BENCH_AGAINST"
elif [ "$(git rev-list --count HEAD)" -le 50 ]; then
  against=$(git rev-list --max-parents=0 HEAD | tail -1)
else
  year_before=$(date -u -d "@$(($(git log -1 --format=%ct HEAD) - 365 * 86400))" +%Y-%m-%dT%H:%M:%SZ)
  against=$(git rev-list -1 --before="$year_before" HEAD)
fi
against_args=(--against ".git#ref=$against")
# A buf.yaml added beside a checkout is not in the old commit: use it for both sides.
if ! git ls-files --error-unmatch buf.yaml >/dev/null 2>&1; then against_args+=(--against-config buf.yaml); fi
lint_path="${BENCH_LINT_PATH:-}"
if [ -z "$lint_path" ]; then
  if [ -f google/pubsub/v1/pubsub.proto ]; then lint_path=google/pubsub/v1/pubsub.proto; else
    lint_path=$(git ls-files '*.proto' | sort | awk '{a[NR] = $0} END {print a[int((NR + 1) / 2)]}')
  fi
fi
out="${BENCH_OUT:-$root/target/bench-results/$(basename "$corpus").md}"
mkdir -p "$(dirname "$out")"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

rows=()
row() { rows+=("| $(IFS='|'; echo "$*" | sed 's/|/ | /g') |"); }

read -r buf_t buf_m < <(measure buf-build "$corpus" "$buf" build -o "$work/buf.binpb")
read -r pg_t pg_m < <(measure protogate-build "$corpus" "$protogate" build -o "$work/protogate.binpb")
met=no
if at_least "$buf_t" "$pg_t" 5 && at_least "$buf_m" "$pg_m" 5; then met=yes; fi
row '`build`' "$(secs "$buf_t")" "$(secs "$pg_t")" "$(ratio "$buf_t" "$pg_t")" "$(mem "$buf_m")" "$(mem "$pg_m")" \
  "$(rss_ratio "$buf_m" "$pg_m")" '≥ 5×, ≤ 1/5 RSS' "$met"
if [ "$(cat "$work/buf-build.rc")" != "$(cat "$work/protogate-build.rc")" ]; then
  failed=1
  equal_checks+=("- \`build\`: DIFF exit buf $(cat "$work/buf-build.rc") protogate $(cat "$work/protogate-build.rc"): $(head -c 300 "$work/protogate-build.err")")
elif cmp -s "$work/buf.binpb" "$work/protogate.binpb"; then
  equal_checks+=("- \`build\` images: byte-identical")
else
  equal_checks+=("- \`build\` images: same exit code ($(cat "$work/buf-build.rc")); bytes differ ($(wc -c <"$work/buf.binpb") vs $(wc -c <"$work/protogate.binpb"))")
fi
rm -f "$work"/*.binpb

read -r buf_t buf_m < <(measure buf-lint "$corpus" "$buf" lint)
read -r pg_t pg_m < <(measure protogate-lint "$corpus" "$protogate" lint)
met=no
if compare lint && at_least "$buf_t" "$pg_t" 10 && at_least "$buf_m" "$pg_m" 8; then met=yes; fi
row '`lint`' "$(secs "$buf_t")" "$(secs "$pg_t")" "$(ratio "$buf_t" "$pg_t")" "$(mem "$buf_m")" "$(mem "$pg_m")" \
  "$(rss_ratio "$buf_m" "$pg_m")" '≥ 10×, ≤ 1/8 RSS, identical' "$met"

read -r buf_t buf_m < <(measure buf-breaking "$corpus" "$buf" breaking "${against_args[@]}")
read -r pg_t pg_m < <(measure protogate-breaking "$corpus" "$protogate" breaking "${against_args[@]}")
met=no
if compare breaking && at_least "$buf_t" "$pg_t" 10; then met=yes; fi
row "\`breaking --against .git#ref=${against:0:10}\`" "$(secs "$buf_t")" "$(secs "$pg_t")" "$(ratio "$buf_t" "$pg_t")" \
  "$(mem "$buf_m")" "$(mem "$pg_m")" "$(rss_ratio "$buf_m" "$pg_m")" '≥ 10×, identical' "$met"

read -r pg_t pg_m < <(measure protogate-lint-path "$corpus" "$protogate" lint --path "$lint_path")
met=$(awk -v s="$pg_t" 'BEGIN { print (s < 0.3) ? "yes" : "no" }')
row "\`lint --path $lint_path\`" — "$(secs "$pg_t")" — — "$(mem "$pg_m")" — '< 300 ms' "$met"

generated="$root/examples/ecommerce/src/generated"
snapshot() { find "$generated" -type f -printf '%p %T@ %s\n' | sort; }
(cd "$root" && "$protogate" generate >/dev/null 2>&1) || true # bring it up to date before timing
snapshot >"$work/generated.before"
read -r pg_t pg_m < <(measure protogate-generate "$root" "$protogate" generate)
snapshot >"$work/generated.after"
written=$(diff "$work/generated.before" "$work/generated.after" | grep -c '^>' || true)
met=$(awk -v s="$pg_t" -v w="$written" 'BEGIN { print (s < 1 && w == 0) ? "yes" : "no" }')
row '`generate` (repo proto/, nothing changed)' — "$(secs "$pg_t"), $written files written" — — "$(mem "$pg_m")" — \
  '< 1 s, 0 files written' "$met"

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "Corpus \`$corpus\` at \`$head_commit\`: $files .proto files, $megabytes MB. buf $("$buf" --version),"
  echo "protogate \`$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)\` ($protogate)."
  echo "Timing: $timer; peak RSS from one \`/usr/bin/time -v\` run. Load average $load_before before, $load_after after"
  echo "($(nproc) cores), $(date -u +%Y-%m-%dT%H:%MZ)."
  echo
  echo "| work | buf time | protogate time | speed ratio | buf RSS | protogate RSS | RSS ratio | target | met? |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  printf '%s\n' "${equal_checks[@]}"
} | tee "$out"
log "saved to $out"
exit "$failed"
