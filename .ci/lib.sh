# Shared helpers of the .ci scripts. Sourced, never run.

ci_log() { printf '[%s] %s\n' "$(basename "${0}")" "$*" >&2; }

ci_die() { ci_log "error: $*"; exit 1; }

ci_is_root() { [ "$(id -u)" -eq 0 ]; }

# The repository root: the folder above .ci/.
ci_repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

# apt-get update once per script run (the first install needs it on a fresh machine).
ci_apt_updated=0
ci_apt_install() {
    ci_is_root || ci_die "missing packages: $*; install them (as root: apt-get install -y $*)"
    if [ "$ci_apt_updated" -eq 0 ]; then
        ci_log "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        ci_apt_updated=1
    fi
    ci_log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

# The newest Debian PostgreSQL bin folder, or FLATTR_PG_BIN; empty when none is installed.
ci_pg_bin() {
    if [ -n "${FLATTR_PG_BIN:-}" ]; then
        echo "$FLATTR_PG_BIN"
        return
    fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ]; then
        echo "$dir"
    fi
}
