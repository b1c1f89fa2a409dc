// Checks with kubectl itself what `mvn install` applied and what the cluster made of it (the
// database running on a node, on its provisioned and attached disk, behind its address), and that
// the password leaked nowhere.
import groovy.json.JsonSlurper

def m = evaluate(new File(sharedDir, 'manifests.groovy'))
def key = 'sqledge.it.cluster.' + basedir.name + '.' + mavenVersion
def cluster = System.getProperties().get(key)
try {
  def kubectl = new File(kubeBinaries, 'k8s').listFiles().find { it.isDirectory() }.toPath()
      .resolve('kubectl').toString()
  def get = { String... args ->
    def command = [kubectl, '--kubeconfig', new File(basedir, 'kubeconfig.yaml').path] + args.toList()
    def process = command.execute()
    def out = process.text
    assert process.waitFor() == 0 : "${command} failed: ${process.err.text}"
    new JsonSlurper().parseText(out)
  }

  def deployment = get('get', 'deployment', 'orders', '-n', 'it-orders', '-o', 'json', '--show-managed-fields')
  assert deployment.spec.template.spec.containers[0].image == 'mcr.microsoft.com/mssql/server:2022-CU20-ubuntu-22.04'
  assert deployment.spec.strategy.type == 'Recreate'
  assert deployment.metadata.managedFields*.manager.contains('sqledge-maven-plugin')
  def service = get('get', 'service', 'orders', '-n', 'it-orders', '-o', 'json')
  assert service.spec.type == 'LoadBalancer'
  def claim = get('get', 'pvc', 'mssql-data', '-n', 'it-orders', '-o', 'json')
  assert claim.spec.storageClassName == 'it-orders-disk'
  assert claim.status.phase == 'Bound'
  def volume = get('get', 'pv', claim.spec.volumeName, '-o', 'json')
  assert volume.spec.csi.driver == 'disk.csi.azure.com'
  def pods = get('get', 'pods', '-n', 'it-orders', '-l', 'app.kubernetes.io/name=mssql', '-o', 'json').items
  assert pods.size() == 1
  def pod = pods[0]
  assert pod.status.phase == 'Running'
  assert pod.status.conditions.find { it.type == 'Ready' }.status == 'True'
  assert pod.spec.nodeName.startsWith('it-')
  def attachments = get('get', 'volumeattachments', '-o', 'json').items
      .findAll { it.spec.source.persistentVolumeName == volume.metadata.name }
  assert attachments*.spec.nodeName == [pod.spec.nodeName]
  assert attachments*.status.attached == [true]
  def address = service.status.loadBalancer.ingress[0].ip
  assert address
  def storageClass = get('get', 'storageclass', 'it-orders-disk', '-o', 'json')
  assert storageClass.provisioner == 'disk.csi.azure.com'
  def secret = get('get', 'secret', 'mssql', '-n', 'it-orders', '-o', 'json')
  def password = 'It-Passw0rd!Real'
  assert new String(secret.data.MSSQL_SA_PASSWORD.decodeBase64(), 'UTF-8') == password

  // What the applied resources are is exactly what generate wrote.
  def written = m.loadAll(new File(basedir, 'target/sqledge/manifests.yaml'))
  assert written*.kind == ['StorageClass', 'PersistentVolumeClaim', 'NetworkPolicy', 'Deployment', 'Service',
      'ConfigMap', 'ConfigMap', 'Job']

  // The application's login: its Secret, made by apply, and the job that made it on the server,
  // which apply waited for.
  def login = get('get', 'secret', 'orders-app', '-n', 'it-orders', '-o', 'json')
  def loginData = login.data.collectEntries { k, v -> [(k): new String(v.decodeBase64(), 'UTF-8')] }
  assert loginData.keySet() == ['username', 'password', 'host', 'port', 'database', 'jdbcUrl'] as Set
  assert loginData.username == 'app' && loginData.database == 'orders'
  assert loginData.host == 'orders.it-orders.svc' && loginData.port == '1433'
  def job = written.find { it.kind == 'Job' }
  def liveJob = get('get', 'job', job.metadata.name, '-n', 'it-orders', '-o', 'json')
  assert liveJob.status.succeeded == 1

  // The connection, as the build and the pipeline got it: the enforcer execution at
  // integration-test passed only if the properties resolved; here they are held to the address
  // the load balancer really got.
  def jdbcUrl = "jdbc:sqlserver://${address}:1433;databaseName=orders;encrypt=true;trustServerCertificate=true"
  def connection = new Properties()
  new File(basedir, 'target/sqledge/orders/connection.properties').withReader('UTF-8') { connection.load(it) }
  assert connection == [host: address, port: '1433', endpoint: "${address},1433".toString(), jdbcUrl: jdbcUrl,
      database: 'orders', username: 'app', passwordSecret: 'orders-app']
  def configMap = get('get', 'configmap', 'orders-connection', '-n', 'it-orders', '-o', 'json')
  def inCluster = 'orders.it-orders.svc.cluster.local'
  assert configMap.data == [SQLEDGE_HOST: inCluster, SQLEDGE_PORT: '1433',
      SQLEDGE_JDBC_URL: "jdbc:sqlserver://${inCluster}:1433;databaseName=orders;encrypt=true;trustServerCertificate=true".toString(),
      SQLEDGE_DATABASE: 'orders']

  def log = new File(basedir, 'build.log').getText('UTF-8')
  assert log.contains('sqledge: Namespace/it-orders created')
  assert log.contains('sqledge: Secret/mssql (namespace it-orders) created')
  assert log.contains('sqledge: Deployment/orders (namespace it-orders) created')
  assert log.contains('sqledge: 11 resources in namespace it-orders: 11 created, 0 configured, 0 unchanged')
  assert log.contains("sqledge: Job/${job.metadata.name} (databases and logins) completed")
  assert log.contains('sqledge: ready: Deployment/orders to roll out')
  assert log.contains('sqledge: ready: Service/orders to get a load-balancer address')
  assert log.contains("sqledge: endpoint: ${address},1433")
  assert log.contains("sqledge: jdbcUrl: ${jdbcUrl}")
  assert log.contains('sqledge: set sqledge.host, sqledge.port, sqledge.endpoint, sqledge.jdbcUrl,'
      + ' sqledge.database, sqledge.username, sqledge.passwordSecret, sqledge.orders.host,')
  // The enforcer ran after apply, in the same build, and (the build passed) its rules held.
  assert log.indexOf(':enforce (uses-the-database)') > log.indexOf("sqledge: jdbcUrl: ")
  // The status goal, run after apply, says the same as kubectl.
  assert log.contains('sqledge: Deployment/orders in namespace it-orders')
  assert log.contains("sqledge:   pod ${pod.metadata.name}: Running, ready, on node ${pod.spec.nodeName} (Ready: True), 0 restarts")
  assert log.contains("sqledge:   claim mssql-data: Bound, volume ${volume.metadata.name}, attached to ${pod.spec.nodeName}")
  assert log.contains("sqledge:   address: ${address},1433")
  assert !log.contains('stuck')

  // The passwords (SA's, and the login's apply generated) and their base64 forms appear in no
  // log line and no file under target/.
  [password, loginData.password].each { secretText ->
    def base64 = secretText.bytes.encodeBase64().toString()
    assert !log.contains(secretText) && !log.contains(base64)
    new File(basedir, 'target').eachFileRecurse(groovy.io.FileType.FILES) { file ->
      def text = file.getText('ISO-8859-1')
      assert !text.contains(secretText) && !text.contains(base64) : "a password found in ${file}"
    }
  }
  println "apply-simulated-cluster verified with Maven ${mavenVersion}: 10 resources, pod on" +
      " ${pod.spec.nodeName}, endpoint ${address},1433, 0 password hits"
} finally {
  cluster?.stop()
  System.getProperties().remove(key)
}
return true
