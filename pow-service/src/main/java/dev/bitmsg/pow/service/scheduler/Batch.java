package dev.bitmsg.pow.service.scheduler;

import dev.bitmsg.pow.ScanSlice;
import java.util.ArrayList;
import java.util.List;

/**
 * A pass: the slices one scanner call gets, with the search each belongs to and the client charged
 * for it (index-aligned). The worker thread that scans it reads only {@link #slices()}; the
 * searches are for the scheduler, which books them under its lock. Immutable.
 */
record Batch(List<ScanSlice> slices, List<Search> searches, List<String> clients) {
  Batch {
    slices = List.copyOf(slices);
    searches = List.copyOf(searches);
    clients = List.copyOf(clients);
  }

  /** Collects the slices of a pass. Not thread-safe. */
  static final class Builder {
    private final List<ScanSlice> slices = new ArrayList<>();
    private final List<Search> searches = new ArrayList<>();
    private final List<String> clients = new ArrayList<>();

    void add(ScanSlice slice, Search search, String client) {
      slices.add(slice);
      searches.add(search);
      clients.add(client);
    }

    Batch build() {
      return new Batch(slices, searches, clients);
    }
  }
}
