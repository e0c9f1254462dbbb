# Shared by setup/start, setup/test and .ci/run: bring Odoo, install what it needs, reuse
# what exists. The rest is Python, run from the project's root: python -m setup.X.
# shellcheck shell=bash
set -euo pipefail

# -h/--help on any command: its header comment, before anything is installed.
for arg in "$@"; do
    case $arg in -h | --help)
        sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"
        exit 0
        ;;
    esac
done

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$PROJECT_DIR"
ODOO_PATH=${ODOO_PATH:-/opt/odoo}
PASSKOOP_HOME=${PASSKOOP_HOME:-$HOME/.cache/passkoop}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-$(id -un)}
export ODOO_PATH PGHOST PGPORT PGUSER
# Debian packages: git to bring Odoo, headers to build psycopg2 and python-ldap, Chromium for the browser tours
# (its headless shell for Odoo's tours: half the CPU of the full browser, setup/run_tests.py),
# wkhtmltopdf for Odoo's PDFs and poppler-utils to read them back in the tests.
DEBIAN_PACKAGES="libpq-dev libldap2-dev libsasl2-dev chromium chromium-headless-shell postgresql-client git wkhtmltopdf poppler-utils"

say() { printf '\033[1m[passkoop]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[passkoop] ERROR:\033[0m %s\n' "$*" >&2; exit 1; }

# Odoo 18.0 at ODOO_PATH, brought from PASSKOOP_ODOO_SOURCE if missing (setup/odoo_source.py).
ensure_odoo() {
    python3 -m setup.odoo_source || exit 1
}

ensure_debian_packages() {
    local missing=() pkg
    for pkg in $DEBIAN_PACKAGES; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || die "missing Debian packages: ${missing[*]} (and no apt-get to install them)"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    say "installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

check_postgres() {
    command -v psql >/dev/null || die "psql not found: install postgresql-client."
    pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null \
        || die "PostgreSQL does not answer on $PGHOST:$PGPORT. Start it (e.g. pg_ctlcluster 15 main start) or set PGHOST/PGPORT."
    # Odoo refuses to run as the 'postgres' role: use a superuser role named after this user.
    if ! psql -d postgres -tAc "select 1" >/dev/null 2>&1; then
        say "creating PostgreSQL superuser role '$PGUSER'"
        psql -U postgres -d postgres -qc "CREATE ROLE \"$PGUSER\" SUPERUSER LOGIN" \
            || die "cannot create the PostgreSQL role '$PGUSER': create it as a superuser by hand."
    fi
    [ "$PGUSER" != postgres ] || die "Odoo refuses the 'postgres' role: set PGUSER to another superuser."
}

# pip, quiet but for real problems (this machine's pip.conf adds noisy find-links warnings).
pip_install() {
    "$VENV/bin/pip" install -q --disable-pip-version-check "$@" 2> >(grep -v "is ignored: it is neither" >&2)
}

# One virtual environment per set of requirements, kept outside the checkout so fresh clones reuse it.
ensure_venv() {
    local key
    key=$(cat "$ODOO_PATH/requirements.txt" "$PROJECT_DIR/requirements-dev.txt" | sha1sum | cut -c1-12)
    VENV="$PASSKOOP_HOME/venv-$key"
    if [ ! -f "$VENV/.complete" ]; then
        say "creating the Python environment $VENV (Odoo's requirements: a few minutes the first time)"
        rm -rf "$VENV"
        python3 -m venv "$VENV"
        # cbor2 5.4.2 (pinned by Odoo) builds only with setuptools < 81: build it without isolation.
        pip_install wheel "setuptools<81" "setuptools_scm<8" || return 1
        pip_install --no-build-isolation \
            -r <(grep -i '^cbor2' "$ODOO_PATH/requirements.txt") || return 1
        pip_install -r "$ODOO_PATH/requirements.txt" -r "$PROJECT_DIR/requirements-dev.txt" || return 1
        touch "$VENV/.complete"
    fi
    export PATH="$VENV/bin:$PATH"
    # Python's compiled bytecode kept in one place outside the trees (Odoo's and the
    # checkout's stay clean), even where PYTHONDONTWRITEBYTECODE is set: every Odoo
    # process would otherwise compile Odoo's modules again, 1.5 of its 4 CPU-s to start.
    export PYTHONPYCACHEPREFIX="$PASSKOOP_HOME/pycache"
    unset PYTHONDONTWRITEBYTECODE
}

ensure_lint_venv() {
    LINT_VENV="$PASSKOOP_HOME/lint-$(sha1sum < "$PROJECT_DIR/requirements-lint.txt" | cut -c1-12)"
    if [ ! -f "$LINT_VENV/.complete" ]; then
        say "creating the linters' environment $LINT_VENV"
        rm -rf "$LINT_VENV"
        python3 -m venv "$LINT_VENV"
        VENV=$LINT_VENV pip_install -r "$PROJECT_DIR/requirements-lint.txt" || return 1
        touch "$LINT_VENV/.complete"
    fi
    export PATH="$LINT_VENV/bin:$PATH"
}

ensure_node_tools() {
    command -v npm >/dev/null || die "npm not found: install Node.js (Debian package nodejs npm)."
    if [ ! -d "$PROJECT_DIR/node_modules/.bin" ] || [ "$PROJECT_DIR/package-lock.json" -nt "$PROJECT_DIR/node_modules/.stamp" ]; then
        say "installing the JavaScript linters (npm ci)"
        (cd "$PROJECT_DIR" && npm ci --silent --no-audit --no-fund) && touch "$PROJECT_DIR/node_modules/.stamp"
    fi
}

ensure_all() {
    ensure_debian_packages
    ensure_odoo
    check_postgres
    ensure_venv
}
