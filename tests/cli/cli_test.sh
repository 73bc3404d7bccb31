#!/usr/bin/env bash
# The binary's command line, no broker: global options after the subcommand,
# and JSON logs that stay one JSON object per line even when librdkafka's
# clients log (brokers that do not answer). Usage: cli_test.sh WIREDESK SOURCE_DIR
set -u
bin=$1
src=$2
fail=0
check() {  # NAME CONDITION-EXIT-CODE
  if [ "$2" -eq 0 ]; then echo "ok: $1"; else echo "FAILED: $1"; fail=1; fi
}

"$bin" check-config --config "$src/config/wiredesk.yaml" >/dev/null 2>&1
check "--config after the subcommand is taken" $?
"$bin" check-config --config /nonexistent/wiredesk.yaml >/dev/null 2>&1
[ $? -ne 0 ]
check "--config after the subcommand names the file that is read" $?
"$bin" --config /nonexistent/wiredesk.yaml check-config >/dev/null 2>&1
[ $? -ne 0 ]
check "--config before the subcommand still works" $?

# A service whose brokers do not answer: librdkafka logs connection
# failures; with JSON logs every stderr line must be a JSON object.
log=$(mktemp)
WIREDESK_KAFKA__BOOTSTRAP_SERVERS=127.0.0.1:1 WIREDESK_LOG__FORMAT=json \
  WIREDESK_HTTP__LISTEN=127.0.0.1:$((20000 + RANDOM % 20000)) WIREDESK_DEDUP__RESTORE_TIMEOUT=3s \
  ASAN_OPTIONS=detect_leaks=0 timeout -s TERM 8 "$bin" --config "$src/config/wiredesk.yaml" run >/dev/null 2>"$log"
lines=$(grep -c . "$log")
[ "$lines" -gt 0 ]
check "the service logged something ($lines lines)" $?
bad=$(grep -cv '^{.*}$' "$log")
[ "$bad" -eq 0 ]
check "every stderr line is one JSON object ($bad are not)" $?
[ "$bad" -eq 0 ] || grep -v '^{.*}$' "$log" | head -5
rm -f "$log"
exit $fail
