package io.tandem.cli;

/**
 * Input a command cannot use (a file it cannot read, an option out of range, an address it cannot
 * bind): {@link CliErrors} prints its message as one line on stderr and exits with status 2, without a
 * stack trace. Thrown on the command's thread; immutable.
 */
final class BadInputException extends RuntimeException {
    BadInputException(String message) {
        super(message);
    }

    BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
