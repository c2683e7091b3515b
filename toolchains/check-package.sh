#!/usr/bin/env bash
# Checks an .ipk from toolchains/package.sh the way opkg and OpenWrt will meet it:
#   - the layout of OpenWrt's ipkg-build: a gzipped tar of ./debian-binary ("2.0"),
#     ./data.tar.gz and ./control.tar.gz in that order; every member owned by 0:0, with the
#     expected mode and the one mtime of SourceDateEpoch;
#   - the control fields, against the feed Makefile (openwrt/kitsune-lite/Makefile) and the
#     board whose OPKG_ARCH is the package's Architecture; conffiles; postinst and prerm;
#   - the binary: a static, stripped ELF for the board's machine;
#   - the packaged /etc/config/kitsune carries the board's arithmetic and memory budget;
#   - the init script and the runner (files/kitsune-lite.runner): their syntax (sh -n); what the init script asks
#     of procd is tested under OpenWrt's own procd by openwrt/tests/service-test.sh;
#   - the binary under qemu-user: it accepts train's and detect's words with every option the
#     init script can pass, and runs detect's default words on the sample capture with a model
#     it trained itself;
#   - the runner under qemu-user, over a configuration and a model of an arithmetic the binary
#     does not have: it leaves out the one, puts the other aside and learns again;
#   - the feed Makefile, run under a stand-in for OpenWrt's package.mk, installs the same files.
# Usage: toolchains/check-package.sh IPK   (ALLOW_NO_QEMU=1: without the board's qemu, check the
#        rest and say what was left out; otherwise a missing qemu fails the check)
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
skipped=
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
drwxr-xr-x 0/0 ./usr/libexec/
drwxr-xr-x 0/0 ./usr/libexec/kitsune-lite/
-rwxr-xr-x 0/0 ./usr/libexec/kitsune-lite/kitsune-lite
drwxr-xr-x 0/0 ./usr/sbin/
-rwxr-xr-x 0/0 ./usr/sbin/kitsune-lite" "$(listing "$work/outer/data.tar.gz")"
tar -xzf "$work/outer/data.tar.gz" -C "$work/data"
for path in $conffiles; do
    [ -f "$work/data$path" ] || fail "conffile $path is not in data.tar.gz"
done
same "the sysupgrade keep list" "/etc/kitsune/" "$(cat "$work/data/lib/upgrade/keep.d/kitsune-lite")"
ok "data: /usr/sbin/kitsune-lite, /usr/libexec/kitsune-lite/kitsune-lite (the runner) and /etc/init.d/kitsune (755), /etc/config/kitsune (600), /etc/kitsune/, keep.d"

# --- The binary -----------------------------------------------------------------------------
bin=$work/data/usr/sbin/kitsune-lite
description=$(file -b "$bin")
case "$arch" in
    aarch64_*) machine="64-bit LSB executable, ARM aarch64" ;;
    arm_*) machine="32-bit LSB executable, ARM, EABI5" ;;
    x86_64) machine="64-bit LSB executable, x86-64" ;;
    *) fail "no machine known for the architecture $arch" ;;
esac
case "$description" in *"ELF $machine"*) ;; *) fail "the binary is not an ELF $machine: $description" ;; esac
case "$description" in *"statically linked"*) ;; *) fail "the binary is not statically linked: $description" ;; esac
case "$description" in *interpreter*) fail "the binary names an interpreter: $description" ;; esac
case "$description" in *", stripped"*) ;; *) fail "the binary is not stripped: $description" ;; esac
if [ "${arch%%_*}" = arm ]; then
    readelf=$(command -v "$GNU_TRIPLE-readelf" || command -v readelf) \
        || fail "no readelf to check the hard-float calling convention (binutils)"
    "$readelf" -A "$bin" | grep 'Tag_ABI_VFP_args: VFP registers' >/dev/null \
        || fail "the binary does not use the hard-float calling convention of OpenWrt's arm targets"
fi
ok "binary: $(echo "$description" | cut -d, -f1-2), static, stripped, $(stat -c %s "$bin") bytes"

# --- The configuration and the init script ----------------------------------------------------
config=$work/data/etc/config/kitsune
grep -qx "[[:space:]]*option arithmetic '$ARITHMETIC'" "$config" || fail "/etc/config/kitsune does not have the board's arithmetic $ARITHMETIC"
grep -qx "[[:space:]]*option memory_budget '$MEMORY_BUDGET'" "$config" \
    || fail "/etc/config/kitsune does not have the board's memory budget $MEMORY_BUDGET"
ok "/etc/config/kitsune: the board's arithmetic ($ARITHMETIC) and memory budget ($MEMORY_BUDGET)"
# What it asks of procd, under OpenWrt's own procd, ubusd, uci and shell libraries, is tested by
# openwrt/tests/service-test.sh (make test-openwrt); here: its form and its syntax in the shells.
init=$work/data/etc/init.d/kitsune
runner=$work/data/usr/libexec/kitsune-lite/kitsune-lite
same "the init script's first line" "#!/bin/sh /etc/rc.common" "$(head -n 1 "$init")"
grep -qx 'USE_PROCD=1' "$init" || fail "the init script does not set USE_PROCD=1"
same "the runner's first line" "#!/bin/sh" "$(head -n 1 "$runner")"
shells=(sh)
command -v busybox >/dev/null && shells+=("busybox sh")
for shell in "${shells[@]}"; do
    $shell -n "$init" || fail "the init script: $shell -n finds a syntax error"
    $shell -n "$runner" || fail "the runner: $shell -n finds a syntax error"
done
shell_list=$(printf '%s, ' "${shells[@]}")
ok "init script: #!/bin/sh /etc/rc.common, USE_PROCD=1; it and the runner syntax checked (-n) in: ${shell_list%, }"

# --- The binary and the package's command lines, under qemu-user -----------------------------
# The words the init script gives train and detect with every UCI option set, as
# openwrt/tests/service-test.sh finds them in procd (there with the host's arithmetic and budget).
model="$work/model dir/lan.model"
mkdir -p "$(dirname "$model")"
common=(--interface br-lan --model "$model" --status /var/run/kitsune/lan.status --arithmetic "$ARITHMETIC"
        --memory-budget "$MEMORY_BUDGET" --filter "not (port 22 or port 53)" --promiscuous --capture-buffer 8192
        --user nobody)
train_command=(train "${common[@]}" --fm-grace 5000 --ad-grace 100000 --false-alarm-rate 0.001 --packets 1000000
               --seconds 86400 --calibration 500000000)
detect_command=(detect "${common[@]}" --threshold 0.35 --syslog --syslog-rate 10 --syslog-server 192.0.2.10:514
                --syslog-facility local3 --eve /tmp/kitsune/eve-lan.json --eve-size 1M --eve-files 2 --alert-window 30
                --alert-rate 2.5 --warmup 60 --keep-learning)
if command -v "$QEMU" >/dev/null; then
    # Every option the init script passes must be one the binary knows: with a missing model,
    # detect's complaint must be about the model, and train's about the interface (this
    # machine has no br-lan), not about the command line.
    status=0
    "$QEMU" "$bin" "${detect_command[@]}" 2>"$work/qemu.txt" || status=$?
    if [ "$status" = 0 ] || ! grep -q "lan.model" "$work/qemu.txt"; then
        fail "the binary does not accept the init script's detect words: status $status, $(cat "$work/qemu.txt")"
    fi
    status=0
    "$QEMU" "$bin" "${train_command[@]}" 2>"$work/qemu.txt" || status=$?
    if [ "$status" = 0 ] || ! grep -q "br-lan" "$work/qemu.txt"; then
        fail "the binary does not accept the init script's train words: status $status, $(cat "$work/qemu.txt")"
    fi
    # The default detect words on the sample capture instead of br-lan, with a model the binary
    # trained itself (a threshold no packet reaches: no alert goes to this machine's syslog).
    "$QEMU" "$bin" train "$repo/Samples/lan-scan-and-flood.pcapng" --model "$work/trained.bin" --fm-grace 500 \
        --ad-grace 2000 --packets 3000 --threshold 1000000 --memory-budget "$MEMORY_BUDGET" 2>"$work/qemu.txt" \
        || fail "the binary cannot train a model: $(cat "$work/qemu.txt")"
    words=(detect --model "$work/trained.bin" --status "$work/status" --arithmetic "$ARITHMETIC" --memory-budget "$MEMORY_BUDGET"
           --syslog --syslog-rate 10 --syslog-facility daemon --eve "$work/eve.json" --eve-size 1M --eve-files 2
           --alert-window 10 --alert-rate 10)
    # Only root can drop to another user.
    [ "$(id -u)" != 0 ] || words+=(--user nobody)
    chmod 777 "$work"
    "$QEMU" "$bin" "${words[@]}" "$repo/Samples/lan-scan-and-flood.pcapng" 2>"$work/qemu.txt" \
        || fail "the binary fails on the default detect words: $(cat "$work/qemu.txt")"
    grep 'incidents: opened=0 ' "$work/qemu.txt" >/dev/null || fail "the default detect words' run is not as expected: $(cat "$work/qemu.txt")"
    grep -q '^state=stopped packets=' "$work/status" || fail "the run wrote no status: $(cat "$work/status" 2>&1)"
    ok "under $QEMU: train's and detect's words accepted; the default detect words ran: $(grep -o 'summary: packets=[0-9]*' "$work/qemu.txt")"

    # The runner over a configuration and a model kept from a package of another arithmetic
    # (float64 here, which no router build has; a q16 armv7 router's after its package went to
    # float32): it leaves out the configured arithmetic's words, puts the model aside and learns
    # again. Here the learning stops at once on the interface (there is no nosuch0), as its
    # status says.
    host=$repo/.build/release/kitsune-lite
    [ -x "$host" ] || (cd "$repo" && swift build -c release >/dev/null)
    mkdir -p "$work/runner/bin"
    "$host" train "$repo/Samples/lan-scan-and-flood.pcapng" --arithmetic float64 --model "$work/runner/lan.model" \
        --fm-grace 500 --ad-grace 2000 --packets 3000 2>/dev/null || fail "the host binary cannot train a float64 model"
    printf '#!/bin/sh\nexec %q %q "$@"\n' "$QEMU" "$bin" > "$work/runner/bin/kitsune-lite"
    printf '#!/bin/sh\necho "$*" >> %q\n' "$work/runner/log" > "$work/runner/bin/logger"
    chmod +x "$work/runner/bin/kitsune-lite" "$work/runner/bin/logger"
    status=0
    PATH="$work/runner/bin:$PATH" KITSUNE_PROG="$work/runner/bin/kitsune-lite" sh "$runner" "$work/runner/lan.model" \
        "$work/runner/status" 7 train --interface nosuch0 --model "$work/runner/lan.model" --arithmetic float64 \
        detect --interface nosuch0 --model "$work/runner/lan.model" --arithmetic float64 >"$work/runner/out" 2>&1 \
        || status=$?
    grep -q "option arithmetic 'float64': this build of kitsune-lite does not have it" "$work/runner/log" \
        || fail "the runner did not say it leaves out the arithmetic: $(cat "$work/runner/log" 2>&1)"
    [ -f "$work/runner/lan.model.previous" ] && [ ! -f "$work/runner/lan.model" ] \
        || fail "the runner did not put aside a model of another arithmetic: $(ls "$work/runner"; cat "$work/runner/log" 2>&1)"
    grep -q "is in an arithmetic this build does not have (this build of kitsune-lite has no float64 .*kept as .*lan.model.previous, learning again" \
        "$work/runner/log" || fail "the runner's log: $(cat "$work/runner/log" 2>&1)"
    grep -q "^state=learning_failed" "$work/runner/status" && [ "$status" != 0 ] && grep -q "nosuch0" "$work/runner/out" \
        && ! grep -q "has no" "$work/runner/out" \
        || fail "the runner did not learn again without the arithmetic: status $status, $(cat "$work/runner/status" "$work/runner/out" 2>&1)"
    ok "runner: option arithmetic float64 left out, the float64 model put aside as lan.model.previous, learning again ($(head -c 120 "$work/runner/out"))"
elif [ "${ALLOW_NO_QEMU:-}" = 1 ]; then
    skipped="the binary and the runner under qemu (no $QEMU)"
    echo "skipped: no $QEMU, so the binary's acceptance of the init script's words and the runner are not checked"
else
    fail "no $QEMU to run the binary and the runner (ALLOW_NO_QEMU=1 checks the rest alone)"
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

echo "check-package: $(basename "$ipk"): all checks passed${skipped:+, but not $skipped}"
