package io.tandem.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tandem} command. Each subcommand is its own class; {@link #commandLine()} wires them so
 * tests can run the exact command a user runs.
 */
@Command(name = "tandem",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Tandem: concurrency and parallelism for the JVM.",
                "Threads, virtual threads, worker processes, channels and limiters behind one API,",
                "and measured advice on which model to use for your workload."},
        subcommands = {BenchCommand.class, ExamplesCommand.class, FetchCommand.class, ServeHelloCommand.class, RunCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"tandem " + (v == null ? "dev" : v),
                    "JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version()};
        }
    }
}
