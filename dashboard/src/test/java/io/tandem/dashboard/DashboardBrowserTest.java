package io.tandem.dashboard;

import io.tandem.Pools;
import io.tandem.TaskPool;
import io.tandem.graph.GraphRun;
import io.tandem.graph.RunOptions;
import io.tandem.graph.RunResult;
import io.tandem.graph.TaskGraph;
import io.tandem.graph.TaskStatus;
import io.tandem.process.ProcessPool;
import io.tandem.test.Await;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live page in a real browser: headless Chromium opens it while a task graph runs with a failing task
 * and a worker process that is killed with {@code kill -9} from outside, and the DOM it built from the
 * server-sent events must show the lanes, the progress per task and both failures with their stacks. A
 * screenshot is saved as {@code target/dashboard.png} (the README's picture). Skipped, saying so, where no
 * Chromium is installed ({@code .ci/run} installs one where it can; {@code TANDEM_BROWSER} names another).
 */
class DashboardBrowserTest {

    static String browser() {
        return io.tandem.test.Browsers.chromium();
    }

    @Test
    void thePageShowsLanesProgressAndTheFailuresWithStacksOfALiveRun(@TempDir Path dir) throws Exception {
        String browser = browser();
        Assumptions.assumeTrue(browser != null, "no Chromium on PATH (set TANDEM_BROWSER): the dashboard's browser test is skipped");
        Path pidFile = dir.resolve("victim.pid");
        String pidPath = pidFile.toString();
        try (Dashboard dashboard = Dashboard.start();
             TaskPool threads = Pools.builder().name("graph-threads").threads(2);
             ProcessPool procs = ProcessPool.create(1);
             HeadlessChromium chromium = new HeadlessChromium(browser, dir, dashboard.uri())) {
            // the page is open (and connected) before the run starts: it watches the run live
            Await.await("the page is connected", Duration.ofSeconds(60), () -> evalQuietly(chromium, "document.body.dataset.messages") != null
                    && !evalQuietly(chromium, "document.body.dataset.messages").equals("undefined"));
            TaskGraph g = TaskGraph.create();
            List<String> loads = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int n = i;
                loads.add("load-" + i);
                g.task("load-" + i).call(() -> {
                    Thread.sleep(5 + n % 7); // the workload: tasks of some length, so the lanes show bars
                    return n;
                });
            }
            g.task("explode").needs("load-0").call(() -> {
                throw new IllegalStateException("disk quota exceeded on /data/7");
            });
            g.task("after-explode").needs("explode").call(() -> 1);
            g.task("square").pool("process").needs(loads.toArray(String[]::new)).call(() -> 6 * 7);
            g.task("victim").pool("process").call(() -> {
                Files.writeString(Path.of(pidPath), Long.toString(ProcessHandle.current().pid()));
                Thread.sleep(120_000); // the workload: a task that runs until its worker is killed with kill -9
                return "never";
            });
            GraphRun run = g.start(RunOptions.builder().pool(threads).pool("process", procs).build());
            Await.await("the victim runs in its worker", Duration.ofSeconds(60), () -> pidIn(pidFile) > 0);
            long pid = pidIn(pidFile);
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -9 " + pid);
            RunResult result = run.await(Duration.ofSeconds(60));
            assertEquals(TaskStatus.FAILED, result.task("victim").status());
            assertEquals(TaskStatus.FAILED, result.task("explode").status());
            assertEquals(TaskStatus.SUCCEEDED, result.task("square").status());
            // the pool restarts the worker; the page must show the dead one and the new one
            Await.await("the worker was replaced", Duration.ofSeconds(30), () -> dashboard.recording().monitor().pools()
                    .stream().anyMatch(p -> p.kind().equals("process") && p.workerExits() == 1
                            && p.workers().stream().anyMatch(Monitor_alive())));

            // the page has drawn what the stream sent once it shows every task of the run
            Await.await("the page shows the run", Duration.ofSeconds(60),
                    () -> Integer.parseInt(evalQuietly(chromium, "document.getElementById('lanes').dataset.spans")) >= 32
                            && evalQuietly(chromium, "document.getElementById('failures').textContent").contains("WorkerDiedException")
                            && evalQuietly(chromium, "document.getElementById('graphs').textContent").contains("(finished)"));
            String dom = chromium.eval("document.documentElement.outerHTML");
            Path png = Path.of("target", "dashboard.png").toAbsolutePath();
            Files.createDirectories(png.getParent());
            Files.write(png, chromium.screenshot());
            Matcher lanes = Pattern.compile("id=\"lanes\"[^>]*data-lanes=\"(\\d+)\"[^>]*data-spans=\"(\\d+)\"").matcher(dom);
            assertTrue(lanes.find(), "the stream canvas reports its lanes: " + abbreviate(dom));
            assertTrue(Integer.parseInt(lanes.group(1)) >= 3, "a lane per thread and per process worker: " + lanes.group() + " in " + abbreviate(dom));
            assertTrue(Integer.parseInt(lanes.group(2)) >= 32, "every finished task is on the stream: " + lanes.group());
            assertTrue(dom.contains("load-#</td><td>30</td>"), "progress groups load-0..load-29 as load-#: " + abbreviate(dom));
            assertTrue(dom.contains("class=\"type\">java.lang.IllegalStateException</b>: disk quota exceeded on /data/7"), abbreviate(dom));
            assertTrue(dom.contains("WorkerDiedException"), "the killed worker's failure is listed");
            assertTrue(dom.contains("signal 9") || dom.contains("SIGKILL"), "the exit of the killed worker is shown");
            Matcher stack = Pattern.compile("<pre class=\"stack\">java.lang.IllegalStateException: disk quota exceeded on /data/7\\s+at ").matcher(dom);
            assertTrue(stack.find(), "the failure's stack is on the page");
            assertTrue(dom.contains("id=\"dag\""), "the graph's DAG is drawn");
            assertTrue(dom.contains("data-status=\"failed\""), "failed tasks are marked in the DAG");

            assertTrue(Files.size(png) > 10_000, "a screenshot was painted: " + png);
        }
    }

    private static String evalQuietly(HeadlessChromium chromium, String expression) {
        try {
            return chromium.eval(expression);
        } catch (Exception e) {
            throw new IllegalStateException("the page did not answer " + expression, e);
        }
    }

    private static long pidIn(Path file) {
        try {
            String s = Files.exists(file) ? Files.readString(file).strip() : "";
            return s.isEmpty() ? -1 : Long.parseLong(s);
        } catch (java.io.IOException | NumberFormatException e) {
            return -1; // not fully written yet
        }
    }

    private static java.util.function.Predicate<io.tandem.Monitor.WorkerState> Monitor_alive() {
        return io.tandem.Monitor.WorkerState::alive;
    }

    private static String abbreviate(String s) {
        return s.length() < 6000 ? s : s.substring(0, 6000) + "…";
    }
}
