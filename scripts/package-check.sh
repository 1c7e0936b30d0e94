#!/usr/bin/env bash
# Checks the packages that scripts/package.sh makes (= `make package-check`).
#
#   scripts/package-check.sh              run package.sh, then check dist/
#   scripts/package-check.sh --no-build   check what is in dist/ now
#
# The Linux archive is unpacked into a temporary folder: binary (an ELF for
# this machine that runs), .desktop file (against FyneApp.toml), icon (a PNG
# that decodes), and its Makefile, whose install, uninstall, user-install and
# user-uninstall targets are run into temporary folders. The macOS bundle's
# Info.plist is parsed and compared with FyneApp.toml, the microphone sentence
# first. Finally the source tree must be as it was before package.sh ran.
#
# Prints one line per check and "package-check: N passed, M failed"; exits 1
# when a check failed. Needs python3 (3.11 or newer), tar and xz.
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
icon=$(meta Details.Icon) || die "FyneApp.toml needs Details.Icon"
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

# --- the Linux archive

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
  share=$top/usr/local/share
  bindir=$top/usr/local/bin
  if ! [ -d "$top/usr/local" ]; then # made on a system without /usr/local
    share=$top/usr/share
    bindir=$top/usr/bin
  fi

  # Binary
  bin=$bindir/$exe
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

  # Desktop file
  desktop=$share/applications/$id.desktop
  if [ -f "$desktop" ]; then
    pass "archive: $id.desktop is there"
  else
    fail "archive: no $id.desktop"
    : >"$work/empty.desktop"
    desktop=$work/empty.desktop
  fi
  entry() { awk -F= -v k="$1" '/^\[/ { in_entry = ($0 == "[Desktop Entry]") } in_entry && $1 == k { sub(/^[^=]*=/, ""); print; exit }' "$desktop"; }
  same "desktop: first line" "$(head -n 1 "$desktop")" "[Desktop Entry]"
  same "desktop: Type" "$(entry Type)" Application
  same "desktop: Name" "$(entry Name)" "$name"
  same "desktop: GenericName" "$(entry GenericName)" "$(meta LinuxAndBSD.GenericName)"
  same "desktop: Comment" "$(entry Comment)" "$(meta LinuxAndBSD.Comment)"
  same "desktop: Categories" "$(entry Categories)" "$(meta LinuxAndBSD.Categories);"
  case ";$(entry Categories)" in
    *";Education;"*) pass "desktop: Categories include Education" ;;
    *) fail "desktop: Categories \"$(entry Categories)\" lack Education" ;;
  esac
  same "desktop: Keywords" "$(entry Keywords)" "$(meta LinuxAndBSD.Keywords);"
  same "desktop: Exec" "$(entry Exec)" "$exe"
  same "desktop: Icon" "$(entry Icon)" "$id"
  same "desktop: StartupWMClass (the window title)" "$(entry StartupWMClass)" "$name"
  if command -v desktop-file-validate >/dev/null 2>&1; then
    check "desktop: desktop-file-validate" desktop-file-validate "$desktop"
  elif [ "${FF_REQUIRE_TOOLS:-}" = 1 ]; then
    fail "desktop: desktop-file-validate not found (apt-get install desktop-file-utils)"
  else
    echo "skip  desktop: desktop-file-validate not found (apt-get install desktop-file-utils)"
  fi

  # Icon
  png=$share/pixmaps/$id.png
  if size=$(inspect png "$png" 2>&1); then
    w=${size%x*} h=${size#*x}
    if [ "$w" = "$h" ] && [ "$w" -ge 256 ]; then
      pass "archive: icon $id.png decodes, $size pixels"
    else
      fail "archive: icon $id.png is $size, want square and at least 256x256"
    fi
  else
    fail "archive: icon $id.png does not decode: ${size##*: }"
  fi
  check "archive: icon is the project's $icon" cmp -s "$png" "$icon"

  # The Makefile inside: dry run first, to be sure everything goes under DESTDIR.
  destdir=$work/root
  if make -s -C "$top" -n install DESTDIR="$destdir" >"$work/install.plan" 2>&1; then
    pass "archive Makefile: has an install target"
    same "archive Makefile: install copies 3 files (binary, desktop file, icon)" \
      "$(awk '$1 == "install"' "$work/install.plan" | wc -l | tr -d ' ')" 3
    outside=$(awk '$1 == "install" { print $NF }' "$work/install.plan" | grep -v "^$destdir/" || true)
    same "archive Makefile: install writes only under DESTDIR" "$outside" ""
    if [ -z "$outside" ] && make -s -C "$top" install DESTDIR="$destdir" >"$work/install.out" 2>&1; then
      pass "archive Makefile: make install DESTDIR=... runs"
      check "install: bin/$exe is executable" test -x "$destdir/usr/bin/$exe"
      same "install: bin/$exe mode" "$(stat -c %a "$destdir/usr/bin/$exe" 2>&1)" 755
      check "install: share/applications/$id.desktop" cmp -s "$destdir/usr/share/applications/$id.desktop" "$desktop"
      check "install: share/pixmaps/$id.png" cmp -s "$destdir/usr/share/pixmaps/$id.png" "$icon"
      make -s -C "$top" uninstall DESTDIR="$destdir" >/dev/null 2>&1 || true
      left=$(find "$destdir" -type f | sed "s|^$destdir||")
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
    check "user-install: ~/.local/share/icons/$id.png" cmp -s "$home/.local/share/icons/$id.png" "$icon"
    user_desktop=$home/.local/share/applications/$id.desktop
    same "user-install: desktop Exec is the installed binary" \
      "$(awk -F= '$1 == "Exec" { sub(/^[^=]*=/, ""); print; exit }' "$user_desktop" 2>&1)" "$home/.local/bin/$exe"
    make -s -C "$top" user-uninstall HOME="$home" >/dev/null 2>&1 || true
    same "user-install: make user-uninstall removes every file" "$(find "$home" -type f | sed "s|^$home||")" ""
  else
    fail "archive Makefile: make user-install: $(head -c 300 "$work/user.out")"
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
