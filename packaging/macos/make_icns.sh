#!/bin/sh
# build/icons/clientjournal.icns from the hicolor PNGs build.py renders from resources/icons/clientjournal.svg.
# macOS only (iconutil). Run after `python3 packaging/build.py --only icons`; the spec then picks the .icns up.
set -eu
cd "$(dirname "$0")/../.."
ID=no.clientjournal.ClientJournal
SRC=build/icons/hicolor
SET=build/icons/clientjournal.iconset
rm -rf "$SET" && mkdir -p "$SET"
for size in 16 32 128 256 512; do
  cp "$SRC/${size}x${size}/apps/$ID.png" "$SET/icon_${size}x${size}.png"
done
# @2x variants: the next size up (1024 for 512@2x is rendered by sips from the 512, which is what Apple accepts).
cp "$SRC/32x32/apps/$ID.png" "$SET/icon_16x16@2x.png"
cp "$SRC/64x64/apps/$ID.png" "$SET/icon_32x32@2x.png"
cp "$SRC/256x256/apps/$ID.png" "$SET/icon_128x128@2x.png"
cp "$SRC/512x512/apps/$ID.png" "$SET/icon_256x256@2x.png"
sips -z 1024 1024 "$SRC/512x512/apps/$ID.png" --out "$SET/icon_512x512@2x.png" >/dev/null
iconutil -c icns "$SET" -o build/icons/clientjournal.icns
echo "build/icons/clientjournal.icns"
