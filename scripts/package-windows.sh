#!/usr/bin/env bash
# Builds Fail Forward for 64-bit Windows on a Debian or Ubuntu machine
# (= `make package-windows`) and writes
#
#   dist/FailForward-<version>-windows-amd64.zip
#       a folder "Fail Forward" with "Fail Forward.exe" (the windowed app)
#       and failforward.exe (the same program for a Command Prompt);
#   dist/FailForward-<version>-windows-amd64-setup.exe
#       a per-user installer (no administrator rights) to
#       %LOCALAPPDATA%\Programs\Fail Forward, with a Start menu shortcut and
#       an uninstaller listed in Apps & features; /S makes both silent.
#
# What it needs it installs when missing (scripts/deps.sh windows): the
# mingw-w64 C compiler, NSIS, zip and ImageMagick. PortAudio is built from
# the source of the system's own PortAudio package (fetched with apt-get
# source through a private sources list, so the system's apt is left as it
# is), patched so its WASAPI host API compiles with mingw-w64, and linked
# statically with the WMME, DirectSound and WASAPI host APIs. That build is
# kept in the user's cache folder and reused by every later run, from any
# copy of the source tree.
#
# Icon, version information and a manifest (per-monitor DPI awareness, the
# supported Windows versions) are compiled into a resource object that is
# linked into both programs; it is made in a build copy of the tree, so the
# tree itself never changes.
#
# FF_PORTAUDIO_ONLY=1 stops once PortAudio is built (to fill the cache).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. scripts/lib.sh

say() { printf 'package-windows: %s\n' "$*"; }
die() { printf 'package-windows: %s\n' "$*" >&2; exit 1; }

app_details
case "$version" in
  [0-9]*.[0-9]*.[0-9]*) ;;
  *) die "Version \"$version\" in FyneApp.toml is not MAJOR.MINOR.PATCH, which Windows' version information needs" ;;
esac

scripts/deps.sh windows

host=x86_64-w64-mingw32
need_go
need_group=windows
need "$host-gcc" gcc-mingw-w64-x86-64 "$host-windres" binutils-mingw-w64-x86-64 \
  "$host-objdump" binutils-mingw-w64-x86-64 makensis nsis zip zip \
  convert imagemagick pkg-config pkg-config \
  apt-get apt
need make make

work=$(mktemp -d "${TMPDIR:-/tmp}/failforward-windows.XXXXXX")
trap 'rm -rf "$work"' EXIT

# ---------------------------------------------------------------------------
# PortAudio for mingw-w64, static, from the source of the system's package.

# The source is the one of the PortAudio the system has installed (deps.sh
# build installs portaudio19-dev), so the cache folder is named after it.
pa_deb_version=$(dpkg-query -W -f='${Version}' portaudio19-dev 2>/dev/null || true)
[ -n "$pa_deb_version" ] || die "portaudio19-dev is not installed; run scripts/deps.sh build first"
# Bump pa_recipe when the way PortAudio is patched or configured changes:
# it is part of the cache folder's name, so an old build is not reused.
pa_recipe=1
cache_root=${XDG_CACHE_HOME:-$HOME/.cache}/failforward
pa_prefix=$cache_root/portaudio-mingw-$pa_deb_version-r$pa_recipe

# private_sources writes deb-src lines for the archive the system installed
# PortAudio from, read from the system's apt sources (one-line .list files
# and deb822 .sources files) and narrowed to the archives apt-cache policy
# names for portaudio19-dev.
private_sources() {
  local files=() f
  [ -f /etc/apt/sources.list ] && files+=(/etc/apt/sources.list)
  for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && files+=("$f")
  done
  [ ${#files[@]} -gt 0 ] || return 0
  local all
  all=$(awk '
    function flush(   i, j, n, m, u, s, opt) {
      if (types ~ /(^|[[:space:]])deb($|[[:space:]])/ && enabled !~ /^(no|false)$/ && uris != "" && suites != "") {
        opt = (signed != "") ? "[signed-by=" signed "] " : ""
        n = split(uris, u, /[[:space:]]+/); m = split(suites, s, /[[:space:]]+/)
        for (i = 1; i <= n; i++) for (j = 1; j <= m; j++)
          if (u[i] != "" && s[j] != "") print "deb-src " opt u[i] " " s[j] " " comps
      }
      types = uris = suites = comps = signed = enabled = ""
    }
    FNR == 1 { flush() }
    FILENAME ~ /\.sources$/ {
      if ($0 ~ /^[[:space:]]*$/) { flush(); next }
      if ($0 ~ /^[[:space:]]*#/) next
      field = tolower($1); sub(/:$/, "", field)
      val = $0; sub(/^[^:]*:[[:space:]]*/, "", val)
      if (field == "types") types = val
      else if (field == "uris") uris = val
      else if (field == "suites") suites = val
      else if (field == "components") comps = val
      else if (field == "signed-by") signed = val
      else if (field == "enabled") enabled = tolower(val)
      next
    }
    /^[[:space:]]*deb[[:space:]]/ {
      line = $0; sub(/^[[:space:]]*deb[[:space:]]+/, "", line)
      print "deb-src " line
    }
    END { flush() }' "${files[@]}")
  # Keep the archives PortAudio came from; if none can be told apart, all.
  local policy picked="" line uri suite words i
  policy=$(apt-cache policy portaudio19-dev 2>/dev/null || true)
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    read -r -a words <<<"${line#deb-src }"
    i=0
    if [ "${words[0]:0:1}" = "[" ]; then # options: [ ... ]
      while [ "$i" -lt ${#words[@]} ] && [ "${words[$i]: -1}" != "]" ]; do i=$((i + 1)); done
      i=$((i + 1))
    fi
    uri=${words[$i]:-} suite=${words[$((i + 1))]:-}
    uri=${uri%/}
    if grep -Fq " $uri $suite/" <<<"$policy" || grep -Fq " $uri/ $suite/" <<<"$policy"; then
      picked+="$line"$'\n'
    fi
  done <<<"$all"
  if [ -n "$picked" ]; then printf '%s' "$picked"; else printf '%s\n' "$all"; fi
}

# fetch_portaudio DIR downloads the source package into DIR with apt-get
# source, through apt state of its own (removed afterwards); the download
# stays in DIR, so a later build with another recipe needs no network.
fetch_portaudio() {
  local dir=$1 state=$1.apt apt
  local have=("$dir"/portaudio19_*.orig.tar.*)
  [ -f "${have[0]}" ] && return 0
  rm -rf "$state"
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$state/parts" "$dir"
  private_sources >"$state/sources.list"
  [ -s "$state/sources.list" ] || die "found no apt sources to read PortAudio's source from (/etc/apt/sources.list, /etc/apt/sources.list.d)"
  apt=(-o "Dir::Etc::sourcelist=$state/sources.list" -o "Dir::Etc::sourceparts=$state/parts"
    -o "Dir::State::lists=$state/lists" -o "Dir::Cache=$state/cache" -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
    -o "APT::Sandbox::User=$(id -un)" -o Debug::NoLocking=1)
  say "fetching the source of PortAudio $pa_deb_version (apt-get source, private sources list)"
  if ! apt-get "${apt[@]}" -qq update >"$state/update.log" 2>&1; then
    # A failed index among several is not fatal: the source may come from another.
    sed 's/^/  apt: /' "$state/update.log" >&2
  fi
  (cd "$dir" && apt-get "${apt[@]}" -qq source --download-only "portaudio19=$pa_deb_version") >"$state/source.log" 2>&1 || {
    sed 's/^/  apt: /' "$state/source.log" >&2
    rm -rf "$state"
    die "apt-get source could not fetch portaudio19 $pa_deb_version (its message is above); check the network and the apt sources"
  }
  rm -rf "$state"
}

# patch_wasapi DIR makes PortAudio's WASAPI host API compile with
# mingw-w64: it takes the header block meant for MSVC (mingw-w64 has the
# same headers, in lower case), and includes only the devpkey header, whose
# include guard is shared with functiondiscoverykeys.h.
patch_wasapi() {
  local f=$1/src/hostapi/wasapi/pa_win_wasapi.c
  [ -f "$f" ] || die "PortAudio's source has no $f"
  sed -i \
    -e 's/^#if defined(_MSC_VER) && (_MSC_VER >= 1400)/#if (defined(_MSC_VER) \&\& (_MSC_VER >= 1400)) || defined(__MINGW64_VERSION_MAJOR)/' \
    -e 's/^\([[:space:]]*#[[:space:]]*include[[:space:]]*<\)Avrt\.h>/\1avrt.h>/' \
    -e 's/^\([[:space:]]*#[[:space:]]*include[[:space:]]*<\)Audioclient\.h>/\1audioclient.h>/' \
    -e 's/^\([[:space:]]*#[[:space:]]*include[[:space:]]*<\)functiondiscoverykeys\.h>/\1functiondiscoverykeys_devpkey.h>/' \
    "$f"
  grep -q '__MINGW64_VERSION_MAJOR' "$f" || die "could not patch $f for mingw-w64: its MSVC header block has changed; look at it and update patch_wasapi"
}

build_portaudio() {
  local dir=$work/portaudio orig src jobs
  fetch_portaudio "$cache_root/portaudio-source-$pa_deb_version"
  orig=("$cache_root/portaudio-source-$pa_deb_version"/portaudio19_*.orig.tar.*)
  [ -f "${orig[0]}" ] || die "apt-get source gave no portaudio19_*.orig.tar.* file"
  mkdir -p "$dir/build"
  tar -xf "${orig[0]}" -C "$dir/build"
  src=$(find "$dir/build" -mindepth 1 -maxdepth 1 -type d | head -n 1)
  [ -f "$src/configure" ] || die "the PortAudio source has no configure script"
  patch_wasapi "$src"
  jobs=$(nproc 2>/dev/null || echo 2)
  say "building PortAudio for $host (WMME, DirectSound, WASAPI; static)"
  (
    cd "$src"
    # configure looks for the host's JACK through pkg-config: an empty
    # search path keeps it to the Windows host APIs.
    PKG_CONFIG_LIBDIR=/nonexistent PKG_CONFIG_PATH='' ./configure --host="$host" --prefix="$pa_prefix.tmp" \
      --enable-static --disable-shared --with-winapi=wmme,directx,wasapi >"$dir/configure.log" 2>&1 ||
      { tail -n 30 "$dir/configure.log" >&2; exit 1; }
    # The headers PortAudio bundles for the old mingw clash with
    # mingw-w64's own: configure adds them to the flags; take them out.
    sed -i -e 's|-I[^ ]*/src/hostapi/wasapi/mingw-include||g' Makefile
    make -j"$jobs" >"$dir/make.log" 2>&1 || { tail -n 40 "$dir/make.log" >&2; exit 1; }
    rm -rf "$pa_prefix.tmp"
    make install >"$dir/install.log" 2>&1 || { tail -n 20 "$dir/install.log" >&2; exit 1; }
  ) || die "building PortAudio for Windows failed (the end of its log is above)"
  # The .pc file names the prefix it was configured with: point it at the
  # final folder before moving there.
  sed -i "s|$pa_prefix.tmp|$pa_prefix|g" "$pa_prefix.tmp/lib/pkgconfig/portaudio-2.0.pc"
  rm -rf "$pa_prefix"
  mv "$pa_prefix.tmp" "$pa_prefix"
}

if ! [ -f "$pa_prefix/lib/pkgconfig/portaudio-2.0.pc" ] || ! [ -f "$pa_prefix/lib/libportaudio.a" ]; then
  mkdir -p "$cache_root"
  build_portaudio
else
  say "using PortAudio from $pa_prefix"
fi
[ "${FF_PORTAUDIO_ONLY:-}" = 1 ] && exit 0

# ---------------------------------------------------------------------------
# The two programs, with their resources.

# The Go binding of PortAudio asks pkg-config for its flags; a static
# PortAudio needs the system libraries it uses too (Libs.private).
pkg_config_static=$pa_prefix/bin/pkg-config-static
if ! [ -x "$pkg_config_static" ]; then
  mkdir -p "$pa_prefix/bin"
  printf '#!/bin/sh\nexec pkg-config --static "$@"\n' >"$pkg_config_static"
  chmod +x "$pkg_config_static"
fi
goenv=(CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC="$host-gcc"
  PKG_CONFIG="$pkg_config_static" PKG_CONFIG_LIBDIR="$pa_prefix/lib/pkgconfig" PKG_CONFIG_PATH=)

# A copy of the tree to build in, so the resource object never lands in
# the tree itself (-trimpath keeps the build cache shared with the tree).
src=$work/src
mkdir -p "$src"
tar -C "$root" --exclude=./.git --exclude=./bin --exclude=./dist --exclude=./testdata/failed -cf - . | tar -C "$src" -xf -

res=$work/res
mkdir -p "$res"
# The icon at the sizes Windows shows: 16 to 256 pixels.
convert "$icon" -background none -define icon:auto-resize=256,128,64,48,32,24,16 "$res/icon.ico" ||
  die "ImageMagick could not make the Windows icon from $icon"
IFS=. read -r v_major v_minor v_patch <<<"$version"
v_patch=${v_patch%%[!0-9]*}
fill() {
  sed -e "s|@NAME@|$name|g" -e "s|@ID@|$id|g" -e "s|@VERSION@|$version|g" \
    -e "s|@VERSION4@|$v_major.$v_minor.$v_patch.$build|g" -e "s|@VERSIONCOMMA@|$v_major,$v_minor,$v_patch,$build|g" \
    -e "s|@FILENAME@|$2|g" "$1"
}
fill packaging/windows/app.manifest.in "" >"$res/app.manifest"

stage=$work/stage/$name
mkdir -p "$stage"
# build_exe FILE LDFLAGS builds one program with its resources.
build_exe() {
  local file=$1 ldflags=$2
  fill packaging/windows/app.rc.in "$file" >"$res/app.rc"
  "$host-windres" -O coff -I "$res" -i "$res/app.rc" -o "$src/rsrc_windows_amd64.syso" ||
    die "windres could not compile the Windows resources"
  (cd "$src" && env "${goenv[@]}" go build -trimpath -buildvcs=false -ldflags "$ldflags" -o "$stage/$file" .) ||
    die "the Windows build of $file failed (the compiler's message is above)"
}
say "building \"$name.exe\" and failforward.exe $version for windows/amd64"
start=$(date +%s)
build_exe "$name.exe" "-H windowsgui -s -w"
build_exe failforward.exe "-s -w"
say "built in $(($(date +%s) - start)) s"

# Nothing but Windows' own DLLs: no PortAudio, no compiler runtime beside
# the exe.
system_dlls=(advapi32.dll avrt.dll bcrypt.dll comctl32.dll comdlg32.dll dwmapi.dll gdi32.dll imm32.dll kernel32.dll
  msvcrt.dll ntdll.dll ole32.dll oleaut32.dll opengl32.dll setupapi.dll shell32.dll shlwapi.dll user32.dll
  uxtheme.dll version.dll winmm.dll winspool.drv ws2_32.dll)
all_dlls=()
for exe in "$stage/$name.exe" "$stage/failforward.exe"; do
  dlls=$("$host-objdump" -p "$exe" | awk '/DLL Name:/ { print tolower($3) }' | sort -u)
  [ -n "$dlls" ] || die "$(basename "$exe") imports no DLLs at all: objdump could not read it"
  for dll in $dlls; do
    case " ${system_dlls[*]} " in
      *" $dll "*) ;;
      *) die "$(basename "$exe") imports $dll, which is not part of Windows: it would not start on its own" ;;
    esac
    all_dlls+=("$dll")
  done
done
say "imports: $(printf '%s\n' "${all_dlls[@]}" | sort -u | tr '\n' ' ')"

# A short text for the folder: what the two programs are.
{
  printf '%s %s for Windows\r\n\r\n' "$name" "$version"
  printf '"%s.exe" opens the practice window.\r\n' "$name"
  printf 'failforward.exe is the same program for a Command Prompt:\r\n'
  printf '  failforward devices | analyze FILE.wav | waveform | export | import-labels  (failforward --help)\r\n\r\n'
  printf 'Your takes are kept in %%LOCALAPPDATA%%\\FailForward\\takes unless you choose another folder.\r\n'
  printf 'Removing the program (or this folder) never removes them.\r\n'
} >"$stage/README.txt"

# ---------------------------------------------------------------------------
# The zip and the installer.
mkdir -p dist
zip_out=dist/FailForward-$version-windows-amd64.zip
setup_out=dist/FailForward-$version-windows-amd64-setup.exe
rm -f "$zip_out" "$setup_out"
(cd "$work/stage" && zip -q -r -X "$root/$zip_out" "$name") || die "zip could not write $zip_out"

size_kb=$(du -sk "$stage" | cut -f1)
makensis -V2 -NOCD \
  -DNAME="$name" -DVERSION="$version" -DID="$id" -DPUBLISHER="$name" \
  -DSRCDIR="$stage" -DICON="$res/icon.ico" -DSIZE_KB="$size_kb" -DOUTFILE="$root/$setup_out" \
  packaging/windows/installer.nsi >"$work/makensis.log" 2>&1 || {
  cat "$work/makensis.log" >&2
  die "makensis could not build the installer (its message is above)"
}

say "made:"
for f in "$zip_out" "$setup_out"; do
  printf '  %s (%s)\n' "$f" "$(du -h "$f" | cut -f1)"
done
