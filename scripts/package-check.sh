#!/usr/bin/env bash
# Checks the packages that scripts/package.sh makes (= `make package-check`).
#
#   scripts/package-check.sh              run package.sh, then check dist/
#   scripts/package-check.sh --no-build   check what is in dist/ now
#
# The Linux archive is unpacked into a temporary folder: binary (an ELF for
# this machine that runs), .desktop file (against FyneApp.toml, and
# desktop-file-validate), hicolor icons (PNGs that decode at their sizes, and
# the SVG), AppStream metainfo (appstreamcli validate, and against
# FyneApp.toml and docs/), man page (every flag and sub-command of -help
# described), and its Makefile, whose install, uninstall, user-install and
# user-uninstall targets are run into temporary folders. The .deb: its
# control fields, a Depends that covers every library the binary names,
# owners and modes, the same binary and share/ as the archive, stripped and
# position-independent, and lintian with no error or warning. As root (or
# with sudo that asks no password) scripts/package-install-test.sh then
# installs it with apt, runs it, and removes it. The macOS bundle's
# Info.plist is parsed and compared with FyneApp.toml, the microphone
# sentence first. Finally the source tree must be as it was before
# package.sh ran.
#
# Prints one line per check and "package-check: N passed, M failed"; exits 1
# when a check failed. Needs python3 (3.11 or newer), tar and xz; the Linux
# checks want the tools of `scripts/deps.sh package` and skip what is
# missing, unless FF_REQUIRE_TOOLS=1 (as in CI), which makes that a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. scripts/lib.sh
need_go
need tar tar xz xz-utils make make cmp diffutils

build=1
case "${1:-}" in
  "") ;;
  --no-build) build=0 ;;
  *) echo "usage: scripts/package-check.sh [--no-build]" >&2; exit 2 ;;
esac

die() { printf 'package-check: %s\n' "$*" >&2; exit 1; }

command -v python3 >/dev/null 2>&1 && python3 -c 'import tomllib, plistlib' 2>/dev/null ||
  die "needs python3 3.11 or newer (for tomllib and plistlib); Debian/Ubuntu: apt-get install python3"

work=$(mktemp -d "${TMPDIR:-/tmp}/failforward-package-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- building, and the state of the tree around it

in_git=0
git rev-parse --is-inside-work-tree >/dev/null 2>&1 && in_git=1
if [ "$build" = 1 ]; then
  [ "$in_git" = 1 ] && git status --porcelain --untracked-files=all >"$work/status.before"
  toml_sum_before=$(cksum <FyneApp.toml)
  scripts/package.sh
  echo
fi

passed=0
failed=0
pass() { passed=$((passed + 1)); printf 'ok    %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf 'FAIL  %s\n' "$*"; }
# same DESCRIPTION GOT WANT
same() {
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: got \"${2//$'\n'/ }\", want \"$3\""; fi
}
# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
  local desc=$1
  shift
  if "$@" >"$work/check.out" 2>&1; then
    pass "$desc"
  else
    local why
    why=$(tr '\n' ' ' <"$work/check.out" | cut -c1-300)
    fail "$desc: ${why:-$* failed}"
  fi
}

# inspect: small readers for the formats involved (TOML, plist, PNG, icns, ELF).
cat >"$work/inspect.py" <<'EOF'
import plistlib, struct, sys, tomllib, zlib

def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)

def show(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ";".join(str(x) for x in v)
    return str(v)

def toml(path, key):
    with open(path, "rb") as f:
        v = tomllib.load(f)
    for part in key.split("."):
        if not isinstance(v, dict) or part not in v:
            fail(f"(no {key})")
        v = v[part]
    print(show(v))

def plist(path, key):
    with open(path, "rb") as f:
        d = plistlib.load(f)
    if key == "-":
        return
    if key not in d:
        fail(f"(no {key})")
    print(show(d[key]))

def png(path):
    # Full decode of the chunk structure and pixel data size: signature,
    # chunk CRCs, IHDR, and IDAT inflating to exactly the size IHDR implies.
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path}: not a PNG (bad signature)")
    pos, idat, ihdr, end = 8, b"", None, False
    while pos + 8 <= len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        (crc,) = struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])
        if zlib.crc32(kind + body) != crc:
            fail(f"{path}: bad CRC in {kind!r} chunk")
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            end = True
            break
        pos += 12 + n
    if ihdr is None or not end:
        fail(f"{path}: missing IHDR or IEND")
    w, h, depth, ctype, _, _, interlace = ihdr
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}.get(ctype)
    if channels is None or interlace != 0:
        fail(f"{path}: unexpected colour type {ctype} or interlace {interlace}")
    row = (w * channels * depth + 7) // 8
    raw = zlib.decompress(idat)
    if len(raw) != h * (row + 1):
        fail(f"{path}: pixel data is {len(raw)} bytes, want {h * (row + 1)}")
    print(f"{w}x{h}")

def icns(path):
    data = open(path, "rb").read()
    if data[:4] != b"icns":
        fail(f"{path}: not an icns file")
    (total,) = struct.unpack(">I", data[4:8])
    if total != len(data):
        fail(f"{path}: header says {total} bytes, file has {len(data)}")
    pos, kinds = 8, []
    while pos < len(data):
        kind, n = struct.unpack(">4sI", data[pos:pos + 8])
        if n < 8 or pos + n > len(data):
            fail(f"{path}: element {kind!r} runs past the end")
        kinds.append(kind.decode("latin-1"))
        pos += n
    if not kinds:
        fail(f"{path}: no images")
    print(" ".join(kinds))

def elf(path):
    data = open(path, "rb").read(20)
    if data[:4] != b"\x7fELF":
        fail(f"{path}: not an ELF file")
    order = "<" if data[5] == 1 else ">"
    (machine,) = struct.unpack(order + "H", data[18:20])
    names = {0x3E: "amd64", 0xB7: "arm64", 0x03: "386", 0x28: "arm", 0xF3: "riscv64",
             0x16: "s390x", 0x102: "loong64", 0x15: "ppc64le" if order == "<" else "ppc64"}
    print(names.get(machine, f"machine-{machine:#x}"))

cmd, args = sys.argv[1], sys.argv[2:]
try:
    {"toml": toml, "plist": plist, "png": png, "icns": icns, "elf": elf}[cmd](*args)
except (OSError, ValueError, struct.error, zlib.error, tomllib.TOMLDecodeError) as e:
    # plistlib.InvalidFileException is a ValueError.
    fail(f"{args[0]}: {type(e).__name__}: {e}")
EOF
inspect() { python3 "$work/inspect.py" "$@"; }
meta() { inspect toml FyneApp.toml "$1"; }

name=$(meta Details.Name) || die "FyneApp.toml needs Details.Name"
id=$(meta Details.ID) || die "FyneApp.toml needs Details.ID"
version=$(meta Details.Version) || die "FyneApp.toml needs Details.Version"
build_no=$(meta Details.Build) || die "FyneApp.toml needs Details.Build"
meta Details.Icon >/dev/null || die "FyneApp.toml needs Details.Icon"
mic_usage=$(meta Capabilities.MicrophoneUsage) || die "FyneApp.toml needs Capabilities.MicrophoneUsage"
goos=$(go env GOOS)
goarch=$(go env GOARCH)
# The executable is named after the last element of the module path.
exe=$(awk '$1 == "module" { n = split($2, p, "/"); print p[n]; exit }' go.mod)

# --- FyneApp.toml itself

same "FyneApp.toml: [Capabilities] Microphone" "$(meta Capabilities.Microphone)" true
if [ -n "$mic_usage" ] && [ "$mic_usage" != "$name uses the microphone to capture audio" ]; then
  pass "FyneApp.toml: MicrophoneUsage says why the app listens"
else
  fail "FyneApp.toml: MicrophoneUsage is empty or the generic default; say why $name listens"
fi
same "FyneApp.toml: [Migrations] fyneDo" "$(meta Migrations.fyneDo 2>/dev/null || echo missing)" true
for key in GenericName Comment Categories Keywords; do
  if [ -n "$(meta "LinuxAndBSD.$key" 2>/dev/null)" ]; then
    pass "FyneApp.toml: [LinuxAndBSD] $key"
  else
    fail "FyneApp.toml: [LinuxAndBSD] $key is missing or empty"
  fi
done

# --- the Linux archive and the .deb

# have TOOL PACKAGE: true when TOOL is on PATH; otherwise one skip line (a
# failure under FF_REQUIRE_TOOLS=1, as in CI) naming the package to install.
have() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "${FF_REQUIRE_TOOLS:-}" = 1 ]; then
    fail "$1 not found (apt-get install $2, or scripts/deps.sh package)"
  else
    echo "skip  $1 not found (apt-get install $2, or scripts/deps.sh package)"
  fi
  return 1
}
# conf KEY prints KEY's value in packaging/linux/package.conf.
conf() { awk -v key="$1" 'index($0, key "=") == 1 { print substr($0, length(key) + 2); exit }' packaging/linux/package.conf; }
sizes="16 24 32 48 64 128 256 512"

# check_share DIR LABEL checks what a prefix's share/ holds: the desktop
# entry, the hicolor icons, the metainfo and the man page. BIN is the
# binary of the same package, for the man page's coverage of its flags.
check_share() {
  local share=$1 l=$2 bin=$3
  desktop=$share/applications/$id.desktop
  if [ -f "$desktop" ]; then
    pass "$l: $id.desktop is there"
  else
    fail "$l: no $id.desktop"
    : >"$work/empty.desktop"
    desktop=$work/empty.desktop
  fi
  entry() { awk -F= -v k="$1" '/^\[/ { in_entry = ($0 == "[Desktop Entry]") } in_entry && $1 == k { sub(/^[^=]*=/, ""); print; exit }' "$desktop"; }
  same "$l desktop: first line" "$(head -n 1 "$desktop")" "[Desktop Entry]"
  same "$l desktop: Type" "$(entry Type)" Application
  same "$l desktop: Name" "$(entry Name)" "$name"
  same "$l desktop: GenericName" "$(entry GenericName)" "$(meta LinuxAndBSD.GenericName)"
  same "$l desktop: Comment" "$(entry Comment)" "$(meta LinuxAndBSD.Comment)"
  same "$l desktop: Categories" "$(entry Categories)" "$(meta LinuxAndBSD.Categories);"
  case ";$(entry Categories)" in
    *";Education;"*) pass "$l desktop: Categories include Education" ;;
    *) fail "$l desktop: Categories \"$(entry Categories)\" lack Education" ;;
  esac
  same "$l desktop: Keywords" "$(entry Keywords)" "$(meta LinuxAndBSD.Keywords);"
  same "$l desktop: Exec" "$(entry Exec)" "$exe"
  same "$l desktop: Icon" "$(entry Icon)" "$id"
  same "$l desktop: StartupWMClass (the window title)" "$(entry StartupWMClass)" "$name"
  if have desktop-file-validate desktop-file-utils; then
    check "$l desktop: desktop-file-validate" desktop-file-validate "$desktop"
  fi

  # Icons: a PNG per size, drawn from the SVG, and the SVG itself.
  local size got bad=""
  for size in $sizes; do
    got=$(inspect png "$share/icons/hicolor/${size}x$size/apps/$id.png" 2>&1) || got="missing or bad"
    [ "$got" = "${size}x$size" ] || bad+=" ${size}x$size ($got)"
  done
  same "$l icons: hicolor PNGs at $sizes decode at their size" "${bad# }" ""
  check "$l icons: hicolor/scalable is assets/icon.svg" cmp -s "$share/icons/hicolor/scalable/apps/$id.svg" assets/icon.svg
  same "$l icons: none in pixmaps" "$(ls "$share/pixmaps" 2>/dev/null)" ""

  # AppStream metainfo: valid, and saying what FyneApp.toml says.
  local mi=$share/metainfo/$id.metainfo.xml
  if have appstreamcli appstream; then
    check "$l metainfo: appstreamcli validate --no-net" appstreamcli validate --no-net --pedantic "$mi"
  fi
  if python3 - "$mi" FyneApp.toml "$(conf homepage)" >"$work/mi.out" 2>&1 <<'EOF'; then
import os, sys, tomllib, xml.etree.ElementTree as ET
mi, toml, homepage = sys.argv[1:]
meta = tomllib.load(open(toml, "rb"))
d, lx = meta["Details"], meta["LinuxAndBSD"]
c = ET.parse(mi).getroot()
problems = []
def want(what, got, exp):
    if got != exp:
        problems.append(f"{what} is {got!r}, want {exp!r}")
want("id", c.findtext("id"), d["ID"])
want("name", c.findtext("name"), d["Name"])
want("summary", c.findtext("summary"), lx["Comment"])
want("launchable", c.findtext("launchable"), d["ID"] + ".desktop")
want("homepage", c.findtext("url[@type='homepage']"), homepage)
want("categories", [e.text for e in c.findall("categories/category")], lx["Categories"])
want("keywords", [e.text for e in c.findall("keywords/keyword")], lx["Keywords"])
want("binary", c.findtext("provides/binary"), "failforward")
want("content rating", c.find("content_rating").get("type"), "oars-1.1")
rel = c.findall("releases/release")
want("newest release", rel[0].get("version") if rel else None, d["Version"])
if not rel or not rel[0].get("date"):
    problems.append("the release has no date")
controls = [e.text for e in c.findall("supports/control")]
if "keyboard" not in controls:
    problems.append(f"supports/control {controls} lacks keyboard")
shots = [e.text for e in c.findall("screenshots/screenshot/image")]
if not shots:
    problems.append("no screenshots")
for url in shots:
    base = homepage.rstrip("/") + "/docs/"
    if not url.startswith(base) or not os.path.isfile("docs/" + url[len(base):]):
        problems.append(f"screenshot {url} is not an image of docs/ under {base}")
if problems:
    sys.exit("; ".join(problems))
print(f"{len(shots)} screenshots")
EOF
    pass "$l metainfo: id, name, summary, categories, keywords, release, screenshots match FyneApp.toml and docs/ ($(cat "$work/mi.out"))"
  else
    fail "$l metainfo: $(tr '\n' ' ' <"$work/mi.out" | cut -c1-400)"
  fi

  # Copyright: machine-readable, with a notice for every Go module the
  # binary links (go version -m reads them from the binary).
  local cr=$share/doc/$exe/copyright
  check "$l copyright: machine-readable" grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/$' "$cr"
  local mods unnamed=""
  mods=$(go version -m "$bin" 2>/dev/null | awk '$1 == "dep" { print $2 "@" $3 }' || true)
  for m in $mods; do
    grep -qxF "Comment: linked in: ${m%@*} ${m#*@}" "$cr" 2>/dev/null || unnamed+=" $m"
  done
  same "$l copyright: a notice for each of the $(echo "$mods" | wc -w | tr -d ' ') Go modules in the binary" "${unnamed# }" ""

  # Man page: well formed, and describing every flag and sub-command the
  # binary's usage lists.
  local man=$share/man/man1/$exe.1.gz
  if gzip -dc "$man" >"$work/man.1" 2>/dev/null && grep -q '^\.TH FAILFORWARD 1 ' "$work/man.1"; then
    pass "$l man: $exe.1.gz is a gzipped man page"
  else
    fail "$l man: $exe.1.gz is missing or not a man page"
  fi
  if command -v man >/dev/null 2>&1; then
    LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 "$work/man.1" >/dev/null 2>"$work/man.err" || true
    same "$l man: groff warnings" "$(head -c 300 "$work/man.err")" ""
  fi
  if "$bin" -help >"$work/usage.out" 2>&1; then
    local missing="" word
    local missing="" word pat
    grep '^\.B' "$work/man.1" >"$work/man.B" || true
    for word in $(awk '$1 == "failforward" && $2 !~ /^\[/ { print $2 } $1 ~ /^-[a-z]/ { print $1 }' "$work/usage.out"); do
      # roff writes a dash as \-: -library is described as \-\-library.
      case "$word" in
        -*) pat=${word#-} pat="\\-\\-${pat//-/\\-}" ;;
        *) pat=${word//-/\\-} ;;
      esac
      grep -qF -- "$pat" "$work/man.B" || missing+=" $word"
    done
    same "$l man: describes every flag and sub-command of $exe -help" "${missing# }" ""
  else
    fail "$l man: $exe -help did not run: $(head -c 300 "$work/usage.out")"
  fi
}

if [ "$goos" = linux ]; then
  archive=dist/FailForward-$version-linux-$goarch.tar.xz
  x=$work/unpacked
  mkdir -p "$x"
  if [ -f "$archive" ] && tar -xJf "$archive" -C "$x"; then
    pass "$archive unpacks"
  else
    fail "$archive is missing or does not unpack (run scripts/package.sh)"
  fi
  bad_paths=$(tar -tJf "$archive" 2>/dev/null | grep -Ev "^$exe/" || true)
  same "archive: every entry is under $exe/" "$bad_paths" ""

  top=$x/$exe
  prefix=usr/local
  [ -d "$top/usr/local" ] || prefix=usr # made on a system without /usr/local
  share=$top/$prefix/share

  # Binary
  bin=$top/$prefix/bin/$exe
  check "archive: $exe is an executable file" test -f "$bin" -a -x "$bin"
  same "archive: $exe is an ELF binary for $goarch" "$(inspect elf "$bin" 2>&1)" "$goarch"
  if "$bin" -help >"$work/help.out" 2>&1 && grep -q "Usage" "$work/help.out"; then
    pass "archive: $exe -help runs and prints its usage"
  else
    fail "archive: $exe -help: $(head -c 300 "$work/help.out")"
  fi
  if [ -f "dist/$name.app/Contents/MacOS/$exe" ]; then
    check "archive: same binary as in $name.app (one build)" cmp -s "$bin" "dist/$name.app/Contents/MacOS/$exe"
  fi

  check_share "$share" archive "$bin"

  # The Makefile inside: dry run first, to be sure everything goes under DESTDIR.
  destdir=$work/root
  if make -s -C "$top" -n install DESTDIR="$destdir" >"$work/install.plan" 2>&1; then
    pass "archive Makefile: has an install target"
    outside=$(grep -o '[^ ]*/usr/local/[^ ;]*' "$work/install.plan" | grep -v "^$destdir/" | grep -v '^usr/' || true)
    same "archive Makefile: install writes only under DESTDIR" "$outside" ""
    if [ -z "$outside" ] && make -s -C "$top" install DESTDIR="$destdir" >"$work/install.out" 2>&1; then
      pass "archive Makefile: make install DESTDIR=... runs"
      same "install: bin/$exe mode" "$(stat -c %a "$destdir/usr/local/bin/$exe" 2>&1)" 755
      # Every file of the archive lands in place, unchanged.
      (cd "$top/$prefix" && find . -type f | LC_ALL=C sort) >"$work/archive.files"
      (cd "$destdir/usr/local" && find . -type f | LC_ALL=C sort) >"$work/installed.files"
      same "install: installs every file of the archive ($(wc -l <"$work/archive.files" | tr -d ' '))" \
        "$(diff "$work/archive.files" "$work/installed.files" | grep '^[<>]' | tr '\n' ' ')" ""
      changed=$(while read -r f; do cmp -s "$top/$prefix/$f" "$destdir/usr/local/$f" || echo "$f"; done <"$work/archive.files")
      same "install: every installed file equals the archive's" "$changed" ""
      make -s -C "$top" uninstall DESTDIR="$destdir" >/dev/null 2>&1 || true
      left=$(find "$destdir" -type f 2>&1 | sed "s|^$destdir||" || true)
      same "install: make uninstall removes every file" "$left" ""
    else
      fail "archive Makefile: make install: $(head -c 300 "$work/install.out" 2>/dev/null)"
    fi
  else
    fail "archive Makefile: no install target: $(head -c 300 "$work/install.plan")"
  fi

  # user-install, with HOME pointed at a temporary folder.
  home=$work/home
  mkdir -p "$home"
  if make -s -C "$top" user-install HOME="$home" >"$work/user.out" 2>&1; then
    pass "archive Makefile: make user-install runs"
    check "user-install: ~/.local/bin/$exe is executable" test -x "$home/.local/bin/$exe"
    check "user-install: ~/.local/share/icons/hicolor/256x256/apps/$id.png" test -f "$home/.local/share/icons/hicolor/256x256/apps/$id.png"
    check "user-install: ~/.local/share/metainfo/$id.metainfo.xml" test -f "$home/.local/share/metainfo/$id.metainfo.xml"
    user_desktop=$home/.local/share/applications/$id.desktop
    same "user-install: desktop Exec is the installed binary" \
      "$(awk -F= '$1 == "Exec" { sub(/^[^=]*=/, ""); print; exit }' "$user_desktop" 2>&1)" "$home/.local/bin/$exe"
    make -s -C "$top" user-uninstall HOME="$home" >/dev/null 2>&1 || true
    same "user-install: make user-uninstall removes every file" "$(find "$home" -type f | sed "s|^$home||")" ""
  else
    fail "archive Makefile: make user-install: $(head -c 300 "$work/user.out")"
  fi

  # The .deb
  if have dpkg-deb dpkg; then
    arch=$(dpkg --print-architecture)
    deb=dist/${exe}_${version}_$arch.deb
    d=$work/deb
    if [ -f "$deb" ] && dpkg-deb -x "$deb" "$d" && dpkg-deb -e "$deb" "$d/DEBIAN"; then
      pass "$deb unpacks"
    else
      fail "$deb is missing or does not unpack (run scripts/package.sh)"
    fi
    field() { dpkg-deb -f "$deb" "$1" 2>/dev/null || true; }
    same "deb: Package" "$(field Package)" "$exe"
    same "deb: Version is FyneApp.toml's" "$(field Version)" "$version"
    same "deb: Architecture" "$(field Architecture)" "$arch"
    same "deb: Homepage" "$(field Homepage)" "$(conf homepage)"
    same "deb: Maintainer" "$(field Maintainer)" "$(conf maintainer_name) <$(conf maintainer_email)>"
    depends=$(field Depends)
    relations=$(printf '%s, %s' "$depends" "$(field Recommends)" | tr ',|' '\n\n' | awk '{ print $1 }' | sed 's/:any$//' | sort -u)
    missing=""
    for p in libc6 libportaudio2 libgl1; do
      printf '%s\n' "$relations" | grep -qx "$p" || missing+=" $p"
    done
    same "deb: Depends has libc6, libportaudio2 and libgl1" "${missing# }" ""

    # Every library the binary names, linked or opened at run time, comes
    # from a package in Depends or Recommends (or is optional).
    dbin=$d/usr/bin/$exe
    sonames=$( {
      readelf -d "$dbin" 2>/dev/null | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'
      strings -n 6 "$dbin" | grep -E '^lib[A-Za-z0-9_+-]+\.so(\.[0-9]+)*$' || true
    } | sort -u)
    optional=" $(conf runtime_optional) "
    unmet=""
    for so in $sonames; do
      case "$optional" in *" $so "*) continue ;; esac
      ldconfig -p >"$work/ldconfig.out" 2>/dev/null || true
      path=$(awk -v so="$so" '$1 == so && /x86-64|64bit/ { print $NF; exit }' "$work/ldconfig.out")
      [ -n "$path" ] || path=$(awk -v so="$so" '$1 == so { print $NF; exit }' "$work/ldconfig.out")
      owner=""
      if [ -n "$path" ]; then
        # dpkg may list the file under /lib or /usr/lib (merged /usr).
        for cand in "$path" "$(readlink -f "$path")" "/usr$path" "${path#/usr}"; do
          owner=$(dpkg-query -S "$cand" 2>/dev/null | head -n 1 | cut -d: -f1) || true
          [ -n "$owner" ] && break
        done
      fi
      if [ -z "$owner" ]; then
        unmet+=" $so (not on this machine)"
      elif ! printf '%s\n' "$relations" | grep -qx "$owner"; then
        unmet+=" $so ($owner)"
      fi
    done
    same "deb: every library the binary names ($(echo "$sonames" | wc -w | tr -d ' ')) is in Depends or Recommends, or optional in package.conf" "${unmet# }" ""

    # Contents: owners, modes, and what must be there.
    dpkg-deb -c "$deb" >"$work/deb.list" 2>/dev/null || true
    same "deb: every entry is owned by root/root" "$(awk '$2 != "root/root"' "$work/deb.list" | head -n 3)" ""
    same "deb: directories 0755, files 0644, the binary 0755" "$(awk '
      ($1 ~ /^d/ && $1 != "drwxr-xr-x") ||
      ($1 ~ /^-/ && $6 == "./usr/bin/'"$exe"'" && $1 != "-rwxr-xr-x") ||
      ($1 ~ /^-/ && $6 != "./usr/bin/'"$exe"'" && $1 != "-rw-r--r--") { print $1, $6 }' "$work/deb.list" | head -n 3)" ""
    check "deb: /usr/bin/$exe" test -x "$dbin"
    check "deb: same binary as the archive's (one build)" cmp -s "$dbin" "$bin"
    if readelf -S "$dbin" 2>/dev/null | grep -q '\.symtab'; then
      fail "deb: /usr/bin/$exe is not stripped (it has a .symtab)"
    else
      pass "deb: /usr/bin/$exe is stripped"
    fi
    same "deb: /usr/bin/$exe is position-independent (ELF type DYN)" "$(readelf -h "$dbin" 2>/dev/null | awk '$1 == "Type:" { print $2 }')" DYN
    same "deb: share/ is the archive's share/ plus changelog.gz and lintian overrides" \
      "$(diff -r "$share" "$d/usr/share" 2>&1 | grep -v -e "^Only in $d/usr/share/doc/$exe: changelog.gz$" -e "^Only in $d/usr/share: lintian$" | head -n 3)" ""
    check "deb: changelog.gz" gzip -t "$d/usr/share/doc/$exe/changelog.gz"
    check "deb: md5sums" sh -c "cd '$d' && md5sum --quiet -c DEBIAN/md5sums"

    if have lintian lintian; then
      # Errors and warnings fail; overridden tags (with their reasons in
      # packaging/linux/lintian-overrides) and information are listed.
      lintian_rc=0
      lintian --fail-on error,warning --pedantic --display-info --show-overrides "$deb" >"$work/lintian.out" 2>&1 || lintian_rc=$?
      summary=$(awk -F: '$1 ~ /^[EWIPXO]$/ { print $1 }' "$work/lintian.out" | sort | uniq -c | awk '{ printf "%s%s:%s", sep, $2, $1; sep = " " }')
      if [ "$lintian_rc" -eq 0 ]; then
        pass "deb: lintian, no errors or warnings (${summary:-no tags}; O = overridden)"
      else
        fail "deb: lintian ($summary): $(grep -E '^[EW]:' "$work/lintian.out" | head -n 5 | tr '\n' ' ')"
      fi
      sed -n 's/^/      /p' "$work/lintian.out" | grep -v 'running with root privileges' || true
    fi

    # Installing it for real: needs root (CI runs as root).
    if [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; then
      rc=0
      scripts/package-install-test.sh "$deb" >"$work/install-test.out" 2>&1 || rc=$?
      cat "$work/install-test.out"
      case "$rc" in
        0) pass "deb: apt install, run, apt remove --purge (scripts/package-install-test.sh)" ;;
        3) fail "deb: the install test refused to start: $(tail -n 2 "$work/install-test.out" | tr '\n' ' ')" ;;
        *) fail "deb: the install test failed (lines above)" ;;
      esac
    elif [ "${FF_REQUIRE_TOOLS:-}" = 1 ]; then
      fail "deb: the install test needs root or sudo without a password"
    else
      echo "skip  deb: the install test needs root or sudo without a password"
    fi
  fi
fi

# --- the macOS bundle

app=dist/$name.app
plist=$app/Contents/Info.plist
key() { inspect plist "$plist" "$1" 2>&1 || true; }
if inspect plist "$plist" - >"$work/plist.out" 2>&1; then
  pass "$plist parses"
else
  fail "$plist is missing or does not parse: $(head -c 300 "$work/plist.out")"
  plist=$work/empty.plist # the key checks below then fail one by one, briefly
  printf '<plist version="1.0"><dict/></plist>\n' >"$plist"
fi
same "Info.plist: NSMicrophoneUsageDescription is MicrophoneUsage" "$(key NSMicrophoneUsageDescription)" "$mic_usage"
same "Info.plist: CFBundleIdentifier" "$(key CFBundleIdentifier)" "$id"
same "Info.plist: CFBundleName" "$(key CFBundleName)" "$name"
same "Info.plist: CFBundleShortVersionString" "$(key CFBundleShortVersionString)" "$version"
same "Info.plist: CFBundleVersion (Build, not bumped)" "$(key CFBundleVersion)" "$build_no"
same "Info.plist: CFBundlePackageType" "$(key CFBundlePackageType)" APPL
same "Info.plist: LSApplicationCategoryType" "$(key LSApplicationCategoryType)" public.app-category.education
same "Info.plist: CFBundleExecutable" "$(key CFBundleExecutable)" "$exe"
check "$name.app: Contents/MacOS/$exe is executable" test -f "$app/Contents/MacOS/$exe" -a -x "$app/Contents/MacOS/$exe"
same "Info.plist: CFBundleIconFile" "$(key CFBundleIconFile)" icon.icns
check "$name.app: Contents/Resources/icon.icns is an icns file" inspect icns "$app/Contents/Resources/icon.icns"

# --- the tree is as it was

if [ "$build" = 1 ]; then
  same "FyneApp.toml unchanged by packaging (Build not bumped)" "$(cksum <FyneApp.toml)" "$toml_sum_before"
  if [ "$in_git" = 1 ]; then
    git status --porcelain --untracked-files=all >"$work/status.after"
    if diff "$work/status.before" "$work/status.after" >"$work/status.diff"; then
      pass "git status unchanged by packaging"
    else
      fail "git status changed while packaging (if you edited files meanwhile, run again): $(tr '\n' ' ' <"$work/status.diff")"
    fi
  fi
fi

printf '\npackage-check: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
