package io.tandem.cli;

/** Placeholder entry point until the CLI lands in this same change. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("tandem");
    }
}
