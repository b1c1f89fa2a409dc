#!/usr/bin/env bash
# Installs the manifest linters of the linter gate (io.sqledge.lint.LinterGateTest) into a cache
# outside the clone, so that the build checks its output with the tools platform teams run:
#   kube-score   from the Go module proxy (go install)
#   checkov      from PyPI, in a virtual environment of its own
# Only the first run pays for the install; later runs reuse the cache.
#
# Usage: linters.sh          prints the cache root, to use as SQLEDGE_LINTERS; the executables of
#                            the pinned versions are recorded in <root>/linters.properties
# Env:   SQLEDGE_LINT_CACHE  cache root (default ~/.cache/sqledge/lint)
#
# The linter versions are pinned here and nowhere else; a new version installs beside the old.
set -euo pipefail

KUBE_SCORE_VERSION="v1.20.0"
CHECKOV_VERSION="3.3.30"

cache_root="${SQLEDGE_LINT_CACHE:-${HOME}/.cache/sqledge/lint}"
kube_score_dir="${cache_root}/kube-score-${KUBE_SCORE_VERSION}"
checkov_dir="${cache_root}/checkov-${CHECKOV_VERSION}"
mkdir -p "${cache_root}"

# Each install writes into a fresh directory and marks it complete last, so an interrupted
# install is redone rather than half-used.
if [[ ! -f "${kube_score_dir}/.complete" ]]; then
  command -v go >/dev/null || { echo "linters: Go is needed to build kube-score" >&2; exit 1; }
  rm -rf "${kube_score_dir}"
  echo "linters: building kube-score ${KUBE_SCORE_VERSION} (once)" >&2
  GOBIN="${kube_score_dir}" go install "github.com/zegl/kube-score/cmd/kube-score@${KUBE_SCORE_VERSION}" >&2
  touch "${kube_score_dir}/.complete"
fi

if [[ ! -f "${checkov_dir}/.complete" ]]; then
  command -v python3 >/dev/null || { echo "linters: Python 3 is needed for checkov" >&2; exit 1; }
  rm -rf "${checkov_dir}"
  echo "linters: installing checkov ${CHECKOV_VERSION} from PyPI (once)" >&2
  # A virtual environment is not relocatable (its scripts name its path), so it is made in place.
  python3 -m venv "${checkov_dir}" >&2 \
    || { echo "linters: python3 -m venv failed (Debian: apt-get install python3-venv)" >&2; exit 1; }
  "${checkov_dir}/bin/pip" install --quiet --disable-pip-version-check \
    "checkov==${CHECKOV_VERSION}" >&2
  touch "${checkov_dir}/.complete"
fi

printf 'kube-score=%s\ncheckov=%s\n' "${kube_score_dir}/kube-score" "${checkov_dir}/bin/checkov" \
  > "${cache_root}/linters.properties"
echo "${cache_root}"
