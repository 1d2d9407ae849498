#!/bin/sh
# dist/ClientJournal-<version>.dmg from dist/ClientJournal.app (built by `python3 tasks.py package` on macOS).
# Sign the .app first (see packaging/README.md, "macOS"); then this script, then notarise the .dmg.
set -eu
cd "$(dirname "$0")/../.."
VERSION="${1:-$(python3 -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')}"
APP=dist/ClientJournal.app
[ -d "$APP" ] || { echo "no $APP: build it first" >&2; exit 1; }
STAGE=build/dmg
rm -rf "$STAGE" && mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
OUT="dist/ClientJournal-$VERSION.dmg"
rm -f "$OUT"
hdiutil create -volname "ClientJournal $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$OUT"
echo "$OUT"
