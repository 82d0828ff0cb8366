/**
 * Reading and writing a whole kit folder. Needs `--allow-read`, and
 * `--allow-write` to write.
 *
 * @module
 */

import { dirname, join, relative, sep } from "node:path";

/** Folders that are not part of a kit: version control, installed packages, homework records. */
const SKIPPED_FOLDERS = new Set([".git", "node_modules", ".homework"]);

/**
 * Reads every file of a kit, skipping `.git`, `node_modules` and `.homework` folders.
 *
 * @param root The kit's root folder.
 * @returns Each file's bytes by path relative to the root, with `/` separators.
 * @throws {Deno.errors.NotFound} If the root does not exist.
 */
export async function readKit(root: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  async function visit(folder: string) {
    for await (const entry of Deno.readDir(folder)) {
      const path = join(folder, entry.name);
      if (entry.isDirectory && !SKIPPED_FOLDERS.has(entry.name)) await visit(path);
      if (entry.isFile) {
        files.set(relative(root, path).split(sep).join("/"), await Deno.readFile(path));
      }
    }
  }
  await visit(root);
  return files;
}

/**
 * Writes files under a root folder, creating folders as needed.
 *
 * @param root The folder to write into.
 * @param files Each file's bytes by path relative to the root.
 */
export async function writeKit(root: string, files: ReadonlyMap<string, Uint8Array>) {
  for (const [path, bytes] of files) {
    const target = join(root, ...path.split("/"));
    await Deno.mkdir(dirname(target), { recursive: true });
    await Deno.writeFile(target, bytes);
  }
}

/**
 * Reads the `test` section of a kit's deno.json, for {@linkcode selectTestFiles}.
 *
 * @param files The kit's files.
 * @returns The include and exclude lists; empty when deno.json has none.
 */
export function testConfig(
  files: ReadonlyMap<string, Uint8Array>,
): { include?: string[]; exclude?: string[] } {
  const bytes = files.get("deno.json");
  if (bytes === undefined) return {};
  const config = JSON.parse(new TextDecoder().decode(bytes));
  return config.test ?? {};
}
