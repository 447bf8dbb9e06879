import io.hitch.client.HitchClient;
import io.hitch.client.HitchException;

import java.net.URI;
import java.time.Duration;

/**
 * A plain Java SE program using only the client jar and the dependencies the README names.
 * ClientOnJavaSeIT runs it with the source launcher: {@code java -cp <jars> HitchClientExample.java <ws-uri>}.
 */
public class HitchClientExample {

    public record Hello(String name) { }

    public record Greeting(String message) { }

    public static void main(String[] args) {
        try (HitchClient client = HitchClient.connect(URI.create(args[0]))) {
            Greeting greeting = client.request("hello", new Hello("Java SE"), Greeting.class, Duration.ofSeconds(20)).join();
            System.out.println(greeting.message());
            try {
                client.request("hello", new Hello(""), Greeting.class).join();
            } catch (RuntimeException e) {
                System.out.println(HitchException.of(e).code());
            }
            System.out.println("peer " + client.peerId().orElseThrow());
        }
    }
}
