package io.signaling.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PairingTest {

    record User(String name, String gateway) {
    }

    private static final Function<User, String> GATEWAY = User::gateway;

    @Test
    void usersSpreadEvenlyOverTwoGatewaysAreAllPairedAcrossThem() {
        List<User> users = List.of(new User("a", "g1"), new User("b", "g2"), new User("c", "g1"), new User("d", "g2"));

        List<Pairing.Pair<User>> pairs = Pairing.acrossGateways(users, GATEWAY);

        assertThat(pairs).hasSize(2);
        assertThat(Pairing.crossing(pairs, GATEWAY)).isEqualTo(2);
    }

    @Test
    void withThreeGatewaysEveryPairStillCrosses() {
        List<User> users = List.of(new User("a", "g1"), new User("b", "g2"), new User("c", "g3"), new User("d", "g1"),
                new User("e", "g2"), new User("f", "g3"));

        assertThat(Pairing.crossing(Pairing.acrossGateways(users, GATEWAY), GATEWAY)).isEqualTo(3);
    }

    @Test
    void aLopsidedSpreadLeavesSomePairsOnOneGatewayAndTheOddUserOut() {
        List<User> users = List.of(new User("a", "g1"), new User("b", "g1"), new User("c", "g1"), new User("d", "g1"),
                new User("e", "g2"));

        List<Pairing.Pair<User>> pairs = Pairing.acrossGateways(users, GATEWAY);

        assertThat(pairs).hasSize(2);
        assertThat(Pairing.crossing(pairs, GATEWAY)).isEqualTo(1);
    }

}
