package dev.cognitowa.otp.cli.report;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one paid send costs, per channel and country, in US dollars: docs/explanation/cost.md's
 * figures by default (WhatsApp's authentication fee where the page found one, plus AWS's per-code
 * cost), each overridable with {@code --price CHANNEL:COUNTRY=USD} or {@code --price CHANNEL=USD}.
 * A channel and country with no figure has no cost, rather than a guess.
 */
public final class Prices {
  /**
   * AWS's share of one code as deployed (Lambda, KMS, the ledger's and limits' writes):
   * docs/explanation/cost.md "AWS per 1,000 codes", $0.0113 per 1,000, plus the verification loop's
   * three writes ($0.625 per million WRU each).
   */
  static final BigDecimal AWS_PER_CODE = new BigDecimal("0.0000132");

  /** docs/explanation/cost.md's "Per 1,000 codes, by country" table, per message. */
  static final Map<String, BigDecimal> DEFAULTS =
      Map.of(
          "whatsapp:IN", new BigDecimal("0.0014"),
          "whatsapp:BR", new BigDecimal("0.0068"),
          "whatsapp:US", new BigDecimal("0.004"),
          "whatsapp:ID", new BigDecimal("0.030"));

  private final Map<String, BigDecimal> prices;

  private Prices(Map<String, BigDecimal> prices) {
    this.prices = Map.copyOf(prices);
  }

  /**
   * docs/explanation/cost.md's prices with {@code overrides} on top, each {@code
   * CHANNEL:COUNTRY=USD} or {@code CHANNEL=USD} (every country of that channel).
   *
   * @throws IllegalArgumentException naming the override that is not one
   */
  public static Prices withOverrides(List<String> overrides) {
    Map<String, BigDecimal> prices = new HashMap<>(DEFAULTS);
    for (String override : overrides) {
      int eq = override.indexOf('=');
      String key = eq < 0 ? "" : override.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      BigDecimal price;
      try {
        price = eq < 0 ? null : new BigDecimal(override.substring(eq + 1).strip());
      } catch (NumberFormatException e) {
        price = null;
      }
      if (!key.matches("[a-z-]{2,16}(:[a-z0-9]{2,3})?") || price == null || price.signum() < 0) {
        throw new IllegalArgumentException(
            "--price must be CHANNEL:COUNTRY=USD or CHANNEL=USD, e.g. sms:NG=0.28");
      }
      int colon = key.indexOf(':');
      prices.put(
          colon < 0
              ? key
              : key.substring(0, colon) + ":" + key.substring(colon + 1).toUpperCase(Locale.ROOT),
          price);
    }
    return new Prices(prices);
  }

  /** One send's price through {@code channel} to {@code country}, AWS's share included. */
  public Optional<BigDecimal> of(String channel, String country) {
    BigDecimal price = prices.get(channel + ":" + country);
    if (price == null) {
      price = prices.get(channel);
    }
    return price == null ? Optional.empty() : Optional.of(price.add(AWS_PER_CODE));
  }
}
