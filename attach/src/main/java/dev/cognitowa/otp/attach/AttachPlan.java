package dev.cognitowa.otp.attach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UpdateUserPoolRequest;

/**
 * One UpdateUserPool call, ready to review: the request, what it changes on the pool as a diff, and
 * notes for the operator. A plan that changes nothing is not sent.
 *
 * @param unchanged the request that would leave the pool exactly as described
 * @param request the request to send
 * @param notes what the operator should know (a check that could not run, what will be needed)
 */
public record AttachPlan(
    String poolId,
    UpdateUserPoolRequest unchanged,
    UpdateUserPoolRequest request,
    List<String> notes) {

  public AttachPlan {
    notes = List.copyOf(notes);
  }

  /** True when the request would change something on the pool. */
  public boolean changesPool() {
    return !diff().isEmpty();
  }

  /**
   * The change as lines, one per setting that differs: {@code - path: old} and {@code + path: new},
   * paths as the API names them ({@code LambdaConfig.CustomSMSSender.LambdaArn}).
   */
  public List<String> diff() {
    Map<String, String> before = PojoTree.leaves(unchanged);
    Map<String, String> after = PojoTree.leaves(request);
    TreeSet<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    List<String> lines = new ArrayList<>();
    for (String path : paths) {
      String old = before.get(path);
      String now = after.get(path);
      if (old != null && !old.equals(now)) {
        lines.add("- " + path + ": " + old);
      }
      if (now != null && !now.equals(old)) {
        lines.add("+ " + path + ": " + now);
      }
    }
    return lines;
  }

  /** The request as JSON, as the SDK names its members: what {@code --dry-run} prints. */
  public Map<String, Object> requestTree() {
    return PojoTree.of(request);
  }

  /** {@link #requestTree()} as indented JSON. */
  public String requestJson() {
    return PojoTree.json(requestTree());
  }
}
