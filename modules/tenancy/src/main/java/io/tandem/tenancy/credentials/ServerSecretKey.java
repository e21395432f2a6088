package io.tandem.tenancy.credentials;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;

/**
 * The server key under which API keys and invitation tokens are hashed. It must live outside the
 * database: {@code TANDEM_SECRET_KEY} (base64, at least 32 bytes; the same on every node), or else a
 * file generated on first start in the server's data directory, readable by its user only. Losing
 * it invalidates every key issued under it, so back it up with the server's configuration.
 */
@ApplicationScoped
public class ServerSecretKey {
    static final String FILE_NAME = "tandem-secret.key";

    @Inject
    @ConfigProperty(name = "tandem.secret-key")
    Optional<String> configured;

    private volatile ApiKeySecret secrets;

    /** Dependent scope: ApiKeySecret is immutable and final (not proxyable); this bean holds the one instance. */
    @Produces
    ApiKeySecret secrets() {
        ApiKeySecret s = secrets;
        if (s == null) {
            synchronized (this) {
                if (secrets == null) {
                    secrets = new ApiKeySecret(load());
                }
                s = secrets;
            }
        }
        return s;
    }

    private byte[] load() {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return Base64.getDecoder().decode(configured.get().trim());
        }
        Path file = Path.of(System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")), FILE_NAME);
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII,
                            StandardOpenOption.TRUNCATE_EXISTING);
                } catch (FileAlreadyExistsException raced) {
                    // another node or thread created it first: use theirs
                }
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the server secret key " + file, e);
        }
    }
}
