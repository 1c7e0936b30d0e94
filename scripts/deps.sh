#!/usr/bin/env bash
# Installs the system packages Fail Forward needs, when they are missing.
#   scripts/deps.sh build   compiler, GL/X11/Wayland headers, PortAudio
#   scripts/deps.sh test    the above plus the test tools (Xvfb, sox, espeak-ng, JACK)
#   scripts/deps.sh package the build packages plus what makes and checks the
#                           Linux packages (dpkg-dev, rsvg-convert, lintian, appstream)
#   scripts/deps.sh windows       build plus the Windows cross-build (mingw-w64, NSIS, zip, ImageMagick)
#   scripts/deps.sh windows-test  test and windows plus Wine, to run the Windows build
# On Debian and Ubuntu it installs with apt-get (apt-get update first). On
# other systems it checks and says what to install.
set -euo pipefail

what=${1:-build}

build_pkgs=(gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
  libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev
  wayland-protocols portaudio19-dev xz-utils)
test_pkgs=(xvfb xauth imagemagick xdotool x11-utils espeak-ng sox alsa-utils
  jackd2 libasound2-plugins strace python3 desktop-file-utils pocketsphinx-testdata pocketsphinx-en-us dbus shellcheck)
package_pkgs=(dpkg-dev librsvg2-bin binutils python3 lintian appstream desktop-file-utils man-db espeak-ng)

windows_pkgs=(gcc-mingw-w64-x86-64 nsis zip imagemagick)
windows_test_pkgs=(wine64)

pkgs=("${build_pkgs[@]}")
case "$what" in
  test) pkgs+=("${test_pkgs[@]}") ;;
  package) pkgs+=("${package_pkgs[@]}") ;;
  windows) pkgs+=("${windows_pkgs[@]}") ;;
  windows-test) pkgs+=("${test_pkgs[@]}" "${windows_pkgs[@]}" "${windows_test_pkgs[@]}") ;;
esac

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
    command -v sudo >/dev/null 2>&1 || { echo "deps: need root to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  # jackd2 asks whether to enable real-time priority; answer no.
  echo "jackd2 jackd/tweak_rt_limits boolean false" | "${sudo[@]}" debconf-set-selections 2>/dev/null || true
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

# Not Debian: check what we can and say what to install.
if ! pkg-config --exists portaudio-2.0 2>/dev/null; then
  case "$(uname -s)" in
    Darwin) hint="brew install portaudio pkg-config (and xcode-select --install)" ;;
    MINGW*|MSYS*) hint="pacman -S mingw-w64-x86_64-portaudio mingw-w64-x86_64-pkgconf mingw-w64-x86_64-gcc" ;;
    *) if command -v dnf >/dev/null 2>&1; then
         hint="sudo dnf install gcc pkgconf-pkg-config portaudio-devel libX11-devel libXcursor-devel libXrandr-devel libXinerama-devel libXi-devel libXxf86vm-devel mesa-libGL-devel wayland-devel libxkbcommon-devel"
       else
         hint="install PortAudio's development files, pkg-config, a C compiler and the OpenGL/X11 headers"
       fi ;;
  esac
  echo "deps: PortAudio development files not found; $hint" >&2
  exit 1
fi
