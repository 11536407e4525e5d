package io.signaling.gateway.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.gateway.config.GatewayProperties;
import io.signaling.gateway.connection.AssemblingWebSocketTransport;
import io.signaling.gateway.connection.SignalingSocketHandler;
import io.signaling.gateway.handshake.AuthHandshakeInterceptor;
import io.signaling.gateway.handshake.HttpTransportGuard;
import io.signaling.gateway.handshake.HttpTransportSessions;
import io.signaling.gateway.handshake.RefusingTransports;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.sockjs.transport.TransportHandler;

/**
 * The SockJS endpoint {@code /ws} with every transport Spring offers (signaling-v1 §2)
 * and CORS for the configured origins (§4).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    private static final int ONE_MIB = 1024 * 1024;
    static final int TEXT_PART_CHARS = 8 * 1024;
    static final int BINARY_PART_BYTES = 1024;

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
            .setTransportHandlerOverrides(transports())
            // The iframe transports' page loads SockJS from here (the clients jar), not
            // from a CDN.
            .setClientLibraryUrl(SOCKJS_CLIENT_PATH)
            .setHeartbeatTime(properties.sockjsHeartbeat().toMillis())
            .setDisconnectDelay(properties.sockjsDisconnectDelay().toMillis())
            // A streaming response is recycled after this many bytes; above one large
            // message, below browser memory worries.
            .setStreamBytesLimit(streamBytesLimit())
            // Frames held for an HTTP-polling client between two polls (a burst of
            // deliveries must fit).
            .setHttpMessageCacheSize(1000);
    }

    /**
     * Credentials of every HTTP-transport request, and body limits, before the SockJS
     * service reads anything.
     */
    @Bean
    FilterRegistrationBean<HttpTransportGuard> httpTransportGuard(HttpTransportSessions sessions,
            MeterRegistry meters) {
        FilterRegistrationBean<HttpTransportGuard> registration = new FilterRegistrationBean<>(
                new HttpTransportGuard("/ws", sessions, properties.maxHttpBody().toBytes(), meters));
        registration.addUrlPatterns("/ws/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    private TransportHandler[] transports() {
        List<TransportHandler> transports = new ArrayList<>(List.of(RefusingTransports.overrides()));
        transports.add(new AssemblingWebSocketTransport(properties.maxMessageBytes()));
        return transports.toArray(TransportHandler[]::new);
    }

    /**
     * Tomcat allocates both message buffers for every connection, at their full size,
     * when it opens: they are the largest part of an idle connection's heap. Messages
     * arrive in parts of this size and are joined by the gateway (only while a message is
     * in flight), so the buffers stay small whatever {@code max-message-bytes} is: 8 Ki
     * chars hold a typical SDP offer in one part. SockJS frames are text; a binary
     * message is refused whatever its size.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(TEXT_PART_CHARS);
        container.setMaxBinaryMessageBufferSize(BINARY_PART_BYTES);
        return container;
    }

    private int streamBytesLimit() {
        return Math.max(ONE_MIB, 4 * properties.maxMessageBytes());
    }

}
