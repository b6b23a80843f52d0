package io.github.vddk4j.tool;

/**
 * One {@code --name} option: a flag when {@code valueName} is null, else it takes a value
 * ({@code --name VALUE} or {@code --name=VALUE}).
 */
record OptionSpec(String name, String valueName, String help) {

    static OptionSpec flag(String name, String help) {
        return new OptionSpec(name, null, help);
    }

    static OptionSpec value(String name, String valueName, String help) {
        return new OptionSpec(name, valueName, help);
    }

    boolean takesValue() {
        return valueName != null;
    }

    /** {@code --name VALUE} or {@code --name}. */
    String synopsis() {
        return "--" + name + (takesValue() ? " " + valueName : "");
    }
}
