#!/usr/bin/env bash
# `make bench`: the benchmark tables of issue 7, one after the other.
#   Table 1: the reference token-refresh model, on the kernel and on a bare
#            std::priority_queue loop, one process per run (idsim_refmodel).
#   Table 2: the whole product at scale: bench/scale-*.json through `idsim run` with every
#            metric and report (bench/scale_table.py). SCALE_SCENARIOS narrows it.
# Usage: bench/run_all.sh [build-dir]
#   REFBENCH_CLIENTS (default "10000 100000") and REFBENCH_HORIZON (default 6h) shrink table 1
#   for a quick look; the figures in docs/bench.md are from the defaults.
set -euo pipefail

build_dir=${1:-build}
refmodel="$build_dir/bench/idsim_refmodel"
clients_list=${REFBENCH_CLIENTS:-"10000 100000"}
horizon=${REFBENCH_HORIZON:-6h}

machine() {
  echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
}

table_1() {
  echo "Table 1. Reference token-refresh model (issue 7): horizon $horizon, seed 1"
  echo "         machine: $(machine)"
  local header=(--header) ratios="" clients engine row
  local -A events_per_s cpu_s
  for clients in $clients_list; do
    for engine in pq kernel; do
      row=$("$refmodel" --clients "$clients" --horizon "$horizon" --engine "$engine" "${header[@]}")
      header=()
      echo "$row"
      events_per_s[$engine]=$(echo "$row" | tail -n 1 | awk '{print $9}')
      cpu_s[$engine]=$(echo "$row" | tail -n 1 | awk '{print $8}')
    done
    # Both runs have the same events, so the CPU-time ratio is pq cpu s / kernel cpu s.
    ratios+=$(awk -v n="$clients" -v k="${events_per_s[kernel]}" -v p="${events_per_s[pq]}" \
      -v kc="${cpu_s[kernel]}" -v pc="${cpu_s[pq]}" \
      'BEGIN { printf "  N=%s: %.2fx (by cpu s %.2fx)", n, k / p, pc / kc }')
  done
  echo "kernel / pq events/s:${ratios}   (target >= 0.70x)"
  echo "         machine after: $(machine)"
}

table_2() {
  echo "Table 2. Whole product at scale (issue 7): 1 call/s per instance, 1 h tokens, 24 h,"
  echo "         an STS outage, an IMDS block and a restart storm; aggregated calls"
  echo "         machine: $(machine)"
  # shellcheck disable=SC2086
  python3 bench/scale_table.py "$build_dir/cli/idsim" ${SCALE_SCENARIOS:-}
  echo "         machine after: $(machine)"
}

table_1
echo
table_2
