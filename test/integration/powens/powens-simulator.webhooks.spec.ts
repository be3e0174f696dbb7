import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_DATE_HEADER, SIGNATURE_HEADER, webhookSignature } from '../../simulators/powens';
import {
  call,
  permanentUser,
  useSimulator,
} from '../../simulators/powens/powens-simulator.testing';

interface Received {
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

const SECRET = 'whsec-powens-sim';

describe('Powens simulator: signed CONNECTION_SYNCED webhooks', () => {
  const sim = useSimulator({ sync: { delayMs: 10 } });
  const received: Received[] = [];
  let receiver: http.Server;
  let receiverUrl = '';

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/powens`;
  });
  beforeEach(() => {
    received.length = 0;
    sim().control.setWebhook({ url: receiverUrl, secret: SECRET });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  async function syncedConnectionOf(token: string, userId: number): Promise<number> {
    const connection = sim().data.addConnection(userId);
    const account = sim().data.addAccount(connection.id);
    sim().data.addTransactions(account.id, 3);
    await call(sim(), 'PUT', `/2.0/users/me/connections/${connection.id}?psu_requested=false`, {
      token,
    });
    await sim().control.awaitSyncs();
    await sim().control.awaitWebhooks();
    return connection.id;
  }

  it('POSTs the synced connection with its accounts and transactions, signed with the secret', async () => {
    const { userId, token } = await permanentUser(sim());
    const connectionId = await syncedConnectionOf(token, userId);
    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(delivery.path).toBe('/hooks/powens');
    const date = String(delivery.headers[SIGNATURE_DATE_HEADER]);
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(delivery.headers[SIGNATURE_HEADER]).toBe(
      webhookSignature(SECRET, '/hooks/powens', date, delivery.body),
    );
    expect(delivery.headers['bi-event']).toBe('CONNECTION_SYNCED');
    const payload = JSON.parse(delivery.body) as {
      user: { id: number };
      connection: { id: number; accounts: { transactions: unknown[] }[] };
    };
    expect(payload.user.id).toBe(userId);
    expect(payload.connection.id).toBe(connectionId);
    expect(payload.connection.accounts[0].transactions).toHaveLength(3);
    expect(sim().control.webhookDeliveries()).toMatchObject([
      { event: 'CONNECTION_SYNCED', status: 200 },
    ]);
  });

  it('a tampered body or another secret does not verify', async () => {
    const { userId, token } = await permanentUser(sim());
    await syncedConnectionOf(token, userId);
    const [delivery] = received;
    const date = String(delivery.headers[SIGNATURE_DATE_HEADER]);
    const signature = delivery.headers[SIGNATURE_HEADER];
    expect(webhookSignature('other', '/hooks/powens', date, delivery.body)).not.toBe(signature);
    expect(webhookSignature(SECRET, '/hooks/powens', date, `${delivery.body} `)).not.toBe(
      signature,
    );
  });

  it('sends nothing for temporary users nor for syncs ending in an error state', async () => {
    const temporary = (await call(sim(), 'POST', '/2.0/auth/init')).body as {
      auth_token: string;
      id_user: number;
    };
    await syncedConnectionOf(temporary.auth_token, temporary.id_user);
    const { userId, token } = await permanentUser(sim());
    const connection = sim().data.addConnection(userId);
    sim().control.queueSyncOutcome(connection.id, { state: 'bug' });
    await call(sim(), 'PUT', `/2.0/users/me/connections/${connection.id}?psu_requested=false`, {
      token,
    });
    await sim().control.awaitSyncs();
    await sim().control.awaitWebhooks();
    expect(received).toHaveLength(0);
  });
});
