// Two "API servers" on free loopback ports that record every request and answer each with 403:
// the skipped builds point at the first, the control build at the second. Each gets a kubeconfig
// in the project; the verify script reads the recordings and stops both.
import com.sun.net.httpserver.HttpServer
import java.util.concurrent.CopyOnWriteArrayList

def start = { String name ->
  def requests = new CopyOnWriteArrayList<String>()
  def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
  server.createContext('/') { exchange ->
    requests << "${exchange.requestMethod} ${exchange.requestURI}".toString()
    def body = '{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,"message":"recorded"}'.getBytes('UTF-8')
    exchange.responseHeaders.add('Content-Type', 'application/json')
    exchange.sendResponseHeaders(403, body.length)
    exchange.responseBody.withStream { it.write(body) }
  }
  server.start()
  Runtime.runtime.addShutdownHook(new Thread({ server.stop(0) }))
  new File(basedir, "kubeconfig-${name}.yaml").setText("""\
apiVersion: v1
kind: Config
clusters:
- name: ${name}
  cluster:
    server: http://127.0.0.1:${server.address.port}
contexts:
- name: ${name}
  context:
    cluster: ${name}
    user: ${name}
current-context: ${name}
users:
- name: ${name}
  user:
    token: not-a-secret
""", 'UTF-8')
  [server: server, requests: requests]
}

System.getProperties().put('sqledge.it.recorders.' + basedir.name + '.' + mavenVersion,
    [skipped: start('skipped'), control: start('control')])
return true
