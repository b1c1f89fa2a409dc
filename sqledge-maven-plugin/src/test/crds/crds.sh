#!/usr/bin/env bash
# Brings the CustomResourceDefinitions of the kinds the plugin writes for other operators into a
# cache outside the clone, from the operators' released Go modules (the Go module proxy), so that
# the tests install them on the real API server and the plugin's schema of those kinds
# (custom-resources.schema, CustomResourceSchemaFileTest) is held to them:
#   cert-manager          Certificate            (tls.certManager)
#   prometheus-operator   ServiceMonitor         (metrics.serviceMonitor)
#   argo-cd               ApplicationSet         (gitops.argocd)
#   kustomize-controller  Kustomization (Flux)   (gitops.flux)
# Only the first run downloads; later runs reuse the cache.
#
# Usage: crds.sh             prints the cache root, to use as SQLEDGE_CRDS; the files are
#                            <root>/<module>-<version>/<file> (crds.properties names them)
# Env:   SQLEDGE_CRD_CACHE   cache root (default ~/.cache/sqledge/crds)
#
# The versions are pinned here and nowhere else; a new version lands beside the old.
set -euo pipefail

CERT_MANAGER_VERSION="v1.21.2"
PROMETHEUS_OPERATOR_VERSION="v0.85.0"
# The newest releases whose go.mod the Go here (1.26) takes; later ones ask for Go 1.27.
ARGO_CD_VERSION="v3.5.8"
KUSTOMIZE_CONTROLLER_VERSION="v1.9.6"

cache_root="${SQLEDGE_CRD_CACHE:-${HOME}/.cache/sqledge/crds}"
mkdir -p "${cache_root}"

# fetch <module> <version> <directory name> <path of a CRD in the module>...
fetch() {
  local module="$1" version="$2" name="$3"
  shift 3
  local dir="${cache_root}/${name}-${version}"
  if [[ -f "${dir}/.complete" ]]; then
    return
  fi
  command -v go >/dev/null || { echo "crds: Go is needed to download ${module}" >&2; exit 1; }
  echo "crds: downloading ${module}@${version} from the Go module proxy (once)" >&2
  local source
  source="$(cd "${cache_root}" && GOFLAGS=-mod=mod go mod download -json "${module}@${version}" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])')"
  rm -rf "${dir}" && mkdir -p "${dir}"
  for file in "$@"; do
    cp "${source}/${file}" "${dir}/$(basename "${file}")"
    chmod 644 "${dir}/$(basename "${file}")"
  done
  touch "${dir}/.complete"
}

fetch github.com/cert-manager/cert-manager "${CERT_MANAGER_VERSION}" cert-manager \
  deploy/crds/cert-manager.io_certificates.yaml
fetch github.com/prometheus-operator/prometheus-operator "${PROMETHEUS_OPERATOR_VERSION}" \
  prometheus-operator example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml
fetch github.com/argoproj/argo-cd/v3 "${ARGO_CD_VERSION}" argo-cd \
  manifests/crds/applicationset-crd.yaml
fetch github.com/fluxcd/kustomize-controller "${KUSTOMIZE_CONTROLLER_VERSION}" \
  kustomize-controller config/crd/bases/kustomize.toolkit.fluxcd.io_kustomizations.yaml

{
  echo "# the CRDs of the pinned versions, written by src/test/crds/crds.sh"
  echo "certificates=${cache_root}/cert-manager-${CERT_MANAGER_VERSION}/cert-manager.io_certificates.yaml"
  echo "servicemonitors=${cache_root}/prometheus-operator-${PROMETHEUS_OPERATOR_VERSION}/monitoring.coreos.com_servicemonitors.yaml"
  echo "applicationsets=${cache_root}/argo-cd-${ARGO_CD_VERSION}/applicationset-crd.yaml"
  echo "kustomizations=${cache_root}/kustomize-controller-${KUSTOMIZE_CONTROLLER_VERSION}/kustomize.toolkit.fluxcd.io_kustomizations.yaml"
} > "${cache_root}/crds.properties.tmp"
mv "${cache_root}/crds.properties.tmp" "${cache_root}/crds.properties"
echo "${cache_root}"
