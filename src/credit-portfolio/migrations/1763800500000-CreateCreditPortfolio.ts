import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumnOptions,
  TableForeignKey,
} from 'typeorm';
import { MigrationColumns } from '../../infra/database/migration-columns';

const FINANCE_DEPARTMENT_ID = 8;

/** Credit-portfolio reference data, facts and the import ledger; seeds the Finance department. */
export class CreateCreditPortfolio1763800500000 implements MigrationInterface {
  name = 'CreateCreditPortfolio1763800500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new MigrationColumns(queryRunner);
    const date = (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'date',
      isNullable: nullable,
    });
    const departmentId = (): TableColumnOptions => c.int('department_id');
    const departmentKey = (table: string): TableForeignKey =>
      foreignKey(`fk_${table}_department`, 'department_id', 'departments');

    await queryRunner.createTable(
      new Table({
        name: 'departments',
        columns: [c.autoIncrementPrimary(), c.varchar('name', 200), c.createdAt()],
      }),
    );
    await queryRunner.query(`INSERT INTO departments (id, name) VALUES (?, ?)`, [
      FINANCE_DEPARTMENT_ID,
      'Finance',
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'organizations',
        columns: [
          c.autoIncrementPrimary(),
          departmentId(),
          c.varchar('inn', 12),
          c.varchar('name', 500),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          {
            name: 'uq_organizations_department_inn',
            columnNames: ['department_id', 'inn'],
            isUnique: true,
          },
        ],
        foreignKeys: [departmentKey('organizations')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'org_bank_accounts',
        columns: [
          c.autoIncrementPrimary(),
          departmentId(),
          c.int('organization_id'),
          c.varchar('account_number', 20),
          c.varchar('bic', 9, { isNullable: true }),
          c.varchar('bank_name', 500, { isNullable: true }),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          {
            name: 'uq_org_bank_accounts_department_number',
            columnNames: ['department_id', 'account_number'],
            isUnique: true,
          },
          { name: 'idx_org_bank_accounts_organization', columnNames: ['organization_id'] },
        ],
        foreignKeys: [
          departmentKey('org_bank_accounts'),
          foreignKey('fk_org_bank_accounts_organization', 'organization_id', 'organizations'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'credit_contracts',
        columns: [
          c.autoIncrementPrimary(),
          departmentId(),
          c.int('organization_id'),
          c.varchar('contract_number', 100),
          date('contract_date', true),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          {
            name: 'uq_credit_contracts_organization_number',
            columnNames: ['organization_id', 'contract_number'],
            isUnique: true,
          },
          {
            name: 'idx_credit_contracts_department_number',
            columnNames: ['department_id', 'contract_number'],
          },
        ],
        foreignKeys: [
          departmentKey('credit_contracts'),
          foreignKey('fk_credit_contracts_organization', 'organization_id', 'organizations'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'credit_import_files',
        columns: [
          c.autoIncrementPrimary(),
          departmentId(),
          c.varchar('run_id', 36, { isNullable: true }),
          c.varchar('file_name', 255),
          c.varchar('remote_path', 1000),
          c.varchar('file_kind', 20),
          date('file_date'),
          c.int('size_bytes'),
          c.datetime('remote_modified_at'),
          c.varchar('sha256', 64, { isNullable: true }),
          c.varchar('imported_sha256', 64, { isNullable: true }),
          c.varchar('status', 16),
          c.int('rows_read', { default: 0 }),
          c.int('rows_imported', { default: 0 }),
          c.int('problem_count', { default: 0 }),
          c.text('error_message'),
          c.json('error_report'),
          c.datetime('started_at', false),
          c.datetime('finished_at', false),
          c.createdAt(),
        ],
        indices: [
          {
            name: 'uq_credit_import_files_imported_sha256',
            columnNames: ['department_id', 'imported_sha256'],
            isUnique: true,
          },
          { name: 'idx_credit_import_files_sha256', columnNames: ['sha256'] },
          { name: 'idx_credit_import_files_run', columnNames: ['run_id'] },
          { name: 'idx_credit_import_files_status', columnNames: ['status'] },
        ],
        foreignKeys: [departmentKey('credit_import_files')],
      }),
    );

    const factKeys = (table: string): TableForeignKey[] => [
      departmentKey(table),
      foreignKey(`fk_${table}_organization`, 'organization_id', 'organizations'),
      foreignKey(`fk_${table}_account`, 'account_id', 'org_bank_accounts'),
      foreignKey(`fk_${table}_contract`, 'contract_id', 'credit_contracts'),
      foreignKey(`fk_${table}_import_file`, 'import_file_id', 'credit_import_files'),
    ];
    const factColumns = (): TableColumnOptions[] => [
      c.autoIncrementPrimary(),
      departmentId(),
      c.int('organization_id'),
      c.int('account_id'),
      c.int('contract_id'),
      c.int('import_file_id'),
      c.int('source_row'),
    ];

    await queryRunner.createTable(
      new Table({
        name: 'credit_receipts',
        columns: [
          ...factColumns(),
          date('receipt_date'),
          c.int('seq'),
          c.decimal('amount'),
          c.varchar('currency', 3),
          c.text('purpose'),
          c.createdAt(),
        ],
        indices: [
          {
            name: 'uq_credit_receipts_contract_date_seq',
            columnNames: ['contract_id', 'receipt_date', 'seq'],
            isUnique: true,
          },
          {
            name: 'idx_credit_receipts_department_date',
            columnNames: ['department_id', 'receipt_date'],
          },
          { name: 'idx_credit_receipts_organization', columnNames: ['organization_id'] },
          { name: 'idx_credit_receipts_account', columnNames: ['account_id'] },
          { name: 'idx_credit_receipts_import_file', columnNames: ['import_file_id'] },
        ],
        foreignKeys: factKeys('credit_receipts'),
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'credit_expenses',
        columns: [
          ...factColumns(),
          c.varchar('payment_no', 64),
          date('expense_date'),
          c.decimal('amount'),
          c.varchar('currency', 3),
          c.varchar('kind', 16),
          c.text('purpose'),
          c.createdAt(),
        ],
        indices: [
          {
            name: 'uq_credit_expenses_contract_payment',
            columnNames: ['contract_id', 'payment_no'],
            isUnique: true,
          },
          {
            name: 'idx_credit_expenses_department_payment',
            columnNames: ['department_id', 'payment_no'],
          },
          { name: 'idx_credit_expenses_organization', columnNames: ['organization_id'] },
          { name: 'idx_credit_expenses_account', columnNames: ['account_id'] },
          { name: 'idx_credit_expenses_import_file', columnNames: ['import_file_id'] },
        ],
        foreignKeys: factKeys('credit_expenses'),
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'credit_expense_details',
        columns: [
          c.autoIncrementPrimary(),
          departmentId(),
          c.int('expense_id'),
          c.int('import_file_id'),
          c.int('source_row'),
          date('detail_date'),
          c.decimal('principal'),
          c.decimal('interest'),
          c.decimal('fee'),
          c.decimal('total'),
          c.createdAt(),
        ],
        indices: [
          {
            name: 'uq_credit_expense_details_expense',
            columnNames: ['expense_id'],
            isUnique: true,
          },
          { name: 'idx_credit_expense_details_department', columnNames: ['department_id'] },
          { name: 'idx_credit_expense_details_import_file', columnNames: ['import_file_id'] },
        ],
        foreignKeys: [
          departmentKey('credit_expense_details'),
          foreignKey('fk_credit_expense_details_expense', 'expense_id', 'credit_expenses'),
          foreignKey(
            'fk_credit_expense_details_import_file',
            'import_file_id',
            'credit_import_files',
          ),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'credit_expense_details',
      'credit_expenses',
      'credit_receipts',
      'credit_import_files',
      'credit_contracts',
      'org_bank_accounts',
      'organizations',
      'departments',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}

function foreignKey(name: string, column: string, referencedTable: string): TableForeignKey {
  return new TableForeignKey({
    name,
    columnNames: [column],
    referencedTableName: referencedTable,
    referencedColumnNames: ['id'],
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  });
}
