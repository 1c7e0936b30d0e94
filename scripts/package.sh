#!/usr/bin/env bash
# Builds the installable packages of Fail Forward into dist/ (= `make package`):
#
#   dist/FailForward-<version>-linux-<arch>.tar.xz
#       the binary, the .desktop file, the icon and a Makefile: unpack it and
#       run `sudo make install` (or `make user-install`) inside.
#   dist/Fail Forward.app
#       the macOS application bundle: Info.plist (with the sentence macOS shows
#       when it asks for the microphone), icon.icns and the binary. Made on
#       Linux it holds the Linux binary, so it shows the bundle as it ships but
#       only runs when made on a Mac.
#
# Name, ID, version, icon and the microphone sentence come from FyneApp.toml.
# The packaging tool, fyne from fyne.io/tools, is installed into bin/tools
# when it is missing. The app is built once (Go's build cache makes rebuilds
# quick) and packaged from that binary for each system.
#
# Nothing tracked changes: `fyne package` adds 1 to Build in FyneApp.toml on
# every run, so it reads a copy of the metadata in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

fyne_tools_version=v1.7.4
tools_dir=$root/bin/tools
fyne=$tools_dir/fyne

say() { printf 'package: %s\n' "$*"; }
die() { printf 'package: %s\n' "$*" >&2; exit 1; }

# toml_details KEY prints the string value of KEY in the [Details] table of
# FyneApp.toml (simple `Key = "value"` lines, as the file uses).
toml_details() {
  awk -v key="$1" '
    /^[[:space:]]*\[/ { section = $0; gsub(/[[:space:]\[\]]/, "", section); next }
    section == "Details" && $0 ~ "^[[:space:]]*" key "[[:space:]]*=" {
      sub(/^[^=]*=[[:space:]]*"/, ""); sub(/"[[:space:]]*$/, ""); print; exit
    }' FyneApp.toml
}

[ -f FyneApp.toml ] || die "FyneApp.toml is missing; run this from a Fail Forward source tree"
version=$(toml_details Version)
name=$(toml_details Name)
icon=$(toml_details Icon)
[ -n "$version" ] || die "FyneApp.toml has no Version in [Details]; add one, e.g. Version = \"0.1.0\""
[ -n "$name" ] || die "FyneApp.toml has no Name in [Details]; add one, e.g. Name = \"Fail Forward\""
[ -f "$icon" ] || die "the icon \"$icon\" named in FyneApp.toml is missing"

. scripts/lib.sh
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
exe=$work/failforward
say "building failforward $version for $goos/$goarch"
go build -trimpath -ldflags "-s -w" -o "$exe" .

# stage_src DIR makes a fresh copy of what fyne package reads: the metadata,
# the icon, and go.mod and main.go (it wants Go code beside the metadata).
# A fresh copy per target keeps Build the same in every package.
stage_src() {
  mkdir -p "$1/$(dirname "$icon")"
  cp FyneApp.toml go.mod main.go "$1/"
  cp "$icon" "$1/$icon"
}

mkdir -p dist
made=()
for target in "${targets[@]}"; do
  stage_src "$work/src-$target"
  mkdir -p "$work/out-$target"
  # fyne writes its output into the folder it runs in.
  (cd "$work/out-$target" && "$fyne" package -os "$target" --exe "$exe" --src "$work/src-$target") \
    || die "fyne package -os $target failed (its message is above)"

  case "$target" in
    linux)
      out="dist/FailForward-$version-linux-$goarch.tar.xz"
      [ -f "$work/out-linux/$name.tar.xz" ] || die "fyne package did not write \"$name.tar.xz\""
      mv -f "$work/out-linux/$name.tar.xz" "$out"
      ;;
    darwin)
      out="dist/$name.app"
      plist="$work/out-darwin/$name.app/Contents/Info.plist"
      [ -f "$plist" ] || die "fyne package did not write \"$name.app\""
      # fyne package leaves the category empty ("public.app-category."),
      # which macOS does not know; the app is for learning.
      sed -i.orig 's|<string>public\.app-category\.</string>|<string>public.app-category.education</string>|' "$plist"
      rm -f "$plist.orig"
      rm -rf "$out"
      mv "$work/out-darwin/$name.app" "$out"
      ;;
  esac
  made+=("$out")
done

say "made:"
for f in "${made[@]}"; do
  printf '  %s (%s)\n' "$f" "$(du -sh "$f" | cut -f1)"
done
if [ "$goos" != darwin ]; then
  say "\"$name.app\" holds the $goos binary: it shows the macOS bundle; make the runnable app on a Mac (see README)"
fi
