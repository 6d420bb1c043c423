#!/usr/bin/env bash
# Installs what the tests need (idempotently) and runs every test, on SQLite and on a throwaway PostgreSQL cluster
# (.ci/postgres.sh: started on a free loopback port, stopped on exit). Used by developers and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")"

# System packages: Debian's Chromium for the browser tests, tzdata for New York market time.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -e /usr/share/zoneinfo/America/New_York ] || missing+=(tzdata)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${missing[*]} ..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# PostgreSQL for the tests that run on both providers: installs Debian's package if missing, exports WAWATRADER_TEST_POSTGRES.
source .ci/postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
[ -f .config/dotnet-tools.json ] && dotnet tool restore >/dev/null

# The build also runs `npm ci` for the chart library (apexcharts 5.0.0) through WawaTrader.Web's build target.
dotnet build WawaTrader.sln -c Release -nologo -v:q

log=$(mktemp)
status=0
dotnet test WawaTrader.Tests -c Release --no-build -nologo "$@" 2>&1 | tee "$log" || status=$?
summary=$(grep -E '^(Passed|Failed)!' "$log" | tail -n 1 || true)
passed=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$summary")
failed=$(sed -nE 's/.*Failed: *([0-9]+).*/\1/p' <<<"$summary")
skipped=$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$summary")
rm -f "$log"
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit $status
