package io.tandem.bench;

/**
 * Tiny stand-in programs for {@link ProgramRaceTest}: each is a {@code main} started as a whole process
 * the way {@link ProgramRace} starts a port, and answers {@code "answer N"} (right), something else, a
 * crash, or the right answer with noise around it. No Tandem code: they start in a fraction of a second.
 */
final class ProgramStubs {
    private ProgramStubs() {
    }

    /** The expected answer of the stub scenario for size {@code n}. */
    static String answer(int n) {
        return "answer " + n;
    }

    /** Prints the right answer and nothing else. */
    static final class Right {
        public static void main(String[] args) {
            System.out.println(answer(Integer.parseInt(args[0])));
        }
    }

    /** Prints an answer that disagrees with the expected one. */
    static final class Wrong {
        public static void main(String[] args) {
            System.out.println(answer(Integer.parseInt(args[0]) + 1));
        }
    }

    /** Writes a message on stderr and exits with status 3 without an answer. */
    static final class Crash {
        public static void main(String[] args) {
            System.err.println("Exception in thread \"main\" java.lang.IllegalStateException: boom, the port crashed");
            System.exit(3);
        }
    }

    /**
     * Prints the right answer, with a warning on stderr, a log line on stdout before it and another after it
     * (as a worker process logging on the shared stdout while its pool closes).
     */
    static final class Noisy {
        public static void main(String[] args) {
            System.err.println("WARNING: A terminally deprecated method in sun.misc.Unsafe has been called");
            System.out.println("[0.012s][warning][cds] a log line on stdout");
            System.out.println(answer(Integer.parseInt(args[0])));
            System.out.println("[worker-1] WARN CodeGenerator - task rejected, pool shutting down");
        }
    }
}
