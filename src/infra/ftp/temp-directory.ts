import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** A private directory under the OS temp dir for one job's downloads; remove() deletes it all. */
export class TempDirectory {
  private constructor(readonly path: string) {}

  static async create(prefix: string): Promise<TempDirectory> {
    return new TempDirectory(await mkdtemp(join(tmpdir(), `${prefix}-`)));
  }

  /** A path inside the directory; a remote name can never point outside it. */
  fileFor(name: string): string {
    const safe = basename(name.replace(/\\/g, '/'));
    if (safe === '' || safe === '.' || safe === '..')
      throw new Error(`Unusable file name "${name}"`);
    return join(this.path, safe);
  }

  async remove(): Promise<void> {
    await rm(this.path, { recursive: true, force: true });
  }
}
