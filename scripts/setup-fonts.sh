#!/bin/sh
# Installs the CJK font the printed documents (licences, applications, records as PDF) are set in: Noto Sans
# CJK from the distribution (Debian/Ubuntu: fonts-noto-cjk). Another font: set TRADECTL_CJK_FONT to its file.
set -eu
for f in /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc /usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc \
  /usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc /usr/share/fonts/OTF/NotoSansCJK-Regular.ttc; do
  if [ -f "$f" ]; then echo "CJK font present: $f"; exit 0; fi
done
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-cjk
  echo "installed fonts-noto-cjk"
else
  echo "install Noto Sans CJK with your system's package manager (e.g. dnf install google-noto-sans-cjk-fonts," >&2
  echo "pacman -S noto-fonts-cjk, brew install --cask font-noto-sans-cjk) or set TRADECTL_CJK_FONT to a font file" >&2
  exit 1
fi
