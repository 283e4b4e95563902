#!/usr/bin/env bash
# make fuzz FUZZ_SECONDS=N: builds both libFuzzer targets (clang, ASan + UBSan) in build-fuzz/
# and runs each for N seconds, one after the other (docs/fuzzing.md). The growing corpora stay
# in build-fuzz/corpus/ (not committed); a crash, hang or leak lands in build-fuzz/artifacts/
# and fails the run. Seeds: the scenario library, the valid and malformed examples, the
# committed seeds and every saved regression.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${FUZZ_SECONDS:-60}"
jobs="${JOBS:-2}"
build=build-fuzz
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "FUZZ_SECONDS must be a whole number of seconds" >&2; exit 2; }

# clang and its libFuzzer runtime (a Recommends of clang, so install it by name); apt-get only
# when one is missing, like .ci/install-deps.
missing=()
for p in clang libclang-rt-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -ne 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q || true
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIDSIM_FUZZ=ON
fi
cmake --build "$build" -j "$jobs" --target fuzz_scenario fuzz_parsers

# Scenario seeds carry the format byte the target reads first: j = JSON, y = YAML.
seeds="$build/seeds/scenario"
rm -rf "$seeds" && mkdir -p "$seeds"
while IFS= read -r file; do
  case "$file" in *.json) format=j ;; *) format=y ;; esac
  { printf '%s' "$format"; cat "$file"; } > "$seeds/$(echo "$file" | tr '/' '_')"
done < <(find scenarios tests/scenarios/valid tests/scenarios/malformed \
           -name '*.json' -o -name '*.yaml' -o -name '*.yml' | sort)

mkdir -p "$build/corpus/scenario" "$build/corpus/parsers" "$build/artifacts"
status=0
for target in scenario parsers; do
  log="$build/artifacts/$target.log"
  extra_seeds=(tests/fuzz/regressions/$target)
  [ -d "tests/fuzz/seeds/$target" ] && extra_seeds+=("tests/fuzz/seeds/$target")
  [ "$target" = scenario ] && extra_seeds+=("$seeds")
  echo "fuzz_$target: ${seconds} s (log: $log)"
  # -timeout: one input taking this long is a hang. A capped run takes milliseconds; the margin
  # is for a loaded machine (wall-clock stalls of 40 s were seen at load 9).
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
      "$build/tests/fuzz/fuzz_$target" "$build/corpus/$target" "${extra_seeds[@]}" \
      -max_total_time="$seconds" -timeout=120 -rss_limit_mb=2048 -max_len=16384 \
      -dict="tests/fuzz/$target.dict" -artifact_prefix="$build/artifacts/$target-" \
      -print_final_stats=1 > "$log" 2>&1; then
    status=1
    echo "fuzz_$target FAILED: see $log and $build/artifacts/" >&2
    grep -E "ERROR|SUMMARY|invariant broken|Test unit written" "$log" | head -20 >&2 || true
  fi
  # The last status line: executions, coverage (cov: edges, ft: features), corpus size.
  grep -E "^#[0-9]+" "$log" | tail -1 | sed "s/^/  /" || true
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$log" | sed "s/^/  /" || true
done
exit "$status"
