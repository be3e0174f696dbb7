/** What the credit-portfolio benchmark asks a child process to do. */
export type CreditPortfolioBenchTask =
  | { mode: 'bare-parse'; path: string }
  | { mode: 'parse'; path: string; batchSize: number }
  | {
      mode: 'import';
      path: string;
      batchSize: number;
      databaseUrl: string;
      /** When set, the child first downloads the file from this FTP server. */
      ftp: {
        host: string;
        port: number;
        user: string;
        password: string;
        remotePath: string;
      } | null;
    };

export interface CreditPortfolioBenchResult {
  mode: CreditPortfolioBenchTask['mode'];
  /** Wall time of the measured work (for `import`: the file import, download excluded). */
  ms: number;
  rows: number;
  /** Highest RSS of the child over its life (getrusage maxrss). */
  peakRssMb: number;
  downloadMs?: number;
  status?: string;
  problems?: number;
}

export const BENCH_TASK_ENV = 'CREDIT_PORTFOLIO_BENCH_TASK';
