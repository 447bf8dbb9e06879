package io.hitch.it;

import io.hitch.it.routes.Journal;
import io.hitch.it.routes.JournalRead;
import io.hitch.it.routes.Order;
import io.hitch.it.routes.Totals;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Typed payloads bound with JSON-B on a real Liberty, validation, and notifications. */
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

    @Test
    void aRecordWithDatesEnumsMapsAndBigDecimalsRoundTripsExactly() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            JsonObject data = client.call("test.totals", 1, ORDER).getJsonObject("data");
            assertEquals("12345678901234567.31", data.getJsonNumber("total").bigDecimalValue().toPlainString());
            assertEquals("2026-12-24", data.getString("due"));
            assertEquals("HIGH", data.getString("priority"));
            assertEquals("ring twice", data.getString("note"));
            assertEquals("{\"0\":\"tea\",\"1\":\"cake\"}", data.getJsonObject("lineSkus").toString());
            assertEquals(client.welcome().getJsonObject("data").getString("peer"), data.getString("caller"));
        }
    }

    @Test
    void anAbsentOptionalMemberBindsToEmpty() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            String withoutNote = ORDER.replace(",\"note\":\"ring twice\"", "");
            assertEquals("(none)", client.call("test.totals", 1, withoutNote).getJsonObject("data").getString("note"));
        }
    }

    @Test
    void nestedConstraintViolationsNameTheirPath() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            JsonObject error = client.call("test.totals", 1, ORDER.replace("\"quantity\":3", "\"quantity\":0"))
                    .getJsonObject("error");
            assertEquals("bad_data", error.getString("code"));
            assertEquals("lines[0].quantity", error.getJsonArray("details").getJsonObject(0).getString("path"));
        }
    }

    @Test
    void aBadDateIsAnsweredBadDataNamingTheMember() {
        try (HitchTestClient client = HitchTestClient.connect(base)) {
            JsonObject error = client.call("test.totals", 1, ORDER.replace("2026-12-24", "christmas"))
                    .getJsonObject("error");
            assertEquals("bad_data", error.getString("code"));
            assertTrue(error.getString("message").contains("due"), error.toString());
        }
    }

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
