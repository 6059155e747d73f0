package dev.cognitowa.otp.sender.idempotency;

import dev.cognitowa.otp.sender.testutils.InMemoryDeliveryLedger;

/** The unit tests' ledger keeps the same rules as the DynamoDB one. */
class InMemoryDeliveryLedgerTest extends DeliveryLedgerContract {
  private final InMemoryDeliveryLedger ledger = new InMemoryDeliveryLedger(clock);

  @Override
  DeliveryLedger ledger() {
    return ledger;
  }
}
