#!/usr/bin/env bash
# The OpenWrt service as a router runs it (issue 16): the package's init script, learn-then-
# detect and /etc/config/kitsune under OpenWrt's own procd, ubusd, uci and shell libraries
# (rc.common, functions.sh, procd.sh, network.sh), built from ../shared/vendor/openwrt and run
# in an OpenWrt-like root (chroot) inside a network namespace that plays the router. netifd is
# played by netifd-standin.uc (ucode), which publishes network.interface.NAME on ubus; logd by a
# datagram socket at the root's /dev/log. The detector is the host build of kitsune-lite, or the
# binary given (the x86-64 board's, static and musl, as on an OpenWrt x86/64 router).
#
# It checks: the refusal of a configuration without outputs; every UCI option's words as procd
# holds them (ubus call service list); network names resolved to devices, a device name as it
# is, several instances; the interface trigger (a network going down stops its detector, coming
# up starts it); then live, with traffic from a second namespace: no model -> learning (status)
# -> model written -> detecting, respawn after the detector is killed, an incident for dev.pcap's
# attacks in the EVE file and the syslog, a warning in the syslog once, `status`, and `learn`
# starting over.
#
# Usage: openwrt/tests/service-test.sh [KITSUNE_BINARY]   (as root; about 2 minutes)
# Needs: cmake pkg-config libjson-c-dev libbsd-dev (to build procd), busybox, tcpreplay, iproute2, python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
shared=${SHARED:-$repo/../shared}
vendor=$shared/vendor/openwrt
dev_pcap=$shared/data/dev/dev.pcap
binary=$(cd "$(dirname "${1:-$repo/.build/release/kitsune-lite}")" && pwd)/$(basename "${1:-kitsune-lite}")
W=$repo/.build/openwrt-service-test
R=$W/root
# Names of this run's own: a second run on the machine (another clone's CI) must not take them.
router=ks-owrt-r$$ lan_host=ks-owrt-l$$
[ "$(id -u)" = 0 ] || { echo "service-test: needs root (chroot, network namespaces)" >&2; exit 1; }
[ -x "$binary" ] || { echo "service-test: no $binary: swift build -c release first" >&2; exit 1; }

fail() { echo "service-test: FAILED: $*" >&2; exit 1; }
ok() { echo "service-test: ok: $*"; }

# --- The root --------------------------------------------------------------------------------
mkdir -p "$W"
[ -x "$W/prefix/sbin/procd" ] || bash "$vendor/build.sh" "$W/prefix" >"$W/build.log" 2>&1 \
    || { tail -20 "$W/build.log" >&2; fail "building OpenWrt's procd, ubus, uci (see $W/build.log)"; }
rm -rf "$R"
bash "$vendor/make-root.sh" "$W/prefix" "$R" >/dev/null
printf 'root:x:0:0:root:/root:/bin/ash\nnobody:*:65534:65534:nobody:/var:/bin/false\n' > "$R/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$R/etc/group"
mkdir -p "$R/sys" "$R/usr/sbin" "$R/usr/libexec/kitsune-lite" "$R/etc/kitsune"
# The binary and the shared libraries it needs, at their paths: none for a router build,
# which is static (ldd would fail: "not a dynamic executable").
install -m 755 "$binary" "$R/usr/sbin/kitsune-lite"
case "$(file -b "$binary")" in
    *"statically linked"*) ;;
    *) ldd "$binary" | grep -oE '/[^ ]+' | while read -r lib; do
           mkdir -p "$R$(dirname "$lib")" && cp -L "$lib" "$R$lib"
       done ;;
esac
feed=$repo/openwrt/kitsune-lite/files
install -m 755 "$feed/kitsune.init" "$R/etc/init.d/kitsune"
install -m 755 "$feed/kitsune-lite.runner" "$R/usr/libexec/kitsune-lite/kitsune-lite"
install -m 600 "$feed/kitsune.config" "$R/etc/config/kitsune"
install -m 644 "$here/netifd-standin.uc" "$R/usr/share/netifd-standin.uc"
# netifd's part: a procd service, which makes procd subscribe to network.interface (as
# OpenWrt's /etc/init.d/network does), whose notifications then run interface triggers.
cat > "$R/etc/init.d/network" <<'INIT'
#!/bin/sh /etc/rc.common
START=20
USE_PROCD=1
start_service() {
	procd_open_instance
	procd_set_param command /usr/bin/ucode -L '/usr/lib/ucode/*.so' /usr/share/netifd-standin.uc lan=br-lan guest=br-guest
	procd_set_param watch network.interface
	procd_close_instance
}
INIT
chmod 755 "$R/etc/init.d/network"

# --- The router and a LAN host: network namespaces joined by a veth pair ---------------------
pids=()
cleanup() {
    set +e
    [ -S "$R/var/run/ubus/ubus.sock" ] && in_root /etc/init.d/kitsune stop >/dev/null 2>&1
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    # Whatever procd started in the router's namespace.
    ip netns pids "$router" 2>/dev/null | xargs -r kill -9 2>/dev/null
    ip netns del "$router" 2>/dev/null; ip netns del "$lan_host" 2>/dev/null
}
trap cleanup EXIT
# What a killed run left: its namespaces (named by its pid, once it is gone) and what ran in them.
for ns in ks-owrt-router ks-owrt-lan $(ip netns list | awk '/^ks-owrt-[rl][0-9]+/ {print $1}'); do
    owner=${ns#ks-owrt-?}
    case "$owner" in *[!0-9]*) ;; *) ! kill -0 "$owner" 2>/dev/null || continue ;; esac
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
done
ip netns add "$router"; ip netns add "$lan_host"
for ns in "$router" "$lan_host"; do
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip link add br-lan netns "$router" type veth peer name lan0 netns "$lan_host"
ip link add wan0 netns "$router" type veth peer name upstream0 netns "$lan_host"
ip -n "$router" link set br-lan up; ip -n "$router" link set wan0 up; ip -n "$router" link set lo up
ip -n "$lan_host" link set lan0 up; ip -n "$lan_host" link set upstream0 up

# A command in the root, in the router's namespace, with its own /sys (the devices of that
# namespace) and /proc.
in_root() {
    ip netns exec "$router" sh -c 'mount -t sysfs sysfs "$0/sys" && mount -t proc proc "$0/proc" && exec chroot "$0" "$@"' "$R" "$@"
}

# logd's part: the syslog lines the detector and the scripts send to /dev/log (this run's alone:
# the checks below must not find an earlier run's lines).
: > "$W/syslog.txt"
python3 - "$R/dev/log" "$W/syslog.txt" <<'PY' &
import os, socket, sys
path, out = sys.argv[1], sys.argv[2]
if os.path.exists(path): os.unlink(path)
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(path); os.chmod(path, 0o666)
with open(out, 'ab', buffering=0) as f:
    while True: f.write(s.recv(65536).rstrip(b'\0\n') + b'\n')
PY
pids+=($!)
in_root /sbin/ubusd & pids+=($!)
for _ in $(seq 50); do [ -S "$R/var/run/ubus/ubus.sock" ] && break; sleep 0.1; done
in_root /sbin/procd -S >"$W/procd.log" 2>&1 & pids+=($!)
for _ in $(seq 50); do in_root /bin/ubus list service >/dev/null 2>&1 && break; sleep 0.1; done
in_root /etc/init.d/network start
for _ in $(seq 50); do in_root /bin/ubus list network.interface.lan >/dev/null 2>&1 && break; sleep 0.1; done
in_root /bin/ubus list network.interface.lan >/dev/null || fail "the netifd stand-in did not start"

service_list() { in_root /bin/ubus call service list '{"name":"kitsune","verbose":true}'; }
# The names of kitsune's instances, sorted, on one line.
instances() {
    service_list | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(sorted(d.get("kitsune",{}).get("instances",{}))))'
}
# Field $2 (a dotted path: command, data.device, pid) of instance $1, one list item a line.
instance_field() {
    service_list | python3 -c '
import json, sys
value = json.load(sys.stdin).get("kitsune", {}).get("instances", {}).get(sys.argv[1], {})
for key in sys.argv[2].split("."): value = value.get(key, "") if isinstance(value, dict) else ""
print("\n".join(map(str, value)) if isinstance(value, list) else value)' "$1" "$2"
}
uci_set() { for setting in "$@"; do in_root /sbin/uci set "kitsune.main.$setting"; done; in_root /sbin/uci commit kitsune; }
wait_for() {  # seconds, description, command...
    local seconds=$1 what=$2; shift 2
    for _ in $(seq $((seconds * 5))); do "$@" 2>/dev/null && return 0; sleep 0.2; done
    fail "after $seconds s: $what"
}
instances_are() { [ "$(instances)" = "$1" ]; }
instances_include() { instances | grep -qw "$1"; }
pid_changed() { local p; p=$(instance_field lan pid); [ -n "$p" ] && [ "$p" != "$1" ]; }
words_of() { printf '%s\n' "$@"; }

# --- A configuration whose alerts would go nowhere is refused --------------------------------
uci_set syslog=0
status=0
in_root /etc/init.d/kitsune start 2>"$W/start.err" || status=$?
[ "$status" != 0 ] || fail "start succeeds with a configuration without outputs"
grep -q "the alerts would go nowhere" "$W/start.err" || fail "no refusal of a configuration without outputs: $(cat "$W/start.err")"
[ -z "$(instances)" ] || fail "a configuration without outputs started detectors: $(instances)"
# The listener writes a line after logger has returned: waited for, not raced.
wait_for 5 "the refusal in the syslog under kitsune-lite" grep -q "kitsune-lite.*the alerts would go nowhere" "$W/syslog.txt"
ok "syslog 0, no syslog_server, no eve_dir: refused ($(sed 's/^kitsune-lite: //' "$W/start.err"))"

# --- Every option, as procd holds the command line; names and devices; several instances -----
uci_set syslog=1 arithmetic=float32 memory_budget=8M threshold=0.35 "filter=not (port 22 or port 53)" promiscuous=1 \
    capture_buffer=8192 fm_grace=5000 ad_grace=100000 learn_packets=1000000 learn_seconds=86400 false_alarm_rate=0.001 syslog_rate=10 \
    syslog_server=192.0.2.10:514 syslog_facility=local3 eve_dir=/tmp/kitsune eve_size=1M eve_files=2 alert_window=30 \
    alert_rate=2.5 warmup=60 keep_learning=1 user=nobody
in_root /sbin/uci delete kitsune.main.interface
for name in lan wan0 guest nosuch; do in_root /sbin/uci add_list "kitsune.main.interface=$name"; done
in_root /sbin/uci commit kitsune
# guest is a network that is down; nosuch is neither a network nor a device.
in_root /bin/ubus call network.interface standin_set '{"interface":"guest","device":"br-guest","up":false}' >/dev/null
in_root /etc/init.d/kitsune start 2>"$W/start.err"
instances_are "lan wan0" || fail "instances: '$(instances)', not 'lan wan0'"
grep -q "guest is down: its detector starts when it comes up" "$W/start.err" || fail "guest (down) not said: $(cat "$W/start.err")"
grep -q "nosuch is neither a network" "$W/start.err" || fail "nosuch not refused: $(cat "$W/start.err")"
common() {  # device, name
    words_of --interface "$1" --model "/etc/kitsune/$2.model" --status "/var/run/kitsune/$2.status" --arithmetic float32 \
        --memory-budget 8M --filter "not (port 22 or port 53)" --promiscuous --capture-buffer 8192 --user nobody
}
expected() {  # device, name
    local train
    train=$( (words_of train; common "$1" "$2"; words_of --fm-grace 5000 --ad-grace 100000 --false-alarm-rate 0.001 \
        --packets 1000000 --seconds 86400 --calibration 500000000) | wc -l)
    words_of /usr/libexec/kitsune-lite/kitsune-lite "/etc/kitsune/$2.model" "/var/run/kitsune/$2.status" "$train" train
    common "$1" "$2"
    words_of --fm-grace 5000 --ad-grace 100000 --false-alarm-rate 0.001 --packets 1000000 --seconds 86400 --calibration 500000000
    words_of detect; common "$1" "$2"
    words_of --threshold 0.35 --syslog --syslog-rate 10 --syslog-server 192.0.2.10:514 --syslog-facility local3 \
        --eve "/tmp/kitsune/eve-$2.json" --eve-size 1M --eve-files 2 --alert-window 30 --alert-rate 2.5 --warmup 60 --keep-learning
}
[ "$(instance_field lan command)" = "$(expected br-lan lan)" ] \
    || { diff <(expected br-lan lan) <(instance_field lan command) >&2; fail "lan's command line as procd holds it (above)"; }
[ "$(instance_field wan0 command)" = "$(expected wan0 wan0)" ] || fail "wan0's command line as procd holds it"
[ "$(instance_field lan data.device)" = br-lan ] || fail "lan's device in the service data: $(instance_field lan data)"
triggers=$(service_list | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["kitsune"]["triggers"]))')
for name in lan wan0 guest; do
    echo "$triggers" | grep -q "\"interface\.\*\", \[\"if\", \[\"eq\", \"interface\", \"$name\"\]" \
        || fail "no interface trigger for $name: $triggers"
done
ok "every UCI option reaches procd's command lines; lan -> br-lan (netifd), wan0 as a device, guest (down) waits, nosuch refused"

# --- The interface trigger: a network that goes down stops its detector; up, starts it --------
in_root /bin/ubus call network.interface standin_set '{"interface":"lan","up":false}' >/dev/null
wait_for 10 "lan's detector stopped after lan went down" instances_are wan0
in_root /bin/ubus call network.interface standin_set '{"interface":"guest","device":"wan0","up":true}' >/dev/null
wait_for 10 "guest's detector started when guest came up" instances_include guest
in_root /bin/ubus call network.interface standin_set '{"interface":"lan","up":true}' >/dev/null
wait_for 10 "lan's detector started again when lan came up" instances_include lan
[ "$(instance_field guest data.device)" = wan0 ] || fail "guest's device: $(instance_field guest data)"
ok "interface trigger: lan down -> its detector stopped; guest up (on wan0) -> started; lan up -> started again"
in_root /etc/init.d/kitsune stop

# --- Live: learn from the LAN, write the model, detect, respawn, alert -------------------------
in_root /sbin/uci delete kitsune.main.interface
in_root /sbin/uci add_list kitsune.main.interface=lan
for option in threshold filter promiscuous capture_buffer learn_packets learn_seconds syslog_server keep_learning memory_budget; do
    in_root /sbin/uci delete "kitsune.main.$option"
done
uci_set fm_grace=5000 ad_grace=22000 calibration=1000 false_alarm_rate=0.001 warmup=2 alert_window=10 alert_rate=10 \
    syslog_facility=daemon
in_root /sbin/uci commit kitsune
rm -f "$R"/etc/kitsune/* "$R"/tmp/kitsune/* "$R"/var/run/kitsune/*
tcprewrite --fixlen=pad -i "$dev_pcap" -o "$W/dev-padded.pcap"
in_root /etc/init.d/kitsune start
wait_for 10 "lan's status says learning" grep -q '^state=learning learned=0 of=28001 ' "$R/var/run/kitsune/lan.status"
status_line=$(in_root /etc/init.d/kitsune status)
echo "$status_line" | grep -q "^lan: running; state=learning learned=0 of=28001 .*(no model yet)" \
    || fail "status while learning: $status_line"
ok "no model: learning ($status_line)"

replay() { ip netns exec "$lan_host" tcpreplay -q -i lan0 --multiplier 10 "$@" >/dev/null 2>&1; }
replay --limit 28386 "$W/dev-padded.pcap"
wait_for 30 "a model at /etc/kitsune/lan.model after learning" test -s "$R/etc/kitsune/lan.model"
wait_for 15 "lan's status says detecting" grep -q '^state=detecting ' "$R/var/run/kitsune/lan.status"
wait_for 5 "the switch to detecting in the syslog" grep -q "learned: model written to /etc/kitsune/lan.model; detecting" "$W/syslog.txt"
ok "learned: model written, detecting ($(in_root /etc/init.d/kitsune status))"

# Respawn: the detector killed, procd starts it again (RESPAWN_TIMEOUT later), with the model.
# Sets killed to the old detector's pid.
respawn() {
    killed=$(instance_field lan pid)
    kill -9 "$killed"
    wait_for 20 "a new detector after the old one was killed" pid_changed "$killed"
    wait_for 10 "the respawned detector's status" grep -q '^state=detecting packets=0 ' "$R/var/run/kitsune/lan.status"
}
respawn
ok "respawn: detector $killed killed, $(instance_field lan pid) detects in its place"
# procd passes the detector's standard error to the syslog, and the init script tells it so: its
# warnings, which it logs itself, are then not said twice.
[ "$(instance_field lan env.KITSUNE_LITE_STDERR_LOGGED)" = 1 ] \
    || fail "procd's instance has no KITSUNE_LITE_STDERR_LOGGED=1: $(instance_field lan env)"
# And it reaches the detector through the runner's exec, where /proc lets root read it (the
# detector runs as nobody: a container without CAP_SYS_PTRACE may not).
if environment=$(tr '\0' '\n' 2>/dev/null < "/proc/$(instance_field lan pid)/environ"); then
    echo "$environment" | grep -qx 'KITSUNE_LITE_STDERR_LOGGED=1' \
        || fail "the detector is not told that its standard error is logged: $(echo "$environment" | tr '\n' ' ')"
fi
ok "the detector knows its standard error goes to the syslog (KITSUNE_LITE_STDERR_LOGGED=1)"

sleep 3  # the warm-up (2 s) of the new detector
replay "$W/dev-padded.pcap"
wait_for 20 "an incident in /tmp/kitsune/eve-lan.json" grep -q '"state":"opened"' "$R/tmp/kitsune/eve-lan.json"
# The detector's own report (train's "no false incident" line would match a looser pattern).
wait_for 20 "an incident in the syslog" grep -qE 'kitsune-lite\[[0-9]+\]: incident [0-9]+ opened: ' "$W/syslog.txt"
wait_for 10 "the status counts the incidents" grep -q ' incidents=[1-9]' "$R/var/run/kitsune/lan.status"
status_line=$(in_root /etc/init.d/kitsune status)
ok "attacks alerted: $(grep -c '"state":"opened"' "$R/tmp/kitsune/eve-lan.json") incidents opened; $status_line"

# A warning the detector gives itself reaches the syslog once, not also through procd's copy of
# its standard error: here the kernel's drops, of a burst beyond the capture buffer (4 MiB, about
# 20,000 of these packets; 60,000 sent) while the detector was stopped. A new detector (one that
# dropped during the replay above would hold a new warning back for a minute), and only the
# syslog's lines from here on (training warns of drops in the same words).
respawn
pid=$(instance_field lan pid)
drops="overloaded: the kernel dropped"
before=$(wc -l < "$W/syslog.txt")
new_drops() { tail -n "+$((before + 1))" "$W/syslog.txt" | grep "$drops"; }
kill -STOP "$pid"
ip netns exec "$lan_host" tcpreplay -q -i lan0 --topspeed --limit 60000 "$W/dev-padded.pcap" >/dev/null 2>&1
kill -CONT "$pid"
wait_for 20 "the kernel's drops warned of in the syslog" new_drops
sleep 2  # time for a second copy, were there one
[ "$(new_drops | wc -l)" = 1 ] || fail "the drops' warning is not in the syslog once: $(new_drops)"
ok "a warning once in the syslog: $(new_drops | grep -o "$drops [0-9,]* packets*")"

# learn: the model is put aside and the detector learns again.
in_root /etc/init.d/kitsune learn 2>/dev/null
[ -f "$R/etc/kitsune/lan.model.previous" ] && [ ! -f "$R/etc/kitsune/lan.model" ] || fail "learn did not put the model aside"
wait_for 15 "learning again" grep -q '^state=learning learned=0 ' "$R/var/run/kitsune/lan.status"
ok "learn: model kept as lan.model.previous, learning again"
# A stop while learning stops the training too (procd signals the runner, which passes it on).
in_root /etc/init.d/kitsune stop
wait_for 10 "no instance after stop" instances_are ""
kitsune_processes() {
    local pid
    for pid in $(ip netns pids "$router"); do
        tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'kitsune-lite' && echo "$pid: $(tr '\0' ' ' < "/proc/$pid/cmdline")"
    done
    true
}
no_kitsune_processes() { [ -z "$(kitsune_processes)" ]; }
for _ in $(seq 50); do no_kitsune_processes && break; sleep 0.2; done
no_kitsune_processes || fail "left running 10 s after stop: $(kitsune_processes)"
grep -q '^state=stopped learning=interrupted' "$R/var/run/kitsune/lan.status" || fail "status after a stop while learning: $(cat "$R/var/run/kitsune/lan.status")"
status=0
in_root /etc/init.d/kitsune status >/dev/null || status=$?
[ "$status" = 3 ] || fail "status of a stopped service: exit $status, not 3"
ok "stop while learning: no training left behind; status: $(in_root /etc/init.d/kitsune status || true)"
echo "service-test: all checks passed"
