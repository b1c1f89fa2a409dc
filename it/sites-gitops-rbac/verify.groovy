// A fleet over two sites with GitOps files: a directory per site, nothing at the root that mixes
// clusters, each site's manifests attached; and the pipeline's RBAC, per site.
def m = evaluate(new File(sharedDir, 'manifests.groovy'))
def out = new File(basedir, 'target/sqledge')

assert !new File(out, 'manifests.yaml').exists()
assert !new File(out, 'kustomization.yaml').exists()
def berlin = m.loadAll(new File(out, 'berlin/manifests.yaml'))
def hamburg = m.loadAll(new File(out, 'hamburg/manifests.yaml'))
assert berlin.findAll { it.kind == 'StorageClass' }.size() == 1
assert berlin.findAll { it.kind == 'Deployment' }*.metadata*.name == ['db', 'reports']
assert hamburg.findAll { it.kind == 'Deployment' }*.metadata*.name == ['db']
assert m.load(new File(out, 'berlin/infra/01-storageclass.yaml')).kind == 'StorageClass'
assert m.load(new File(out, 'berlin/kustomization.yaml')).resources == ['infra', 'db', 'reports']
assert m.load(new File(out, 'hamburg/db/01-persistentvolumeclaim.yaml')).kind ==
    'PersistentVolumeClaim'

def set = m.load(new File(out, 'gitops/applicationset.yaml'))
assert set.kind == 'ApplicationSet'
assert set.spec.generators[0].git.directories ==
    [[path: 'deploy/sqledge/*'], [path: 'deploy/sqledge/gitops', exclude: true]]
assert set.spec.template.spec.syncPolicy.automated.prune == false
def flux = m.load(new File(out, 'gitops/flux/hamburg.yaml'))
assert flux.kind == 'Kustomization'
assert flux.spec.path == './deploy/sqledge/hamburg'
assert flux.spec.prune == false

for (site in ['berlin', 'hamburg']) {
  def installed = new File(localRepositoryPath,
      "io/sqledge/it/sites-gitops-rbac/1.0/sites-gitops-rbac-1.0-sqledge-${site}.yaml")
  assert installed.isFile() : "not installed: ${installed}"
  assert m.loadAll(installed) == m.loadAll(new File(out, "${site}/manifests.yaml"))

  def rbac = new File(basedir, "target/sqledge-rbac/${site}")
  def role = m.load(new File(rbac, 'role-pos.yaml'))
  assert role.kind == 'Role' && role.metadata.namespace == 'pos'
  assert role.rules.find { it.resources == ['deployments'] }.verbs == ['create', 'delete', 'get', 'patch']
  def binding = m.load(new File(rbac, 'clusterrolebinding.yaml'))
  assert binding.subjects == [[kind: 'ServiceAccount', name: 'deployer', namespace: 'ci']]
  assert m.load(new File(rbac, 'clusterrole.yaml')).rules.find { it.resources == ['nodes'] }
}

def log = new File(basedir, 'build.log').text
assert log.contains('wrote 8 RBAC objects for ServiceAccount ci/deployer')
