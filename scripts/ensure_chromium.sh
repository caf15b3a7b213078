#!/usr/bin/env bash
# Install Debian's chromium for the browser tests of the HTML reports, if it is
# missing and we may (root). Test tools cannot download their own browsers here.
# Never fails the build: without chromium the browser tests skip with a reason.
set -u
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: chromium not installed (needs root and apt-get); browser tests will be skipped" >&2
  exit 0
fi
echo "installing chromium for the browser tests (apt-get)..." >&2
{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null 2>&1 \
  || echo "note: could not install chromium; browser tests will be skipped" >&2
exit 0
