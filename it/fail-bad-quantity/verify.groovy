def m = evaluate(new File(sharedDir, 'manifests.groovy'))
m.assertFailedWith(basedir, [
  'src/main/sqledge/sqledge.yaml:4:9: `storage.size` is `8Gb`, which is not a Kubernetes quantity',
  'fix: write `size: 8Gi`',
])
