#!/usr/bin/env bash
# Mutation testing of the security- and delivery-critical code with Stryker.NET (docs/TESTING.md).
# Too slow for CI; run it before calling a change to these areas done:
#   ./mutation/run.sh            every area, one after another
#   ./mutation/run.sh auth       one area: auth | state | directline | outbox | calendar | llm
# Reports land in mutation/reports/<area>/ (HTML and JSON; the score is printed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export STAFFONO_CHROMIUM="${STAFFONO_CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}"

dotnet tool restore >/dev/null
areas=("$@")
[ ${#areas[@]} -eq 0 ] && areas=(auth state directline outbox calendar llm)
for area in "${areas[@]}"; do
  config="$PWD/mutation/$area.json"
  [ -f "$config" ] || { echo "No area '$area' (see mutation/*.json)." >&2; exit 2; }
  echo "== $area"
  (cd Staffono.Bot.Tests && dotnet dotnet-stryker --config-file "$config" --output "$PWD/../mutation/reports/$area")
done
