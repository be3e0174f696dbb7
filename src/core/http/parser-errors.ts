import { randomUUID } from 'node:crypto';
import { STATUS_CODES, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiErrorBody } from './api-error';

const REFUSALS: Record<string, { statusCode: number; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    statusCode: 431,
    message: 'Request headers, the URL included, exceed the 16 KB limit',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { statusCode: 408, message: 'Request took too long to arrive' },
};
const NOT_HTTP = { statusCode: 400, message: 'Request is not valid HTTP/1.1' };

/**
 * Requests Node's HTTP parser refuses (headers or URL over its limit, a malformed request line)
 * never reach Express, and Node answers them with a bare status line. These get the error shape
 * too, with a request id of their own.
 */
export function answerParserErrorsInErrorShape(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { statusCode, message } = REFUSALS[error.code ?? ''] ?? NOT_HTTP;
    const requestId = randomUUID();
    const body: ApiErrorBody = {
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message,
      requestId,
    };
    const text = JSON.stringify(body);
    socket.end(
      [
        `HTTP/1.1 ${statusCode} ${body.error}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(text)}`,
        `X-Request-Id: ${requestId}`,
        'Connection: close',
        '',
        text,
      ].join('\r\n'),
    );
  });
}
