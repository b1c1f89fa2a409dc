def m = evaluate(new File(sharedDir, 'manifests.groovy'))
m.assertFailedWith(basedir, [
  'src/main/sqledge/sqledge.yaml:2:7: `name` `Orders_DB` must consist of lower-case letters',
  'fix: for example `orders-db`',
])
