package io.github.vddk4j.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class (or method) against the stub VDDK this test kit carries.
 * Test methods, constructors and lifecycle methods may declare a {@link StubEnvironment}
 * parameter (libDir, a scratch directory, the control API, the JVM's shared {@code DiskLib}) or a
 * {@link StubControl} parameter. After each test the extension clears injected faults and fails
 * the test if it left native objects open (handles, connections, library-allocated results), and
 * removes the scratch directory.
 *
 * <pre>{@code
 * @StubVddk
 * class BackupTest {
 *     @Test
 *     void backsUpADisk(StubEnvironment stub) throws Exception {
 *         Path disk = stub.createDisk("source.vmdk", 64 << 20);
 *         try (Connection conn = stub.diskLib().connect(ConnectParams.local());
 *              DiskHandle h = conn.open(disk.toString())) {
 *             ...
 *         }
 *     }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(StubVddkExtension.class)
public @interface StubVddk {
    /**
     * Whether a test that leaves native objects open fails (default true).
     *
     * @return true to check for leaks after each test
     */
    boolean failOnLeaks() default true;
}
