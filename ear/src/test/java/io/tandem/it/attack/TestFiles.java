package io.tandem.it.attack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of ear/src/test/resources (keys, fuzz values). */
final class TestFiles {
    private TestFiles() {}

    /**
     * The file from the class path when the build copied it there, else from the module's directory:
     * the ear packaging runs no test-resources step, and failsafe runs in the module's directory and
     * sets {@code basedir}.
     */
    static byte[] read(String name) {
        try (InputStream in = TestFiles.class.getResourceAsStream(name)) {
            if (in != null) {
                return in.readAllBytes();
            }
            Path file = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test", "resources")
                    .resolve(name.substring(1));
            if (!Files.exists(file)) {
                throw new IllegalStateException(name + " is neither on the test class path nor at " + file);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
