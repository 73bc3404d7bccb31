# Sourced by the shell tests (tests/cli, tests/package): `check NAME STATUS`
# prints ok/FAILED for a condition's exit status; the script ends with
# `exit $fail`.
fail=0
check() {
  if [ "$2" -eq 0 ]; then echo "ok: $1"; else echo "FAILED: $1"; fail=1; fi
}
