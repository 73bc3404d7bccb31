#!/usr/bin/env bash
# `cmake --install` into a scratch prefix: the binary in bin/, the default
# files in share/wiredesk/, an example configuration in etc/wiredesk/; the
# installed binary runs from another directory, on that example too.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -u
build=$1
src=$2
source "$(dirname "${BASH_SOURCE[0]}")/../support/check.sh"
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
check "cmake --install --prefix succeeds" $?
for path in bin/wiredesk share/wiredesk/wiredesk.yaml share/wiredesk/taxonomy.yaml \
  share/wiredesk/alerts.yaml etc/wiredesk/wiredesk.yaml etc/wiredesk/taxonomy.yaml \
  etc/wiredesk/alerts.yaml; do
  [ -f "$prefix/$path" ]
  check "installed $path" $?
done
cmp -s "$prefix/etc/wiredesk/taxonomy.yaml" "$src/config/taxonomy.yaml"
check "the installed taxonomy is config/taxonomy.yaml" $?
(cd / && "$prefix/bin/wiredesk" --config "$prefix/etc/wiredesk/wiredesk.yaml" check-config) |
  grep -q "$prefix/etc/wiredesk/taxonomy.yaml"
check "the example configuration finds its taxonomy beside it" $?
exit $fail
