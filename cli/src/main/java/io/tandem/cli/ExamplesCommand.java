package io.tandem.cli;

import picocli.CommandLine.Command;

/** Replaced by the real `tandem examples` command in this same change. */
@Command(name = "examples", description = "(being built)")
final class ExamplesCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("tandem examples: being built");
    }
}
