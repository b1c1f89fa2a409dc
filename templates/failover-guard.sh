#!/bin/sh
# The failover guard of one sqledge instance (ha.automaticFailover: guard). The cluster runs this
# file from the ConfigMap <name>-failover-guard; the tests run the same file, with a real kubectl
# and the guard's own ServiceAccount token.
#
# When a node dies, Kubernetes evicts the database's pod after ha.failoverSeconds, but the pod
# stays Terminating (no kubelet confirms it) and its ReadWriteOnce disk stays attached to the dead
# node: the replacement waits on a Multi-Attach error. Kubernetes' non-graceful node shutdown ends
# that: a node tainted node.kubernetes.io/out-of-service=nodeshutdown:NoExecute has its pods
# force-deleted and its disks detached at once. The taint says "this node is off", so it must be
# true: otherwise two SQL Server processes write one disk. This guard puts it on a node only when
#   (a) a pod of the instance is stuck there (Terminating, or its disk is attached there while the
#       replacement waits elsewhere), and
#   (b) fencing is confirmed: with cloudShutdown, the cloud provider's
#       node.cloudprovider.kubernetes.io/shutdown taint (its controller saw the machine off); with
#       notReadyFor, the guard itself has seen the node NotReady for SQLEDGE_MINIMUM_DOWN_SECONDS.
# It marks the node with the annotation sqledge.io/failover-guard=<namespace>/<name>, and once
# the node is Ready again and holds no pod of the instance, it removes the taint and the mark.
# A taint it did not put there it never removes. When in doubt it does nothing, and says why.
#
# Every action and every refusal is a log line and an Event on the database's pod, once per
# change (not every round). Needs /bin/sh (POSIX; BusyBox ash in the image) and kubectl.
#
# Environment (set by the Deployment):
#   SQLEDGE_NAMESPACE, SQLEDGE_INSTANCE      the instance
#   SQLEDGE_SELECTOR                         the label selector of its pods and claims
#   SQLEDGE_FENCING                          cloudShutdown or notReadyFor
#   SQLEDGE_MINIMUM_DOWN_SECONDS             with notReadyFor
#   SQLEDGE_POLL_SECONDS                     how often it looks
#   SQLEDGE_ONCE                             true: one round, then exit (a run by hand)
#   HOME                                     kubectl's cache, and the heartbeat
# With the argument --alive, it is the liveness probe: true unless a round has not started for
# two minutes (a kubectl call hangs at most 20 s). With --ready, the readiness probe: true once a
# round has read everything it needs, within the last minute.
set -u

HEARTBEAT="$HOME/failover-guard.alive"
READ_ALL="$HOME/failover-guard.ready"
# younger FILE SECONDS: whether FILE holds a time less than SECONDS ago.
younger() {
  [ -f "$1" ] && [ $(($(date +%s) - $(cat "$1"))) -lt "$2" ]
}
case "${1:-}" in
  --alive) [ ! -f "$HEARTBEAT" ] || younger "$HEARTBEAT" 120; exit ;;
  --ready) younger "$READ_ALL" 60; exit ;;
esac

NS=${SQLEDGE_NAMESPACE:?the namespace is not set}
INSTANCE=${SQLEDGE_INSTANCE:?the instance is not set}
SELECTOR=${SQLEDGE_SELECTOR:?the selector is not set}
FENCING=${SQLEDGE_FENCING:-cloudShutdown}
MINIMUM_DOWN=${SQLEDGE_MINIMUM_DOWN_SECONDS:-120}
POLL=${SQLEDGE_POLL_SECONDS:-5}
ME="$NS/$INSTANCE"
OUT_OF_SERVICE=node.kubernetes.io/out-of-service
SHUTDOWN=node.cloudprovider.kubernetes.io/shutdown
MARK=sqledge.io/failover-guard
COMPONENT=sqledge-failover-guard
NL='
'

# A setting it cannot read would make it guess: it refuses to start instead.
case $FENCING in
  cloudShutdown | notReadyFor) ;;
  *) echo "SQLEDGE_FENCING is '$FENCING': cloudShutdown or notReadyFor" >&2; exit 2 ;;
esac
for number in "$MINIMUM_DOWN" "$POLL"; do
  case $number in
    '' | *[!0-9]*) echo "SQLEDGE_MINIMUM_DOWN_SECONDS and SQLEDGE_POLL_SECONDS must be whole seconds, not '$number'" >&2; exit 2 ;;
  esac
done

log() {
  printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"
}

# event TYPE REASON POD UID MESSAGE: an Event on the pod, as kubectl describe pod shows it.
# Names and messages are ours (DNS names, no quotes), so they need no JSON escaping.
event() {
  [ -n "$3" ] || return 0
  at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  if ! out=$(kubectl create -f - 2>&1 <<JSON
{"apiVersion": "v1", "kind": "Event",
 "metadata": {"generateName": "$3.", "namespace": "$NS"},
 "involvedObject": {"apiVersion": "v1", "kind": "Pod", "namespace": "$NS", "name": "$3",
   "uid": "$4"},
 "type": "$1", "reason": "$2", "message": "$5",
 "source": {"component": "$COMPONENT"},
 "firstTimestamp": "$at", "lastTimestamp": "$at", "count": 1}
JSON
  ); then
    log "could not record the event $2 on pod $3: $out"
  fi
}

# Keys of what was said in the last round: a state is told once, when it starts.
SAID=""
SAYING=""
# say KEY TEXT: logs TEXT unless it was said last round; true when it is new.
say() {
  SAYING="$SAYING $1"
  case " $SAID " in *" $1 "*) return 1 ;; esac
  shift
  log "$*"
}

# Nodes seen NotReady, as node=epoch of the first round that saw them so: notReadyFor counts
# from there. A node seen Ready again is dropped; a guard that restarts counts anew (later, never
# sooner).
DOWN_SINCE=""
down_since() {
  for entry in $DOWN_SINCE; do
    case $entry in "$1="*) echo "${entry#*=}"; return ;; esac
  done
}

has_taint() { # TAINT-KEYS KEY
  case " $1 " in *" $2 "*) return 0 ;; esac
  return 1
}

kubectl() {
  command kubectl --request-timeout=20s "$@"
}

round() {
  now=$(date +%s)
  echo "$now" > "$HEARTBEAT"
  # Two calls a round (each kubectl costs a process start): the instance's pods and claims, then
  # the nodes and the VolumeAttachments. A failed call, a refused one included, ends the round.
  ours=$(kubectl get pods,persistentvolumeclaims -n "$NS" -l "$SELECTOR" -o jsonpath='{range .items[*]}{.kind}{"|"}{.metadata.name}{"|"}{.metadata.uid}{"|"}{.spec.nodeName}{"|"}{.metadata.deletionTimestamp}{"|"}{.spec.volumeName}{"\n"}{end}' 2>&1) \
    || { say api-ours "cannot read the pods and claims of $ME, doing nothing: $ours"; return 1; }
  cluster=$(kubectl get nodes,volumeattachments -o jsonpath='{range .items[*]}{.kind}{"|"}{.metadata.name}{"|"}{.status.conditions[?(@.type=="Ready")].status}{"|"}{.spec.taints[*].key}{"|"}{.metadata.annotations.sqledge\.io/failover-guard}{"|"}{.spec.source.persistentVolumeName}{"|"}{.spec.nodeName}{"\n"}{end}' 2>&1) \
    || { say api-cluster "cannot read the nodes and VolumeAttachments, doing nothing: $cluster"; return 1; }
  # pods: name|uid|node|deleting; volumes: the claims' volumes; nodes: name|ready|taints|mark;
  # attachments: volume|node.
  pods=""
  volumes=""
  while IFS='|' read -r kind name uid node deleting volume; do
    case $kind in
      Pod) pods="$pods$name|$uid|$node|$deleting$NL" ;;
      PersistentVolumeClaim) volumes="$volumes $volume" ;;
    esac
  done <<OURS
$ours
OURS
  nodes=""
  attachments=""
  while IFS='|' read -r kind name ready taints mark volume node; do
    case $kind in
      Node) nodes="$nodes$name|$ready|$taints|$mark$NL" ;;
      VolumeAttachment) attachments="$attachments$volume|$node$NL" ;;
    esac
  done <<CLUSTER
$cluster
CLUSTER

  # The pod the database runs in now (not terminating), for the events of the untaint.
  live_pod=""
  live_uid=""
  while IFS='|' read -r name uid node deleting; do
    if [ -n "$name" ] && [ -z "$deleting" ] && [ -z "$live_pod" ]; then
      live_pod=$name
      live_uid=$uid
    fi
  done <<PODS
$pods
PODS

  still_down=""
  while IFS='|' read -r node ready taints mark; do
    [ -n "$node" ] || continue
    if [ "$ready" != True ]; then
      since=$(down_since "$node")
      since=${since:-$now}
      still_down="$still_down $node=$since"
    fi
    judge "$node" "$ready" "$taints" "$mark"
  done <<NODES
$nodes
NODES
  DOWN_SINCE=$still_down
  echo "$now" > "$READ_ALL"
  return 0
}

# judge NODE READY TAINTS MARK: taints the node, or lifts the taint, or does nothing (and says why).
judge() {
  node=$1 ready=$2 taints=$3 mark=$4
  # (a) Is a pod of the instance stuck on the node?
  holds=""
  stuck_pod=""
  stuck_uid=""
  waiting_pod=""
  waiting_uid=""
  while IFS='|' read -r name uid on deleting; do
    [ -n "$name" ] || continue
    if [ "$on" = "$node" ]; then
      holds=yes
      if [ -n "$deleting" ]; then
        stuck_pod=$name
        stuck_uid=$uid
      fi
    elif [ -z "$deleting" ]; then
      waiting_pod=$name
      waiting_uid=$uid
    fi
  done <<PODS
$pods
PODS
  disk_here=""
  while IFS='|' read -r volume on; do
    if [ "$on" = "$node" ] && [ -n "$volume" ]; then
      case " $volumes " in *" $volume "*) disk_here=$volume ;; esac
    fi
  done <<ATTACHMENTS
$attachments
ATTACHMENTS

  if [ "$mark" = "$ME" ]; then
    lift "$node" "$ready" "$taints"
    return
  fi
  pod=$stuck_pod
  uid=$stuck_uid
  what="pod $stuck_pod is stuck Terminating there"
  if [ -z "$pod" ]; then
    [ -n "$disk_here" ] && [ -n "$waiting_pod" ] || return 0
    pod=$waiting_pod
    uid=$waiting_uid
    what="its disk $disk_here is still attached there while pod $waiting_pod waits for it"
  fi
  # A node whose kubelet runs finishes the pod itself and detaches the disk.
  [ "$ready" != True ] || return 0
  if has_taint "$taints" "$OUT_OF_SERVICE"; then
    say "other-$node" "node $node already has the $OUT_OF_SERVICE taint, put there by someone" \
      "else: leaving it to them" && event Normal FailoverLeft "$pod" "$uid" \
      "node $node already has the $OUT_OF_SERVICE taint, put there by someone else"
    return 0
  fi
  # (b) Is the node known to be off?
  if [ "$FENCING" = cloudShutdown ]; then
    if ! has_taint "$taints" "$SHUTDOWN"; then
      why="node $node is not Ready ($ready) and $what, but the cloud provider has not reported it shut down (no $SHUTDOWN taint): it may only be cut off from the network and still run SQL Server, so the guard does nothing"
      say "withheld-$node" "$why" && event Warning FailoverWithheld "$pod" "$uid" "$why"
      return 0
    fi
    fenced="the cloud provider reports it shut down ($SHUTDOWN)"
  else
    since=$(down_since "$node")
    down=$((now - ${since:-$now}))
    if [ "$down" -lt "$MINIMUM_DOWN" ]; then
      why="node $node is not Ready ($ready) and $what; waiting until it has been down for ${MINIMUM_DOWN}s (ha.minimumDownSeconds) before taking it for off"
      say "waiting-$node" "$why" && event Warning FailoverWaiting "$pod" "$uid" "$why"
      return 0
    fi
    fenced="it has been NotReady for ${down}s (ha.minimumDownSeconds: ${MINIMUM_DOWN})"
  fi
  if ! out=$(kubectl annotate node "$node" "$MARK=$ME" --overwrite 2>&1) \
      || ! out=$(kubectl taint node "$node" "$OUT_OF_SERVICE=nodeshutdown:NoExecute" 2>&1); then
    say "failed-$node" "could not put the $OUT_OF_SERVICE taint on node $node, trying again: $out"
    return 0
  fi
  why="node $node tainted $OUT_OF_SERVICE=nodeshutdown:NoExecute: $what, and $fenced; Kubernetes now deletes the pod and detaches the disk, so that the database starts on another node"
  log "$why"
  event Normal FailoverStarted "$pod" "$uid" "$why"
}

# lift NODE READY TAINTS: the node this guard tainted, once it is back and holds none of ours.
lift() {
  node=$1 ready=$2 taints=$3
  if ! has_taint "$taints" "$OUT_OF_SERVICE"; then
    out=$(kubectl annotate node "$node" "$MARK-" 2>&1) \
      || say "unmark-$node" "could not remove the mark from node $node: $out"
    return 0
  fi
  [ "$ready" = True ] || return 0
  if [ -n "$holds" ]; then
    say "holds-$node" "node $node is Ready again but still holds a pod of $ME: keeping the" \
      "$OUT_OF_SERVICE taint until it is gone"
    return 0
  fi
  if ! out=$(kubectl taint node "$node" "$OUT_OF_SERVICE:NoExecute-" 2>&1) \
      || ! out=$(kubectl annotate node "$node" "$MARK-" 2>&1); then
    say "lift-$node" "could not remove the $OUT_OF_SERVICE taint from node $node, trying again: $out"
    return 0
  fi
  why="node $node is Ready again and holds no pod of $ME: removed the $OUT_OF_SERVICE taint, so that it takes pods again"
  log "$why"
  event Normal FailoverNodeReturned "$live_pod" "$live_uid" "$why"
}

trap 'log "stopping"; exit 0' TERM INT
log "guarding $ME (pods $SELECTOR): fencing $FENCING$([ "$FENCING" = notReadyFor ] && echo " after ${MINIMUM_DOWN}s"), every ${POLL}s"
while :; do
  if round; then
    [ "${SQLEDGE_ONCE:-}" != true ] || exit 0
    SAID=$SAYING
  else
    [ "${SQLEDGE_ONCE:-}" != true ] || exit 1
    SAID="$SAID $SAYING"
  fi
  SAYING=""
  sleep "$POLL" &
  wait $!
done
