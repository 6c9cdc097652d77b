#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine (only the .NET SDK, Node and npm needed).
# Anything the tests need beyond that is installed here first:
#  - Debian's chromium, which the browser tests drive through Playwright (Playwright never downloads a browser);
#  - Bot Framework Web Chat for the chat page, which the build itself takes from npm when missing;
#  - the independent checkers in tools/checkers (ical.js, adaptivecards), from npm by their lock file.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export npm_config_yes=true npm_config_fund=false npm_config_audit=false

if [ -z "${STAFFONO_CHROMIUM:-}" ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..."
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
  fi
  STAFFONO_CHROMIUM="$(command -v chromium)"
  export STAFFONO_CHROMIUM
fi

if [ ! -d tools/checkers/node_modules/ical.js ] || [ ! -d tools/checkers/node_modules/adaptivecards ]; then
  npm ci --prefix tools/checkers --silent
fi

dotnet build Staffono.Bot.sln -c Release
dotnet test Staffono.Bot.sln -c Release --no-build --logger "console;verbosity=normal" "$@"
