#!/usr/bin/env bash
# Builds the Kubernetes test binaries from Go modules into a cache outside the clone, so that the
# tests talk to a real API server, and run pods on a simulated cluster with the real controllers,
# without Docker or downloads beyond the Go module proxy. Only the first run pays for the build;
# later runs reuse the cache.
#   kube-apiserver, etcd, kubectl                    the API server the tests check manifests on
#   kube-controller-manager, kube-scheduler         the real controllers of the simulated cluster
#   kwok                                            nodes and pods without a container runtime
#   busybox                                         the shell the failover guard's image runs its
#                                                   script with (Alpine's), from Debian's package
#
# Usage: .ci/kube-binaries.sh    prints the cache root, to use as KUBE_API_TEST_DIR
# Env:   SQLEDGE_KUBE_CACHE      cache root (default ~/.cache/sqledge/kube)
#
# The binaries land where io.fabric8:kube-api-test looks in its offline mode:
#   <cache root>/k8s/<version>-linux-amd64/{kube-apiserver,etcd,kubectl}
# and the others beside them.
#
# The Kubernetes and KWOK versions are pinned here and nowhere else.
set -euo pipefail

KUBE_VERSION="1.34.4"
# KWOK needs a newer client-go than the Kubernetes module above pins, so it is built in a module
# of its own (go install of the released module). v0.8.0 needs Go 1.26 or later.
KWOK_VERSION="v0.8.0"
# Bump when the way the binaries are built changes, so that caches are rebuilt.
RECIPE="3"

cache_root="${SQLEDGE_KUBE_CACHE:-${HOME}/.cache/sqledge/kube}"
case "$(uname -m)" in
  x86_64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) arch="$(uname -m)" ;;
esac
bin_dir="${cache_root}/k8s/${KUBE_VERSION}-linux-${arch}"
stamp="${bin_dir}/.recipe-${RECIPE}"
kube_binaries=(kube-apiserver kubectl kube-controller-manager kube-scheduler)
all_binaries=("${kube_binaries[@]}" etcd kwok)

# The failover guard's image (alpine/kubectl) runs templates/failover-guard.sh with BusyBox's sh:
# the tests run it with BusyBox too. Fetched apart from the build recipe, so that adding it does
# not rebuild Kubernetes.
busybox="${bin_dir}/busybox"
if [[ ! -x "${busybox}" ]]; then
  command -v apt-get >/dev/null || { echo "kube-binaries: apt-get (Debian) is needed to fetch BusyBox" >&2; exit 1; }
  download="$(mktemp -d)"
  (cd "${download}" && apt-get download busybox >&2 2>/dev/null) \
    || { echo "kube-binaries: apt-get download busybox failed" >&2; exit 1; }
  dpkg-deb -x "${download}"/busybox_*.deb "${download}/root"
  mkdir -p "${bin_dir}"
  mv "${download}/root/bin/busybox" "${busybox}.tmp" && mv "${busybox}.tmp" "${busybox}"
  rm -rf "${download}"
  "${busybox}" sh -c 'echo "kube-binaries: BusyBox sh ready"' >&2
fi

built() {
  [[ -f "${stamp}" ]] || return 1
  for b in "${all_binaries[@]}"; do [[ -x "${bin_dir}/${b}" ]] || return 1; done
}
if built; then
  echo "${cache_root}"
  exit 0
fi

command -v go >/dev/null || { echo "kube-binaries: Go is needed to build kube-apiserver and etcd" >&2; exit 1; }

work="${cache_root}/src/${KUBE_VERSION}"
mkdir -p "${work}/cmd/etcd" "${bin_dir}"
cd "${work}"

# k8s.io/kubernetes requires its staging modules at v0.0.0 and replaces them by ./staging paths,
# which do not exist in the module download: map each one to its published v0.X.Y tag.
staging_version="v0.${KUBE_VERSION#1.}"
go mod download -json "k8s.io/kubernetes@v${KUBE_VERSION}" >/dev/null
kube_mod="$(go env GOMODCACHE)/cache/download/k8s.io/kubernetes/@v/v${KUBE_VERSION}.mod"
{
  echo "module sqledge.local/kube-binaries"
  echo
  echo "go 1.24.0"
  echo
  echo "require k8s.io/kubernetes v${KUBE_VERSION}"
  echo
  echo "replace ("
  sed -n 's#^[[:space:]]*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\t\1 => \1 '"${staging_version}"'#p' "${kube_mod}"
  echo ")"
} > go.mod

# etcd's main is three lines over etcdmain, at the version Kubernetes itself depends on.
cat > cmd/etcd/main.go <<'GO'
package main

import "go.etcd.io/etcd/server/v3/etcdmain"

func main() { etcdmain.Main(os.Args) }
GO
sed -i 's#^import "go.etcd.io/etcd/server/v3/etcdmain"#import (\n\t"os"\n\n\t"go.etcd.io/etcd/server/v3/etcdmain"\n)#' cmd/etcd/main.go

cat > tools.go <<'GO'
//go:build tools

package tools

import (
	_ "go.etcd.io/etcd/server/v3/etcdmain"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
GO

echo "kube-binaries: building Kubernetes v${KUBE_VERSION} (${kube_binaries[*]}, etcd) and KWOK ${KWOK_VERSION}; the first build takes a while" >&2
go mod tidy >&2
export CGO_ENABLED=0
# Stamp the version the module proxy cannot: a source build would otherwise say v0.0.0-master.
minor="${KUBE_VERSION#1.}"; minor="${minor%%.*}"
version_flags=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  version_flags+=" -X ${pkg}.gitVersion=v${KUBE_VERSION} -X ${pkg}.gitMajor=1 -X ${pkg}.gitMinor=${minor}"
  version_flags+=" -X ${pkg}.gitTreeState=clean -X ${pkg}.buildDate=1970-01-01T00:00:00Z"
done
ldflags="-s -w ${version_flags}"
for b in "${kube_binaries[@]}"; do
  go build -trimpath -ldflags "${ldflags}" -o "${bin_dir}/${b}.tmp" "k8s.io/kubernetes/cmd/${b}"
done
go build -trimpath -ldflags "-s -w" -o "${bin_dir}/etcd.tmp" ./cmd/etcd
# go install outside any module builds KWOK with its own go.mod, as its release does.
GOBIN="${bin_dir}/kwok-build" go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@${KWOK_VERSION}"
mv "${bin_dir}/kwok-build/kwok" "${bin_dir}/kwok.tmp" && rmdir "${bin_dir}/kwok-build"
for b in "${all_binaries[@]}"; do mv "${bin_dir}/${b}.tmp" "${bin_dir}/${b}"; done
"${bin_dir}/kube-apiserver" --version >&2
"${bin_dir}/kwok" --version >&2
touch "${stamp}"
echo "${cache_root}"
