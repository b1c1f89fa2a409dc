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
server.start()
// The verify script stops it; the JVM's end stops it if verify never runs.
System.getProperties().put('sqledge.it.apiserver.' + basedir.name + '.' + mavenVersion, server)
Runtime.runtime.addShutdownHook(new Thread({ server.stop() }))
new File(basedir, 'kubeconfig.yaml').setText(server.kubeConfigYaml, 'UTF-8')
return true
