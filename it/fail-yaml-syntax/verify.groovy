def m = evaluate(new File(sharedDir, 'manifests.groovy'))
m.assertFailedWith(basedir, [
  'src/main/sqledge/sqledge.yaml:5:',
  'invalid YAML: ',
])
