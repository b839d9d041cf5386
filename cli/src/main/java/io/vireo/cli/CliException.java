package io.vireo.cli;

/** A failure whose message is all the user needs (no stack trace). */
public class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
