package io.tandem.dashboard;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One attempt of a task, from its start to its end, as JDK Mission Control shows it beside GC and I/O. */
@Name("io.tandem.Task")
@Label("Tandem Task")
@Category({"Tandem", "Tasks"})
@Description("One attempt of a task on a Tandem pool: from its start on a worker to its end")
@StackTrace(false)
final class TaskJfrEvent extends Event {
    @Label("Pool")
    String pool;
    @Label("Task")
    String task;
    @Label("Kind of task")
    String label;
    @Label("Worker")
    String worker;
    @Label("Worker pid")
    long pid;
    @Label("Attempt")
    int attempt;
    @Label("Outcome")
    String outcome;
    @Label("Error")
    String error;
}
