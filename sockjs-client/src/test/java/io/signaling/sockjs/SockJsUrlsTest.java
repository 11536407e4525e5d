package io.signaling.sockjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SockJsUrlsTest {

    @Test
    void buildsTheRawWebsocketUrlOfTheContract() {
        URI url = SockJsUrls.websocket("http://127.0.0.1:8081/ws", "123", "abcdefgh", "alice@x", "k+y/=");

        assertThat(url).hasToString("ws://127.0.0.1:8081/ws/123/abcdefgh/websocket?userId=alice%40x&token=k%2By%2F%3D");
    }

    @Test
    void randomServerAndSessionIdsHaveNoDots() {
        URI url = SockJsUrls.websocket("https://gw.example/ws/", "alice", "key");

        assertThat(url.getScheme()).isEqualTo("wss");
        assertThat(url.getPath()).matches("/ws/\\d{3}/[a-z0-9]{8}/websocket");
    }

    @Test
    void originIsTheServiceBaseOfAListeningAddress() {
        assertThat(SockJsUrls.origin("http://127.0.0.1:8082/ws")).isEqualTo(URI.create("http://127.0.0.1:8082"));
    }

}
