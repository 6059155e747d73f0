package dev.cognitowa.otp.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

/**
 * Writes cdk-nag suppressions as the {@code cdk_nag} resource metadata cdk-nag reads, so the
 * construct carries its reasons without putting cdk-nag on its users' classpath. Every suppression
 * names its reason.
 */
final class NagSuppressions {

  private static final String METADATA_KEY = "cdk_nag";

  private NagSuppressions() {}

  /**
   * Suppresses {@code ruleId} on the resource behind {@code construct} (itself or its default
   * child).
   */
  static void suppress(IConstruct construct, String ruleId, String reason, Object... appliesTo) {
    CfnResource resource =
        construct instanceof CfnResource cfn
            ? cfn
            : (CfnResource) construct.getNode().getDefaultChild();
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("id", ruleId);
    rule.put("reason", reason);
    if (appliesTo.length > 0) {
      rule.put("applies_to", List.of(appliesTo));
    }
    List<Object> rules = new ArrayList<>(existing(resource));
    rules.add(rule);
    resource.addMetadata(METADATA_KEY, Map.of("rules_to_suppress", rules));
  }

  /**
   * An {@code applies_to} entry matching findings by regular expression, in cdk-nag's {@code /.../}
   * form.
   */
  static Map<String, String> matching(String regex) {
    return Map.of("regex", "/" + regex + "/");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> existing(CfnResource resource) {
    Object metadata = resource.getMetadata(METADATA_KEY);
    if (metadata instanceof Map
        && ((Map<String, Object>) metadata).get("rules_to_suppress") instanceof List) {
      return (List<Object>) ((Map<String, Object>) metadata).get("rules_to_suppress");
    }
    return List.of();
  }
}
