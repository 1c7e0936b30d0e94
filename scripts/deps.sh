#!/usr/bin/env bash
# Installs the system packages Fail Forward needs, when they are missing.
#
#   scripts/deps.sh [GROUP...]      install the packages of each GROUP (default: build)
#   scripts/deps.sh --list GROUP... print them, one a line, and install nothing
#
# Groups:
#   build   C compiler and C library headers, GL/X11/Wayland headers,
#           PortAudio, certificates for Go's module downloads, make, git
#   test    build, plus every tool the tests and scripts/*.sh call (Xvfb,
#           xdotool, ImageMagick, sox, espeak-ng, JACK, strace, pgrep, ...)
#   package build, plus what makes and checks the Linux packages (dpkg-dev,
#           rsvg-convert, lintian, appstream)
#   windows build, plus the Windows cross-build (mingw-w64, NSIS, zip,
#           ImageMagick)
#   windows_test  test and windows, plus Wine to run the Windows build
#
# Each group is one array below, named pkgs_GROUP; a new group is a new
# array (pkgs_package=(...), pkgs_windows=(...)) and works at once as
# `scripts/deps.sh package`. A group that needs another one starts with
# its packages ("${pkgs_build[@]}"). Every package a script or test uses is
# named: installs run with --no-install-recommends, so nothing may come in
# only as a recommendation of another (libc6-dev of gcc, ca-certificates
# of git), as on a minimal system or in a container.
#
# On Debian and Ubuntu it installs the missing ones with apt-get (as root or
# through sudo; apt-get update first, non-interactive, waiting up to 10
# minutes for another apt to finish). On other systems it checks the build
# libraries and says what to install.
set -euo pipefail

pkgs_build=(gcc libc6-dev pkg-config make git ca-certificates xz-utils
  libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev
  libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev wayland-protocols
  portaudio19-dev)
pkgs_test=("${pkgs_build[@]}"
  xvfb xauth x11-utils xdotool imagemagick dbus
  espeak-ng sox alsa-utils jackd2 libasound2-plugins
  strace procps util-linux mount python3 desktop-file-utils
  pocketsphinx-testdata pocketsphinx-en-us shellcheck)
pkgs_package=("${pkgs_build[@]}"
  dpkg-dev librsvg2-bin binutils python3 lintian appstream desktop-file-utils
  man-db espeak-ng)
pkgs_windows=("${pkgs_build[@]}" gcc-mingw-w64-x86-64 nsis zip imagemagick)
pkgs_windows_test=("${pkgs_test[@]}" "${pkgs_windows[@]}" wine64)

groups=()
for v in $(compgen -A variable pkgs_); do groups+=("${v#pkgs_}"); done

usage() {
  echo "usage: scripts/deps.sh [--list] [GROUP...]   (groups: ${groups[*]})" >&2
  exit 2
}

list=0
if [ "${1:-}" = --list ]; then
  list=1
  shift
fi
[ $# -gt 0 ] || set -- build

# (Plain bash 3 from here on: macOS runs this with its own bash.)
pkgs=()
for group in "$@"; do
  case "$group" in
    -*) usage ;;
    *[!a-z0-9_]* | '') ok=0 ;;
    *) ok=1; declare -p "pkgs_$group" >/dev/null 2>&1 || ok=0 ;;
  esac
  if [ "$ok" = 0 ]; then
    echo "deps: no package group '$group' (groups: ${groups[*]})" >&2
    exit 2
  fi
  eval 'for p in "${pkgs_'"$group"'[@]}"; do
    case " ${pkgs[*]-} " in *" $p "*) ;; *) pkgs+=("$p") ;; esac
  done'
done

if [ "$list" = 1 ]; then
  printf '%s\n' "${pkgs[@]}"
  exit 0
fi

if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${pkgs[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    exit 0
  fi
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
      echo "deps: these packages are missing and installing them needs root: ${missing[*]}" >&2
      echo "deps: run as root, or install sudo, or install them yourself: apt-get install ${missing[*]}" >&2
      exit 1
    }
    sudo=(sudo)
  fi
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt=(apt-get -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
  "${sudo[@]}" "${apt[@]}" update -qq
  # jackd2 asks whether to enable real-time priority; answer no.
  if command -v debconf-set-selections >/dev/null 2>&1; then
    echo "jackd2 jackd/tweak_rt_limits boolean false" | "${sudo[@]}" debconf-set-selections 2>/dev/null || true
  fi
  if ! "${sudo[@]}" "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "deps: apt-get could not install ${missing[*]} (its message is above)" >&2
    exit 1
  fi
  exit 0
fi

# Not Debian: check what we can and say what to install.
if ! pkg-config --exists portaudio-2.0 2>/dev/null; then
  case "$(uname -s)" in
    Darwin) hint="brew install portaudio pkg-config (and xcode-select --install)" ;;
    MINGW*|MSYS*) hint="pacman -S mingw-w64-x86_64-portaudio mingw-w64-x86_64-pkgconf mingw-w64-x86_64-gcc" ;;
    *) if command -v dnf >/dev/null 2>&1; then
         hint="sudo dnf install gcc glibc-devel pkgconf-pkg-config portaudio-devel libX11-devel libXcursor-devel libXrandr-devel libXinerama-devel libXi-devel libXxf86vm-devel mesa-libGL-devel wayland-devel libxkbcommon-devel"
       else
         hint="install PortAudio's development files, pkg-config, a C compiler with the C library headers and the OpenGL/X11 headers"
       fi ;;
  esac
  echo "deps: PortAudio development files not found; $hint" >&2
  exit 1
fi
