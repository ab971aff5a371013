#!/usr/bin/env bash
# Soak test of the bootnode (not run in CI): the daemon on loopback under steady mixed traffic for
# N minutes, sampling its heap, RSS, threads and open file descriptors every 10 seconds.
#
#   scripts/soak.sh [MINUTES=5] [LISTENERS=4]
#
# Traffic: LISTENERS `discv5 listen` nodes joined through the bootnode (handshakes, lookups,
# revalidation PINGs), a `discv5 ping` every 2 s from one of 4 fixed identities on fixed ports (each
# a fresh process, so a new handshake each time, replacing that peer's session), and a `discv5
# crawl` every minute from a fixed identity. The set of peers is fixed, so the daemon's state
# (sessions, table) levels off after warm-up: from then on, flat heap-after-GC and RSS and constant
# threads and fds are the expected result. (With a fresh id per ping, the session cache would keep
# growing legitimately until its cap of 1024, which takes over half an hour.)
set -euo pipefail
minutes=${1:-5}
listeners=${2:-4}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
devp2p="$root/bin/devp2p"
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${boot:-}" ] && kill -TERM "$boot" 2>/dev/null && wait "$boot" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$devp2p" --version >/dev/null # builds the jar once, before anything is timed
"$devp2p" bootnode --datadir "$work/data" --addr 127.0.0.1:0 --metrics-addr 127.0.0.1:0 \
  --verbosity 2 >"$work/boot.out" 2>"$work/boot.err" &
boot=$!
until grep -q '^datadir:' "$work/boot.out" 2>/dev/null; do sleep 0.5; done
enr=$(sed -n 's/^enr: *//p' "$work/boot.out")
metrics=$(sed -n 's/^metrics: *//p' "$work/boot.out")
jvm=$boot # bin/devp2p execs java
jcmd="$(dirname "$(readlink -f "/proc/$jvm/exe")")/jcmd" # the JDK that runs the daemon

for i in $(seq 1 "$listeners"); do
  "$devp2p" discv5 listen --addr 127.0.0.1:0 --bootnodes "$enr" >/dev/null 2>&1 &
  pids+=($!)
done
for i in 0 1 2 3 c; do "$devp2p" key generate --out "$work/key-$i" >/dev/null; done
( i=0; while true; do
    "$devp2p" discv5 ping --nodekey "$work/key-$i" --addr "127.0.0.1:$((40400 + i))" "$enr" \
      >/dev/null 2>&1 || true
    i=$(( (i + 1) % 4 )); sleep 2
  done ) &
pids+=($!)
( while true; do "$devp2p" discv5 crawl --nodekey "$work/key-c" --addr 127.0.0.1:40410 \
    --bootnodes "$enr" --out "$work/nodes.json" \
    --timeout 20s >/dev/null 2>&1 || true; sleep 40; done ) &
pids+=($!)

metric() { curl -s "$metrics" | awk -v m="$1" '$1 == m { print $2 }'; }
printf '%6s %12s %10s %8s %5s %7s %7s %9s\n' secs heap_kib rss_kib threads fds table sessions packets_in
end=$((SECONDS + minutes * 60))
while [ $SECONDS -lt $end ]; do
  "$jcmd" "$jvm" GC.run >/dev/null 2>&1 || true # heap after a GC: what stays, not what waits
  heap=$("$jcmd" "$jvm" GC.heap_info 2>/dev/null | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -n1)
  rss=$(awk '/VmRSS/ { print $2 }' "/proc/$jvm/status")
  threads=$(awk '/Threads/ { print $2 }' "/proc/$jvm/status")
  fds=$(ls "/proc/$jvm/fd" | wc -l)
  in=$(curl -s "$metrics" | awk '/^discv5_packets_in_total/ { s += $2 } END { print s }')
  printf '%6d %12s %10s %8s %5s %7s %7s %9s\n' "$SECONDS" "${heap:-?}" "$rss" "$threads" "$fds" \
    "$(metric discv5_table_nodes)" "$(metric discv5_sessions)" "$in"
  sleep 10
done
