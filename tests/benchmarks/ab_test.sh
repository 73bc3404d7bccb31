#!/usr/bin/env bash
# benchmarks/ab, the before/after comparison of benchmarks/README.md, on two
# real benchmark binaries at a tiny scale: a build against itself gives a
# row per case with one ratio per round, and what it cannot compare (no
# binary, no matching case, a case one build lacks) ends in status 2 with
# a reason, never in a table that looks complete.
#   tests/benchmarks/ab_test.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build="$1"
source_dir="$2"
. "$source_dir/tests/support/check.sh"
dedup="$build/benchmarks/dedup_bench"
tag="$build/benchmarks/tag_bench"
ab="$source_dir/benchmarks/ab"

out="$("$ab" "$dedup" "$dedup" --filter 'BM_MinHash128$|BM_Compare$' --rounds 3 --min-time 0.01)"
check "a build against itself exits 0" $?
echo "$out"
row='^\| BM_%s \| [0-9,]+ \| [0-9,]+ \| [0-9]+\.[0-9]{3} \| [0-9.]+, [0-9.]+, [0-9.]+ \|$'
# shellcheck disable=SC2059
grep -Eq "$(printf "$row" MinHash128)" <<<"$out"
check "BM_MinHash128: both medians, the median ratio and one ratio per round" $?
# shellcheck disable=SC2059
grep -Eq "$(printf "$row" Compare)" <<<"$out"
check "BM_Compare has its row" $?
[[ "$(grep -c '^| BM_' <<<"$out")" -eq 2 ]]
check "only the cases of the filter" $?

err="$("$ab" "$source_dir/no-such-binary" "$dedup" 2>&1 >/dev/null)"
[[ $? -eq 2 && "$err" == *"not an executable"* ]]
check "a missing binary: status 2, said why" $?

err="$("$ab" "$dedup" "$dedup" --filter 'NoSuchCase' --rounds 1 --min-time 0.01 2>&1 >/dev/null)"
[[ $? -eq 2 && "$err" == *"no case matches"* ]]
check "a filter that matches nothing: status 2, said why" $?

# dedup_bench has BM_Compare, tag_bench does not.
err="$("$ab" "$dedup" "$tag" --filter 'BM_Compare$|BM_TagStage_Korean3KB$' --rounds 1 \
  --min-time 0.01 2>&1 >/dev/null)"
[[ $? -eq 2 && "$err" == *"BM_Compare is missing"* ]]
check "a case one build lacks: status 2, said which" $?
exit $fail
