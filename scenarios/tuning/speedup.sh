#!/usr/bin/env bash
# Measures idsim sweep's speed-up from --jobs 1 to --jobs 2 on the tuning example
# (docs/sweep.md "Speed"), checks that both give the same sweep.csv, and prints the ratio.
# Usage: scenarios/tuning/speedup.sh [IDSIM] [SEEDS]   (defaults: build/cli/idsim, 4)
set -euo pipefail
idsim=${1:-build/cli/idsim}
seeds=${2:-4}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
grid=(scenarios/tuning/ttl-vs-outage.json
      --set sts.token_ttl=1h,2h
      --set 'fleets[web].client.refresh.fraction=0.25,0.5,0.75'
      --set 'fleets[web].client.refresh.jitter_min=0s,-10m'
      --seeds "$seeds" --quiet)
seconds() {  # wall time of one sweep, best of three
  local best=
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    "$idsim" sweep "${grid[@]}" --jobs "$1" --out "$out/jobs$1" || [ $? -eq 1 ]
    end=$(date +%s.%N)
    best=$(echo "$start $end $best" | awk '{t=$2-$1; if ($3=="" || t<$3) print t; else print $3}')
  done
  echo "$best"
}
t1=$(seconds 1)
t2=$(seconds 2)
cmp "$out/jobs1/sweep.csv" "$out/jobs2/sweep.csv"
echo "cores $(nproc)  points 12 x $seeds seeds  --jobs 1: ${t1}s  --jobs 2: ${t2}s  speed-up $(echo "$t1 $t2" | awk '{printf "%.2f", $1/$2}')x  (sweep.csv identical)"
