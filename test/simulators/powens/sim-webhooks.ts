import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import { sqlDateTime } from './sim-clock';

export interface WebhookTarget {
  /** Where `CONNECTION_SYNCED` is POSTed (http only). */
  readonly url: string;
  readonly secret: string;
}

export interface WebhookDelivery {
  readonly event: string;
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The receiver's status, or `null` when it could not be reached. */
  readonly status: number | null;
}

export const SIGNATURE_HEADER = 'bi-signature';
export const SIGNATURE_DATE_HEADER = 'bi-signature-date';

/**
 * Base64 HMAC-SHA256, under the webhook secret, of `POST.<url path>.<signature date>.<raw body>`.
 * The same function verifies a delivery.
 */
export function webhookSignature(
  secret: string,
  path: string,
  signatureDate: string,
  body: string,
): string {
  return createHmac('sha256', secret)
    .update(`POST.${path}.${signatureDate}.${body}`)
    .digest('base64');
}

/** Signs and POSTs events to the configured target, remembering every delivery. */
export class WebhookSender {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    public target: WebhookTarget | null,
    private readonly now: () => number,
  ) {}

  send(event: string, payload: unknown): void {
    const target = this.target;
    if (!target) return;
    const body = JSON.stringify(payload);
    const url = new URL(target.url);
    const signatureDate = sqlDateTime(this.now());
    const headers = {
      'content-type': 'application/json',
      'bi-event': event,
      [SIGNATURE_DATE_HEADER]: signatureDate,
      [SIGNATURE_HEADER]: webhookSignature(target.secret, url.pathname, signatureDate, body),
    };
    const delivery = post(url, headers, body).then((status) => {
      this.deliveries.push({ event, url: target.url, body, headers, status });
    });
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  /** Resolves once every delivery started so far has been answered or failed. */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  reset(): void {
    this.deliveries.length = 0;
  }
}

function post(url: URL, headers: Record<string, string>, body: string): Promise<number | null> {
  return new Promise((resolve) => {
    const request = http.request(url, { method: 'POST', headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? null));
    });
    request.setTimeout(5_000, () => request.destroy());
    request.on('error', () => resolve(null));
    request.end(body);
  });
}
