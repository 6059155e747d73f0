package dev.cognitowa.otp.settings;

/**
 * One CDK context key of the ready stack ({@code -c key=value} or {@code cdk.json}).
 *
 * @param key the key
 * @param defaultValue what the stack does when it is unset, as text
 * @param variable the environment variable it becomes, or null when it shapes the stack only
 * @param doc one line: what it sets
 */
public record ContextKey(String key, String defaultValue, Setting variable, String doc) {

  /** The range of the variable it sets, or empty. */
  public String range() {
    return variable == null ? "" : variable.range();
  }
}
