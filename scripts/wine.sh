#!/usr/bin/env bash
# Runs a Windows program under Wine (64-bit), in a prefix made ready for it:
#
#   scripts/wine.sh [--] PROGRAM.exe ARGS...
#
# The prefix is $WINEPREFIX when it is set (it is prepared on first use and
# kept, so later runs start quickly), else a private one that is removed
# afterwards. Preparing means `wineboot --init` once and, where Wine lacks
# it (Wine 8), a test-only stand-in for bcryptprimitives.dll, which every Go
# program for Windows loads at start (packaging/windows/bcryptprimitives.c,
# compiled with mingw-w64 into the prefix's system32).
#
# Combines with the other wrappers, e.g.
#   scripts/vaudio.sh -- scripts/xvfb.sh -- scripts/wine.sh -- "dist/.../failforward.exe" devices
# Wine's sound goes to the ALSA default device, which is the virtual one
# under scripts/vaudio.sh; FF_CAPTURE_RAW and FF_PLAYBACK_RAW must be set
# before this starts (a Windows program's own environment never reaches
# ALSA).
#
# Under scripts/vaudio.sh --realtime the program runs at a raised CPU
# priority where allowed (see the end of this script).
#
# Exits with the program's status. With a private prefix it stops that
# prefix's wineserver (and every process in it) at the end; in a given
# prefix other programs may still run, so the server is left to end by
# itself once they have (stop it with `WINEPREFIX=... wineserver -k`).
set -euo pipefail
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || { echo "usage: $0 [--] PROGRAM.exe ARGS..." >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)

find_tool() {
  local t
  for t in "$@"; do
    if command -v "$t" >/dev/null 2>&1; then command -v "$t"; return 0; fi
    if [ -x "$t" ]; then echo "$t"; return 0; fi
  done
  return 1
}
wine=$(find_tool wine64 wine /usr/lib/wine/wine64) ||
  { echo "wine: Wine (64-bit) not found; install the wine64 package" >&2; exit 1; }
wineserver=$(find_tool wineserver /usr/lib/wine/wineserver64 /usr/lib/wine/wineserver) ||
  { echo "wine: wineserver not found; install the wine64 package" >&2; exit 1; }
command -v timeout >/dev/null 2>&1 || { echo "wine: timeout not found; install coreutils" >&2; exit 1; }

export WINEDEBUG=${WINEDEBUG:--all}
# No prompts to install Mono or Gecko: Fail Forward needs neither.
overrides=mscoree,mshtml=
# No DirectInput (dinput8.dll): Wine 8 can deadlock a program whose first
# window class is registered while another thread makes its first window.
# GLFW loads dinput8 on the main thread as it starts, and dinput8 (with the
# comctl32 it imports) registers window classes while it holds the loader
# lock; those wait for the display driver, which the app's sound thread
# (PortAudio starting COM, which makes a window) may be loading at that
# moment, and that load waits for the loader lock. Wine then never maps the
# window, and says so only after 60 s ("loader_section wait timed out").
# GLFW uses DirectInput only for game controllers, which Fail Forward does
# not read; without it GLFW carries on with XInput.
overrides="$overrides;dinput8="
case "${WINEDLLOVERRIDES:-}" in
  '') export WINEDLLOVERRIDES=$overrides ;;
  *dinput8*) ;;
  *) export WINEDLLOVERRIDES="$WINEDLLOVERRIDES;dinput8=" ;;
esac
export WINEARCH=win64

private=""
if [ -z "${WINEPREFIX:-}" ]; then
  private=$(mktemp -d "${TMPDIR:-/tmp}/wine.XXXXXX")
  export WINEPREFIX=$private
fi
case "$WINEPREFIX" in
  /*) ;;
  *) WINEPREFIX=$PWD/$WINEPREFIX ;;
esac
mkdir -p "$WINEPREFIX"

cleanup() {
  local status=$?
  if [ -n "$private" ]; then
    timeout 30 "$wineserver" -k 2>/dev/null || true
    timeout 30 "$wineserver" -w 2>/dev/null || true
    # The server's socket folder is named after the prefix's device and
    # inode; it outlives the server.
    local id sock
    id=$(stat -c '%D' "$private" 2>/dev/null)-$(printf '%x' "$(stat -c '%i' "$private" 2>/dev/null || echo 0)")
    for sock in "${TMPDIR:-/tmp}"/wine-*/"server-$id" "/tmp/.wine-$(id -u)/server-$id"; do
      [ -d "$sock" ] || continue
      rm -rf "$sock"
      rmdir "$(dirname "$sock")" 2>/dev/null || true
    done
    rm -rf "$private"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# One preparation at a time per prefix (tests may start several programs
# at once).
exec 9>"$WINEPREFIX/.failforward-prepare.lock"
if command -v flock >/dev/null 2>&1; then
  timeout 300 flock 9 || { echo "wine: the prefix $WINEPREFIX stayed busy being prepared for 5 minutes" >&2; exit 1; }
fi

if ! [ -f "$WINEPREFIX/system.reg" ]; then
  if ! timeout 180 "$wine" wineboot --init >"$WINEPREFIX/.wineboot.log" 2>&1; then
    echo "wine: wineboot did not prepare the prefix $WINEPREFIX within 3 minutes:" >&2
    sed 's/^/  wineboot: /' "$WINEPREFIX/.wineboot.log" >&2
    exit 1
  fi
  timeout 120 "$wineserver" -w 2>/dev/null || true
fi

system32=$WINEPREFIX/drive_c/windows/system32
shim=$system32/bcryptprimitives.dll
if ! [ -f "$shim" ]; then
  cc=x86_64-w64-mingw32-gcc
  command -v "$cc" >/dev/null 2>&1 ||
    { echo "wine: $cc not found (needed once per prefix for bcryptprimitives.dll); install gcc-mingw-w64-x86-64" >&2; exit 1; }
  [ -d "$system32" ] || { echo "wine: the prefix $WINEPREFIX has no system32 after wineboot" >&2; exit 1; }
  "$cc" -shared -O2 -s -o "$shim.tmp" "$here/../packaging/windows/bcryptprimitives.c" -ladvapi32 ||
    { echo "wine: could not build bcryptprimitives.dll" >&2; exit 1; }
  mv "$shim.tmp" "$shim"
fi
exec 9>&-

# Wine runs a program's sound threads without real-time scheduling, so on
# a busy machine they fall behind: the start of a recording comes seconds
# late, and Wine drops input or pads it with silence. Under
# scripts/vaudio.sh --realtime (FF_VAUDIO_REALTIME=1) the program, and the
# Wine server it starts, run at a raised CPU priority (nice -10) where that
# is allowed (elsewhere they run as they are, without a word: the
# program's own output stays as it is), so that builds beside them cannot
# starve them.
run=("$wine")
if [ "${FF_VAUDIO_REALTIME:-0}" = 1 ] && [ "$(nice -n -10 nice 2>/dev/null || echo 0)" -lt "$(nice)" ]; then
  run=(nice -n -10 "$wine")
fi

status=0
"${run[@]}" "$@" || status=$?
exit "$status"
