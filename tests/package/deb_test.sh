#!/usr/bin/env bash
# The .deb (scripts/package): its Depends are the Debian packages of the
# libraries the binary links; unpacked into a scratch root, the binary runs
# from another directory on its embedded defaults and on the /etc/wiredesk
# example it ships. Usage: deb_test.sh WIREDESK.deb SOURCE_DIR
set -u
deb=$1
src=$2
source "$(dirname "${BASH_SOURCE[0]}")/../support/check.sh"

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
grep -q 'librdkafka' <<<"$depends" && grep -q 'libhyperscan' <<<"$depends" && grep -q 'libyaml-cpp' <<<"$depends"
check "Depends names librdkafka, Hyperscan and yaml-cpp (dpkg-shlibdeps)" $?
! grep -q -- '-dev' <<<"$depends"
check "Depends has no -dev package" $?
missing=0
provided=$(dpkg-query -W -f='${Package} ${Provides}\n' | tr ',' ' ')
for dep in $(tr ',' '\n' <<<"$depends" | sed 's/(.*//; s/|.*//' | tr -d ' '); do
  # A package by name, or one that an installed package provides.
  dpkg -s "$dep" >/dev/null 2>&1 || grep -qw -- "$dep" <<<"$provided" || { echo "not installed here: $dep"; missing=1; }
done
check "every dependency is a Debian package (installed on this machine)" $missing

contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for path in ./usr/bin/wiredesk ./usr/share/wiredesk/taxonomy.yaml ./etc/wiredesk/wiredesk.yaml \
  ./etc/wiredesk/alerts.yaml; do
  grep -qx "$path" <<<"$contents"
  check "the package holds $path" $?
done
control=$(mktemp -d)
dpkg-deb -e "$deb" "$control"
grep -qx /etc/wiredesk/wiredesk.yaml "$control/conffiles"
check "/etc/wiredesk files are conffiles" $?
rm -rf "$control"

root=$(mktemp -d)
dpkg-deb -x "$deb" "$root"
bin="$root/usr/bin/wiredesk"
(cd /tmp && env -u WIREDESK_CONFIG "$bin" --version) | grep -q '^wiredesk '
check "wiredesk --version runs" $?
records=$(cd /tmp && env -u WIREDESK_CONFIG "$bin" process "$src/tests/fixtures/items.jsonl" 2>/dev/null |
  grep -c '"topic":"news.items"')
[ "$records" -gt 0 ]
check "wiredesk process runs from /tmp on the embedded defaults ($records items)" $?
with_etc=$(cd /tmp && "$bin" --config "$root/etc/wiredesk/wiredesk.yaml" process \
  "$src/tests/fixtures/items.jsonl" 2>/dev/null | grep -c '"topic":"news.items"')
[ "$with_etc" -eq "$records" ]
check "the shipped /etc/wiredesk example gives the same output ($with_etc items)" $?
rm -rf "$root"

# On the CI machine (root, CI=true): installed with dpkg, run from /tmp, then
# purged, so /etc/wiredesk does not stay behind for the other tests.
if [ "${CI:-}" = true ] && [ "$(id -u)" = 0 ]; then
  if dpkg -i "$deb" >/dev/null; then
    (cd /tmp && env -u WIREDESK_CONFIG wiredesk --version) | grep -q '^wiredesk '
    check "dpkg -i: wiredesk --version" $?
    installed=$(cd /tmp && env -u WIREDESK_CONFIG wiredesk process "$src/tests/fixtures/items.jsonl" \
      2>/dev/null | grep -c '"topic":"news.items"')
    [ "$installed" -eq "$records" ]
    check "dpkg -i: wiredesk process from /tmp reads /etc/wiredesk ($installed items)" $?
    (cd /tmp && env -u WIREDESK_CONFIG wiredesk check-config) | grep -q '^ok: /etc/wiredesk/wiredesk.yaml'
    check "dpkg -i: the installed /etc/wiredesk/wiredesk.yaml is the one read" $?
  else
    check "dpkg -i installs the package" 1
  fi
  dpkg --purge wiredesk >/dev/null
fi
exit $fail
