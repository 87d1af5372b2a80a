#!/bin/sh
# Vendors TeamsJS (@microsoft/teams-js, MIT) into this folder: the pinned version from npm, its
# minified UMD build with a licence header, and its LICENSE. Run it by hand to move the version
# (then change TEAMS_JS in bot/sso.py); the server never downloads anything at run time.
set -eu
VERSION=2.58.0
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
npm install --no-save --no-audit --no-fund --prefix "$WORK" "@microsoft/teams-js@$VERSION" >/dev/null
PACKAGE="$WORK/node_modules/@microsoft/teams-js"
{
  printf '/*! @microsoft/teams-js %s | MIT License | Copyright (c) Microsoft Corporation.\n' "$VERSION"
  printf ' * Bundles debug (MIT, Copyright (c) 2014-2017 TJ Holowaychuk, 2018-2021 Josh Junon)\n'
  printf ' * and base64-js (MIT, Copyright (c) 2014 Jameson Little). See teams-js-LICENSE.txt. */\n'
  cat "$PACKAGE/dist/umd/MicrosoftTeams.min.js"
} >"$HERE/MicrosoftTeams-$VERSION.min.js"
cp "$PACKAGE/LICENSE" "$HERE/teams-js-LICENSE.txt"
