#!/usr/bin/env bash
# Installs the .deb on this machine with apt, tries the installed app, and
# removes it again, checking that nothing is left behind. Called by
# scripts/package-check.sh (so by `make package-check` and CI); runs as
# root (or with sudo that needs no password).
#
#   scripts/package-install-test.sh dist/failforward_VERSION_ARCH.deb
#
# It refuses to start, and changes nothing, when a failforward package is
# installed that it did not install itself: it never removes your own
# installation. Packages apt pulls in for the test (libraries the machine
# lacked) are removed again at the end.
#
# Prints one line per check and "install-test: N passed, M failed"; exits 1
# when a check failed, 3 when it refused to start. Every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

deb=${1:?usage: scripts/package-install-test.sh dist/failforward_VERSION_ARCH.deb}
pkg=failforward
id=app.failforward.practice
# Written while the package the test installed is on the machine, so that a
# run cut short (killed, power cut) is known to be the test's own.
marker=/var/tmp/failforward-install-test.installed
apt_timeout=600 # seconds for one apt-get run, downloads included
run_timeout=60  # seconds for one run of the installed app

die() { printf 'install-test: %s\n' "$*" >&2; exit 1; }
[ -f "$deb" ] || die "$deb is missing; run scripts/package.sh first"
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
for tool in apt-get dpkg dpkg-query timeout python3; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is needed (this test runs on Debian or Ubuntu)"
done

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null ||
    die "installing a package needs root: run as root, or with sudo that asks no password"
  sudo=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive
apt() { "${sudo[@]}" timeout "$apt_timeout" apt-get -o DPkg::Lock::Timeout=300 -q -y "$@"; }

status() { dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true; }

# --- refuse to touch an installation that is not the test's

state=$(status)
if [ -n "$state" ] && [ "$state" != not-installed ]; then
  if [ -f "$marker" ] && [ "$(cat "$marker")" = "$(dpkg-query -W -f='${Version}' "$pkg")" ]; then
    echo "install-test: $pkg was left installed by an earlier run of this test that was cut short; removing it first"
    apt remove --purge "$pkg" >/dev/null
    "${sudo[@]}" rm -f "$marker"
  else
    printf 'install-test: %s %s is already installed on this machine (state: %s), and not by this test.\n' \
      "$pkg" "$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null)" "$state" >&2
    printf 'install-test: nothing was changed. To run the test, remove it first (sudo apt remove %s) or run it on another machine.\n' "$pkg" >&2
    exit 3
  fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/failforward-install-test.XXXXXX")
chmod 0755 "$work"
installed=0
cleanup() {
  if [ "$installed" = 1 ]; then
    apt remove --purge "$pkg" >/dev/null 2>&1 || true
    "${sudo[@]}" rm -f "$marker"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); printf 'ok    install: %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf 'FAIL  install: %s\n' "$*"; }
check() {
  local desc=$1
  shift
  if "$@" >"$work/check.out" 2>&1; then
    pass "$desc"
  else
    fail "$desc: $(tr '\n' ' ' <"$work/check.out" | cut -c1-300)"
  fi
}

# --- install

dpkg-query -W -f='${Package}\n' | LC_ALL=C sort >"$work/packages.before"
version=$(dpkg-deb -f "$deb" Version)
printf '%s\n' "$version" | "${sudo[@]}" tee "$marker" >/dev/null
installed=1
if apt install --no-install-recommends "$deb" >"$work/apt.out" 2>&1; then
  pass "apt-get install $(basename "$deb")"
else
  fail "apt-get install $(basename "$deb"): $(tail -n 5 "$work/apt.out" | tr '\n' ' ')"
fi
dpkg-query -W -f='${Package}\n' | LC_ALL=C sort >"$work/packages.after"
# What apt pulled in besides the package itself, to remove at the end.
pulled=$(comm -13 "$work/packages.before" "$work/packages.after" | grep -vx "$pkg" | tr '\n' ' ' || true)
pulled=${pulled% }
[ -n "$pulled" ] && echo "install-test: apt also installed: $pulled"

if [ "$(status)" = installed ]; then pass "$pkg $version is installed"; else fail "$pkg is not installed (state: $(status))"; fi
dpkg-query -L "$pkg" >"$work/files" 2>/dev/null || true

# --- the installed app

check "/usr/bin/failforward is an executable file" test -f /usr/bin/failforward -a -x /usr/bin/failforward
check "failforward on PATH is /usr/bin/failforward" test "$(command -v failforward)" = /usr/bin/failforward
if ldd /usr/bin/failforward >"$work/ldd.out" 2>&1 && ! grep -q 'not found' "$work/ldd.out"; then
  pass "every library the binary links is installed"
else
  fail "libraries missing: $(grep 'not found' "$work/ldd.out" | tr '\n' ' ')"
fi
if timeout "$run_timeout" /usr/bin/failforward --help >"$work/help.out" 2>&1; then
  missing=""
  for word in Usage devices analyze waveform export import-labels -library -think -limit; do
    grep -q -- "$word" "$work/help.out" || missing+=" $word"
  done
  if [ -z "$missing" ]; then pass "failforward --help prints the usage"; else fail "failforward --help lacks:$missing"; fi
else
  fail "failforward --help: $(head -c 300 "$work/help.out")"
fi

# A spoken answer to analyze: espeak-ng's voice, else sox's tone.
wav=$work/answer.wav
if command -v espeak-ng >/dev/null 2>&1; then
  timeout 60 espeak-ng -w "$wav" "My biggest failure was a launch I planned badly. I learned to ask for help early." >/dev/null 2>&1 || true
elif command -v sox >/dev/null 2>&1; then
  timeout 60 sox -n -r 16000 -c 1 -b 16 "$wav" synth 3 sine 220 >/dev/null 2>&1 || true
fi
if [ -s "$wav" ]; then
  if timeout "$run_timeout" /usr/bin/failforward analyze "$wav" --json >"$work/analyze.json" 2>"$work/analyze.err"; then
    # The measured length must be the file's length.
    if why=$(python3 - "$wav" "$work/analyze.json" <<'EOF' 2>&1
import json, sys, wave
with wave.open(sys.argv[1]) as w:
    want = w.getnframes() / w.getframerate()
got = json.load(open(sys.argv[2]))
if abs(got["duration_s"] - want) > 0.01:
    sys.exit(f"duration_s {got['duration_s']}, the file lasts {want:.3f} s")
if not 0 < got["speech_s"] <= want:
    sys.exit(f"speech_s {got['speech_s']} for a {want:.3f} s file")
print(f"{want:.2f} s, {got['speech_s']:.2f} s of it speech")
EOF
    ); then
      pass "failforward analyze on a WAV: $why"
    else
      fail "failforward analyze --json: $why"
    fi
  else
    fail "failforward analyze: $(head -c 300 "$work/analyze.err")"
  fi
else
  fail "could not make a WAV to analyze (needs espeak-ng or sox)"
fi

# --- where desktops and software centres look

desktop=/usr/share/applications/$id.desktop
metainfo=/usr/share/metainfo/$id.metainfo.xml
check "desktop entry $desktop" test -f "$desktop"
exec_line=$(awk -F= '$1 == "Exec" { sub(/^[^=]*=/, ""); print; exit }' "$desktop" 2>/dev/null || true)
check "desktop Exec ($exec_line) runs /usr/bin/failforward" test "$(command -v "${exec_line%% *}")" = /usr/bin/failforward
icon_name=$(awk -F= '$1 == "Icon" { sub(/^[^=]*=/, ""); print; exit }' "$desktop" 2>/dev/null || true)
check "desktop Icon is $id" test "$icon_name" = "$id"
missing=""
for size in 16x16 24x24 32x32 48x48 64x64 128x128 256x256 512x512; do
  [ -f "/usr/share/icons/hicolor/$size/apps/$icon_name.png" ] || missing+=" $size"
done
[ -f "/usr/share/icons/hicolor/scalable/apps/$icon_name.svg" ] || missing+=" scalable"
if [ -z "$missing" ]; then pass "hicolor icons at every size and scalable"; else fail "hicolor icons missing:$missing"; fi
check "metainfo $metainfo" test -f "$metainfo"
check "metainfo launchable is the desktop entry" grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$metainfo"
check "man page" test -f /usr/share/man/man1/failforward.1.gz
check "copyright" test -f /usr/share/doc/$pkg/copyright

# --- remove, and check nothing is left

if apt remove --purge "$pkg" >"$work/remove.out" 2>&1; then
  pass "apt-get remove --purge $pkg"
else
  fail "apt-get remove --purge $pkg: $(tail -n 5 "$work/remove.out" | tr '\n' ' ')"
fi
if [ -n "$(status)" ] && [ "$(status)" != not-installed ]; then
  fail "$pkg is still known to dpkg after --purge (state: $(status))"
else
  installed=0
  "${sudo[@]}" rm -f "$marker"
  pass "$pkg is gone from dpkg's database"
fi
left=()
while IFS= read -r path; do
  [ -n "$path" ] && [ "$path" != /. ] || continue
  if [ -d "$path" ] && ! [ -L "$path" ]; then
    # A directory may stay when other packages keep files in it.
    if dpkg-query -S "$path" >/dev/null 2>&1 || [ -n "$(ls -A "$path")" ]; then continue; fi
    left+=("$path/")
  elif [ -e "$path" ] || [ -L "$path" ]; then
    left+=("$path")
  fi
done <"$work/files"
if [ "$(wc -l <"$work/files")" -lt 10 ]; then
  fail "dpkg -L listed only $(wc -l <"$work/files") paths before removal"
elif [ ${#left[@]} -eq 0 ]; then
  pass "every path of dpkg -L ($(wc -l <"$work/files" | tr -d ' ')) is gone, but for shared directories"
else
  fail "left behind: ${left[*]}"
fi

# What apt pulled in for the test goes too.
if [ -n "$pulled" ]; then
  # shellcheck disable=SC2086 # one package name a word
  if apt remove --purge $pulled >/dev/null 2>&1; then
    pass "removed what apt pulled in: $pulled"
  else
    fail "could not remove what apt pulled in: $pulled"
  fi
fi

printf 'install-test: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
