// Starts a real kube-apiserver and etcd (kube-api-test, offline, binaries from the build's cache)
// and leaves its kubeconfig in the project for the build to use.
import io.fabric8.kubeapitest.KubeAPIServer
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder

def server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
    .withTestDir(kubeBinaries)
    .withOfflineMode(true)
    .withUpdateKubeConfig(false)
    .withStartupTimeout(120000)
    .build())
// kube-api-test measures its start-up timeout with LocalTime: within it before midnight the
// deadline wraps and it gives up at once (see RealCluster.waitOutMidnight). Start after midnight.
def now = java.time.LocalTime.now()
if (now.isAfter(java.time.LocalTime.MAX.minusSeconds(120))) {
    Thread.sleep(java.time.Duration.between(now, java.time.LocalTime.MAX).plusSeconds(1).toMillis())
}
try {
    server.start()
} catch (RuntimeException e) {
    server.stop() // etcd may be up while the API server failed: leave no process behind
    throw e
}
// The verify script stops it; the JVM's end stops it if verify never runs.
System.getProperties().put('sqledge.it.apiserver.' + basedir.name + '.' + mavenVersion, server)
Runtime.runtime.addShutdownHook(new Thread({ server.stop() }))
new File(basedir, 'kubeconfig.yaml').setText(server.kubeConfigYaml, 'UTF-8')
return true
