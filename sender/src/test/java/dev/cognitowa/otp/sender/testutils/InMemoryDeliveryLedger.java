package dev.cognitowa.otp.sender.testutils;

import dev.cognitowa.otp.sender.delivery.DeliveryOutcome;
import dev.cognitowa.otp.sender.idempotency.Claim;
import dev.cognitowa.otp.sender.idempotency.DeliveryKey;
import dev.cognitowa.otp.sender.idempotency.DeliveryLedger;
import dev.cognitowa.otp.sender.idempotency.DeliveryLedgerUnavailableException;
import dev.cognitowa.otp.sender.idempotency.LedgerEntry;
import dev.cognitowa.otp.sender.idempotency.LedgerEntry.Status;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger in a map, for unit tests: the same rules as the DynamoDB one (the contract test runs
 * both), plus a switch that makes every call fail as an unreachable table would.
 */
public final class InMemoryDeliveryLedger implements DeliveryLedger {
  private final Map<String, LedgerEntry> entries = new HashMap<>();
  private final Clock clock;
  private boolean unavailable;
  private int claims;

  public InMemoryDeliveryLedger(Clock clock) {
    this.clock = clock;
  }

  /** From now on every call throws {@link DeliveryLedgerUnavailableException} (or works again). */
  public synchronized void setUnavailable(boolean unavailable) {
    this.unavailable = unavailable;
  }

  @Override
  public synchronized Claim claim(DeliveryKey key, Instant leaseUntil) {
    check();
    Instant now = clock.instant();
    LedgerEntry current = entries.get(key.id());
    if (current != null && !current.isClaimableAt(now)) {
      return current.status() == Status.SENT
          ? new Claim.AlreadySent(current)
          : new Claim.InProgress(current);
    }
    String owner = "owner-" + ++claims;
    Instant lease = Instant.ofEpochMilli(leaseUntil.toEpochMilli());
    entries.put(
        key.id(),
        new LedgerEntry(
            key, Status.IN_PROGRESS, owner, lease, expiry(now), null, null, 0, null, null));
    return new Claim.Claimed(key, owner, leaseUntil);
  }

  @Override
  public synchronized boolean markSent(Claim.Claimed claim, DeliveryOutcome.Delivered delivered) {
    return record(
        claim,
        current ->
            new LedgerEntry(
                current.key(),
                Status.SENT,
                current.owner(),
                current.leaseUntil(),
                expiry(clock.instant()),
                delivered.channel(),
                delivered.messageRef(),
                delivered.attempts(),
                null,
                null));
  }

  @Override
  public synchronized boolean markFailed(Claim.Claimed claim, DeliveryOutcome.Failed failed) {
    return record(
        claim,
        current ->
            new LedgerEntry(
                current.key(),
                Status.FAILED,
                current.owner(),
                current.leaseUntil(),
                expiry(clock.instant()),
                failed.channel(),
                null,
                failed.attempts(),
                failed.kind().name(),
                failed.errorCode()));
  }

  @Override
  public synchronized Optional<LedgerEntry> get(DeliveryKey key) {
    check();
    return Optional.ofNullable(entries.get(key.id()));
  }

  private boolean record(
      Claim.Claimed claim, java.util.function.UnaryOperator<LedgerEntry> update) {
    check();
    LedgerEntry current = entries.get(claim.key().id());
    if (current == null || !current.owner().equals(claim.owner())) {
      return false;
    }
    entries.put(claim.key().id(), update.apply(current));
    return true;
  }

  private static Instant expiry(Instant now) {
    return Instant.ofEpochSecond(now.plus(ENTRY_TTL).getEpochSecond());
  }

  private void check() {
    if (unavailable) {
      throw new DeliveryLedgerUnavailableException(
          "delivery ledger unavailable: switched off by the test");
    }
  }
}
