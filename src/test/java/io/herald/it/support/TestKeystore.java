package io.herald.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A PKCS12 keystore with a self-signed certificate for 127.0.0.1, made once per test run with the JDK's
 * keytool, that every server of the suite serves https:// and wss:// with; and the client side that trusts it.
 */
public final class TestKeystore {

    public static final String ALIAS = "herald";

    private static TestKeystore made;

    private final Path file;
    private final String password;

    private TestKeystore(Path file, String password) {
        this.file = file;
        this.password = password;
    }

    public static synchronized TestKeystore get() {
        if (made == null) {
            Path file = Path.of("target", "it-tls", "herald-" + UUID.randomUUID() + ".p12")
                    .toAbsolutePath();
            String password = UUID.randomUUID().toString();
            try {
                Files.createDirectories(file.getParent());
                Process keytool = new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "keytool")
                                        .toString(),
                                "-genkeypair",
                                "-alias",
                                ALIAS,
                                "-keyalg",
                                "RSA",
                                "-keysize",
                                "2048",
                                "-validity",
                                "30",
                                "-dname",
                                "CN=127.0.0.1",
                                "-ext",
                                "SAN=ip:127.0.0.1,dns:localhost",
                                "-storetype",
                                "PKCS12",
                                "-keystore",
                                file.toString(),
                                "-storepass",
                                password,
                                "-keypass",
                                password)
                        .redirectErrorStream(true)
                        .start();
                String output = new String(keytool.getInputStream().readAllBytes());
                if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed: " + output);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            made = new TestKeystore(file, password);
        }
        return made;
    }

    public Path file() {
        return file;
    }

    public String password() {
        return password;
    }

    /** Trusts exactly this keystore's certificate, as a client configured with the server's CA would. */
    public SSLContext clientContext() {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
