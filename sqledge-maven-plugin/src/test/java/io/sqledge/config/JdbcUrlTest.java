package io.sqledge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.sqlserver.jdbc.SQLServerDriver;
import java.sql.DriverPropertyInfo;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The generated JDBC URLs, read back by the Microsoft JDBC driver's own URL parser: what the
 * driver will connect to is what was meant, for host names, IPv4 and IPv6 addresses, custom
 * ports and every option.
 */
class JdbcUrlTest {

  private static final ConnectionConfig DEFAULTS = new ConnectionConfig("", "true", true, false);

  /** What the driver reads from {@code url}, by property name (lower case). */
  private static Map<String, String> parsed(String url) throws Exception {
    DriverPropertyInfo[] properties = new SQLServerDriver().getPropertyInfo(url, new Properties());
    Map<String, String> values = new HashMap<>();
    for (DriverPropertyInfo property : properties) {
      if (property.value != null) {
        // The driver spells some values its own way (encrypt: True, Strict).
        values.put(property.name.toLowerCase(Locale.ROOT), property.name.equals("encrypt")
            ? property.value.toLowerCase(Locale.ROOT) : property.value);
      }
    }
    return values;
  }

  @Test
  void theDefaultsEncryptAndTrustTheSelfSignedCertificate() throws Exception {
    String url = JdbcUrl.of(DEFAULTS, "20.50.1.7", 1433);
    assertEquals("jdbc:sqlserver://20.50.1.7:1433;encrypt=true;trustServerCertificate=true", url);
    Map<String, String> driver = parsed(url);
    assertEquals("20.50.1.7", driver.get("servername"));
    assertEquals("1433", driver.get("portnumber"));
    assertEquals("true", driver.get("encrypt"));
    assertEquals("true", driver.get("trustservercertificate"));
  }

  @Test
  void aHostNameACustomPortAndADatabase() throws Exception {
    Map<String, String> driver = parsed(JdbcUrl.of(new ConnectionConfig("orders", "strict",
        false, false), "orders.stores.svc", 1500));
    assertEquals("orders.stores.svc", driver.get("servername"));
    assertEquals("1500", driver.get("portnumber"));
    assertEquals("orders", driver.get("databasename"));
    assertEquals("strict", driver.get("encrypt"));
    assertEquals("false", driver.get("trustservercertificate"));
  }

  @Test
  void anIpv6AddressIsTheServerNameProperty() throws Exception {
    String url = JdbcUrl.of(DEFAULTS, "2001:db8::17", 1433);
    Map<String, String> driver = parsed(url);
    assertEquals("2001:db8::17", driver.get("servername"), url);
    assertEquals("1433", driver.get("portnumber"), url);
  }

  @Test
  void aDatabaseNameWithSeparatorsStaysOneValue() throws Exception {
    String url = JdbcUrl.of(new ConnectionConfig("a;b=c{d}", "true", true, false), "db", 1433);
    Map<String, String> driver = parsed(url);
    assertEquals("a;b=c{d}", driver.get("databasename"), url);
    assertEquals("true", driver.get("encrypt"), url);
  }
}
