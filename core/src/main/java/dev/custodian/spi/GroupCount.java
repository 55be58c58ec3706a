package dev.custodian.spi;

/**
 * What a {@link GroupSelection} selects of one of its clients, as {@link HostData#countGroup}
 * counts it.
 *
 * @param matched the client's records in the group's window, spared or not
 * @param selected those left once the client's spared slices are taken out: what {@link
 *     HostData#count} says of {@link GroupSelection#of the client's selection}
 */
public record GroupCount(long matched, long selected) {
  public GroupCount {
    if (selected < 0 || matched < selected) {
      throw new IllegalArgumentException("counts must satisfy 0 <= selected <= matched");
    }
  }
}
