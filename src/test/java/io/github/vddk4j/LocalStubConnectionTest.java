package io.github.vddk4j;

import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.StubLeakCheck;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of integration tests that work on local disks through one connection of the shared
 * {@link SharedDiskLib}: a temporary directory for the class, the connection opened before the
 * first test and closed after the last, and the stub's leak check.
 */
@ExtendWith(StubLeakCheck.class)
abstract class LocalStubConnectionTest {
    @TempDir
    static Path dir;
    static Connection conn;

    @BeforeAll
    static void connect() {
        conn = SharedDiskLib.get().connect(ConnectParams.local());
    }

    @AfterAll
    static void disconnect() {
        conn.close();
    }
}
