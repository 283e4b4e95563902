#!/usr/bin/env bash
# Regenerates tests/golden/digests.txt (docs/reliability.md "Golden digests"): the sha256 of
# report.json of every game day, and of the files of the golden sweep (tests/golden/sweep.args),
# each made by a plain `idsim run` / `idsim sweep --jobs 1` from the source directory.
# Run it through `make update-golden`, only on purpose, and say why in the commit message.
set -euo pipefail
cd "$(dirname "$0")/../.."
idsim="$(realpath "${1:-build/cli/idsim}")"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# Exit 0 or 1 (an expectation failed) both leave a complete report; anything else is an error.
run_ok() {
  local code=0
  "$@" || code=$?
  if [ "$code" -gt 1 ]; then echo "update-golden: '$*' exited $code" >&2; exit 1; fi
}

out="$scratch/digests.txt"
{
  echo "# sha256 of report.json of every game day, and of the golden sweep's files"
  echo "# (tests/golden/sweep.args). Checked by tests/golden/golden_test.cpp. Regenerate only on"
  echo "# purpose, with 'make update-golden', and say in the commit message why they changed."
} >"$out"
export LC_ALL=C
for scenario in scenarios/gamedays/*.json; do
  name="$(basename "$scenario")"
  run_ok "$idsim" run "$scenario" --quiet --out "$scratch/run-$name"
  echo "gamedays/$name $(sha256sum <"$scratch/run-$name/report.json" | cut -d' ' -f1)" >>"$out"
done
read -r -a sweep_args <tests/golden/sweep.args
run_ok "$idsim" sweep "${sweep_args[@]}" --jobs 1 --quiet --out "$scratch/sweep"
for file in sweep.csv sweep.json sweep.html; do
  echo "sweep/$file $(sha256sum <"$scratch/sweep/$file" | cut -d' ' -f1)" >>"$out"
done
if cmp -s "$out" tests/golden/digests.txt; then
  echo "update-golden: tests/golden/digests.txt unchanged"
else
  cp "$out" tests/golden/digests.txt
  echo "update-golden: tests/golden/digests.txt rewritten; commit it with the reason:"
  git --no-pager diff --stat -- tests/golden/digests.txt || true
fi
