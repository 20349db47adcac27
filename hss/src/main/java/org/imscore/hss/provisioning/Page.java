package org.imscore.hss.provisioning;

import java.util.List;

/** One page of a listing: {@code items} start at {@code offset}; {@code total} counts them all. */
public record Page<T>(List<T> items, long total, int offset, int limit) {

  public Page {
    items = List.copyOf(items);
  }
}
