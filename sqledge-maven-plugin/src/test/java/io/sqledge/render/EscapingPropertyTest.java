package io.sqledge.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqledge.TestConfigs;
import io.sqledge.config.InstanceConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A seeded property test of the escaping: random strings full of YAML's and FreeMarker's special
 * characters, put into every free-text field, render to documents that parse and hold exactly the
 * input — no extra key, no extra document. Rendering is checked here without the schema validator
 * (its per-document cost would make 10,000 runs slow); the schema is checked elsewhere.
 */
class EscapingPropertyTest {

  private static final int RUNS = 10_000;
  private static final long SEED = 20261126L;

  private static final String[] PIECES = {
    "\"", "'", ":", ": ", "#", " #", "\n", "\r\n", "\t", "\\", "---", "...", "{{", "}}", "${",
    "<#", "[#", "%{", "*", "&", "!", "!!", "-", "- ", "?", "|", ">", "[", "]", "{", "}", ",",
    "@", "`", "%", "~", "null", "true", "Y", "n", "1433", "0x1F", "1e3", " ", "  ", "ü", "漢字",
    "\uD83D\uDE00", "\u0000", "\u0007", "\u001B", "\u007F", "\u0085", "\u00A0", "\u2028",
    "\u2029", "\uFEFF", "a", "Z", "9", "_", ".", "/", "=",
  };

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int pieces = random.nextInt(8);
    for (int i = 0; i < pieces; i++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  @Test
  void anyTextInAnyFreeTextFieldStaysExactlyThatText() throws Exception {
    InstanceConfig base = TestConfigs.defaults();
    ManifestRenderer renderer = ManifestRenderer.bundled();
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    Random random = new Random(SEED);
    int values = 0;
    for (int run = 0; run < RUNS; run++) {
      Map<String, String> texts = new LinkedHashMap<>();
      for (String field : List.of("annotation", "serviceAnnotation", "podAnnotation", "env",
          "label", "collation", "image", "edition", "parameter", "nodeSelector", "toleration")) {
        texts.put(field, randomText(random));
      }
      InstanceConfig config = with(base, texts);

      List<Map<String, Object>> documents = new ArrayList<>();
      for (RenderedDocument rendered : renderer.render(config)) {
        List<Object> parsed = new ArrayList<>();
        yaml.loadAll(rendered.text()).forEach(document -> {
          if (document != null) {
            parsed.add(document);
          }
        });
        assertEquals(1, parsed.size(), "run " + run + ": " + rendered.templateName());
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) parsed.get(0);
        documents.add(document);
      }
      assertEquals(7, documents.size());
      Map<String, Object> storageClass = documents.get(0);
      Map<String, Object> deployment = documents.get(3);
      Map<String, Object> service = documents.get(4);
      Map<String, Object> podTemplate = map(map(deployment, "spec"), "template");
      Map<String, Object> podSpec = map(podTemplate, "spec");
      Map<String, Object> container = list(podSpec, "containers").get(0);

      String context = "run " + run + " with " + texts;
      assertEquals(Map.of("note", texts.get("annotation")), map(map(deployment, "metadata"), "annotations"), context);
      assertEquals(Map.of("note", texts.get("annotation"), "svc", texts.get("serviceAnnotation")),
          map(map(service, "metadata"), "annotations"), context);
      assertEquals(Map.of("pod", texts.get("podAnnotation")), map(map(podTemplate, "metadata"), "annotations"), context);
      assertEquals(texts.get("label"), map(map(deployment, "metadata"), "labels").get("example.com/x"), context);
      assertEquals(texts.get("image"), container.get("image"), context);
      Map<String, Object> env = new LinkedHashMap<>();
      for (Map<String, Object> variable : list(container, "env")) {
        env.put((String) variable.get("name"), variable.containsKey("value") ? variable.get("value") : "(ref)");
      }
      assertEquals(texts.get("env"), env.get("NOTE"), context);
      assertEquals(texts.get("collation"), env.get("MSSQL_COLLATION"), context);
      assertEquals(texts.get("edition"), env.get("MSSQL_PID"), context);
      assertEquals(9, env.size(), context);
      assertEquals(Map.of("skuName", texts.get("parameter")), map(storageClass, "parameters"), context);
      assertEquals(Map.of("pool", texts.get("nodeSelector")), map(podSpec, "nodeSelector"), context);
      Map<String, Object> toleration = list(podSpec, "tolerations").get(2);
      assertEquals(Map.of("key", "k", "value", texts.get("toleration")), toleration, context);
      values += texts.size();
    }
    System.out.println("EscapingPropertyTest: " + RUNS + " runs, " + values
        + " random values rendered and read back unchanged (seed " + SEED + ")");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
    return (List<Map<String, Object>>) parent.get(key);
  }

  private static InstanceConfig with(InstanceConfig c, Map<String, String> t) {
    Map<String, Object> values = new HashMap<>();
    values.put("engine.image", t.get("image"));
    values.put("engine.edition", t.get("edition"));
    values.put("engine.collation", t.get("collation"));
    values.put("engine.env", Map.of("NOTE", t.get("env")));
    values.put("storage.parameters", Map.of("skuName", t.get("parameter")));
    values.put("service.annotations", Map.of("svc", t.get("serviceAnnotation")));
    values.put("pod.annotations", Map.of("pod", t.get("podAnnotation")));
    values.put("pod.nodeSelector", Map.of("pool", t.get("nodeSelector")));
    values.put("pod.tolerations", List.of(Map.of("key", "k", "value", t.get("toleration"))));
    values.put("labels", Map.of("example.com/x", t.get("label")));
    values.put("annotations", Map.of("note", t.get("annotation")));
    return TestConfigs.with(c, values);
  }
}
