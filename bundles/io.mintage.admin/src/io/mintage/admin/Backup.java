package io.mintage.admin;

import java.nio.file.Path;
import java.time.Instant;

/** A backup written by {@link Admin#backup}: where, when, its size and the schema version it holds. */
public record Backup(Path file, Instant madeAt, long size, int schemaVersion) {
}
