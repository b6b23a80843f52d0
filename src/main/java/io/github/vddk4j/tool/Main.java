package io.github.vddk4j.tool;

/** Placeholder. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("vddk4j");
    }
}
