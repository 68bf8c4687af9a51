#!/usr/bin/env bash
# Check, build and copy the site to a web host (a municipal server, shared hosting) over SSH: rsync, or SFTP
# where the host offers only SFTP. Run it from the folder of site_config.yml, locally or in CI.
#
# Settings (environment variables):
#   DEPLOY_TARGET       where the site goes, as user@host:/path/of/the/web/folder/   (required)
#   DEPLOY_METHOD       rsync (default; removes files the new site no longer has) or sftp (uploads, removes nothing)
#   DEPLOY_PORT         SSH port (default 22)
#   DEPLOY_SSH_KEY      the private key itself, e.g. from a CI secret (optional; otherwise ssh's own keys)
#   DEPLOY_KNOWN_HOSTS  the host's line(s) for known_hosts (`ssh-keyscan -p PORT host`); required with DEPLOY_SSH_KEY
#   SITE_CONFIG         the MkDocs configuration (default site_config.yml)
#   SITE_DIR            the built site (default: site/ next to SITE_CONFIG)
#   ITASITE             the itasite command (default itasite)
set -euo pipefail

: "${DEPLOY_TARGET:?set DEPLOY_TARGET to user@host:/path/of/the/web/folder/}"
method="${DEPLOY_METHOD:-rsync}"
port="${DEPLOY_PORT:-22}"
config="${SITE_CONFIG:-site_config.yml}"
site_dir="${SITE_DIR:-$(dirname "$config")/site}"
itasite="${ITASITE:-itasite}"
export NO_MKDOCS_2_WARNING=1

case "$method" in
  rsync | sftp) ;;
  *) echo "DEPLOY_METHOD must be rsync or sftp (got '$method')" >&2; exit 2 ;;
esac

# 1. SSH options: a key and the host's fingerprint from CI secrets, never "accept any host".
ssh_opts=(-p "$port" -o BatchMode=yes)
if [ -n "${DEPLOY_SSH_KEY:-}" ]; then
  : "${DEPLOY_KNOWN_HOSTS:?set DEPLOY_KNOWN_HOSTS (ssh-keyscan -p PORT host) together with DEPLOY_SSH_KEY}"
  ssh_dir="$(mktemp -d)"
  trap 'rm -rf "$ssh_dir"' EXIT
  printf '%s\n' "$DEPLOY_SSH_KEY" >"$ssh_dir/key"
  printf '%s\n' "$DEPLOY_KNOWN_HOSTS" >"$ssh_dir/known_hosts"
  chmod 600 "$ssh_dir/key"
  ssh_opts+=(-i "$ssh_dir/key" -o IdentitiesOnly=yes -o UserKnownHostsFile="$ssh_dir/known_hosts" -o StrictHostKeyChecking=yes)
fi

# 2. Nothing is copied unless the content is clean and the build succeeds.
"$itasite" check -f "$config" --strict
"$itasite" build -f "$config" --strict

# 3. Copy.
if [ "$method" = rsync ]; then
  rsync --recursive --links --times --compress --delete --human-readable \
    -e "ssh ${ssh_opts[*]}" "$site_dir/" "$DEPLOY_TARGET"
else
  host="${DEPLOY_TARGET%%:*}"
  path="${DEPLOY_TARGET#*:}"
  path="${path%/}"
  # sftp takes -P for the port; the other options are the same as ssh's.
  sftp_opts=("${ssh_opts[@]/#-p/-P}")
  {
    printf -- '-mkdir "%s"\n' "$path"
    printf 'lcd "%s"\n' "$site_dir"
    printf 'cd "%s"\n' "$path"
    printf 'put -r *\n'
  } | sftp "${sftp_opts[@]}" -b - "$host"
fi
echo "published $site_dir to $DEPLOY_TARGET"
