package io.github.vddk4j.testsupport;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Child-JVM main of {@link OwnJvmPerTest}: runs the one test named by its JUnit unique id and
 * ends with {@link #PASSED}, {@link #FAILED} (failures printed) or {@link #ABORTED}.
 */
public final class OwnJvmMain {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int ABORTED = 2;
    static final int NOT_FOUND = 3;

    private OwnJvmMain() {
    }

    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectUniqueId(args[0])).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary s = listener.getSummary();
        int status;
        if (s.getTotalFailureCount() > 0) {
            s.printFailuresTo(new PrintWriter(System.out, true), 50);
            status = FAILED;
        } else if (s.getTestsSucceededCount() > 0) {
            status = PASSED;
        } else if (s.getTestsAbortedCount() > 0) {
            status = ABORTED;
        } else {
            System.out.println("no test ran for " + args[0]);
            status = NOT_FOUND;
        }
        System.out.flush();
        System.exit(status);
    }
}
