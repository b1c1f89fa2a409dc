package io.sqledge.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The retry policy of the client apply uses, against an HTTP endpoint that answers with scripted
 * status codes: transient answers (429, 5xx) are retried with backoff, a bounded number of times;
 * others (4xx) fail at once. A real API server cannot be made to answer 503 on demand, so this one
 * piece uses a scripted endpoint; it tests the client's policy, not apply's behaviour.
 */
class RetryPolicyTest {

  private static final String NAMESPACE_JSON =
      "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"db\"}}";

  private HttpServer server;
  private final Deque<Integer> script = new ArrayDeque<>();
  private final AtomicInteger requests = new AtomicInteger();
  private KubernetesClient client;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      Integer code;
      synchronized (script) {
        code = script.isEmpty() ? 200 : script.poll();
      }
      byte[] body = (code == 200 ? NAMESPACE_JSON
          : "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + code + "}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      if (code == 429) {
        exchange.getResponseHeaders().add("Retry-After", "0");
      }
      exchange.sendResponseHeaders(code, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    Path kubeconfig = Files.createTempFile("scripted", ".yaml");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: s, cluster: {server: "http://127.0.0.1:%d"}}]
        contexts: [{name: s, context: {cluster: s, user: u}}]
        current-context: s
        users: [{name: u, user: {token: t}}]
        """.formatted(server.getAddress().getPort()));
    client = ClusterConnector.connect(new ClusterSettings(Optional.of(kubeconfig), Optional.empty(),
        Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  private void script(Integer... codes) {
    synchronized (script) {
      script.addAll(List.of(codes));
    }
  }

  @ParameterizedTest(name = "{0} twice, then 200: {1} requests")
  @CsvSource({"503, 3", "500, 3", "429, 3"})
  void transientAnswersAreRetried(int code, int expectedRequests) {
    script(code, code);

    assertEquals("db", client.namespaces().withName("db").get().getMetadata().getName());
    assertEquals(expectedRequests, requests.get());
  }

  @ParameterizedTest(name = "{0} forever: gives up after {1} requests")
  @CsvSource({"503, 4"})
  void retriesAreBounded(int code, int expectedRequests) {
    script(code, code, code, code, code, code, code, code);

    KubernetesClientException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> assertThrows(KubernetesClientException.class,
            () -> client.namespaces().withName("db").get()));

    assertEquals(code, e.getCode());
    assertEquals(expectedRequests, requests.get(), "one attempt and "
        + ClusterConnector.RETRIES + " retries");
  }

  @ParameterizedTest(name = "{0} is not retried")
  @CsvSource({"403", "409", "422"})
  void otherAnswersAreNotRetried(int code) {
    script(code);

    assertThrows(KubernetesClientException.class, () -> client.namespaces().withName("db")
        .edit(namespace -> namespace));
    assertEquals(1, requests.get());
  }
}
