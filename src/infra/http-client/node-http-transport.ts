import * as http from 'node:http';
import * as https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { abortReason } from '../async/abortable-sleep';
import type { HttpTransport, TransportRequest, TransportResponse } from './http-transport';

export interface NodeHttpTransportOptions {
  /** Concurrent sockets per host. */
  readonly maxSockets?: number;
  /**
   * Idle pooled sockets are closed after this long. Keep it below the server's keep-alive timeout
   * (Node servers: 5 s) so we never write to a socket the server is closing.
   */
  readonly idleSocketTimeoutMs?: number;
  /** Bodies larger than this fail the attempt instead of filling memory. */
  readonly maxResponseBytes?: number;
}

export class ResponseTooLargeError extends Error {
  constructor(limit: number) {
    super(`response body exceeds ${limit} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

/** node:http(s) with keep-alive agents: one pool per transport, shared by all its requests. */
export class NodeHttpTransport implements HttpTransport {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly maxResponseBytes: number;

  constructor(options: NodeHttpTransportOptions = {}) {
    const agentOptions = {
      keepAlive: true,
      maxSockets: options.maxSockets ?? 32,
      timeout: options.idleSocketTimeoutMs ?? 4_000,
    };
    this.httpAgent = new http.Agent(agentOptions);
    this.httpsAgent = new https.Agent(agentOptions);
    this.maxResponseBytes = options.maxResponseBytes ?? 32 * 1024 * 1024;
  }

  send(request: TransportRequest, signal: AbortSignal): Promise<TransportResponse> {
    return new Promise<TransportResponse>((resolve, reject) => {
      if (signal.aborted) {
        reject(abortReason(signal));
        return;
      }
      let settled = false;
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        outcome();
      };
      const fail = (error: unknown): void => settle(() => reject(error));

      const isHttps = request.url.protocol === 'https:';
      const send = isHttps ? https.request : http.request;
      const outgoing = send(
        request.url,
        {
          method: request.method,
          headers: request.headers,
          agent: isHttps ? this.httpsAgent : this.httpAgent,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          let size = 0;
          incoming.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > this.maxResponseBytes) {
              const error = new ResponseTooLargeError(this.maxResponseBytes);
              fail(error);
              outgoing.destroy(error);
              return;
            }
            chunks.push(chunk);
          });
          incoming.on('end', () =>
            settle(() =>
              resolve({
                status: incoming.statusCode ?? 0,
                headers: flattenHeaders(incoming.headers),
                body: Buffer.concat(chunks),
              }),
            ),
          );
          incoming.on('error', fail);
          incoming.on('close', () => {
            if (!incoming.complete) fail(new Error('connection closed before the response ended'));
          });
        },
      );
      const onAbort = (): void => {
        const reason = abortReason(signal);
        fail(reason);
        outgoing.destroy();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      outgoing.on('error', fail);
      outgoing.end(request.body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
