#!/usr/bin/env bash
# Checks the README's promise on a fresh machine: in a minimal Debian 12 root
# (debootstrap --variant=minbase) given only the README's prerequisites (Go,
# make and git, installed without recommended packages), a clone of this
# checkout builds with `make build` (what `make run` does before it opens
# the window) and passes `make test`. Prints each step's time at the end.
#
#   scripts/fresh-check.sh [--keep] [--dir PARENT] [--mirror URL]
#
#   --keep        leave the root in place afterwards (its path is printed)
#   --dir PARENT  where the temporary root goes (default /var/tmp; it takes
#                 about 4 GB)
#   --mirror URL  the Debian mirror; by default the one this machine's apt
#                 uses for Debian 12 (from apt-get indextargets)
#
# Steps, each timed and each with a time limit:
#   debootstrap     the minimal root, from the mirror
#   prerequisites   make and git (apt-get --no-install-recommends), and this
#                   machine's Go toolchain copied in (go env GOROOT)
#   clone           git clone of this checkout, at its HEAD (uncommitted
#                   changes are not part of the check)
#   make build      as a new user runs it: installs the build packages,
#                   downloads the modules, builds cold
#   downloads       make test-deps, go mod download, and staticcheck
#   make test       in a private network namespace (loopback only), so the
#                   run itself reaches nothing outside the machine
#
# The Go module proxy settings (GOPROXY, GOSUMDB, GOPRIVATE, ...) are this
# machine's, read with go env at run time; GOFLAGS is not carried over, as a
# new user has none. Certificate authorities this machine trusts beyond
# Debian's list (a proxy's, say) go into the root's
# /usr/local/share/ca-certificates, where a new machine on the same network
# would have them; they take effect when make build installs ca-certificates.
#
# Needs root, debootstrap, unshare (util-linux) and ip (iproute2).
# Everything runs in a private mount namespace, each step in its own PID
# namespace: when a step ends, every process it started ends with it. On
# every exit (an interrupt too) the trap ends what is left within 10 s,
# unmounts what was mounted, and removes the root.
#
# It takes 20 minutes on two quiet cores, 30 or more on a busy machine (a
# cold build with and without the race detector, then the whole of make
# test), so CI does not run it.
set -euo pipefail
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$0")/.."
. scripts/lib.sh

usage() {
  echo "usage: scripts/fresh-check.sh [--keep] [--dir PARENT] [--mirror URL]" >&2
  exit 2
}

keep=0
parent=/var/tmp
mirror=""
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep=1; shift ;;
    --dir) [ $# -ge 2 ] || usage; parent=$2; shift 2 ;;
    --mirror) [ $# -ge 2 ] || usage; mirror=$2; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) usage ;;
  esac
done

say() { printf 'fresh-check: %s\n' "$*"; }
die() { printf 'fresh-check: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (debootstrap, mounts and namespaces); run it with sudo"
need debootstrap debootstrap unshare util-linux ip iproute2 git git timeout coreutils mknod coreutils
need_go
[ -d "$parent" ] || die "--dir $parent is not a folder"

# The whole check runs in a mount namespace of its own: nothing it mounts is
# seen outside, and whatever is left mounted goes when it ends.
if [ "${FF_FRESH_NS:-}" != 1 ]; then
  exec unshare --mount --propagation private env FF_FRESH_NS=1 bash "$self" "$@"
fi

suite=bookworm
src=$PWD
head=$(git rev-parse HEAD) || die "$src is not a git checkout"
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  say "note: the checkout has uncommitted changes; the check uses its last commit"
fi

# The Debian mirror this machine's apt uses for Debian 12, with the suites
# it uses (updates, security), so the root gets what a new install gets.
sources=()
[ -z "$mirror" ] || sources=("deb $mirror $suite main")
while [ -z "$mirror" ] && IFS='|' read -r uri label codename; do
  case "$label:$codename" in
    Debian:"$suite" | Debian:"$suite"-updates | Debian-Security:"$suite"-security) ;;
    *) continue ;;
  esac
  line="deb ${uri%/} $codename main"
  case " ${sources[*]-} " in *" $line "*) ;; *) sources+=("$line") ;; esac
  [ "$label:$codename" != "Debian:$suite" ] || found_mirror=${uri%/}
done < <(apt-get indextargets --format '$(REPO_URI)|$(LABEL)|$(CODENAME)' 2>/dev/null | sort -u)
[ -n "$mirror" ] || mirror=${found_mirror:-}
[ -n "$mirror" ] || die "no Debian $suite mirror in this machine's apt sources; name one with --mirror URL"
[ ${#sources[@]} -gt 0 ] || sources=("deb $mirror $suite main")

goroot=$(go env GOROOT)
goenv=()
for v in GOPROXY GOSUMDB GONOSUMDB GOPRIVATE GONOPROXY GOINSECURE; do
  goenv+=("$v=$(go env "$v")")
done
for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
  [ -z "${!v:-}" ] || goenv+=("$v=${!v}")
done

work=$(mktemp -d "$parent/failforward-fresh.XXXXXX")
root=$work/root
mkdir "$root"
step_pid=""
names=()
times=()
results=()

# mounts_under DIR: the mount points at or under DIR, deepest first.
mounts_under() {
  awk -v d="$1" '{ p = $5; gsub(/\\040/, " ", p); if (p == d || index(p, d "/") == 1) print length(p) " " p }' \
    /proc/self/mountinfo | sort -rn | cut -d' ' -f2-
}

# root_pids: sets in_root_pids to the processes whose root folder is the
# fresh root (chroot), without starting any process itself.
in_root_pids=()
root_pids() {
  local p
  in_root_pids=()
  for p in /proc/[0-9]*; do
    [ "$p/root" -ef "$root" ] 2>/dev/null && in_root_pids+=("${p#/proc/}")
  done
  return 0
}

# descendants PID: sets found to every process started from PID, at any
# depth. It runs in the calling shell (no subshell of its own to find).
found=()
descendants() {
  local -A kids=()
  local s line rest pid ppid
  for s in /proc/[0-9]*/stat; do
    { read -r line <"$s"; } 2>/dev/null || continue
    pid=${line%% *}
    rest=${line##*) }
    read -r _ ppid _ <<<"$rest"
    kids[$ppid]+=" $pid"
  done
  local queue=("$1") p
  found=()
  while [ ${#queue[@]} -gt 0 ]; do
    p=${queue[0]}
    queue=("${queue[@]:1}")
    for pid in ${kids[$p]-}; do
      found+=("$pid")
      queue+=("$pid")
    done
  done
}

cleanup() {
  local status=$? pids m left
  trap - EXIT INT TERM HUP
  # What this script started (a step stopped half-way) and anything still
  # running in the root: asked to end, then ended, within 10 s.
  local until=$((SECONDS + 10)) sig=TERM
  while :; do
    descendants $$
    root_pids
    pids="${found[*]-} ${in_root_pids[*]-}"
    [ -n "${pids// /}" ] || break
    [ "$SECONDS" -lt $((until - 5)) ] || sig=KILL
    [ "$SECONDS" -lt "$until" ] || break
    kill -"$sig" $pids 2>/dev/null || true
    sleep 0.2
  done
  [ -z "$step_pid" ] || wait "$step_pid" 2>/dev/null || true
  while read -r m; do
    [ -n "$m" ] || continue
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || say "could not unmount $m"
  done < <(mounts_under "$root")
  left=$(mounts_under "$root")
  root_pids
  if [ -n "$left" ] || [ ${#in_root_pids[@]} -gt 0 ]; then
    say "processes or mounts are left in $root, so it is kept; they end with this process"
  elif [ "$keep" = 1 ]; then
    say "the root is kept in $root (remove it with: rm -rf --one-file-system $work)"
  else
    rm -rf --one-file-system "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# report: every step's time, and the result.
report() {
  local i total=0
  echo
  say "steps (Debian 12 minbase, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)):"
  for i in "${!names[@]}"; do
    printf '  %-16s %6d s  %s\n' "${names[$i]}" "${times[$i]}" "${results[$i]}"
    total=$((total + times[i]))
  done
  printf '  %-16s %6d s\n' total "$total"
}

# timed NAME LIMIT CMD...: runs CMD, a command or a function whose
# commands run through `bounded`, with the time limit LIMIT (a timeout(1)
# duration), records its time, and stops the check when it fails.
limit=1m
timed() {
  local name=$1 start status=0
  limit=$2
  shift 2
  printf '\n== %s (limit %s)\n' "$name" "$limit"
  start=$(date +%s)
  # In the background, so that a signal reaches the trap at once.
  "$@" &
  step_pid=$!
  wait "$step_pid" || status=$?
  step_pid=""
  names+=("$name")
  times+=($(($(date +%s) - start)))
  case "$status" in
    0) results+=(ok) ;;
    124 | 137) results+=("FAILED: over the time limit of $limit") ;;
    *) results+=("FAILED (exit status $status)") ;;
  esac
  if [ "$status" != 0 ]; then
    report
    die "$name failed; its output is above"
  fi
  say "$name: $((times[${#times[@]} - 1])) s"
}

# bounded CMD...: runs CMD within the current step's time limit.
bounded() { timeout --kill-after=30s "$limit" "$@"; }

# in_root [--offline] SCRIPT: runs SCRIPT with bash in the root as a new
# root login would (HOME=/root, Go on PATH as go.dev's instructions put
# it), in a PID namespace of its own with its own /proc; --offline adds a
# network namespace with only the loopback device, and Go takes modules
# from what the downloads step put in the module cache (a file:// proxy:
# go run PKG@VERSION asks the proxy even when the cache has the version).
in_root() {
  local net=() offline=()
  if [ "$1" = --offline ]; then
    net=(--net)
    offline=(GOPROXY=file:///root/go/pkg/mod/cache/download)
    shift
  fi
  bounded unshare "${net[@]}" --pid --fork --kill-child --mount-proc="$root/proc" -- \
    sh -c 'r=$1 n=$2; shift 2; if [ -n "$n" ]; then ip link set lo up || exit 1; fi; exec chroot "$r" /usr/bin/env -i "$@"' sh \
    "$root" "${net[*]-}" \
    HOME=/root LANG=C.UTF-8 TERM=dumb "${goenv[@]}" "${offline[@]}" \
    PATH=/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    bash -euo pipefail -c "$1"
}

# local_cas: the certificates in this machine's bundle that do not come from
# Debian's ca-certificates package.
local_cas() {
  local bundle=/etc/ssl/certs/ca-certificates.crt
  [ -r "$bundle" ] || return 0
  find /usr/share/ca-certificates -name '*.crt' -exec cat {} + 2>/dev/null |
    awk -v bundle="$bundle" '
      function body(line) { return line ~ /^-----/ ? "" : line }
      FNR == 1 && FILENAME == bundle { inbundle = 1 }
      /-----BEGIN CERTIFICATE-----/ { b = ""; pem = $0 "\n"; on = 1; next }
      on { pem = pem $0 "\n" }
      on && /-----END CERTIFICATE-----/ {
        on = 0
        if (!inbundle) known[b] = 1
        else if (!(b in known)) printf "%s", pem
        next
      }
      on { b = b body($0) }
    ' - "$bundle"
}

say "Debian $suite from $mirror into $root; checking $head"

timed debootstrap 30m bounded debootstrap --variant=minbase "$suite" "$root" "$mirror"

# What a running system has: a root that is a mount point (for tools that
# change mount propagation, as scripts/vaudio.sh does), a small /dev of its
# own (devices, ptys, shared memory), /sys read-only; /proc comes with each
# step. Name servers and the apt sources as on this machine.
mount --bind "$root" "$root"
mount -t tmpfs -o mode=0755,nosuid ff-fresh-dev "$root/dev"
for d in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
  IFS=: read -r n major minor <<<"$d"
  mknod -m 0666 "$root/dev/$n" c "$major" "$minor"
done
mkdir "$root/dev/pts" "$root/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 ff-fresh-pts "$root/dev/pts"
ln -s pts/ptmx "$root/dev/ptmx"
mount -t tmpfs -o mode=1777,nosuid,nodev ff-fresh-shm "$root/dev/shm"
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"
ln -s /proc/self/fd/1 "$root/dev/stdout"
ln -s /proc/self/fd/2 "$root/dev/stderr"
mount -t sysfs -o ro,nosuid,nodev,noexec ff-fresh-sys "$root/sys"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/usr/local/share/ca-certificates"
local_cas >"$work/local-cas.pem"
awk -v dir="$root/usr/local/share/ca-certificates" '
  /-----BEGIN CERTIFICATE-----/ { n++; f = sprintf("%s/fresh-check-local-%02d.crt", dir, n) }
  f { print > f }
  /-----END CERTIFICATE-----/ { close(f); f = "" }
  END { printf "fresh-check: %d local certificate authorities of this machine carried over\n", n }' "$work/local-cas.pem"
printf '%s\n' "${sources[@]}" >"$root/etc/apt/sources.list"

# The README's prerequisites, and nothing else.
prerequisites() {
  in_root 'export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends make git >/dev/null
    dpkg-query -W make git' &&
    bounded cp -a "$goroot" "$root/usr/local/go" &&
    in_root 'go version'
}
timed prerequisites 15m prerequisites

clone() {
  bounded git clone -q --no-checkout --no-hardlinks "$src" "$root/root/failforward" &&
    git -C "$root/root/failforward" checkout -q --detach "$head" &&
    git -C "$root/root/failforward" log --oneline -1
}
timed clone 5m clone

timed "make build" 60m in_root 'cd /root/failforward && make build && ./bin/failforward -help 2>&1 | sed -n 1,3p'

timed downloads 30m in_root 'cd /root/failforward && make test-deps && go mod download &&
  v=$(sed -n "s/^staticcheck_version=//p" scripts/test.sh) &&
  go run "honnef.co/go/tools/cmd/staticcheck@$v" -version'

timed "make test" 150m in_root --offline 'cd /root/failforward && make test'

report
say "ok: on a fresh Debian 12 the prerequisites in the README are enough for make build and make test"
