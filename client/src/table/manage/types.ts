import type { TableDetail } from '../../../../shared/api.ts';

/** A management form changes the table and hands the server's new version up. */
export interface TableFormProps {
  table: TableDetail;
  onChange(table: TableDetail): void;
}
