import { EntityManager } from 'typeorm';
import { ParseProblem } from '../parsing';
import { ReferenceResolver } from './reference-resolver';

/** Writes one file's valid rows, batch by batch, inside the file's transaction. */
export interface RowWriter<R> {
  /**
   * Resolves and checks the batch against what the database and earlier batches hold. With no
   * problems it writes every row; with any, it writes nothing and returns them.
   */
  write(rows: readonly R[], sheet: string): Promise<WriteResult>;
}

export interface WriteResult {
  written: number;
  problems: ParseProblem[];
}

export interface WriterContext {
  manager: EntityManager;
  departmentId: number;
  /** The ledger row of the file, recorded on every row it brings. */
  importFileId: number;
  references: ReferenceResolver;
}
