package io.hitch.protocol;

import jakarta.json.spi.JsonProvider;

/**
 * Writes hitch/1 frames. Data and details arrive already serialized as JSON text, so a frame sent to
 * many peers is built once. Stateless.
 */
public final class FrameEncoder {

    // Looked up once: a provider lookup per frame costs more than the frame itself.
    private static final JsonProvider JSON = JsonProvider.provider();

    private FrameEncoder() {
    }

    /**
     * @param re       the id of the request answered
     * @param dataJson the reply data as JSON text, or null for none
     * @return {@code {"re":7,"data":...}}
     */
    public static String reply(MessageId re, String dataJson) {
        // One concatenation, which the JDK sizes exactly and copies each part into once: this is
        // every reply. A builder sized for a one-digit id grew (a copy) for longer ids, and its
        // toString copied again; a numeric id is appended as a number, without a string of its own.
        if (re.value() instanceof Long number) {
            long id = number;
            return dataJson == null ? "{\"re\":" + id + "}" : "{\"re\":" + id + ",\"data\":" + dataJson + "}";
        }
        String id = re.toJson();
        return dataJson == null ? "{\"re\":" + id + "}" : "{\"re\":" + id + ",\"data\":" + dataJson + "}";
    }

    /**
     * @param re          the id of the request answered
     * @param code        the error code
     * @param message     the message
     * @param detailsJson the details as JSON text, or null for none
     * @return {@code {"re":7,"error":{"code":...,"message":...,"details":...}}}
     */
    public static String errorReply(MessageId re, String code, String message, String detailsJson) {
        return "{\"re\":" + re.toJson() + ",\"error\":" + errorBody(code, message, detailsJson, null) + "}";
    }

    /**
     * @param route    the route pushed to
     * @param dataJson the data as JSON text, or null for none
     * @return {@code {"route":"chat.message","data":...}}
     */
    public static String push(String route, String dataJson) {
        return request(route, null, dataJson);
    }

    /**
     * @param route    the route pushed to
     * @param dataJson the data as JSON text, or null for none
     * @param stream   the stream the push is numbered in (PROTOCOL.md §5.5)
     * @param seq      its number in that stream
     * @return {@code {"route":"chat.message","data":...,"stream":"group:room","seq":42}}
     */
    public static String push(String route, String dataJson, String stream, long seq) {
        String push = request(route, null, dataJson);
        return push.substring(0, push.length() - 1) + ",\"stream\":" + string(stream) + ",\"seq\":" + seq + "}";
    }

    /**
     * @param route    the route called
     * @param id       the request id, or null for a notification
     * @param dataJson the data as JSON text, or null for none
     * @return {@code {"route":"x","id":1,"data":...}}
     */
    public static String request(String route, MessageId id, String dataJson) {
        return request(route, id, dataJson, null);
    }

    /**
     * @param route    the route called
     * @param id       the request id, or null for a notification
     * @param dataJson the data as JSON text, or null for none
     * @param from     the peer id of the client a relayed request comes from, or null
     * @return {@code {"route":"x","id":1,"data":...,"from":"..."}}
     */
    public static String request(String route, MessageId id, String dataJson, String from) {
        StringBuilder out = new StringBuilder(32 + (dataJson == null ? 0 : dataJson.length()));
        out.append("{\"route\":").append(string(route));
        if (id != null) {
            out.append(",\"id\":").append(id.toJson());
        }
        if (dataJson != null) {
            out.append(",\"data\":").append(dataJson);
        }
        if (from != null) {
            out.append(",\"from\":").append(string(from));
        }
        return out.append('}').toString();
    }

    /**
     * @param code    the error code
     * @param message the message
     * @param detailsJson the details as JSON text, or null for none
     * @param route   the notification's route when one failed, else null
     * @return the {@code hitch.error} push reporting a frame that got no error reply
     */
    public static String errorPush(String code, String message, String detailsJson, String route) {
        return "{\"route\":\"" + RouteNames.ERROR + "\",\"data\":" + errorBody(code, message, detailsJson, route)
                + "}";
    }

    private static String errorBody(String code, String message, String detailsJson, String route) {
        StringBuilder out = new StringBuilder(64);
        out.append("{\"code\":").append(string(code)).append(",\"message\":").append(string(message));
        if (detailsJson != null) {
            out.append(",\"details\":").append(detailsJson);
        }
        if (route != null) {
            out.append(",\"route\":").append(string(route));
        }
        return out.append('}').toString();
    }

    /** @return {@code s} as a quoted, escaped JSON string */
    public static String string(String s) {
        return JSON.createValue(s == null ? "" : s).toString();
    }
}
