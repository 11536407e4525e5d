package io.signaling.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The checkout the launcher runs from, and where in it the jars it starts are: every
 * module is built by the same reactor, so the service jars sit at
 * {@code <module>/target/<module>-<version>-exec.jar} next to this launcher's own.
 *
 * @param root the repository root (the folder holding {@code bin/signaling})
 * @param version the reactor version, the same for every module
 */
public record Home(Path root, String version) {

    /** Set by bin/signaling; without it the root is derived from this launcher's jar. */
    static final String HOME_ENV = "SIGNALING_HOME";

    public static Home locate() {
        String version = buildVersion();
        String explicit = System.getProperty("signaling.home", System.getenv(HOME_ENV));
        if (explicit != null && !explicit.isBlank()) {
            return new Home(Path.of(explicit).toAbsolutePath().normalize(), version);
        }
        // java -jar <root>/platform/target/platform-<v>-exec.jar puts exactly that jar on
        // the class path.
        Path classPath = Path.of(System.getProperty("java.class.path", "")).toAbsolutePath().normalize();
        if (classPath.getFileName() != null && classPath.getFileName().toString().endsWith("-exec.jar")
                && classPath.getNameCount() >= 3) {
            return new Home(classPath.getParent().getParent().getParent(), version);
        }
        return new Home(Path.of("").toAbsolutePath(), version);
    }

    public static String buildVersion() {
        try (InputStream in = Home.class.getResourceAsStream("/signaling-platform.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "0.1.0-SNAPSHOT");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path serviceJar(String module) {
        return root.resolve(module).resolve("target").resolve(module + "-" + version + "-exec.jar");
    }

    /** The broker's runtime class path, copied there by the platform module's build. */
    public Path kafkaLib() {
        return root.resolve("platform").resolve("target").resolve("kafka-lib");
    }

    public Path requireServiceJar(String module) {
        Path jar = serviceJar(module);
        if (!Files.isRegularFile(jar)) {
            throw new LaunchException(module + " is not built (no " + jar + "); run bin/signaling, which builds it, "
                    + "or ./mvnw -DskipTests install");
        }
        return jar;
    }

    public Path requireKafkaLib() {
        Path lib = kafkaLib();
        if (!Files.isDirectory(lib)) {
            throw new LaunchException("the Kafka broker's libraries are missing (no " + lib
                    + "); run bin/signaling, which builds them, or ./mvnw -DskipTests install");
        }
        return lib;
    }
}
