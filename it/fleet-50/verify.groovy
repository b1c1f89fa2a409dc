// 50 instances: one directory each, every object once in the combined file and the root kustomization.
def m = evaluate(new File(sharedDir, 'manifests.groovy'))
def out = new File(basedir, 'target/sqledge')
def all = m.loadAll(new File(out, 'manifests.yaml'))
assert all.count { it.kind == 'StorageClass' } == 1
assert all.count { it.kind == 'Deployment' } == 50
assert all.count { it.kind == 'PersistentVolumeClaim' } == 50
assert all.count { it.kind == 'Service' } == 50
def ids = all.collect { "${it.kind}/${it.metadata.namespace}/${it.metadata.name}" }
assert ids.unique(false).size() == ids.size() : 'no object twice'
def claims = all.findAll { it.kind == 'PersistentVolumeClaim' }
assert claims.find { it.metadata.name == 'store-010-data' }.spec.resources.requests.storage == '64Gi'
assert claims.find { it.metadata.name == 'store-011-data' }.spec.resources.requests.storage == '16Gi'
assert all.find { it.kind == 'Deployment' && it.metadata.name == 'store-025' }.metadata.namespace == 'flagship'
assert all.find { it.kind == 'Service' && it.metadata.name == 'store-001' }
    .metadata.annotations['service.beta.kubernetes.io/azure-load-balancer-internal'] == 'true'
(1..50).each { i ->
  def name = String.format('store-%03d', i)
  assert new File(out, "${name}/kustomization.yaml").isFile()
}
assert m.loadAll(new File(out, 'kustomization.yaml'))[0].resources.size() == 50
def log = new File(basedir, 'build.log').getText('UTF-8')
// Counted, not listed: a file per resource and a kustomization in each instance's directory.
def instanceFiles = (1..50).sum { i -> new File(out, String.format('store-%03d', i)).listFiles().size() }
assert instanceFiles == all.size() + 50
assert log.contains("sqledge: wrote ${instanceFiles} files in the directories of 50 instances (target/sqledge/<name>/)")
assert !log.contains('[INFO] sqledge: wrote target/sqledge/store-001/')
