import type { HttpMethod, ResponseHeaders } from './http-client.types';

export interface TransportRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

export interface TransportResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly body: Buffer;
}

/**
 * Moves bytes; knows nothing about retries or classification. Rejects with the signal's reason
 * when the signal aborts and with the socket error otherwise.
 */
export interface HttpTransport {
  send(request: TransportRequest, signal: AbortSignal): Promise<TransportResponse>;
  /** Releases pooled sockets so the process can exit. */
  close(): void;
}
