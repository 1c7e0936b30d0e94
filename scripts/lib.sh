# shellcheck shell=bash
# Shared by the scripts in scripts/: source it, do not run it.
#
#   . "$(dirname "$0")/lib.sh"
#   need TOOL PACKAGE [TOOL PACKAGE...]
#   toml_details KEY [TABLE]
#   app_details
#   stop_pid PID SECONDS
#
# need checks, before a script starts its work, that each TOOL is on PATH,
# and otherwise stops with one plain message naming the Debian/Ubuntu
# package that has it and the group of scripts/deps.sh that installs it
# ($need_group, else test),
# instead of failing or hanging later. The message starts with the
# script's name (its file name without .sh, or $need_prefix when set).

need() {
  local missing=() pkgs=()
  while [ $# -ge 2 ]; do
    if ! command -v "$1" >/dev/null 2>&1; then
      missing+=("$1")
      case " ${pkgs[*]-} " in *" $2 "*) ;; *) pkgs+=("$2") ;; esac
    fi
    shift 2
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local me=${need_prefix:-$(basename "$0" .sh)}
  echo "$me: needs ${missing[*]}, not found on PATH" >&2
  echo "$me: Debian/Ubuntu: scripts/deps.sh ${need_group:-test} installs them (or: apt-get install --no-install-recommends ${pkgs[*]})" >&2
  exit 1
}

# need_go checks that Go is on PATH and new enough to build this module
# (Go 1.21 and newer fetch the toolchain go.mod asks for by themselves).
need_go() {
  local me=${need_prefix:-$(basename "$0" .sh)} want v minor
  want=$(awk '$1 == "go" { print $2; exit }' "$(dirname "${BASH_SOURCE[0]}")/../go.mod" 2>/dev/null)
  if ! command -v go >/dev/null 2>&1; then
    echo "$me: needs Go ${want:-1.24} or newer, and go is not on PATH; install it from go.dev/dl (see README, Run and test)" >&2
    exit 1
  fi
  v=$(go env GOVERSION 2>/dev/null || true)
  minor=$(echo "$v" | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
  if [ -n "$minor" ] && [ "$minor" -lt 21 ]; then
    echo "$me: needs Go ${want:-1.24} or newer, and this is $v; install a newer one from go.dev/dl (see README, Run and test)" >&2
    exit 1
  fi
}

# toml_details KEY [TABLE] prints the value of KEY in the [Details] table of
# FyneApp.toml in the current folder, or in TABLE: the simple `Key = "value"`
# and `Key = 3` lines the file uses (\" in a value becomes ").
toml_details() {
  awk -v key="$1" -v table="${2:-Details}" '
    /^[[:space:]]*\[/ { section = $0; gsub(/[[:space:]\[\]]/, "", section); next }
    section == table && $0 ~ "^[[:space:]]*" key "[[:space:]]*=" {
      sub(/^[^=]*=[[:space:]]*"?/, ""); sub(/"?[[:space:]]*$/, ""); gsub(/\\"/, "\""); print; exit
    }' FyneApp.toml
}

# stop_pid PID SECONDS ends a process this script started: TERM, then KILL
# when it is still there after SECONDS (whole seconds), then reaps it.
stop_pid() {
  kill "$1" 2>/dev/null || true
  local _
  for _ in $(seq 1 $(($2 * 10))); do
    kill -0 "$1" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# app_details sets version, name, id, icon and build from the [Details]
# table of FyneApp.toml in the current folder (build is 0 when it is not a
# number), and stops with a plain message when one the packages need is
# missing.
app_details() {
  local me=${need_prefix:-$(basename "$0" .sh)}
  fail() { echo "$me: $*" >&2; exit 1; }
  [ -f FyneApp.toml ] || fail "FyneApp.toml is missing; run this from a Fail Forward source tree"
  version=$(toml_details Version)
  name=$(toml_details Name)
  id=$(toml_details ID)
  icon=$(toml_details Icon)
  build=$(toml_details Build)
  [ -n "$version" ] || fail "FyneApp.toml has no Version in [Details]; add one, e.g. Version = \"0.1.0\""
  [ -n "$name" ] || fail "FyneApp.toml has no Name in [Details]; add one, e.g. Name = \"Fail Forward\""
  [ -n "$id" ] || fail "FyneApp.toml has no ID in [Details]; add one, e.g. ID = \"app.failforward.practice\""
  [ -f "$icon" ] || fail "the icon \"$icon\" named in FyneApp.toml is missing"
  case "$build" in '' | *[!0-9]*) build=0 ;; esac
}
