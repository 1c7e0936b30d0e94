#!/usr/bin/env bash
# Builds the installable packages of Fail Forward into dist/ (= `make package`):
#
#   dist/failforward_<version>_<arch>.deb
#       the Debian/Ubuntu package: `sudo apt install ./failforward_...deb`
#       installs it with the libraries it needs (Depends comes from
#       dpkg-shlibdeps), `sudo apt remove failforward` removes it.
#   dist/FailForward-<version>-linux-<arch>.tar.xz
#       for other distributions: the binary, the .desktop file, the icons,
#       the AppStream metainfo, the man page, the copyright file and a
#       Makefile: unpack it and
#       run `sudo make install` (or `make user-install`) inside.
#   dist/Fail Forward.app
#       the macOS application bundle: Info.plist (with the sentence macOS shows
#       when it asks for the microphone), icon.icns and the binary. Made on
#       Linux it holds the Linux binary, so it shows the bundle as it ships but
#       only runs when made on a Mac.
#
# Name, ID, version, icon and the microphone sentence come from FyneApp.toml;
# what it has no field for (homepage, maintainer, licence) from
# packaging/linux/package.conf. The Linux files beside the binary are made
# from packaging/linux/ (metainfo template, man page, copyright) and
# assets/icon.svg (the hicolor icons, rendered with rsvg-convert).
# The packaging tool, fyne from fyne.io/tools, is installed into bin/tools
# when it is missing. The app is built once (Go's build cache makes rebuilds
# quick) and packaged from that binary for each system.
#
# Nothing tracked changes: `fyne package` adds 1 to Build in FyneApp.toml on
# every run, so it reads a copy of the metadata in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. scripts/lib.sh

fyne_tools_version=v1.7.4
tools_dir=$root/bin/tools
fyne=$tools_dir/fyne

say() { printf 'package: %s\n' "$*"; }
die() { printf 'package: %s\n' "$*" >&2; exit 1; }

app_details

need_go
need tar tar xz xz-utils

goos=$(go env GOOS)
goarch=$(go env GOARCH)
case "$goos" in
  linux) targets=(linux darwin) ;;
  darwin) targets=(darwin) ;;
  *) die "packages are made on Linux (the archive and the macOS bundle layout) or on macOS (the app); on $goos build from source as the README says" ;;
esac

# The packaging tool, pinned, in the project's own bin/tools.
if ! [ -x "$fyne" ] || ! go version -m "$fyne" 2>/dev/null | grep -Eq "^[[:space:]]+mod[[:space:]]+fyne\.io/tools[[:space:]]+$fyne_tools_version([[:space:]]|$)"; then
  say "installing fyne.io/tools $fyne_tools_version into bin/tools"
  GOBIN=$tools_dir go install "fyne.io/tools/cmd/fyne@$fyne_tools_version"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/failforward-package.XXXXXX")
trap 'rm -rf "$work"' EXIT

# One build for every package. -trimpath and -s -w as in a fyne release
# build: no paths of the build machine and no debug tables in what ships.
# On Linux it is a position-independent executable whose relocations are
# read-only once loaded (PIE, relro, bindnow), as Debian builds its own.
exe=$work/failforward
build_flags=(-trimpath -ldflags "-s -w")
if [ "$goos" = linux ]; then
  build_flags=(-trimpath -buildmode=pie -ldflags "-s -w -extldflags=-Wl,-z,relro,-z,now")
fi
say "building failforward $version for $goos/$goarch"
go build "${build_flags[@]}" -o "$exe" .
# The C compiler's version notes (.comment) are of no use at run time.
if [ "$goos" = linux ] && command -v objcopy >/dev/null 2>&1; then
  objcopy --remove-section=.comment "$exe"
fi

# stage_src DIR makes a fresh copy of what fyne package reads: the metadata,
# the icon, and go.mod and main.go (it wants Go code beside the metadata).
# A fresh copy per target keeps Build the same in every package.
stage_src() {
  mkdir -p "$1/$(dirname "$icon")"
  cp FyneApp.toml go.mod main.go "$1/"
  cp "$icon" "$1/$icon"
}

# fyne_package TARGET runs fyne package for TARGET (linux or darwin) on the
# binary; its output lands in $work/out-TARGET.
fyne_package() {
  stage_src "$work/src-$1"
  mkdir -p "$work/out-$1"
  # fyne writes its output into the folder it runs in.
  (cd "$work/out-$1" && "$fyne" package -os "$1" --exe "$exe" --src "$work/src-$1") \
    || die "fyne package -os $1 failed (its message is above)"
}

# --- Linux: the files both Linux packages carry beside the binary

linux_conf=packaging/linux/package.conf
# conf KEY prints KEY's value in packaging/linux/package.conf.
conf() {
  local v
  v=$(awk -v key="$1" 'index($0, key "=") == 1 { print substr($0, length(key) + 2); exit }' "$linux_conf")
  [ -n "$v" ] || die "$linux_conf has no $1=...; add it"
  printf '%s\n' "$v"
}

# toml_list TABLE KEY prints the items of a one-line string list, one a line.
toml_list() {
  awk -v table="$1" -v key="$2" '
    /^[[:space:]]*\[/ { section = $0; gsub(/[[:space:]\[\]]/, "", section); next }
    section == table && $0 ~ "^[[:space:]]*" key "[[:space:]]*=" {
      sub(/^[^\[]*\[/, ""); sub(/\][[:space:]]*$/, "")
      n = split($0, items, ",")
      for (i = 1; i <= n; i++) { v = items[i]; gsub(/^[[:space:]]*"|"[[:space:]]*$/, "", v); print v }
      exit
    }' FyneApp.toml
}

# release_date prints the day the current version was set: the date of the
# commit that wrote it into FyneApp.toml, so every build of one version
# carries the same date. Outside git, SOURCE_DATE_EPOCH or today.
release_date() {
  local d=""
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    d=$(git log -1 --format=%cs -S"Version = \"$version\"" -- FyneApp.toml 2>/dev/null || true)
  fi
  if [ -z "$d" ]; then
    d=$(date -u -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}" +%F)
  fi
  printf '%s\n' "$d"
}

# xml_escape TEXT escapes &, < and > for XML text.
xml_escape() {
  local t=${1//&/&amp;}
  t=${t//</&lt;}
  printf '%s' "${t//>/&gt;}"
}

# linux_share DIR DESKTOP writes what goes under a prefix's share/ into DIR:
# applications/ID.desktop (DESKTOP, fyne's from its archive), the hicolor
# icons rendered from assets/icon.svg plus the SVG itself,
# metainfo/ID.metainfo.xml, doc/failforward/copyright and
# man/man1/failforward.1.gz.
linux_share() {
  local dir=$1 desktop=$2 svg=assets/icon.svg size
  command -v rsvg-convert >/dev/null 2>&1 ||
    die "rsvg-convert is needed to draw the icons; Debian/Ubuntu: apt-get install librsvg2-bin (or scripts/deps.sh package)"
  [ -f "$svg" ] || die "$svg is missing: the Linux icons are drawn from it"

  install -D -m 0644 "$desktop" "$dir/applications/$id.desktop"

  for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$dir/icons/hicolor/${size}x${size}/apps"
    rsvg-convert -w "$size" -h "$size" -f png -o "$dir/icons/hicolor/${size}x${size}/apps/$id.png" "$svg" ||
      die "rsvg-convert could not draw $svg at ${size}x${size}"
  done
  install -D -m 0644 "$svg" "$dir/icons/hicolor/scalable/apps/$id.svg"

  local homepage categories="" keywords="" c
  homepage=$(conf homepage)
  while IFS= read -r c; do categories+="    <category>$(xml_escape "$c")</category>"$'\n'; done < <(toml_list LinuxAndBSD Categories)
  while IFS= read -r c; do keywords+="    <keyword>$(xml_escape "$c")</keyword>"$'\n'; done < <(toml_list LinuxAndBSD Keywords)
  mkdir -p "$dir/metainfo"
  ID=$id NAME=$(xml_escape "$name") SUMMARY=$(xml_escape "$(toml_details Comment LinuxAndBSD)") \
    DEVELOPER=$(xml_escape "$(conf maintainer_name)") HOMEPAGE=$homepage DOCS_URL="${homepage%/}/docs/" \
    PROJECT_LICENSE="<project_license>$(conf license)</project_license>" \
    CATEGORIES=${categories%$'\n'} KEYWORDS=${keywords%$'\n'} EXE=failforward VERSION=$version DATE=$date \
    fill packaging/linux/metainfo.xml.in >"$dir/metainfo/$id.metainfo.xml"

  # The copyright file, with the notices of what is linked into the binary.
  mkdir -p "$dir/doc/failforward"
  {
    YEAR=${date%%-*} MAINTAINER="$(conf maintainer_name) <$(conf maintainer_email)>" HOMEPAGE=$homepage \
      fill packaging/linux/copyright
    module_notices "$exe"
  } >"$dir/doc/failforward/copyright"

  mkdir -p "$dir/man/man1"
  VERSION=$version DATE=$date fill packaging/linux/failforward.1 | gzip -9n >"$dir/man/man1/failforward.1.gz"
}

# fill FILE prints FILE with each @KEY@ replaced by the environment
# variable KEY; a placeholder with no value is an error.
fill() {
  python3 - "$1" <<'PY' || die "could not fill in $1 (its message is above)"
import os, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
def value(m):
    v = os.environ.get(m.group(1))
    if v is None:
        sys.exit(f"{sys.argv[1]}: no value for @{m.group(1)}@")
    return v
sys.stdout.write(re.sub(r"@([A-Z_]+)@", value, text))
PY
}

# module_notices BIN prints a copyright paragraph for each Go module linked
# into BIN, and for Go's own library: their licences ask that the notice and
# licence travel with the binary. The texts come from the module cache.
module_notices() {
  go version -m "$1" | awk '$1 == "dep" { print $2, $3 } $1 == "=>" { print "replaced" }' |
    while read -r mod ver; do
      [ "$mod" = replaced ] && die "a replaced module is linked; its licence cannot be looked up by path"
      local dir lic
      dir=$(go list -m -f '{{.Dir}}' "$mod@$ver" 2>/dev/null) || dir=""
      lic=$(find "$dir" -maxdepth 1 -type f \( -iname 'LICEN[CS]E*' -o -iname 'COPYING*' \) 2>/dev/null | LC_ALL=C sort | head -n 1)
      [ -n "$lic" ] || die "no licence file found for the Go module $mod $ver (in $dir)"
      notice "$mod $ver" "$lic"
    done
  notice "Go standard library $(go env GOVERSION)" "$(go env GOROOT)/LICENSE"
}

# notice WHAT FILE prints one DEP-5 paragraph for a part of the binary:
# its Copyright lines (or a pointer to the text) and the licence text.
notice() {
  local copyright
  copyright=$(grep -E -i '^[[:space:]]*(copyright[[:space:]]*(\(c\)|©)?[[:space:]]*[0-9]|\(c\)[[:space:]]*[0-9]|©[[:space:]]*[0-9])' "$2" |
    sed -E 's/^[[:space:]]*//; s/^[Cc][Oo][Pp][Yy][Rr][Ii][Gg][Hh][Tt][[:space:]]*//; s/^(\([cC]\)|©)[[:space:]]*//; s/[[:space:]]+$//' | head -n 5 || true)
  printf '\nFiles: usr/bin/failforward\nComment: linked in: %s\n' "$1"
  printf 'Copyright: %s\n' "${copyright:-the authors of ${1%% *}}" | sed '2,$s/^/ /'
  # The Apache licence is long and common: Debian keeps one copy of it
  # (lintian asks packages to point to that instead of repeating it).
  if grep -q 'Apache License' "$2" && grep -q 'Version 2\.0, January 2004' "$2"; then
    printf 'License: Apache-2.0\n'
    printf ' %s\n' "The full text of the Apache License, Version 2.0, is at" \
      "https://www.apache.org/licenses/LICENSE-2.0 and, on Debian systems, in" "/usr/share/common-licenses/Apache-2.0."
    return
  fi
  printf 'License: %s\n' "$(printf '%s' "${1%% *}" | tr -c 'A-Za-z0-9.+\n-' '-')-licence"
  sed 's/[[:space:]]*$//; s/^$/./; s/^/ /' "$2"
}

# linux_archive makes the tar.xz: fyne's archive, with the hicolor icons in
# place of the one PNG under pixmaps, the metainfo, the man page and a
# Makefile that installs them all.
linux_archive() {
  local out=$1 x=$work/archive
  [ -f "$work/out-linux/$name.tar.xz" ] || die "fyne package did not write \"$name.tar.xz\""
  mkdir -p "$x"
  tar -xJf "$work/out-linux/$name.tar.xz" -C "$x"
  local top=$x/failforward prefix
  [ -d "$top" ] || die "fyne's archive has no failforward/ folder"
  prefix=$(cd "$top" && find . -path '*/bin/failforward' -type f | sed 's|^\./||; s|/bin/failforward$||')
  [ -n "$prefix" ] || die "fyne's archive has no bin/failforward"
  cp "$top/$prefix/share/applications/$id.desktop" "$work/$id.desktop"
  rm -rf "$top/$prefix/share"
  linux_share "$top/$prefix/share" "$work/$id.desktop"
  sed "s|@PREFIX@|$prefix|g" packaging/linux/archive.mk >"$top/Makefile"
  chmod -R u+rwX,go+rX,go-w "$top"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="$date 00:00Z" \
    -C "$x" -cf - failforward | xz -9 >"$out"
}

# linux_deb OUT makes the Debian package from the binary and the share/
# files the archive carries.
linux_deb() {
  local out=$1 tool
  for tool in dpkg-deb dpkg-shlibdeps; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is needed for the .deb; Debian/Ubuntu: apt-get install dpkg-dev (or scripts/deps.sh package)"
  done
  local arch deb=$work/deb pkg=$work/deb/pkg
  arch=$(dpkg --print-architecture)
  mkdir -p "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/share/doc/failforward"
  install -m 0755 "$exe" "$pkg/usr/bin/failforward"
  linux_share "$pkg/usr/share" "$work/$id.desktop"

  local maintainer homepage
  maintainer="$(conf maintainer_name) <$(conf maintainer_email)>"
  homepage=$(conf homepage)
  # A native package's changelog, in Debian's format, one entry per release.
  {
    printf 'failforward (%s) unstable; urgency=medium\n\n' "$version"
    printf '  * Release %s.\n\n' "$version"
    printf ' -- %s  %s\n' "$maintainer" "$(LC_ALL=C date -u -d "$date 12:00Z" -R)"
  } | gzip -9n >"$pkg/usr/share/doc/failforward/changelog.gz"
  install -D -m 0644 packaging/linux/lintian-overrides "$pkg/usr/share/lintian/overrides/failforward"

  # Depends: dpkg-shlibdeps reads the libraries the binary links and the
  # packages that ship them; it wants a debian/control beside it. The
  # libraries GLFW loads at run time (X11 extensions, Wayland, xkbcommon)
  # are not linked, so package.conf names them.
  mkdir -p "$deb/src/debian"
  printf 'Source: failforward\n\nPackage: failforward\nArchitecture: any\n' >"$deb/src/debian/control"
  local shlibs depends
  shlibs=$(cd "$deb/src" && dpkg-shlibdeps -O -e"$pkg/usr/bin/failforward" 2>"$deb/shlibdeps.err") ||
    die "dpkg-shlibdeps failed: $(cat "$deb/shlibdeps.err")"
  shlibs=${shlibs#shlibs:Depends=}
  [ -n "$shlibs" ] || die "dpkg-shlibdeps found no libraries in the binary"
  depends="$shlibs, $(conf runtime_depends)"

  local size
  size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
  cat >"$pkg/DEBIAN/control" <<CONTROL
Package: failforward
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: $depends
Recommends: $(conf runtime_recommends)
Section: education
Priority: optional
Homepage: $homepage
Description: $(head -n 1 packaging/linux/description)
$(tail -n +3 packaging/linux/description | fold -s -w 72 | sed 's/[[:space:]]*$//; s/^$/./; s/^/ /')
CONTROL
  (cd "$pkg" && find usr -type f -print0 | LC_ALL=C sort -z | xargs -0 md5sum) >"$pkg/DEBIAN/md5sums"
  find "$pkg" -type d -exec chmod 0755 {} +
  find "$pkg" -type f -exec chmod 0644 {} +
  chmod 0755 "$pkg/usr/bin/failforward"
  dpkg-deb --root-owner-group -Zxz --build "$pkg" "$out" >/dev/null
}

# package_linux makes the archive and the .deb.
package_linux() {
  fyne_package linux
  date=$(release_date)
  local archive=dist/FailForward-$version-linux-$goarch.tar.xz
  linux_archive "$archive"
  made+=("$archive")
  # The .deb is made where Debian's tools are (scripts/deps.sh package
  # installs them on Debian and Ubuntu).
  if command -v dpkg-deb >/dev/null 2>&1; then
    local deb
    deb=dist/failforward_${version}_$(dpkg --print-architecture).deb
    linux_deb "$deb"
    made+=("$deb")
  else
    say "no dpkg-deb here, so no .deb: make it on Debian or Ubuntu (scripts/deps.sh package installs the tools)"
  fi
}

# package_darwin makes the macOS bundle layout.
package_darwin() {
  fyne_package darwin
  local out="dist/$name.app" plist="$work/out-darwin/$name.app/Contents/Info.plist"
  [ -f "$plist" ] || die "fyne package did not write \"$name.app\""
  # fyne package leaves the category empty ("public.app-category."),
  # which macOS does not know; the app is for learning.
  sed -i.orig 's|<string>public\.app-category\.</string>|<string>public.app-category.education</string>|' "$plist"
  rm -f "$plist.orig"
  rm -rf "$out"
  mv "$work/out-darwin/$name.app" "$out"
  made+=("$out")
}

mkdir -p dist
made=()
for target in "${targets[@]}"; do
  "package_$target"
done

say "made:"
for f in "${made[@]}"; do
  printf '  %s (%s)\n' "$f" "$(du -sh "$f" | cut -f1)"
done
if [ "$goos" != darwin ]; then
  say "\"$name.app\" holds the $goos binary: it shows the macOS bundle; make the runnable app on a Mac (see README)"
fi
