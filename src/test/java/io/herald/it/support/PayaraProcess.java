package io.herald.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Payara Micro (the jar the build copied) as a child process on free loopback ports, run the way
 * server-config/payara/post-boot.asadmin describes: its pre- and post-boot commands, TLS from a PKCS12 keystore.
 */
public final class PayaraProcess extends ServerProcess {

    private final Path war;
    private final List<String> settings;
    private final int port;
    private final int securePort;

    /** {@code settings} are system properties ("name=value"): MicroProfile Config reads them first. */
    public PayaraProcess(Path war, List<String> settings, Path logs) {
        super("payara", logs);
        this.war = war;
        this.settings = settings;
        this.port = freePort();
        this.securePort = freePort();
    }

    @Override
    protected int httpPort() {
        return port;
    }

    @Override
    protected int httpsPort() {
        return securePort;
    }

    /**
     * server-config/payara/pre-boot.asadmin with the tests' loopback listener in front: Payara Micro reads
     * only the last --prebootcommandfile it is given, so the two become one file.
     */
    private Path preBootCommands() {
        Path file = logs().resolve("pre-boot.asadmin");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    Files.readString(Path.of("src/test/resources/payara-loopback.asadmin")) + "\n"
                            + Files.readString(Path.of("server-config/payara/pre-boot.asadmin")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file.toAbsolutePath();
    }

    /** The context root is the WAR's name. */
    @Override
    protected String contextRoot() {
        return "/herald/";
    }

    @Override
    public void start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        TestKeystore tls = TestKeystore.get();
        command.add("-Djavax.net.ssl.keyStore=" + tls.file());
        command.add("-Djavax.net.ssl.keyStorePassword=" + tls.password());
        settings.forEach(setting -> command.add("-D" + setting));
        command.addAll(List.of(
                "-jar",
                required("payara.microJar", "target/payara-micro.jar").toString(),
                "--deploy",
                war.toString(),
                "--port",
                String.valueOf(port),
                "--nocluster",
                "--sslport",
                String.valueOf(securePort),
                "--sslcert",
                TestKeystore.ALIAS,
                "--prebootcommandfile",
                preBootCommands().toString(),
                "--postbootcommandfile",
                Path.of("server-config/payara/post-boot.asadmin")
                        .toAbsolutePath()
                        .toString()));
        start(command, Map.of(), List.of(health(), base().resolve("herald.js")));
    }
}
