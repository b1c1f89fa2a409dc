package io.sqledge.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The resource names a 403's fix asks rights on, as RBAC rules name them. */
class ApiErrorsTest {

  @ParameterizedTest
  @CsvSource({"StorageClass/sqledge-disk, storageclasses",
      "NetworkPolicy/db, networkpolicies", "Deployment/db, deployments",
      "PersistentVolumeClaim/mssql-data, persistentvolumeclaims",
      "ServiceMonitor/db, servicemonitors", "Certificate/db, certificates",
      "Gateway/edge, gateways", "Secret, secrets"})
  void kindsArePluralAsRbacNamesThem(String resource, String plural) {
    assertEquals(plural, ApiErrors.kindPlural(resource));
  }
}
