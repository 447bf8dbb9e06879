package io.hitch.it;

import io.hitch.client.HitchClient;
import io.hitch.client.HitchOptions;

import java.net.URL;
import java.time.Duration;

/** Java clients ({@code io.hitch.client}) for the deployment under test. */
public final class Clients {

    /** How long a test waits for a welcome or a reply: far longer than any takes. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    private Clients() {
    }

    /** @return a client of the deployment at {@code base} with the default options, welcomed */
    public static HitchClient connect(URL base) {
        return connect(base, HitchOptions.builder());
    }

    /** @return a client of the deployment at {@code base} with {@code options} (timeout: {@link #WAIT}), welcomed */
    public static HitchClient connect(URL base, HitchOptions.Builder options) {
        HitchClient client = HitchClient.connect(HitchTestClient.wsUri(base), options.timeout(WAIT).build());
        try {
            client.awaitWelcome(WAIT);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }
}
