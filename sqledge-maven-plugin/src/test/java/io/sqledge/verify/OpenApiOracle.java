package io.sqledge.verify;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.schema.validator.Validator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.InputStream;
import java.util.List;

/**
 * The schema engine of fabric8's kubernetes-model-validator (Swagger parser + Atlassian's
 * validator, over the same OpenAPI document), asked about one definition: the reference that
 * {@link SchemaChecker} is held to. It is what the plugin ran before the compiled schema, and costs
 * seconds to start, so it lives in the tests only.
 */
final class OpenApiOracle {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final OpenAPI api;
  private final SchemaValidator validator;

  OpenApiOracle() throws Exception {
    JsonNode document;
    try (InputStream in = Validator.class.getResourceAsStream(KubernetesSchemaCompiler.DOCUMENT)) {
      document = JSON.readTree(in);
    }
    ObjectNode kubernetes = JSON.createObjectNode();
    kubernetes.put("swagger", "2.0");
    kubernetes.putObject("info").put("title", "Kubernetes").put("version", "0.0.0");
    kubernetes.putObject("paths");
    kubernetes.set("definitions", document.path("definitions"));
    OpenAPI parsed = null;
    for (var extension : OpenAPIV3Parser.getExtensions()) {
      var result = extension.readContents(kubernetes.toString(), null, new ParseOptions());
      if (result.getOpenAPI() != null) {
        parsed = result.getOpenAPI();
        break;
      }
    }
    this.api = parsed;
    this.validator = new SchemaValidator(api, new MessageResolver());
  }

  /** The errors of {@code document} against {@code definition}. */
  List<String> errors(String definition, Object document) {
    JsonNode json = JSON.valueToTree(document);
    ValidationReport report = validator.validate(() -> json,
        api.getComponents().getSchemas().get(definition), "root");
    return report.getMessages().stream()
        .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
        .filter(message -> !isIntegerForIntOrString(message))
        .map(message -> message.getMessage())
        .toList();
  }

  /**
   * The OpenAPI document types IntOrString as a string, so the engine refuses the integers
   * Kubernetes accepts there; those are not errors.
   */
  private static boolean isIntegerForIntOrString(ValidationReport.Message message) {
    String schema = message.getContext()
        .flatMap(ValidationReport.MessageContext::getPointers)
        .map(ValidationReport.MessageContext.Pointers::getSchema)
        .orElse("");
    return schema.endsWith("intstr.IntOrString")
        && String.valueOf(message.getMessage()).contains("Instance type (integer)");
  }
}
