// Starts a simulated cluster (io.sqledge.apply.SimulatedCluster from the plugin's test classes:
// a real kube-apiserver, kube-controller-manager and kube-scheduler, and KWOK for three nodes)
// and leaves its kubeconfig in the project for the build to use.
import io.sqledge.apply.SimulatedCluster

System.setProperty('kube.binaries', kubeBinaries)
def cluster = SimulatedCluster.start()
// The verify script stops it; the JVM's end stops it if verify never runs.
System.getProperties().put('sqledge.it.cluster.' + basedir.name + '.' + mavenVersion, cluster)
Runtime.runtime.addShutdownHook(new Thread({ cluster.stop() }))
cluster.addNodes('it', 3)
new File(basedir, 'kubeconfig.yaml').bytes = java.nio.file.Files.readAllBytes(cluster.kubeconfig())
// On the simulated cluster a pod runs as soon as it is scheduled, before its disk is attached (a
// real kubelet waits for the attach): the build runs this between apply and status, as the wait
// a real kubelet would have made.
def kubectl = new File(kubeBinaries, 'k8s').listFiles().find { it.isDirectory() }.toPath()
    .resolve('kubectl').toString()
new File(basedir, 'await-attached.sh').setText('''\
# Waits until there is a VolumeAttachment and every one says attached.
for attempt in $(seq 1 300); do
  states=$('KUBECTL' --kubeconfig kubeconfig.yaml get volumeattachments \
      -o jsonpath='{range .items[*]}{.status.attached}{"\\n"}{end}')
  if [ -n "$states" ] && ! printf '%s\n' "$states" | grep -qv '^true$'; then exit 0; fi
  sleep 0.2
done
echo "the disk is not attached after 60 s" >&2
exit 1
'''.replace('KUBECTL', kubectl), 'UTF-8')
return true
