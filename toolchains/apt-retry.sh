# Sourced, not run: apt commands that survive a Debian mirror caught mid-sync.
#
# A mirror in the middle of a sync serves an index that does not match its Release file
# ("File has unexpected size ... Mirror sync in progress?"), and keeps doing so for minutes.
# Retrying with growing pauses rides most of that out. When one index still fails, the others
# were fetched: `apt_update` warns and returns success, because the install or download that
# follows is what decides whether the packages we need are there, and it fails clearly if not.
#
#   apt_update                 apt-get update, up to 4 tries, then a warning
#   apt_retry COMMAND ARGS...  any apt command, up to 4 tries, then its failure; before each
#                              new try of a download or install the indexes are refreshed,
#                              since a package that changed in the sync has a new name or size

apt_pauses=${APT_RETRY_PAUSES:-"10 30 60"}

apt_retry() {
    local pause
    for pause in $apt_pauses; do
        "$@" && return 0
        echo "apt: '$*' failed; trying again in ${pause}s" >&2
        sleep "$pause"
        [ "$*" = "apt-get update" ] || apt-get update >/dev/null 2>&1 || true
    done
    "$@"
}

apt_update() {
    apt_retry apt-get update && return 0
    echo "apt: some package indexes could not be refreshed; going on with those that were" >&2
    return 0
}
