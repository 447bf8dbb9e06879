package io.hitch.it;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;

/**
 * The integration-test server's TLS side: its secure port, and a TLS context that trusts exactly the
 * development certificate Liberty generated for it ({@code resources/security/key.p12}), so clients
 * verify the server as they would in production instead of switching verification off.
 */
final class DevCertificate {

    private DevCertificate() {
    }

    /** @return a TLS context that trusts the test server's development certificate and nothing else */
    static SSLContext trustingIt() {
        Path keystore = Path.of(System.getProperty("hitch.it.server.dir", "target/liberty/wlp/usr/servers/hitchIT"),
                "resources", "security", "key.p12");
        char[] password = System.getProperty("hitch.it.keystore.password", "hitch-it-keystore").toCharArray();
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore server = KeyStore.getInstance("PKCS12");
            server.load(in, password);
            // Only the certificate goes into the trust store: the server's private key stays behind.
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (String alias : java.util.Collections.list(server.aliases())) {
                Certificate certificate = server.getCertificate(alias);
                if (certificate != null) {
                    trusted.setCertificateEntry(alias, certificate);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test server's development keystore " + keystore, e);
        }
    }

    /**
     * @param base a deployment's URL on the plain HTTP port (Arquillian's {@code @ArquillianResource URL})
     * @return the same deployment's URL on the secure port, once that port accepts connections (Liberty
     *         opens it when the keystore is ready, which can be after the application started)
     */
    static URL secure(URL base) {
        int port = Integer.getInteger("hitch.it.https.port", 9544);
        HitchTestClient.eventually("the secure port " + port + " open", () -> accepts(base.getHost(), port), open -> open);
        try {
            return new URI("https", null, base.getHost(), port, base.getPath(), null, null).toURL();
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean accepts(String host, int port) {
        try (Socket ignored = new Socket(host, port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
