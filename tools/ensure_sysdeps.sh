#!/usr/bin/env bash
# Make sure the system programs the PDF needs are present: xelatex, pandoc, pdftotext and the DejaVu
# fonts. Missing ones are installed with apt-get when running as root; otherwise this stops with one
# line naming the exact command. It never downloads anything else.
set -euo pipefail
packages="texlive-xetex texlive-fonts-recommended texlive-plain-generic pandoc fonts-dejavu-core poppler-utils"
missing=()
for cmd in xelatex pandoc pdftotext fc-list; do command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd"); done
if [ ${#missing[@]} -eq 0 ] && fc-list 2>/dev/null | grep "DejaVu Serif" >/dev/null; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing the PDF toolchain (missing: ${missing[*]:-DejaVu fonts}): apt-get install $packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $packages >/dev/null
  exit 0
fi
echo "error: the PDF needs ${missing[*]:-the DejaVu fonts}; install with: sudo apt-get install --no-install-recommends $packages" >&2
exit 1
