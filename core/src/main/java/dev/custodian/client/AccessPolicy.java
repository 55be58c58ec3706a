package dev.custodian.client;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who may do what: the one place every service asks before it reads or changes anything (R-ACC-1,
 * R-ACC-2). The table is {@link Operation}; {@code docs/access.md} is {@link #markdown()} of the
 * default policy, and a test tries every cell.
 *
 * <p>A principal may do an operation if any of its kinds ({@link Actor#of}) may; for a client's
 * affairs, a client's user only for its own client. Immutable and thread-safe.
 */
public final class AccessPolicy {
  /** The policy with the default instructing roles. */
  public static final AccessPolicy DEFAULT = new AccessPolicy(InstructingRoles.DEFAULT);

  private final InstructingRoles instructing;

  /**
   * The policy under which {@code instructing} may give instructions; every other cell of the
   * matrix is fixed by {@link Operation}.
   *
   * @param instructing the client roles the processor lets instruct
   */
  public AccessPolicy(InstructingRoles instructing) {
    this.instructing = Objects.requireNonNull(instructing, "instructing");
  }

  /** {@return the client roles configured to instruct} */
  public InstructingRoles instructingRoles() {
    return instructing;
  }

  /**
   * Whether {@code p} may do {@code op} for {@code client}. A client's user never may for another
   * client (R-ACC-2).
   *
   * @param p the principal; null is allowed nothing
   * @param op the operation
   * @param client the client whose affairs are concerned; null for an operation on no one client
   *     (the sub-processor registry, the processor's own queues)
   * @return true if allowed
   */
  public boolean allows(Principal p, Operation op, ClientId client) {
    Objects.requireNonNull(op, "operation");
    if (p == null) {
      return false;
    }
    if (p instanceof ClientPrincipal c) {
      if (client != null && !c.client().equals(client)) {
        return false; // R-ACC-2
      }
      if (op.instructing() && instructing.mayInstruct(c, c.client())) {
        return true;
      }
    }
    Set<Actor> kinds = Actor.of(p);
    return kinds.stream().anyMatch(op.fixed()::contains);
  }

  /**
   * Refuses {@code op} unless {@link #allows}. The message names the operation and the principal's
   * id, never a subject.
   *
   * @param p the principal
   * @param op the operation
   * @param client the client concerned, or null as for {@link #allows}
   * @throws SecurityException if refused
   */
  public void require(Principal p, Operation op, ClientId client) {
    Objects.requireNonNull(p, "principal");
    if (!allows(p, op, client)) {
      throw new SecurityException("principal " + p.id() + " may not " + op + " ("
          + op.service() + ": " + op.methods() + ")"
          + (client == null ? "" : " for client " + client) + ": " + op.refusedBecause());
    }
  }

  /**
   * The kinds of principal allowed {@code op} under this policy's instructing roles.
   *
   * @param op the operation
   * @return its allowed columns
   */
  public Set<Actor> allowed(Operation op) {
    EnumSet<Actor> out = EnumSet.noneOf(Actor.class);
    out.addAll(op.fixed());
    if (op.instructing()) {
      instructing.roles().forEach(r -> out.add(Actor.of(r)));
      if (instructing.designatedContact()) {
        out.add(Actor.DESIGNATED_CONTACT);
      }
    }
    return out;
  }

  /**
   * {@return the access matrix as Markdown}: one row per operation, one column per kind of
   * principal; {@code docs/access.md} is this text.
   */
  public String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("| service | methods |");
    for (Actor a : Actor.values()) {
      b.append(' ').append(a.label()).append(" |");
    }
    b.append(" why allowed | why refused |\n|---|---|");
    b.append("---|".repeat(Actor.values().length)).append("---|---|\n");
    for (Operation op : Operation.values()) {
      Set<Actor> ok = allowed(op);
      b.append("| ").append(op.service()).append(" | ").append(op.methods()).append(" |");
      for (Actor a : Actor.values()) {
        b.append(' ').append(cell(op, a, ok)).append(" |");
      }
      b.append(' ').append(op.allowedBecause()).append(" | ").append(op.refusedBecause())
          .append(" |\n");
    }
    return b.toString();
  }

  private String cell(Operation op, Actor a, Set<Actor> ok) {
    if (ok.contains(a)) {
      return op.instructing() && !op.fixed().contains(a) ? "yes (instructing)" : "yes";
    }
    return op.job() ? "job" : "no";
  }
}
