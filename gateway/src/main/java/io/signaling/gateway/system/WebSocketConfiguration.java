package io.signaling.gateway.system;

import io.signaling.gateway.connection.SignalingSocketHandler;
import io.signaling.gateway.handshake.AuthHandshakeInterceptor;
import io.signaling.gateway.handshake.RefusingTransports;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The SockJS endpoint {@code /ws} with every transport Spring offers (signaling-v1 §2) and CORS
 * for the configured origins (§4).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    private static final int ONE_MIB = 1024 * 1024;

    private final SignalingSocketHandler handler;
    private final AuthHandshakeInterceptor auth;
    private final GatewayProperties properties;
    private final CorsProperties cors;

    WebSocketConfiguration(SignalingSocketHandler handler, AuthHandshakeInterceptor auth, GatewayProperties properties,
            CorsProperties cors) {
        this.handler = handler;
        this.auth = auth;
        this.properties = properties;
        this.cors = cors;
    }

    static final String SOCKJS_CLIENT_PATH = "/client/sockjs.min.js";

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/ws")
                .addInterceptors(auth)
                .setAllowedOriginPatterns(cors.allowedOriginPatterns().toArray(String[]::new))
                .withSockJS()
                .setTransportHandlerOverrides(RefusingTransports.overrides())
                // The iframe transports' page loads SockJS from here (the clients jar), not from a CDN.
                .setClientLibraryUrl(SOCKJS_CLIENT_PATH)
                .setHeartbeatTime(properties.sockjsHeartbeat().toMillis())
                .setDisconnectDelay(properties.sockjsDisconnectDelay().toMillis())
                // A streaming response is recycled after this many bytes; above one large message, below browser memory worries.
                .setStreamBytesLimit(frameBufferBytes())
                // Frames held for an HTTP-polling client between two polls (a burst of deliveries must fit).
                .setHttpMessageCacheSize(1000);
    }

    /**
     * The container must take a frame well over {@code max-message-bytes} (SockJS wraps messages in
     * an escaped JSON array), so that an oversized message is answered with {@code message-too-large}
     * instead of the container closing the socket.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(frameBufferBytes());
        container.setMaxBinaryMessageBufferSize(frameBufferBytes());
        return container;
    }

    private int frameBufferBytes() {
        return Math.max(ONE_MIB, 4 * properties.maxMessageBytes());
    }
}
