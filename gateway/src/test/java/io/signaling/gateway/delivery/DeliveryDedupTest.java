package io.signaling.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryDedupTest {

    private final DeliveryDedup dedup = new DeliveryDedup();

    @Test
    void deliversIncreasingOffsetsAndDropsReplays() {
        assertThat(dedup.firstDelivery(2, 10)).isTrue();
        assertThat(dedup.firstDelivery(2, 10)).isFalse();
        assertThat(dedup.firstDelivery(2, 11)).isTrue();
        assertThat(dedup.firstDelivery(2, 9)).isFalse(); // below the highest: already
                                                         // delivered before
        assertThat(dedup.firstDelivery(2, 11)).isFalse();
    }

    @Test
    void keepsOneHighWaterMarkPerSourcePartition() {
        assertThat(dedup.firstDelivery(0, 100)).isTrue();
        assertThat(dedup.firstDelivery(1, 5)).isTrue();
        assertThat(dedup.firstDelivery(0, 5)).isFalse();
        assertThat(dedup.firstDelivery(1, 6)).isTrue();
    }

    @Test
    void deliversOffsetZero() {
        assertThat(dedup.firstDelivery(0, 0)).isTrue();
        assertThat(dedup.firstDelivery(0, 0)).isFalse();
    }

    @Test
    void givesEachRejectionOnceInAnyOrder() {
        assertThat(dedup.firstRejection(3, 50)).isTrue();
        assertThat(dedup.firstRejection(1, 7)).isTrue();
        assertThat(dedup.firstRejection(3, 49)).isTrue(); // rejections from many
                                                          // partitions arrive in no fixed
                                                          // order
        assertThat(dedup.firstRejection(3, 50)).isFalse();
        assertThat(dedup.firstRejection(1, 7)).isFalse();
    }

    @Test
    void rejectionsAreRememberedBoundedly() {
        for (int offset = 0; offset <= DeliveryDedup.REJECTIONS_REMEMBERED; offset++) {
            assertThat(dedup.firstRejection(0, offset)).isTrue();
        }
        assertThat(dedup.firstRejection(0, DeliveryDedup.REJECTIONS_REMEMBERED)).isFalse();
        assertThat(dedup.firstRejection(0, 0)).isTrue(); // the eldest was forgotten to
                                                         // stay bounded
    }

    @Test
    void rejectionsAndDeliveriesAreIndependent() {
        assertThat(dedup.firstDelivery(0, 5)).isTrue();
        assertThat(dedup.firstRejection(0, 5)).isTrue();
    }

}
