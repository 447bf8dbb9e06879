package io.hitch.config;

import java.util.List;

/** Hitch's configuration holds values it cannot use; the deployment fails with this message. */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("Invalid Hitch configuration (MicroProfile Config):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return one line per bad key */
    public List<String> problems() {
        return problems;
    }
}
