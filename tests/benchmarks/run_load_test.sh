#!/usr/bin/env bash
# benchmarks/run-load, the latency command of benchmarks/README.md, end to end
# on the local broker at a small scale: it ends, every item comes out, and the
# warm-up items are sent first, drained, and left out of the figures, and
# latency is also counted from the input's append time.
#   tests/benchmarks/run_load_test.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build="$1"
source_dir="$2"
. "$source_dir/tests/support/check.sh"
cd "$source_dir"

# Printed as it comes (and kept for the checks): if the run hangs, ctest's
# timeout still shows how far it got. The load tool gives up well before
# that timeout and says what it saw.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
BUILD_DIR="$build" LOAD_WARMUP_S=1 LOAD_SETTLE_S=1 LOAD_TIMEOUT_S=60 LOAD_HTTP_PORT=18097 \
  benchmarks/run-load 300 1 200 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
out="$(cat "$log")"
check "run-load exits 0" "$status"
grep -q '^warm-up: *200 items (1 s), left out below' <<<"$out"
check "200 warm-up items (1 s at 200 items/s) are sent first" $?
# The measured items wait for every warm-up output, then LOAD_SETTLE_S: a
# backlog the warm-up built is not measured.
started="$(sed -n 's/^measured start: *\(-\?[0-9]*\) ms after the last warm-up output was read$/\1/p' <<<"$out")"
[[ -n "$started" && "$started" -ge 1000 ]]
check "the measured items start 1 s or more after the last warm-up output (${started:-none} ms)" $?
grep -q '^measured items: *300 of 300$' <<<"$out"
check "the figures are of the 300 measured items alone" $?
grep -Eq '^readable ms: *p50 [0-9.]+, p99 [0-9.]+, p99.9 [0-9.]+, max [0-9.]+$' <<<"$out"
check "readable latency percentiles are printed" $?
# run-load creates the input topic with LogAppendTime: every measured item has
# the broker's append time in its delivery report, and latency is also given
# from it (without the load producer's linger).
grep -Eq '^append ms: *p50 [0-9.]+, p99 [0-9.]+, p99.9 [0-9.]+, max [0-9.]+$' <<<"$out"
check "latency from the input's append time is printed" $?
grep -Eq '^outputs seen: *500 in' <<<"$out"
check "every item, warm-up included, came out" $?
grep -Eq '^broker CPU during the load: [0-9.]+ s \(its JIT compiler threads: [0-9.]+ s\)$' <<<"$out"
check "the broker's CPU and its JIT compiler's are printed" $?
exit $fail
