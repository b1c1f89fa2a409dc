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
return true
