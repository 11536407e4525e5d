package io.signaling.session.connect;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The per-address limit applies to {@code /connect} only: the one endpoint that creates something. */
@Configuration(proxyBeanMethods = false)
class ConnectLimitsConfiguration implements WebMvcConfigurer {

    private final ConnectRateLimit rateLimit;

    ConnectLimitsConfiguration(ConnectRateLimit rateLimit) {
        this.rateLimit = rateLimit;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(rateLimit).addPathPatterns("/connect");
    }
}
