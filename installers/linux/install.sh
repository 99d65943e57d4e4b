#!/bin/sh
# Per-user install from the unpacked tarball: no root needed. Data stays in
# ~/.local/share/upr-consultation/consultation-app and is kept by an uninstall.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target="$HOME/.local/opt/consultation-app"
mkdir -p "$HOME/.local/opt" "$HOME/.local/bin" "$HOME/.local/share/applications" "$HOME/.local/share/icons"
rm -rf "$target"
cp -r "$here" "$target"
ln -sf "$target/consultation-app" "$HOME/.local/bin/consultation-app"
sed "s|^Exec=.*|Exec=$target/consultation-app|" "$here/consultation-app.desktop" \
    > "$HOME/.local/share/applications/consultation-app.desktop"
cp "$here/consultation-app.png" "$HOME/.local/share/icons/consultation-app.png"
echo "installed in $target; start it from the menu or with: consultation-app"
