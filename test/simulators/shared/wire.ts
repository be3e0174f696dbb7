import type * as http from 'node:http';
import type { Delivery, WireResponse } from './fault-layer';

/**
 * Writes a response the way `delivery` says: reset the connection, cut the body half-way (with a
 * matching `Content-Length`), or send the body `bodyDelayMs` after the headers. `stopping` cancels a
 * delayed body when the simulator stops.
 */
export function writeWire(
  res: http.ServerResponse,
  response: WireResponse,
  delivery: Delivery,
  stopping: AbortSignal,
): void {
  if (res.destroyed) return;
  if (delivery.reset) {
    res.socket?.destroy();
    return;
  }
  const body = delivery.truncate
    ? response.body.slice(0, Math.floor(response.body.length / 2))
    : response.body;
  const headers: Record<string, string> = { ...response.headers };
  if (response.status !== 204) headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(response.status, headers);
  if (delivery.bodyDelayMs <= 0 || body.length < 2) {
    res.end(body);
    return;
  }
  const half = Math.floor(body.length / 2);
  res.write(body.slice(0, half));
  const timer = setTimeout(() => {
    stopping.removeEventListener('abort', cancel);
    if (!res.destroyed) res.end(body.slice(half));
  }, delivery.bodyDelayMs);
  const cancel = (): void => clearTimeout(timer);
  stopping.addEventListener('abort', cancel, { once: true });
}
