/** What the API benchmark's harness and its finsync child say to each other over IPC. */

export interface ServerListening {
  kind: 'listening';
  port: number;
}

/** Queries the server sent while each route was under load (see CountQueriesCommand). */
export interface QueryCounts {
  kind: 'query-counts';
  byRoute: Record<string, number>;
}

export interface ServerStopped {
  kind: 'stopped';
}

export interface ServerFailed {
  kind: 'failed';
  message: string;
}

export type ApiServerMessage = ServerListening | QueryCounts | ServerStopped | ServerFailed;

/** From now on, queries count for `route` (null: for none). */
export interface CountQueriesCommand {
  kind: 'count-queries';
  route: string | null;
}

export interface ReportQueriesCommand {
  kind: 'report-queries';
}

export interface StopCommand {
  kind: 'stop';
}

export type ApiHarnessCommand = CountQueriesCommand | ReportQueriesCommand | StopCommand;
