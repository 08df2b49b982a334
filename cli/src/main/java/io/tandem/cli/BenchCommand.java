package io.tandem.cli;

import picocli.CommandLine.Command;

/** Replaced by the real `tandem bench` command in this same change. */
@Command(name = "bench", description = "(being built)")
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("tandem bench: being built");
    }
}
