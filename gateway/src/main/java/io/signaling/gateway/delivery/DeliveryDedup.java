package io.signaling.gateway.delivery;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connection's memory of what it was already given. The relay is at-least-once: after
 * a crash it may write a delivery or a rejection again, naming the same source signal
 * record. Signals to one user come from one signals partition in offset order, so the
 * highest offset delivered per source partition is enough; rejections of one sender come
 * from many recipients' partitions in no fixed order, so a bounded set of recent ones is
 * kept instead.
 */
public final class DeliveryDedup {

    /**
     * Rejections remembered per connection; a replay after a relay crash is a recent one.
     */
    static final int REJECTIONS_REMEMBERED = 1024;

    private final Map<Integer, Long> highestDelivered = new HashMap<>();

    private final Map<SourceRecord, Boolean> recentRejections = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SourceRecord, Boolean> eldest) {
            return size() > REJECTIONS_REMEMBERED;
        }
    };

    /**
     * True (and remembered) when this signal is above everything delivered from its
     * partition.
     */
    public synchronized boolean firstDelivery(int sourcePartition, long sourceOffset) {
        Long highest = highestDelivered.get(sourcePartition);
        if (highest != null && sourceOffset <= highest) {
            return false;
        }
        highestDelivered.put(sourcePartition, sourceOffset);
        return true;
    }

    /** True (and remembered) the first time a rejection of this source signal is seen. */
    public synchronized boolean firstRejection(int sourcePartition, long sourceOffset) {
        return recentRejections.putIfAbsent(new SourceRecord(sourcePartition, sourceOffset), Boolean.TRUE) == null;
    }

    private record SourceRecord(int partition, long offset) {
    }

}
