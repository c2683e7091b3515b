#!/usr/bin/env bash
# Checks an .ipk from toolchains/package.sh the way opkg and OpenWrt will meet it:
#   - the layout of OpenWrt's ipkg-build: a gzipped tar of ./debian-binary ("2.0"),
#     ./data.tar.gz and ./control.tar.gz in that order; every member owned by 0:0, with the
#     expected mode and the one mtime of SourceDateEpoch;
#   - the control fields, against the feed Makefile (openwrt/kitsune-lite/Makefile) and the
#     board whose OPKG_ARCH is the package's Architecture; conffiles; postinst and prerm;
#   - the binary: a static, stripped ELF for the board's machine;
#   - the init script: its syntax (sh -n), and what its start_service asks of procd, run
#     against stand-ins of OpenWrt's config_* and procd_* functions, for the packaged
#     /etc/config/kitsune (which must carry the board's arithmetic and memory budget), a
#     missing model, a disabled service, every option set, and every option unset;
#   - the binary under qemu-user: it accepts every option the init script can pass, and runs
#     the default command line on the sample capture with a model it trained itself;
#   - the feed Makefile, run under a stand-in for OpenWrt's package.mk, installs the same files.
# Usage: toolchains/check-package.sh IPK
set -euo pipefail
ipk=${1:?usage: toolchains/check-package.sh IPK}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
feed=$repo/openwrt/kitsune-lite
[ -f "$ipk" ] || { echo "check-package: no file $ipk" >&2; exit 2; }
ipk=$(cd "$(dirname "$ipk")" && pwd)/$(basename "$ipk")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "check-package: $(basename "$ipk"): $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
# Shows what differs between what was expected and what was found, and fails.
same() {
    local what=$1 expected=$2 found=$3
    [ "$expected" = "$found" ] && return 0
    diff -u --label expected --label found <(printf '%s\n' "$expected") <(printf '%s\n' "$found") >&2 || true
    fail "$what: not as expected (the differences are above)"
}
# MODE OWNER NAME of each member of a gzipped tar.
listing() { tar --numeric-owner -tvzf "$1" | awk '{ print $1, $2, $6 }'; }
# The distinct mtimes of a gzipped tar's members, in UTC.
mtimes() { TZ=UTC tar --full-time -tvzf "$1" | awk '{ print $4, $5 }' | sort -u; }

# --- The outer archive ------------------------------------------------------------------------
gzip -t "$ipk" 2>/dev/null || fail "not gzip-compressed: an .ipk for opkg is a gzipped tar"
same "the outer archive's members" "-rw-r--r-- 0/0 ./debian-binary
-rw-r--r-- 0/0 ./data.tar.gz
-rw-r--r-- 0/0 ./control.tar.gz" "$(listing "$ipk")"
mkdir "$work/outer" "$work/control" "$work/data"
tar -xzf "$ipk" -C "$work/outer"
[ "$(od -An -c "$work/outer/debian-binary" | tr -s ' ')" = " 2 . 0 \n" ] \
    || fail "debian-binary holds '$(cat "$work/outer/debian-binary")', not 2.0 and a newline"
for member in data.tar.gz control.tar.gz; do
    gzip -t "$work/outer/$member" 2>/dev/null || fail "$member is not gzip-compressed"
done
ok "outer archive: ./debian-binary (2.0), ./data.tar.gz, ./control.tar.gz, root's"

# --- control.tar.gz -------------------------------------------------------------------------
same "control.tar.gz's members" "drwxr-xr-x 0/0 ./
-rw-r--r-- 0/0 ./conffiles
-rw-r--r-- 0/0 ./control
-rwxr-xr-x 0/0 ./postinst
-rwxr-xr-x 0/0 ./prerm" "$(listing "$work/outer/control.tar.gz")"
tar -xzf "$work/outer/control.tar.gz" -C "$work/control"
control=$work/control/control
field() { sed -n "s/^$1: //p" "$control"; }
for name in Package Version Depends Source SourceName License Section SourceDateEpoch URL Architecture \
            Installed-Size Description; do
    [ "$(grep -c "^$name: ." "$control")" = 1 ] || fail "control has no field $name, or more than one"
done
# Every line is a field or the continuation of one.
! grep -vqE '^([A-Za-z][A-Za-z0-9-]*: .| .)' "$control" || fail "control has a line that is neither a field nor a continuation: $(grep -vE '^([A-Za-z][A-Za-z0-9-]*: .| .)' "$control" | head -n 1)"

# The feed Makefile keeps the name, version, license and section.
makefile_setting() { sed -n "s/^[[:space:]]*$1:=//p" "$feed/Makefile" | head -n 1; }
package=$(makefile_setting PKG_NAME)
version=$(makefile_setting PKG_VERSION)-r$(makefile_setting PKG_RELEASE)
same "Package" "$package" "$(field Package)"
same "Version (the feed Makefile's PKG_VERSION-rPKG_RELEASE)" "$version" "$(field Version)"
same "License" "$(makefile_setting PKG_LICENSE)" "$(field License)"
same "Section" "$(makefile_setting SECTION)" "$(field Section)"
arch=$(field Architecture)
same "the file name (Package_Version_Architecture.ipk)" "${package}_${version}_$arch.ipk" "$(basename "$ipk")"
# The board whose package this is, and its settings.
BOARD=$("$here/board-config.sh" --arch "$arch") || fail "Architecture $arch is no one board's OPKG_ARCH"
# shellcheck source=toolchains/board.sh
source "$here/board.sh"
epoch=$(field SourceDateEpoch)
[[ $epoch =~ ^[0-9]+$ ]] || fail "SourceDateEpoch '$epoch' is not a number"
expected_mtime=$(date -u -d "@$epoch" '+%Y-%m-%d %H:%M:%S')
for archive in "$ipk" "$work/outer/control.tar.gz" "$work/outer/data.tar.gz"; do
    same "the mtimes in $(basename "$archive") (SourceDateEpoch)" "$expected_mtime" "$(mtimes "$archive")"
done
installed_size=$(gzip -dc "$work/outer/data.tar.gz" | wc -c)
same "Installed-Size (the bytes of the uncompressed data archive)" "$installed_size" "$(field Installed-Size)"
ok "control: $package $version for $arch (board $BOARD), $installed_size bytes installed, SourceDateEpoch $epoch"

conffiles=$(sed -n '/^define Package\/kitsune-lite\/conffiles$/,/^endef$/{/^define /d;/^endef$/d;p;}' "$feed/Makefile")
same "conffiles (the feed Makefile's)" "/etc/config/kitsune" "$conffiles"
same "conffiles" "$conffiles" "$(cat "$work/control/conffiles")"
for script in postinst prerm; do
    sh -n "$work/control/$script" || fail "$script: sh -n finds a syntax error"
    grep -q "^default_$script " "$work/control/$script" || fail "$script does not call OpenWrt's default_$script"
done
ok "conffiles: /etc/config/kitsune; postinst and prerm: OpenWrt's default_postinst and default_prerm"

# --- data.tar.gz ----------------------------------------------------------------------------
same "data.tar.gz's members" "drwxr-xr-x 0/0 ./
drwxr-xr-x 0/0 ./etc/
drwxr-xr-x 0/0 ./etc/config/
-rw------- 0/0 ./etc/config/kitsune
drwxr-xr-x 0/0 ./etc/init.d/
-rwxr-xr-x 0/0 ./etc/init.d/kitsune
drwxr-xr-x 0/0 ./etc/kitsune/
drwxr-xr-x 0/0 ./lib/
drwxr-xr-x 0/0 ./lib/upgrade/
drwxr-xr-x 0/0 ./lib/upgrade/keep.d/
-rw-r--r-- 0/0 ./lib/upgrade/keep.d/kitsune-lite
drwxr-xr-x 0/0 ./usr/
drwxr-xr-x 0/0 ./usr/sbin/
-rwxr-xr-x 0/0 ./usr/sbin/kitsune-lite" "$(listing "$work/outer/data.tar.gz")"
tar -xzf "$work/outer/data.tar.gz" -C "$work/data"
for path in $conffiles; do
    [ -f "$work/data$path" ] || fail "conffile $path is not in data.tar.gz"
done
same "the sysupgrade keep list" "/etc/kitsune/" "$(cat "$work/data/lib/upgrade/keep.d/kitsune-lite")"
ok "data: /usr/sbin/kitsune-lite, /etc/init.d/kitsune (755), /etc/config/kitsune (600), /etc/kitsune/, keep.d"

# --- The binary -----------------------------------------------------------------------------
bin=$work/data/usr/sbin/kitsune-lite
description=$(file -b "$bin")
case "$arch" in
    aarch64_*) machine="64-bit LSB executable, ARM aarch64" ;;
    arm_*) machine="32-bit LSB executable, ARM, EABI5" ;;
    *) fail "no machine known for the architecture $arch" ;;
esac
case "$description" in *"ELF $machine"*) ;; *) fail "the binary is not an ELF $machine: $description" ;; esac
case "$description" in *"statically linked"*) ;; *) fail "the binary is not statically linked: $description" ;; esac
case "$description" in *interpreter*) fail "the binary names an interpreter: $description" ;; esac
case "$description" in *", stripped"*) ;; *) fail "the binary is not stripped: $description" ;; esac
if [ "${arch%%_*}" = arm ]; then
    readelf=$(command -v "$GNU_TRIPLE-readelf" || command -v readelf || true)
    if [ -n "$readelf" ]; then
        "$readelf" -A "$bin" | grep 'Tag_ABI_VFP_args: VFP registers' >/dev/null \
            || fail "the binary does not use the hard-float calling convention of OpenWrt's arm targets"
    fi
fi
ok "binary: $(echo "$description" | cut -d, -f1-2), static, stripped, $(stat -c %s "$bin") bytes"

# --- The init script ------------------------------------------------------------------------
init=$work/data/etc/init.d/kitsune
same "the init script's first line" "#!/bin/sh /etc/rc.common" "$(head -n 1 "$init")"
grep -qx 'USE_PROCD=1' "$init" || fail "the init script does not set USE_PROCD=1"
shells=(sh)
command -v busybox >/dev/null && shells+=("busybox sh")
for shell in "${shells[@]}"; do
    $shell -n "$init" || fail "the init script: $shell -n finds a syntax error"
done
shell_list=$(printf '%s, ' "${shells[@]}")
ok "init script: #!/bin/sh /etc/rc.common, USE_PROCD=1, syntax checked (-n) and run below in: ${shell_list%, }"

# Stand-ins for OpenWrt's /lib/functions.sh (config_*: the same semantics, an empty value is an
# unset one) and procd.sh (procd_*: recorded, the command line one argument a line).
cat > "$work/harness.sh" <<'HARNESS'
init=$1 config_file=$2 out=$3
: > "$out/command"; : > "$out/procd"; : > "$out/log"
config() { CONFIG_SECTION=$2; }
option() { _name=$1; shift; eval "CONFIG_${CONFIG_SECTION}_${_name}=\$*"; }
config_load() { [ "$1" = kitsune ] || { echo "config_load $1" >> "$out/log"; return 1; }; . "$config_file"; }
config_get() { eval "$1=\${CONFIG_${2}_${3}:-\$4}"; }
config_get_bool() {
	config_get _bool "$2" "$3" "$4"
	case "$_bool" in 1|on|true|yes|enabled) _bool=1 ;; 0|off|false|no|disabled) _bool=0 ;; *) _bool=$4 ;; esac
	eval "$1=\$_bool"
}
procd_open_instance() { echo "open_instance $*" >> "$out/procd"; }
procd_close_instance() { echo "close_instance" >> "$out/procd"; }
procd_set_param() {
	_type=$1; shift
	if [ "$_type" = command ]; then printf '%s\n' "$@" > "$out/command"; else echo "$_type $*" >> "$out/procd"; fi
}
procd_append_param() {
	_type=$1; shift
	if [ "$_type" = command ]; then printf '%s\n' "$@" >> "$out/command"; else echo "append $_type $*" >> "$out/procd"; fi
}
procd_add_reload_trigger() { echo "reload_trigger $*" >> "$out/procd"; }
logger() { echo "logger $*" >> "$out/log"; }
. "$init"
start_service 2> "$out/stderr"
echo "start_service returned $?" >> "$out/procd"
service_triggers
HARNESS

# Runs the init script on config $1 in every shell; the results in $work/run (the last shell's;
# the shells must agree).
run_init() {
    local shell first=
    for shell in "${shells[@]}"; do
        rm -rf "$work/run" && mkdir "$work/run"
        $shell "$work/harness.sh" "$init" "$1" "$work/run" || fail "the init script failed under $shell"
        sed -i 's/^respawn [0-9]* [0-9]* [0-9]*$/respawn THRESHOLD TIMEOUT RETRY/' "$work/run/procd"
        local result
        result=$(cat "$work/run/command" "$work/run/procd" "$work/run/log")
        [ -z "$first" ] || same "the init script's result under $shell" "$first" "$result"
        first=$result
    done
}
# The recorded command line, words with spaces in single quotes.
command_line() { sed "/ /s/.*/'&'/" "$work/run/command" | tr '\n' ' ' | sed 's/ $//'; }
model="$work/model dir/model.bin"
mkdir -p "$(dirname "$model")" && : > "$model"
# procd's part for an instance on INTERFACE with MODEL, as the init script sets it.
instance() {
    printf '%s\n' "open_instance detect" "file $2" "netdev $1" "respawn THRESHOLD TIMEOUT RETRY" \
        "stdout 1" "stderr 1" "close_instance" "start_service returned 0" "reload_trigger kitsune"
}

# The packaged configuration, with the model where this check put one (as uci set would).
cp "$work/data/etc/config/kitsune" "$work/default.conf"
printf "\toption model '%s'\n" "$model" >> "$work/default.conf"
run_init "$work/default.conf"
default_command=(/usr/sbin/kitsune-lite detect --interface br-lan --model "$model" --arithmetic "$ARITHMETIC"
                 --memory-budget "$MEMORY_BUDGET" --syslog --syslog-facility daemon --alert-window 10
                 --alert-rate 10 --user nobody)
same "the command line from the packaged /etc/config/kitsune (board $BOARD)" \
    "$(printf '%s\n' "${default_command[@]}")" "$(cat "$work/run/command")"
same "what start_service asks of procd" "$(instance br-lan "$model")" "$(cat "$work/run/procd")"
ok "init script, packaged config: $(command_line)"

# No model: no instance, and a message in the log and on standard error.
cp "$work/data/etc/config/kitsune" "$work/no-model.conf"
printf "\toption model '%s'\n" "$work/absent.bin" >> "$work/no-model.conf"
run_init "$work/no-model.conf"
! grep -q '^open_instance' "$work/run/procd" || fail "the init script starts the detector without a model"
grep -q '^start_service returned [1-9]' "$work/run/procd" || fail "start_service succeeds without a model"
grep -q "^logger -t kitsune -p daemon.err .*$work/absent.bin" "$work/run/log" \
    || fail "the init script does not log the missing model: $(cat "$work/run/log")"
grep -q "$work/absent.bin" "$work/run/stderr" || fail "the init script does not say that the model is missing"
ok "init script, no model: refused, logged: $(sed 's/^logger -t kitsune -p daemon.err //' "$work/run/log")"

# Disabled: no instance (procd then stops a running one).
cp "$work/default.conf" "$work/disabled.conf"
printf "\toption enabled '0'\n" >> "$work/disabled.conf"
run_init "$work/disabled.conf"
! grep -q '^open_instance' "$work/run/procd" || fail "the init script starts the detector with enabled 0"
ok "init script, enabled 0: no instance"

# Every option set, in the spellings UCI allows for booleans.
cat > "$work/all.conf" <<CONFIG
config kitsune 'main'
	option enabled 'yes'
	option interface 'eth1'
	option model '$model'
	option arithmetic 'q16'
	option memory_budget '8M'
	option threshold '0.35'
	option filter 'not (port 22 or port 53)'
	option promiscuous 'on'
	option syslog 'off'
	option syslog_server '192.0.2.10:514'
	option syslog_facility 'local3'
	option eve '/tmp/kitsune eve.json'
	option alert_window '30'
	option alert_rate '2.5'
	option keep_learning 'true'
	option user 'kitsune'
CONFIG
run_init "$work/all.conf"
all_command=(/usr/sbin/kitsune-lite detect --interface eth1 --model "$model" --arithmetic q16 --memory-budget 8M
             --threshold 0.35 --filter "not (port 22 or port 53)" --promiscuous --syslog-server 192.0.2.10:514
             --syslog-facility local3 --eve "/tmp/kitsune eve.json" --alert-window 30 --alert-rate 2.5
             --keep-learning --user kitsune)
same "the command line with every option set" "$(printf '%s\n' "${all_command[@]}")" "$(cat "$work/run/command")"
same "what start_service asks of procd, every option set" "$(instance eth1 "$model")" "$(cat "$work/run/procd")"
ok "init script, every option: $(command_line)"

# Every option unset: the init script's own defaults.
printf "config kitsune 'main'\n\toption model '%s'\n" "$model" > "$work/empty.conf"
run_init "$work/empty.conf"
same "the command line with no option set" \
    "$(printf '%s\n' /usr/sbin/kitsune-lite detect --interface br-lan --model "$model" --syslog)" "$(cat "$work/run/command")"
ok "init script, no option: $(command_line)"

# --- The binary and the init script together, under qemu-user ---------------------------------
if command -v "$QEMU" >/dev/null; then
    # Every option the init script passes must be one the binary knows: with a missing model,
    # the complaint must be about the model, not about the command line.
    for which in default all; do
        if [ "$which" = default ]; then words=("${default_command[@]:1}"); else words=("${all_command[@]:1}"); fi
        for i in "${!words[@]}"; do [ "${words[$i]}" != "$model" ] || words[i]=$work/absent.bin; done
        status=0
        "$QEMU" "$bin" "${words[@]}" 2>"$work/qemu.txt" || status=$?
        if [ "$status" = 0 ] || ! grep -q "absent.bin" "$work/qemu.txt"; then
            fail "the binary does not accept the init script's command line ($which options): status $status, $(cat "$work/qemu.txt")"
        fi
    done
    # The default command line on the sample capture instead of br-lan, with a model the binary
    # trained itself (a threshold no packet reaches: no alert goes to this machine's syslog).
    "$QEMU" "$bin" train "$repo/Samples/lan-scan-and-flood.pcapng" --model "$work/trained.bin" --fm-grace 500 \
        --ad-grace 2000 --packets 3000 --threshold 1000000 --memory-budget "$MEMORY_BUDGET" 2>"$work/qemu.txt" \
        || fail "the binary cannot train a model: $(cat "$work/qemu.txt")"
    words=()
    for ((i = 1; i < ${#default_command[@]}; i++)); do
        case "${default_command[$i]}" in
            --interface) i=$((i + 1)) ;;
            --model) words+=(--model "$work/trained.bin"); i=$((i + 1)) ;;
            # Only root can drop to another user.
            --user) i=$((i + 1)); [ "$(id -u)" != 0 ] || words+=(--user "${default_command[$i]}") ;;
            *) words+=("${default_command[$i]}") ;;
        esac
    done
    "$QEMU" "$bin" "${words[@]}" "$repo/Samples/lan-scan-and-flood.pcapng" 2>"$work/qemu.txt" \
        || fail "the binary fails on the default command line: $(cat "$work/qemu.txt")"
    grep 'incidents: opened=0 ' "$work/qemu.txt" >/dev/null || fail "the default command line's run is not as expected: $(cat "$work/qemu.txt")"
    ok "under $QEMU: every option accepted; the default command line ran: $(grep -o 'summary: packets=[0-9]*' "$work/qemu.txt")"
else
    echo "skipped: no $QEMU, so the binary's acceptance of the init script's command line is not checked"
fi

# --- The feed Makefile, under a stand-in for OpenWrt's rules.mk and package.mk -----------------
mkdir -p "$work/openwrt/include"
cat > "$work/openwrt/rules.mk" <<'MAKE'
INCLUDE_DIR:=$(TOPDIR)/include
INSTALL_DIR:=install -d -m0755
INSTALL_BIN:=install -m0755
INSTALL_DATA:=install -m0644
INSTALL_CONF:=install -m0600
MAKE
cat > "$work/openwrt/include/package.mk" <<'MAKE'
PKG_BUILD_DIR:=$(BUILD_DIR)/$(PKG_NAME)-$(PKG_VERSION)
define BuildPackage
$(eval $(Package/$(1)))
compile:
	$(Build/Prepare)
	$(Build/Configure)
	$(Build/Compile)
	$(call Package/$(1)/install,$(ROOT))
endef
MAKE
make -s -C "$feed" TOPDIR="$work/openwrt" BUILD_DIR="$work/build" ROOT="$work/feed-root" ARCH_PACKAGES="$arch" \
    KITSUNE_BINARY="$bin" compile >"$work/make.txt" 2>&1 || fail "the feed Makefile fails: $(cat "$work/make.txt")"
files() { (cd "$1" && find . -type f -printf '%M %p\n' | sort; find . -mindepth 1 -type d -printf '%p/\n' | sort); }
same "the files the feed Makefile installs" "$(files "$work/data")" "$(files "$work/feed-root")"
diff -r "$work/data" "$work/feed-root" >&2 || fail "the feed Makefile installs other contents (above)"
ok "feed Makefile: installs the same files, modes and contents for $arch"

echo "check-package: $(basename "$ipk"): all checks passed"
