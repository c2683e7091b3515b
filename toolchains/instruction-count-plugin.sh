# Sourced by toolchains/count.sh and scripts/cycle-model-check.sh: `instruction_count_plugin DIR`
# prints the path of the instruction-count plugin (instruction-count-plugin.c) built in DIR for
# the installed qemu-user, which it installs if need be. The plugin needs a QEMU that loads
# plugins (qemu-user's, not the static one the tests use) and the qemu-plugin.h of that very
# version, which is only in QEMU's source package. Needs apt-retry.sh sourced.
instruction_count_plugin() {  # directory for the header and the plugin
    local root=$1 source_file version plugin_dir plugin
    source_file=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/instruction-count-plugin.c
    # Each step returns on failure: in the $(...) that callers use, `set -e` does not apply.
    command -v qemu-aarch64 >/dev/null || apt_retry apt-get install -y -q qemu-user >/dev/null || return 1
    version=$(dpkg-query -W -f='${source:Version}' qemu-user) || return 1
    plugin_dir=$root/qemu-plugin/$version
    if [ ! -f "$plugin_dir/qemu-plugin.h" ]; then
        mkdir -p "$plugin_dir/source" || return 1
        (cd "$plugin_dir/source" && apt_retry apt-get source --download-only "qemu=$version" >/dev/null 2>&1) || return 1
        tar -xJf "$plugin_dir"/source/qemu_*.orig.tar.xz -C "$plugin_dir/source" --wildcards '*/include/qemu/qemu-plugin.h' \
            || return 1
        cp "$plugin_dir"/source/*/include/qemu/qemu-plugin.h "$plugin_dir/" || return 1
        rm -rf "$plugin_dir/source"
    fi
    plugin=$plugin_dir/instruction-count.so
    if [ ! -f "$plugin" ] || [ "$source_file" -nt "$plugin" ]; then
        ${CC:-cc} -shared -fPIC -O2 -I "$plugin_dir" -o "$plugin" "$source_file" || return 1
    fi
    echo "$plugin"
}
