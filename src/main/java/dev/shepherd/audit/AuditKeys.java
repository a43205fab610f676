package dev.shepherd.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys of the record: the current one signs new links, every one (current and retired) checks
 * the links it signed. Rotating is adding a new current key and keeping the old one here.
 */
public final class AuditKeys {
  private final AuditKey current;
  private final Map<String, AuditKey> byId;

  private AuditKeys(AuditKey current, Map<String, AuditKey> byId) {
    this.current = current;
    this.byId = byId;
  }

  /**
   * The keys from their secrets.
   *
   * @param current signs new links
   * @param retired check older links only
   */
  public static AuditKeys of(String current, List<String> retired) {
    Objects.requireNonNull(current, "current");
    Map<String, AuditKey> byId = new LinkedHashMap<>();
    for (String secret : retired) {
      AuditKey key = AuditKey.of(secret);
      byId.put(key.id(), key);
    }
    AuditKey signing = AuditKey.of(current);
    byId.put(signing.id(), signing);
    return new AuditKeys(signing, Map.copyOf(byId));
  }

  /** The key that signs new links. */
  public AuditKey current() {
    return current;
  }

  /** The key a row names, if it is one of these. */
  public Optional<AuditKey> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public String toString() {
    return "AuditKeys[current " + current.id() + ", " + byId.size() + " in all]";
  }
}
