package dev.agentguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowListTest {
  @Test
  void namedEntriesOnly() {
    AllowList l = AllowList.parse("alice, bob");
    assertTrue(l.admits("alice"));
    assertTrue(l.admits("bob"));
    assertFalse(l.admits("carol"));
    assertFalse(l.admits("Alice"), "identities compare exactly");
    assertFalse(l.admits(null));
  }

  @Test
  void starAdmitsAnyoneButDenyWins() {
    AllowList l = AllowList.parse("*,!mallory");
    assertTrue(l.admits("alice"));
    assertFalse(l.admits("mallory"));
    assertTrue(AllowList.parse("*").admits(null));
  }

  @Test
  void denyWinsOverAnExplicitAllow() {
    AllowList l = AllowList.parse("mallory,!mallory");
    assertFalse(l.admits("mallory"));
  }

  @Test
  void emptyListAndDenyAllAdmitNobody() {
    assertFalse(AllowList.parse("").admits("alice"));
    assertFalse(AllowList.parse("*,!*").admits("alice"));
    assertFalse(AllowList.parse("*,!*").admitsAny(List.of("support")));
  }

  @Test
  void admitsAnyIsFalseIfAnyValueIsDenied() {
    AllowList roles = AllowList.parse("support,finance,!contractor");
    assertTrue(roles.admitsAny(List.of("guest", "finance")));
    assertFalse(roles.admitsAny(List.of("guest")));
    assertFalse(roles.admitsAny(List.of("finance", "contractor")), "one denied role refuses");
    assertFalse(roles.admitsAny(List.of()));
    AllowList anyone = AllowList.parse("*,!contractor");
    assertTrue(anyone.admitsAny(List.of()));
    assertFalse(anyone.admitsAny(List.of("support", "contractor")));
  }

  @Test
  void bareBangIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> AllowList.parse("alice,!"));
  }
}
