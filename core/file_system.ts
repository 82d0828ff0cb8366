/**
 * The few file-system calls the data loader makes, behind an interface, so
 * that tests can run the loader on files held in memory.
 *
 * Plain `deno test` runs without read permission, so the tests build a
 * {@linkcode MemoryFileSystem} from fixture files imported as bytes; lessons
 * run with `--allow-read` use {@linkcode denoFileSystem}.
 *
 * @module
 */

import * as path from "node:path";

/** One entry of a folder listing. */
export interface DirectoryEntry {
  /** The entry's name, without the folder's path. */
  readonly name: string;
  /** Whether the entry is a folder. */
  readonly isDirectory: boolean;
}

/** Read access to files and folders. Paths use the platform's separators. */
export interface FileSystem {
  /**
   * Tells what is at a path.
   *
   * @param path The path.
   * @returns `{ isDirectory }` for a file or folder, `null` if nothing is there.
   */
  stat(path: string): Promise<{ readonly isDirectory: boolean } | null>;
  /**
   * Lists a folder.
   *
   * @param path The folder's path.
   * @returns Its entries, in no particular order.
   */
  readDir(path: string): Promise<DirectoryEntry[]>;
  /**
   * Reads a whole file.
   *
   * @param path The file's path.
   * @returns Its bytes.
   */
  readFile(path: string): Promise<Uint8Array>;
}

/**
 * The file system through Deno's APIs; needs `--allow-read`.
 *
 * Without read permission each call throws `Deno.errors.NotCapable`.
 *
 * @example Usage
 * ```ts ignore
 * import { denoFileSystem } from "./file_system.ts";
 *
 * const entries = await denoFileSystem.readDir("fixtures/drive_data/val");
 * ```
 */
export const denoFileSystem: FileSystem = {
  async stat(filePath) {
    try {
      const info = await Deno.stat(filePath);
      return { isDirectory: info.isDirectory };
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return null;
      throw error;
    }
  },
  async readDir(filePath) {
    const entries: DirectoryEntry[] = [];
    for await (const entry of Deno.readDir(filePath)) {
      entries.push({ name: entry.name, isDirectory: entry.isDirectory });
    }
    return entries;
  },
  readFile(filePath) {
    return Deno.readFile(filePath);
  },
};

/**
 * A read-only file system held in memory: files by path, and the folders
 * those paths imply. Paths are POSIX paths, resolved against `/`.
 *
 * @example Usage
 * ```ts
 * import { MemoryFileSystem } from "./file_system.ts";
 * import assert from "node:assert/strict";
 *
 * const files = new MemoryFileSystem({ "/data/a/info.npz": new Uint8Array([1]) });
 * assert.deepEqual(await files.readDir("/data"), [{ name: "a", isDirectory: true }]);
 * assert.equal(await files.stat("/data/b"), null);
 * ```
 */
export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, Uint8Array>();
  private readonly folders = new Map<string, Map<string, boolean>>();

  /**
   * Creates the file system.
   *
   * @param files File contents by path.
   * @param emptyFolders Paths of folders that hold no files.
   */
  constructor(files: Record<string, Uint8Array>, emptyFolders: readonly string[] = []) {
    this.folders.set("/", new Map());
    for (const [filePath, bytes] of Object.entries(files)) {
      const normalized = normalize(filePath);
      this.files.set(normalized, bytes);
      this.addEntry(normalized, false);
    }
    for (const folder of emptyFolders) this.addFolder(normalize(folder));
  }

  stat(filePath: string): Promise<{ isDirectory: boolean } | null> {
    const normalized = normalize(filePath);
    if (this.folders.has(normalized)) return Promise.resolve({ isDirectory: true });
    if (this.files.has(normalized)) return Promise.resolve({ isDirectory: false });
    return Promise.resolve(null);
  }

  readDir(filePath: string): Promise<DirectoryEntry[]> {
    const entries = this.folders.get(normalize(filePath));
    if (entries === undefined) {
      return Promise.reject(new Error(`No such folder: ${filePath}`));
    }
    return Promise.resolve([...entries].map(([name, isDirectory]) => ({ name, isDirectory })));
  }

  readFile(filePath: string): Promise<Uint8Array> {
    const bytes = this.files.get(normalize(filePath));
    if (bytes === undefined) return Promise.reject(new Error(`No such file: ${filePath}`));
    return Promise.resolve(bytes);
  }

  private addEntry(entryPath: string, isDirectory: boolean): void {
    const parent = path.posix.dirname(entryPath);
    this.addFolder(parent);
    this.folders.get(parent)!.set(path.posix.basename(entryPath), isDirectory);
  }

  private addFolder(folder: string): void {
    if (this.folders.has(folder)) return;
    this.folders.set(folder, new Map());
    this.addEntry(folder, true);
  }
}

function normalize(filePath: string): string {
  return path.posix.resolve("/", filePath);
}
