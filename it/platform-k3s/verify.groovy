def m = evaluate(new File(sharedDir, 'manifests.groovy'))
def all = m.loadAll(new File(basedir, 'target/sqledge/manifests.yaml'))
assert all[0].provisioner == 'rancher.io/local-path'
assert all[0].parameters == null
assert all[4].spec.type == 'NodePort'
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('`rancher.io/local-path` keeps the database on one node\'s disk: if that node fails, the pod cannot fail over to another node')
