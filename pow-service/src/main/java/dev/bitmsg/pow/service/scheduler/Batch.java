package dev.bitmsg.pow.service.scheduler;

import dev.bitmsg.pow.ScanSlice;
import java.util.List;

/**
 * A pass: the slices one scanner call gets, with the search each belongs to and the client charged
 * for it (index-aligned). Immutable.
 */
record Batch(List<ScanSlice> slices, List<Search> searches, List<String> clients) {
  Batch {
    slices = List.copyOf(slices);
    searches = List.copyOf(searches);
    clients = List.copyOf(clients);
  }
}
