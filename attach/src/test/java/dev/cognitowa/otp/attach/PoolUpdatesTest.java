package dev.cognitowa.otp.attach;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UpdateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

class PoolUpdatesTest {

  /**
   * LambdaConfig members the every-setting pool leaves unset on purpose: attach sets the first two.
   */
  private static final Set<String> UNSET_IN_FIXTURE =
      Set.of(
          "LambdaConfig.CustomSMSSender",
          "LambdaConfig.KMSKeyID",
          "LambdaConfig.CustomEmailSender");

  @Test
  void requestModel_shouldHaveEveryMemberCarriedOrListedAsNotSent() {
    // given the SDK's own model of both shapes
    Map<String, SdkField<?>> described =
        PoolUpdates.fieldsByName(UserPoolType.builder().build().sdkFields());

    // when each request member looks for its source
    List<String> neither = new ArrayList<>();
    for (SdkField<?> field : UpdateUserPoolRequest.builder().sdkFields()) {
      if (PoolUpdates.sourceOf(field, described).isEmpty()
          && !PoolUpdates.NOT_SENT.containsKey(field.memberName())) {
        neither.add(field.memberName());
      }
    }

    // then none is left to Cognito's default by accident
    assertThat(neither)
        .as("UpdateUserPool members neither carried from DescribeUserPool nor in NOT_SENT")
        .isEmpty();
  }

  @Test
  void notSentList_shouldNameOnlyRealRequestMembers() {
    // given the request's members
    Set<String> members =
        PoolUpdates.fieldsByName(UpdateUserPoolRequest.builder().sdkFields()).keySet();

    // then a stale entry fails too
    assertThat(members).containsAll(PoolUpdates.NOT_SENT.keySet());
    assertThat(members).containsAll(PoolUpdates.RENAMED.keySet());
  }

  @Test
  void everySettingFixture_shouldSetEveryMemberUpdateUserPoolCarries() throws IOException {
    // given the fixture's JSON, whose names are the model's wire names
    @SuppressWarnings("unchecked")
    Map<String, Object> pool =
        (Map<String, Object>) JSON.std.mapFrom(Fixtures.everySetting()).get("UserPool");
    Map<String, SdkField<?>> described =
        PoolUpdates.fieldsByName(UserPoolType.builder().build().sdkFields());

    // when every member reachable from a carried request member is looked up
    List<String> missing = new ArrayList<>();
    for (SdkField<?> field : UpdateUserPoolRequest.builder().sdkFields()) {
      PoolUpdates.sourceOf(field, described)
          .ifPresent(
              source ->
                  collectMissing(
                      source, pool.get(source.locationName()), source.locationName(), missing));
    }

    // then the fixture leaves nothing at its default but what attach itself sets
    assertThat(missing).isEmpty();
  }

  @Test
  void carryingEverything_shouldSendBackEveryDescribedSetting() throws IOException {
    // given the pool as the SDK reads it
    UserPoolType pool = Pools.read(Fixtures.everySetting());

    // when
    UpdateUserPoolRequest request = PoolUpdates.carryingEverything(pool).build();

    // then each carried member holds the described value, unchanged
    Map<String, Object> sent = PojoTree.of(request);
    Map<String, Object> described = PojoTree.of(pool);
    assertThat(sent.get("UserPoolId")).isEqualTo(Fixtures.POOL_ID);
    assertThat(sent.get("PoolName")).isEqualTo(described.get("Name"));
    for (String member : sent.keySet()) {
      String source = PoolUpdates.RENAMED.getOrDefault(member, member);
      assertThat(sent.get(member)).as(member).isEqualTo(described.get(source));
    }
    assertThat(sent).hasSize(UpdateUserPoolRequest.builder().sdkFields().size());
  }

  @SuppressWarnings("unchecked")
  private static void collectMissing(
      SdkField<?> field, Object value, String path, List<String> missing) {
    if (UNSET_IN_FIXTURE.contains(path)) {
      return;
    }
    if (value == null) {
      missing.add(path);
      return;
    }
    if (field.marshallingType() == MarshallingType.SDK_POJO) {
      SdkPojo shape = field.constructor().get();
      for (SdkField<?> member : shape.sdkFields()) {
        collectMissing(
            member,
            ((Map<String, Object>) value).get(member.locationName()),
            path + "." + member.locationName(),
            missing);
      }
    } else if (field.marshallingType() == MarshallingType.LIST) {
      SdkField<?> item = field.getTrait(ListTrait.class).memberFieldInfo();
      List<Object> items = (List<Object>) value;
      if (items.isEmpty()) {
        missing.add(path + "[]");
      } else if (item.marshallingType() == MarshallingType.SDK_POJO) {
        collectMissing(item, items.get(0), path + "[0]", missing);
      }
    } else if (field.marshallingType() == MarshallingType.MAP) {
      SdkField<?> entry = field.getTrait(MapTrait.class).valueFieldInfo();
      Map<String, Object> entries = (Map<String, Object>) value;
      if (entries.isEmpty()) {
        missing.add(path + "{}");
      } else if (entry.marshallingType() == MarshallingType.SDK_POJO) {
        String first = entries.keySet().iterator().next();
        collectMissing(entry, entries.get(first), path + "." + first, missing);
      }
    }
  }
}
