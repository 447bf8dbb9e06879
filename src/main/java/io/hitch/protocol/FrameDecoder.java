package io.hitch.protocol;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Turns the text of one WebSocket frame into a {@link Frame}, or throws {@link BadFrameException}
 * saying what is wrong. The whole frame is checked as strict JSON (RFC 8259, no duplicate keys
 * in any object, at most {@code maxDepth} levels) by a scanner that builds nothing; {@code data}
 * builds its tree only when something asks for it. Thread-safe; create one and share it.
 */
public final class FrameDecoder {

    private final int maxDepth;
    private final JsonTrees trees;

    /** @param maxDepth the deepest nesting of arrays and objects accepted in a frame */
    public FrameDecoder(int maxDepth) {
        this.maxDepth = maxDepth;
        this.trees = new JsonTrees(maxDepth);
    }

    /**
     * @param text the frame's text
     * @return the frame
     * @throws BadFrameException if the text is not a valid hitch/1 frame
     */
    public Frame decode(String text) {
        if (text == null || text.isBlank()) {
            throw new BadFrameException("empty frame: expected a JSON object", null);
        }
        FrameMembers members = FrameMembers.read(text, maxDepth);
        if (members.has(FrameMembers.RE)) {
            return decodeAnswer(members);
        }
        MessageId id = members.has(FrameMembers.ID) ? id(members, FrameMembers.ID, "id") : null;
        if (!members.has(FrameMembers.ROUTE)) {
            throw new BadFrameException("a request needs a \"route\" (or \"re\" for a reply)", id);
        }
        if (members.first(FrameMembers.ROUTE) != '"') {
            throw new BadFrameException("\"route\" must be a string", id);
        }
        String dataText = members.slice(FrameMembers.DATA);
        return new Frame.Request(members.string(FrameMembers.ROUTE), id, data(dataText), dataText);
    }

    private Frame decodeAnswer(FrameMembers members) {
        // A malformed answer is never answered with an error reply: its id belongs to the other
        // side's id space, so a reply to it could match an unrelated request of the sender.
        MessageId re = id(members, FrameMembers.RE, "re");
        if (!members.has(FrameMembers.ERROR)) {
            return new Frame.Reply(re, data(members.slice(FrameMembers.DATA)));
        }
        if (members.first(FrameMembers.ERROR) != '{') {
            throw new BadFrameException("\"error\" must be an object", null);
        }
        // Error answers are rare: their body is built at once, by Parsson.
        JsonObject body = trees.read(members.slice(FrameMembers.ERROR)).asJsonObject();
        JsonValue code = body.get("code");
        if (code == null || code.getValueType() != JsonValue.ValueType.STRING) {
            throw new BadFrameException("\"error.code\" must be a string", null);
        }
        JsonValue message = body.get("message");
        String text = message instanceof JsonString s ? s.getString() : "";
        return new Frame.ErrorReply(re, new Frame.ErrorBody(((JsonString) code).getString(), text,
                body.get("details")));
    }

    private static MessageId id(FrameMembers members, int member, String name) {
        char first = members.first(member);
        if (first == '"') {
            String s = members.string(member);
            if (s.isEmpty() || s.length() > MessageId.MAX_STRING_LENGTH) {
                throw new BadFrameException("\"" + name + "\" must have 1 to 64 characters", null);
            }
            return MessageId.of(s);
        }
        if (first == '-' || (first >= '0' && first <= '9')) {
            return NumberLiteral.id(members.text, members.start(member), members.end(member), name);
        }
        throw new BadFrameException("\"" + name + "\" must be an integer or a string, not "
                + members.kind(member), null);
    }

    private JsonValue data(String dataText) {
        return dataText == null ? JsonValue.NULL : trees.lazy(dataText);
    }
}
