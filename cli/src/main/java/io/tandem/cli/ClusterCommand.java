package io.tandem.cli;

import io.tandem.cluster.ClusterJoinException;
import io.tandem.cluster.ClusterPool;
import io.tandem.cluster.MemberStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tandem cluster status}: the members of a cluster, their cores, resources and load. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Look at a Tandem cluster.",
        subcommands = {ClusterCommand.Status.class})
final class ClusterCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Members, cores, resources, tasks running and queued on each (joins briefly as a lite member).")
    static final class Status implements Callable<Integer> {
        @Option(names = "--join", required = true, description = "a member of the cluster, HOST:PORT[,...]")
        String join;

        @Option(names = "--cluster", defaultValue = "tandem", description = "cluster name (default ${DEFAULT-VALUE})")
        String cluster;

        @Option(names = "--secret-file", description = "file holding the cluster secret (instead of TANDEM_CLUSTER_SECRET)")
        Path secretFile;

        @Option(names = "--bind", defaultValue = "127.0.0.1", description = "interface to bind (default ${DEFAULT-VALUE})")
        String bind;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ClusterPool.Builder b;
            try {
                b = ClusterPool.builder().name("cluster-status").join(join).clusterName(cluster).bind(bind)
                        .joinTimeout(Duration.ofSeconds(10));
                if (secretFile != null) {
                    b.secretFile(secretFile);
                }
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            try (ClusterPool pool = b.build()) {
                List<MemberStatus> members = pool.members(Duration.ofSeconds(5));
                out.printf("%-22s %-8s %5s %7s %6s %9s  %s%n", "member", "pid", "cores", "running", "queued", "in flight", "resources");
                for (MemberStatus m : members) {
                    out.printf("%-22s %-8d %5d %7s %6s %9d  %s%n", m.address(), m.pid(), m.cores(),
                            m.running() < 0 ? "?" : Integer.toString(m.running()),
                            m.queued() < 0 ? "?" : Integer.toString(m.queued()), m.inFlight(), m.resources());
                }
                out.println(members.size() + " member(s)");
                out.flush();
                return 0;
            } catch (ClusterJoinException | IllegalStateException e) {
                throw new BadInputException(e.getMessage(), e);
            }
        }
    }
}
