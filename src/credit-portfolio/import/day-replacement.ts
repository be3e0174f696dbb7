import { EntityManager, EntityTarget, In, Not, ObjectLiteral } from 'typeorm';
import {
  CreditExpenseDetailEntity,
  CreditExpenseEntity,
  CreditImportFileEntity,
  CreditReceiptEntity,
} from '../entities';
import { FileKind } from '../parsing';

const FACTS_OF_KIND: Record<FileKind, EntityTarget<ObjectLiteral>> = {
  receipts: CreditReceiptEntity,
  expenses: CreditExpenseEntity,
  expense_details: CreditExpenseDetailEntity,
};

export interface NewVersion {
  departmentId: number;
  kind: FileKind;
  /** `YYYY-MM-DD`, the day in the file name. */
  date: string;
  /** The new version's ledger entry, already holding its rows. */
  importFileId: number;
}

export interface DayReplacement {
  /** The newest earlier imported entry of the (kind, day); null for a first import. */
  supersedesImportId: number | null;
  /** Rows of the earlier versions that the new one no longer has. */
  rowsRemoved: number;
  /** Breakdowns of removed expenses, removed with them. */
  detailsRemoved: number;
}

/**
 * A file is the truth for its (kind, day). Called in the new version's transaction once its rows
 * are written: every row it wrote now points at its ledger entry, so the rows still pointing at
 * an earlier imported version of the day are the ones the new version dropped. They are deleted,
 * and the earlier entries are marked superseded, which also frees their content hash (the old
 * version, sent again, is then imported again). Rows that another file rewrote since point at that
 * file and stay.
 */
export async function replaceEarlierVersions(
  manager: EntityManager,
  version: NewVersion,
): Promise<DayReplacement> {
  const earlier = await manager.find(CreditImportFileEntity, {
    select: { id: true },
    where: {
      departmentId: version.departmentId,
      fileKind: version.kind,
      fileDate: version.date,
      status: 'imported',
      id: Not(version.importFileId),
    },
    order: { id: 'DESC' },
  });
  if (earlier.length === 0) return { supersedesImportId: null, rowsRemoved: 0, detailsRemoved: 0 };
  const ids = earlier.map((entry) => entry.id);
  const detailsRemoved =
    version.kind === 'expenses' ? await removeDetailsOfExpenses(manager, version, ids) : 0;
  const removed = await manager
    .createQueryBuilder()
    .delete()
    .from(FACTS_OF_KIND[version.kind])
    .where('department_id = :departmentId', { departmentId: version.departmentId })
    .andWhere('import_file_id IN (:...ids)', { ids })
    .execute();
  await manager.update(
    CreditImportFileEntity,
    { id: In(ids) },
    { status: 'superseded', importedSha256: null },
  );
  return { supersedesImportId: ids[0], rowsRemoved: removed.affected ?? 0, detailsRemoved };
}

/** A breakdown means nothing without its expense (and the foreign key would refuse the delete). */
async function removeDetailsOfExpenses(
  manager: EntityManager,
  version: NewVersion,
  importFileIds: number[],
): Promise<number> {
  const removed = await manager
    .createQueryBuilder()
    .delete()
    .from(CreditExpenseDetailEntity)
    .where(
      'expense_id IN (SELECT e.id FROM credit_expenses e WHERE e.department_id = :departmentId AND e.import_file_id IN (:...importFileIds))',
      { departmentId: version.departmentId, importFileIds },
    )
    .execute();
  return removed.affected ?? 0;
}
