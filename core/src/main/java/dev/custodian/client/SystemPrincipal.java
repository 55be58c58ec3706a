package dev.custodian.client;

/**
 * The library's and the host's own jobs (sweeps, notices, escalations, the termination runner),
 * acting on rules already decided, never on a person's word. A host must never map an
 * authenticated user to it. Its rights are the "system" column of {@code docs/access.md}: reads
 * that jobs need (holds, settings, events, cases), nothing that decides what may be deleted.
 */
public record SystemPrincipal(String id) implements Principal {
  /** The one system principal; its id in evidence is {@code system}. */
  public static final SystemPrincipal INSTANCE = new SystemPrincipal("system");

  /**
   * Use {@link #INSTANCE}; the constructor exists for reading stored state.
   *
   * @param id the id shown in evidence
   */
  public SystemPrincipal {
    Principal.requireId(id);
  }

  /** The system acts for every client, within the system column of the access matrix. */
  @Override
  public boolean mayActFor(ClientId client) {
    return true;
  }
}
