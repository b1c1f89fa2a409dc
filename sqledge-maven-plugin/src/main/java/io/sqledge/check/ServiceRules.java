package io.sqledge.check;

import io.sqledge.config.ServiceConfig;
import io.sqledge.diagnostic.Problem;

/** How clients reach the database: the Service, its load balancer and annotations. */
final class ServiceRules {

  private ServiceRules() {}

  static void check(ServiceConfig service, Rules rules) {
    boolean loadBalancer = "LoadBalancer".equals(service.type());
    for (int i = 0; i < service.loadBalancerSourceRanges().size(); i++) {
      String range = service.loadBalancerSourceRanges().get(i);
      if (!Cidrs.isCidr(range)) {
        rules.error("service.loadBalancerSourceRanges[" + i + "]", "`" + Problem.shorten(range)
            + "` in `service.loadBalancerSourceRanges` is not a network in CIDR notation",
            "write it like `10.0.0.0/8` or `203.0.113.7/32`");
      } else {
        Cidrs.warnLeadingZeros(rules, "service.loadBalancerSourceRanges[" + i + "]", range);
      }
    }
    String ip = service.loadBalancerIP();
    if (!ip.isEmpty() && !Cidrs.isAddress(ip)) {
      rules.error("service.loadBalancerIP", "`service.loadBalancerIP` is `" + Problem.shorten(ip)
          + "`, which is not an IP address", "write it like `10.20.0.15`");
    } else if (!ip.isEmpty()) {
      Cidrs.warnLeadingZeros(rules, "service.loadBalancerIP", ip);
    }
    if (!loadBalancer && (service.internal() || !service.loadBalancerSourceRanges().isEmpty()
        || !ip.isEmpty())) {
      rules.warning("service.type", "`service.internal`, `service.loadBalancerSourceRanges` and"
          + " `service.loadBalancerIP` only apply to a LoadBalancer Service, and this one is "
          + service.type(), "");
    }
    if (service.internal() && service.internalAnnotations().isEmpty()) {
      rules.error("service.internal", "`service.internal` is true, but this platform has no"
              + " internal load-balancer annotation",
          "set `service.internalAnnotations` to your load balancer's, or choose a `platform`");
    }
    if (loadBalancer && !service.internal() && service.loadBalancerSourceRanges().isEmpty()) {
      rules.warning("service.type", "the LoadBalancer Service exposes SQL Server on port "
              + service.port() + " to the whole internet",
          "set `service.internal: true` for a private address, or"
              + " `service.loadBalancerSourceRanges` to the client networks");
    }
    MetadataRules.annotationKeys(rules, "service.annotations", service.annotations());
    MetadataRules.annotationKeys(rules, "service.internalAnnotations", service.internalAnnotations());
  }
}
