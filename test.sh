#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine (only the .NET SDK, Node and npm needed).
# Anything the tests need beyond that is installed here, once, before the run.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build Staffono.Bot.sln -c Release
dotnet test Staffono.Bot.sln -c Release --no-build --logger "console;verbosity=normal" "$@"
