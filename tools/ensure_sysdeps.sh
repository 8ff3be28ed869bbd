#!/usr/bin/env bash
# Make sure the system programs the PDF needs are present: xelatex, pandoc, pdftotext and the DejaVu
# fonts (the Debian packages are listed in tools/apt-packages). Missing ones are installed with
# apt-get when running as root; otherwise this stops with one line naming the exact command.
set -euo pipefail
packages=$(< "${0%/*}/apt-packages")

missing() {  # prints what is missing, nothing when all is there
  local cmd
  for cmd in xelatex pandoc pdftotext fc-list; do
    command -v "$cmd" >/dev/null 2>&1 || printf '%s ' "$cmd"
  done
  # (no 'grep -q' here: it would close the pipe early and fail the pipeline under pipefail)
  command -v fc-list >/dev/null 2>&1 && { fc-list 2>/dev/null | grep "DejaVu Serif" >/dev/null || printf 'DejaVu-fonts '; }
  return 0
}

todo=$(missing)
[ -z "$todo" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing the PDF toolchain (missing: $todo): apt-get install $packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $packages >/dev/null
  todo=$(missing)
  [ -z "$todo" ] && exit 0
  echo "error: still missing after apt-get install: $todo" >&2
  exit 1
fi
echo "error: the PDF needs ${todo% }; install with: sudo apt-get install --no-install-recommends $packages" >&2
exit 1
