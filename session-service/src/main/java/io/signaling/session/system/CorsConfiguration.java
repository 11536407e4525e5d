package io.signaling.session.system;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CORS for every API endpoint (contract §4). Spring refuses a preflight from an origin
 * that matches no pattern with 403. No credentials: the API authenticates with a Bearer
 * header, never a cookie.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorsProperties.class)
class CorsConfiguration implements WebMvcConfigurer {

    private final CorsProperties cors;

    CorsConfiguration(CorsProperties cors) {
        this.cors = cors;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        // The same rules as ApiCors, which the filters that answer before MVC apply.
        registry.addMapping("/**")
            .allowedOriginPatterns(cors.allowedOriginPatterns().toArray(String[]::new))
            .allowedMethods(ApiCors.METHODS.toArray(String[]::new))
            .allowedHeaders("*")
            .exposedHeaders(ApiCors.EXPOSED_HEADERS.toArray(String[]::new))
            .maxAge(ApiCors.MAX_AGE_SECONDS);
    }

}
