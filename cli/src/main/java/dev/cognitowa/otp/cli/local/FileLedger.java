package dev.cognitowa.otp.cli.local;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.event.TriggerSource;
import dev.cognitowa.otp.sender.idempotency.Claim;
import dev.cognitowa.otp.sender.idempotency.DeliveryKey;
import dev.cognitowa.otp.sender.idempotency.DeliveryLedger;
import dev.cognitowa.otp.sender.idempotency.DeliveryLedgerUnavailableException;
import dev.cognitowa.otp.sender.idempotency.LedgerEntry;
import dev.cognitowa.otp.sender.support.Json;
import dev.cognitowa.otp.sender.tracking.FallbackClaim;
import dev.cognitowa.otp.sender.tracking.MessageLedger;
import dev.cognitowa.otp.sender.tracking.TrackedMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The delivery ledger of local runs ({@code otp invoke --local}, {@code otp status --local}): the
 * items the DynamoDB ledger keeps, with the same claims, leases and expiry, in one JSON file, so
 * that a second invocation of an event is a duplicate and a status finds the message one run sent.
 * For one user on one machine: each call reads and rewrites the whole file, one process at a time.
 * The tracked messages hold what the DynamoDB items hold (the ciphertext, never the code).
 */
public final class FileLedger implements DeliveryLedger, MessageLedger {
  private final Path file;
  private final Duration window;
  private final Clock clock;

  public FileLedger(Path file, Duration window, Clock clock) {
    this.file = file;
    this.window = window;
    this.clock = clock;
  }

  @Override
  public Claim claim(DeliveryKey key, Instant leaseUntil) {
    return update(
        data -> {
          Map<String, Object> deliveries = section(data, "deliveries");
          Optional<LedgerEntry> current = entry(key, deliveries);
          Instant now = clock.instant();
          if (current.isPresent() && !current.get().isClaimableAt(now)) {
            LedgerEntry entry = current.get();
            return entry.status() == LedgerEntry.Status.SENT
                ? new Claim.AlreadySent(entry)
                : new Claim.InProgress(entry);
          }
          String owner = UUID.randomUUID().toString();
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("status", LedgerEntry.Status.IN_PROGRESS.name());
          item.put("owner", owner);
          item.put("leaseUntil", leaseUntil.toEpochMilli());
          item.put("expiresAt", now.plus(ENTRY_TTL).getEpochSecond());
          deliveries.put(key.id(), item);
          return new Claim.Claimed(key, owner, leaseUntil);
        });
  }

  @Override
  public boolean markSent(Claim.Claimed claim, DeliveryOutcome.Delivered delivered) {
    return finish(
        claim,
        LedgerEntry.Status.SENT,
        delivered.channel(),
        delivered.attempts(),
        null,
        delivered.messageRef());
  }

  @Override
  public boolean markFailed(Claim.Claimed claim, DeliveryOutcome.Failed failed) {
    return finish(
        claim,
        LedgerEntry.Status.FAILED,
        failed.channel(),
        failed.attempts(),
        failed.kind().name(),
        null);
  }

  @Override
  public Optional<LedgerEntry> get(DeliveryKey key) {
    return update(data -> entry(key, section(data, "deliveries")));
  }

  @Override
  public Duration window() {
    return window;
  }

  @Override
  public void track(TrackedMessage message, Instant deadline) {
    update(
        data -> {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("ciphertext", message.ciphertext());
          item.put("userPoolId", message.userPoolId());
          item.put("userName", message.userName());
          item.put("triggerSource", message.triggerSource().wireName());
          item.put("phoneNumber", message.phoneNumber());
          item.put("channel", message.channel());
          item.put("channelIndex", message.channelIndex());
          item.put("sentAt", message.sentAt().toEpochMilli());
          item.put("appClientId", message.appClientId());
          item.put("language", message.language());
          section(data, "messages").put(message.messageRef(), item);
          return null;
        });
  }

  @Override
  public boolean recordStatus(String messageRef, StatusKind status, Instant at) {
    return update(
        data -> {
          Map<String, Object> item = message(data, messageRef);
          if (item == null || !live(item)) {
            return false;
          }
          item.putIfAbsent(
              status.name().toLowerCase(java.util.Locale.ROOT) + "At", at.toEpochMilli());
          forgetPerson(item); // as the DynamoDB ledger does: the message's fate is known
          return true;
        });
  }

  @Override
  public FallbackClaim claimFallback(String messageRef, String failure, Instant leaseUntil) {
    return update(
        data -> {
          Map<String, Object> item = message(data, messageRef);
          Instant now = clock.instant();
          if (item == null || !live(item)) {
            return new FallbackClaim.Declined(FallbackClaim.Reason.UNKNOWN);
          }
          if (item.containsKey("deliveredAt") || item.containsKey("readAt")) {
            return new FallbackClaim.Declined(FallbackClaim.Reason.AFTER_DELIVERY);
          }
          if (item.containsKey("fallback")
              && !("CLAIMED".equals(item.get("fallback"))
                  && number(item, "fallbackLease") < now.toEpochMilli())) {
            return new FallbackClaim.Declined(FallbackClaim.Reason.ALREADY_CLAIMED);
          }
          if (number(item, "sentAt") < now.minus(window).toEpochMilli()) {
            forgetPerson(item);
            return new FallbackClaim.Declined(FallbackClaim.Reason.WINDOW_PASSED);
          }
          String owner = UUID.randomUUID().toString();
          item.put("fallback", "CLAIMED");
          item.put("fallbackOwner", owner);
          item.put("fallbackLease", leaseUntil.toEpochMilli());
          item.put("lateFailure", failure);
          return new FallbackClaim.Claimed(
              tracked(messageRef, item), messageRef, owner, leaseUntil);
        });
  }

  @Override
  public boolean markSending(FallbackClaim.Claimed claim) {
    return owned(claim, item -> item.put("fallback", "SENDING"));
  }

  @Override
  public boolean recordFallback(FallbackClaim.Claimed claim, DeliveryOutcome outcome) {
    return owned(
        claim,
        item -> {
          item.put("fallback", outcome instanceof DeliveryOutcome.Delivered ? "SENT" : "FAILED");
          item.put("fallbackChannel", outcome.channel());
          item.remove("fallbackLease");
          forgetPerson(item);
        });
  }

  @Override
  public boolean releaseFallback(FallbackClaim.Claimed claim) {
    return owned(
        claim,
        item -> {
          item.remove("fallback");
          item.remove("fallbackOwner");
          item.remove("fallbackLease");
        });
  }

  /**
   * Keeps the id the local stand-in gave the last message it accepted, for {@code otp status
   * --local} to report on. A stand-in id is made up and carries no phone number.
   */
  public void rememberLastSent(String standInMessageId) {
    update(
        data -> {
          data.put("lastSent", standInMessageId);
          return null;
        });
  }

  /** The id {@link #rememberLastSent} kept, if any. */
  public Optional<String> lastSent() {
    return update(data -> Optional.ofNullable((String) data.get("lastSent")));
  }

  private boolean owned(
      FallbackClaim.Claimed claim, java.util.function.Consumer<Map<String, Object>> change) {
    return update(
        data -> {
          Object item = section(data, "messages").get(claim.ref());
          if (item instanceof Map<?, ?> map && claim.owner().equals(map.get("fallbackOwner"))) {
            change.accept(cast(map));
            return true;
          }
          return false;
        });
  }

  private boolean finish(
      Claim.Claimed claim,
      LedgerEntry.Status status,
      String channel,
      int attempts,
      String failureKind,
      String messageRef) {
    return update(
        data -> {
          Object item = section(data, "deliveries").get(claim.key().id());
          if (!(item instanceof Map<?, ?> map) || !claim.owner().equals(map.get("owner"))) {
            return false;
          }
          Map<String, Object> entry = cast(map);
          entry.put("status", status.name());
          entry.put("channel", channel);
          entry.put("attempts", attempts);
          if (failureKind != null) {
            entry.put("failureKind", failureKind);
          }
          if (messageRef != null) {
            entry.put("messageRef", messageRef); // a reference, never the provider's raw id
          }
          return true;
        });
  }

  private Optional<LedgerEntry> entry(DeliveryKey key, Map<String, Object> deliveries) {
    if (!(deliveries.get(key.id()) instanceof Map<?, ?> map)) {
      return Optional.empty();
    }
    Map<String, Object> item = cast(map);
    return Optional.of(
        new LedgerEntry(
            key,
            LedgerEntry.Status.valueOf(String.valueOf(item.get("status"))),
            String.valueOf(item.get("owner")),
            Instant.ofEpochMilli(number(item, "leaseUntil")),
            Instant.ofEpochSecond(number(item, "expiresAt")),
            (String) item.get("channel"),
            (String) item.get("messageRef"),
            (int) number(item, "attempts"),
            (String) item.get("failureKind"),
            null));
  }

  /** What identifies the person goes when the message's fate is known, as in DynamoDB. */
  private static void forgetPerson(Map<String, Object> item) {
    item.remove("ciphertext");
    item.remove("phoneNumber");
    item.remove("userName");
  }

  private Map<String, Object> message(Map<String, Object> data, String messageRef) {
    Object item = section(data, "messages").get(messageRef);
    return item instanceof Map<?, ?> map ? cast(map) : null;
  }

  /** Kept as the DynamoDB item is: for the fallback window plus the margin after sending. */
  private boolean live(Map<String, Object> item) {
    return Instant.ofEpochMilli(number(item, "sentAt"))
        .plus(window)
        .plus(EXPIRY_MARGIN)
        .isAfter(clock.instant());
  }

  private static TrackedMessage tracked(String messageRef, Map<String, Object> item) {
    return new TrackedMessage(
        messageRef,
        (String) item.get("ciphertext"),
        (String) item.get("userPoolId"),
        (String) item.get("userName"),
        TriggerSource.fromWireName((String) item.get("triggerSource")).orElseThrow(),
        (String) item.get("phoneNumber"),
        (String) item.get("channel"),
        (int) number(item, "channelIndex"),
        Instant.ofEpochMilli(number(item, "sentAt")),
        (String) item.get("appClientId"),
        (String) item.get("language"));
  }

  private static long number(Map<String, Object> item, String name) {
    return item.get(name) instanceof Number n ? n.longValue() : 0L;
  }

  private static Map<String, Object> section(Map<String, Object> data, String name) {
    Object value = data.get(name);
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>(cast(map));
      data.put(name, copy);
      return copy;
    }
    Map<String, Object> fresh = new LinkedHashMap<>();
    data.put(name, fresh);
    return fresh;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  /** Reads the file, applies {@code change}, and writes it back atomically. */
  private synchronized <T> T update(Function<Map<String, Object>, T> change) {
    try {
      Map<String, Object> data = new LinkedHashMap<>();
      if (Files.exists(file)) {
        Object read = Json.read(Files.readAllBytes(file));
        if (!(read instanceof Map<?, ?> map)) {
          throw new DeliveryLedgerUnavailableException(
              "the local ledger " + file + " is not a JSON object: delete it to start afresh");
        }
        data.putAll(cast(map));
      }
      T result = change.apply(data);
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temp, Json.write(data) + "\n", StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return result;
    } catch (IOException e) {
      throw new DeliveryLedgerUnavailableException(
          "the local ledger "
              + file
              + " cannot be read or written: "
              + e.getClass().getSimpleName());
    }
  }
}
