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
import { describeArgument } from "./argument.ts";
import { assertBytes } from "./bytes.ts";

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
   * @throws {TypeError} If `files` is not an object of `Uint8Array`s or
   *   `emptyFolders` is not an array of strings.
   * @throws {RangeError} If a path is both a file and a folder.
   */
  constructor(files: Record<string, Uint8Array>, emptyFolders: readonly string[] = []) {
    if (typeof files !== "object" || files === null || Array.isArray(files)) {
      throw new TypeError(
        `Cannot create MemoryFileSystem from files ${
          describeArgument(files)
        }: expected an object of Uint8Arrays by path, such as { "/data/a.npz": bytes }`,
      );
    }
    if (!Array.isArray(emptyFolders)) {
      throw new TypeError(
        `Cannot create MemoryFileSystem with emptyFolders ${
          describeArgument(emptyFolders)
        }: expected an array of paths`,
      );
    }

    this.folders.set("/", new Map());
    for (const [filePath, bytes] of Object.entries(files)) {
      assertBytes(bytes, `Cannot create MemoryFileSystem with file ${filePath}`);
      const normalized = normalize(filePath);
      this.files.set(normalized, bytes);
      this.addEntry(normalized, false);
    }
    emptyFolders.forEach((folder, index) => {
      if (typeof folder !== "string") {
        throw new TypeError(
          `Cannot create MemoryFileSystem with empty folder ${index} ${
            describeArgument(folder)
          }: expected a path`,
        );
      }
      this.addFolder(normalize(folder));
    });

    // A path listed as a file and implied as a folder by another path would
    // make stat and readDir disagree.
    for (const filePath of this.files.keys()) {
      if (this.folders.has(filePath)) {
        throw new RangeError(
          `Cannot create MemoryFileSystem: ${filePath} is both a file and a folder; ` +
            `give each path one role`,
        );
      }
    }
  }

  stat(filePath: string): Promise<{ isDirectory: boolean } | null> {
    const invalid = checkPath(filePath, "stat");
    if (invalid) return Promise.reject(invalid);
    const normalized = normalize(filePath);
    if (this.folders.has(normalized)) return Promise.resolve({ isDirectory: true });
    if (this.files.has(normalized)) return Promise.resolve({ isDirectory: false });
    return Promise.resolve(null);
  }

  readDir(filePath: string): Promise<DirectoryEntry[]> {
    const invalid = checkPath(filePath, "list");
    if (invalid) return Promise.reject(invalid);
    const entries = this.folders.get(normalize(filePath));
    if (entries === undefined) {
      return Promise.reject(new Error(`No such folder: ${filePath}`));
    }
    return Promise.resolve([...entries].map(([name, isDirectory]) => ({ name, isDirectory })));
  }

  readFile(filePath: string): Promise<Uint8Array> {
    const invalid = checkPath(filePath, "read");
    if (invalid) return Promise.reject(invalid);
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

/** Returns the TypeError for a path that is not a string, which the methods reject with. */
function checkPath(filePath: unknown, action: string): TypeError | null {
  if (typeof filePath === "string") return null;
  return new TypeError(`Cannot ${action} ${describeArgument(filePath)}: expected a path string`);
}

function normalize(filePath: string): string {
  return path.posix.resolve("/", filePath);
}
