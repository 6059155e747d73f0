package dev.cognitowa.otp.infra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resource graph CloudFormation builds from Ref, Fn::GetAtt, Fn::Sub and DependsOn; finds the
 * cycle it would reject ("Circular dependency between resources"), which CDK's synth does not
 * detect.
 */
final class DependencyGraph {

  private static final Pattern SUB_REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z0-9]+)(\\.[A-Za-z0-9.]+)?}");

  private final Map<String, Set<String>> edges = new HashMap<>();

  @SuppressWarnings("unchecked")
  DependencyGraph(Map<String, Object> template) {
    Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
    resources.forEach(
        (id, body) -> {
          Set<String> targets = new LinkedHashSet<>();
          collect(body, targets);
          targets.retainAll(resources.keySet());
          edges.put(id, targets);
        });
  }

  /** One cycle as a path of logical ids, or an empty list. */
  List<String> findCycle() {
    Set<String> finished = new HashSet<>();
    for (String start : edges.keySet()) {
      List<String> cycle = visit(start, new ArrayList<>(), finished);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    return List.of();
  }

  private List<String> visit(String node, List<String> path, Set<String> finished) {
    if (path.contains(node)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
      cycle.add(node);
      return cycle;
    }
    if (finished.contains(node)) {
      return List.of();
    }
    path.add(node);
    for (String next : edges.getOrDefault(node, Set.of())) {
      List<String> cycle = visit(next, path, finished);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    finished.add(node);
    return List.of();
  }

  private static void collect(Object node, Set<String> targets) {
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            if (key.equals("Ref") && value instanceof String name) {
              targets.add(name);
            } else if (key.equals("Fn::GetAtt") && value instanceof List<?> attribute) {
              targets.add((String) attribute.get(0));
            } else if (key.equals("DependsOn")) {
              if (value instanceof String name) {
                targets.add(name);
              } else if (value instanceof List<?> names) {
                names.forEach(v -> targets.add((String) v));
              }
            } else if (key.equals("Fn::Sub")) {
              Object text = value instanceof List<?> parts ? parts.get(0) : value;
              Matcher m = SUB_REFERENCE.matcher(String.valueOf(text));
              while (m.find()) {
                targets.add(m.group(1));
              }
            }
            collect(value, targets);
          });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collect(item, targets));
    }
  }
}
