package io.hitch.protocol;

/**
 * One frame's text, checked whole by {@link JsonScanner}, with where the values of the top-level
 * members that hitch/1 reads are. Other members are checked and skipped. Not thread-safe.
 */
final class FrameMembers extends JsonScanner {

    static final int ROUTE = 0;
    static final int ID = 1;
    static final int RE = 2;
    static final int ERROR = 3;
    static final int DATA = 4;
    private static final String[] NAMES = {"route", "id", "re", "error", "data"};

    // Start and end offset of each member's value, -1 when the frame lacks the member.
    private final int[] starts = {-1, -1, -1, -1, -1};
    private final int[] ends = new int[NAMES.length];

    private FrameMembers(String text, int maxDepth) {
        super(text, maxDepth);
    }

    /**
     * @param text     a frame's text, not blank
     * @param maxDepth the deepest nesting accepted; the frame object is level 1
     * @return the frame's members
     * @throws BadFrameException if the text is not exactly one valid JSON object
     */
    static FrameMembers read(String text, int maxDepth) {
        FrameMembers members = new FrameMembers(text, maxDepth);
        int start = members.skipSpace(0);
        int end = members.value(start, 0);
        if (members.skipSpace(end) < text.length()) {
            throw new BadFrameException("invalid JSON: text after the end of the frame's object", null);
        }
        if (text.charAt(start) != '{') {
            throw new BadFrameException("a frame must be a JSON object, not " + kind(text.charAt(start)), null);
        }
        return members;
    }

    @Override
    void topMember(int keyStart, int keyEnd, boolean keyEscaped, int valueStart, int valueEnd) {
        int member = keyEscaped ? indexOf(JsonText.unescape(text, keyStart, keyEnd)) : indexOf(keyStart, keyEnd);
        if (member >= 0) {
            // The scanner refuses duplicate keys, so each member is seen at most once.
            starts[member] = valueStart;
            ends[member] = valueEnd;
        }
    }

    private int indexOf(int keyStart, int keyEnd) {
        int m = switch (keyEnd - keyStart) {
            case 5 -> text.charAt(keyStart) == 'r' ? ROUTE : ERROR;
            case 2 -> text.charAt(keyStart) == 'i' ? ID : RE;
            case 4 -> DATA;
            default -> -1;
        };
        return m >= 0 && text.startsWith(NAMES[m], keyStart) ? m : -1;
    }

    private static int indexOf(String key) {
        for (int m = 0; m < NAMES.length; m++) {
            if (NAMES[m].equals(key)) {
                return m;
            }
        }
        return -1;
    }

    boolean has(int member) {
        return starts[member] >= 0;
    }

    int start(int member) {
        return starts[member];
    }

    int end(int member) {
        return ends[member];
    }

    /** @return the first character of the member's value, which tells its JSON type */
    char first(int member) {
        return text.charAt(starts[member]);
    }

    /** @return the member's value exactly as written, or null when the frame lacks the member */
    String slice(int member) {
        return has(member) ? text.substring(starts[member], ends[member]) : null;
    }

    /** @return the value of a member that is a string */
    String string(int member) {
        return JsonText.unescape(text, starts[member] + 1, ends[member] - 1);
    }

    /** @return the kind of the member's value, for messages: object, array, string, number, boolean, null */
    String kind(int member) {
        return kind(first(member));
    }

    private static String kind(char first) {
        return switch (first) {
            case '{' -> "object";
            case '[' -> "array";
            case '"' -> "string";
            case 't', 'f' -> "boolean";
            case 'n' -> "null";
            default -> "number";
        };
    }
}
