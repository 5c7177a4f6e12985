import { type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import path from 'node:path';

/** Stops watching. */
export interface FolderWatch {
  close(): void;
}

/**
 * Calls back with the path (relative to `dir`) of each file changed in `dir` or its folders.
 *
 * One plain watcher per folder instead of `watch(dir, { recursive: true })`: on Linux, Node 20's
 * recursive watch follows files one by one and loses a file that an editor saves by renaming a
 * temp file over it (vim, VS Code, the preview's own atomic writes), so the next save went
 * unseen. A folder's own watcher sees every rename into it. A watcher that fails is reported,
 * never thrown: the preview goes on.
 */
export function watchFolders(
  dir: string,
  changed: (file: string) => void,
  failed: (error: Error) => void,
): FolderWatch {
  const watchers = new Map<string, FSWatcher>();
  const add = (folder: string): void => {
    if (watchers.has(folder)) return;
    let watcher: FSWatcher | undefined;
    let folders: string[];
    try {
      watcher = watch(folder, (_event, name) => name && seen(folder, name.toString()));
      folders = readdirSync(folder, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => path.join(folder, entry.name));
    } catch (error) {
      watcher?.close();
      failed(error as Error);
      return;
    }
    const opened = watcher;
    opened.on('error', (error) => {
      watchers.delete(folder);
      opened.close();
      // A folder removed is no failure; anything else is said.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') failed(error);
    });
    watchers.set(folder, opened);
    for (const child of folders) add(child);
  };
  const seen = (folder: string, name: string): void => {
    const full = path.join(folder, name);
    if (isFolder(full)) add(full);
    changed(path.relative(dir, full));
  };
  add(dir);
  return {
    close: () => {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    // Gone already (a temp file renamed away): not a folder.
    return false;
  }
}
