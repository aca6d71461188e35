/**
 * File I/O shared by every area: atomic writes, hashing, manifests, progress, and the
 * command-line frame of the tasks.
 *
 * @module
 */
export * from "./atomic_write.ts";
export * from "./sha256.ts";
export * from "./manifest.ts";
export * from "./progress.ts";
export * from "./task_cli.ts";
export * from "./csv_records.ts";
