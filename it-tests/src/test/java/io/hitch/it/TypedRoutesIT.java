package io.hitch.it;

import io.hitch.it.routes.Journal;
import io.hitch.it.routes.JournalRead;
import io.hitch.it.routes.Order;
import io.hitch.it.routes.Totals;
import io.hitch.client.HitchClient;
import io.hitch.client.HitchException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URL;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Typed payloads bound with JSON-B on a real Liberty, validation, and notifications. The order is
 * sent as JSON text (a {@code JsonValue}), so that its numbers reach the server exactly as written.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TypedRoutesIT {

    private static final String ORDER = "{\"lines\":[{\"sku\":\"tea\",\"quantity\":3,\"price\":0.1},"
            + "{\"sku\":\"cake\",\"quantity\":1,\"price\":12345678901234567.01}],\"due\":\"2026-12-24\","
            + "\"placed\":\"2026-11-21T10:15:30Z\",\"priority\":\"HIGH\",\"counters\":{\"a\":123456789012345678901234567890},"
            + "\"note\":\"ring twice\"}";

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("typed", "", Totals.class, Order.class, Order.Line.class,
                Order.Priority.class, Totals.Summary.class, Journal.class, JournalRead.class);
    }

    @ArquillianResource
    URL base;

    private static JsonObject order(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static HitchException refusal(HitchClient client, String order) {
        return HitchException.of(assertThrows(CompletionException.class,
                () -> client.request("test.totals", order(order), JsonObject.class).join()));
    }

    @Test
    void aRecordWithDatesEnumsMapsAndBigDecimalsRoundTripsExactly() {
        try (HitchClient client = Clients.connect(base)) {
            JsonObject data = client.request("test.totals", order(ORDER), JsonObject.class).join();
            assertEquals("12345678901234567.31", data.getJsonNumber("total").bigDecimalValue().toPlainString());
            assertEquals("2026-12-24", data.getString("due"));
            assertEquals("HIGH", data.getString("priority"));
            assertEquals("ring twice", data.getString("note"));
            assertEquals("{\"0\":\"tea\",\"1\":\"cake\"}", data.getJsonObject("lineSkus").toString());
            assertEquals(client.peerId().orElseThrow(), data.getString("caller"));
        }
    }

    @Test
    void anAbsentOptionalMemberBindsToEmpty() {
        try (HitchClient client = Clients.connect(base)) {
            String withoutNote = ORDER.replace(",\"note\":\"ring twice\"", "");
            assertEquals("(none)", client.request("test.totals", order(withoutNote), JsonObject.class).join().getString("note"));
        }
    }

    @Test
    void nestedConstraintViolationsNameTheirPath() {
        try (HitchClient client = Clients.connect(base)) {
            HitchException error = refusal(client, ORDER.replace("\"quantity\":3", "\"quantity\":0"));
            assertEquals("bad_data", error.code());
            assertEquals("lines[0].quantity", error.details().asJsonArray().getJsonObject(0).getString("path"));
        }
    }

    @Test
    void aBadDateIsAnsweredBadDataNamingTheMember() {
        try (HitchClient client = Clients.connect(base)) {
            HitchException error = refusal(client, ORDER.replace("2026-12-24", "christmas"));
            assertEquals("bad_data", error.code());
            assertTrue(error.getMessage().contains("due"), error.toString());
        }
    }

    // On the wire: that nothing answers a notification is only visible there.
    @Test
    void notificationsRunTheirRouteAndAreNeverAnswered() throws Exception {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            client.sendRaw("{\"route\":\"test.journal.write\",\"data\":\"first\"}");
            client.sendRaw("{\"route\":\"test.journal.write\",\"data\":\"second\"}");
            JsonObject reply = client.call("test.journal.read", 9, null);
            assertEquals("[\"first\",\"second\"]", reply.getJsonArray("data").toString());
            assertTrue(client.drain(200).isEmpty(), "a notification got an answer");
        }
    }
}
