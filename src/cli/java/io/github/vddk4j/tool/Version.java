package io.github.vddk4j.tool;

import picocli.CommandLine;

/** {@code --version}: the CLI's version (from the jar manifest or Maven's pom.properties) and Java's. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        if (v == null) {
            v = fromPomProperties();
        }
        return new String[] {
            Main.PROGRAM + " " + (v == null ? "(development build)" : v),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    private static String fromPomProperties() {
        try (var in = Version.class.getResourceAsStream("/META-INF/maven/io.github.vddk4j/vddk4j/pom.properties")) {
            if (in == null) {
                return null;
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
