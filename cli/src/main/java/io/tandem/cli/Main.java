package io.tandem.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tandem} command. Each subcommand is its own class; {@link #commandLine()} wires them so
 * tests can run the exact command a user runs. Every command answers input it cannot use (an unknown
 * command or option, a bad number, a missing or unreadable file, a malformed run file, a port out of
 * range) with one line on stderr and exit status 2, and any other failure with one line and status 1;
 * {@code --verbose} adds the Java stack trace ({@link CliErrors}).
 */
@Command(name = "tandem",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Tandem: concurrency and parallelism for the JVM.",
                "Threads, virtual threads, worker processes, channels and limiters behind one API,",
                "and measured advice on which model to use for your workload."},
        subcommands = {BenchCommand.class, ExamplesCommand.class, FetchCommand.class, ServeHelloCommand.class, RunCommand.class, WorkerCommand.class,
                ClusterCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "on an error, also print the Java stack trace")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        CliErrors errors = new CliErrors();
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
