import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { HttpLoggerMiddleware } from './http-logger.middleware';
import { createRootLogger } from './logger.factory';
import { PinoLoggerService } from './pino-logger.service';

interface AccessLine {
  requestId: string;
  req: { id: string };
  responseTime: unknown;
}

describe('HttpLoggerMiddleware', () => {
  let server: Server;
  const lines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const middleware = new HttpLoggerMiddleware(
      new PinoLoggerService(createRootLogger({ level: 'info', pretty: false }, sink)),
    );
    server = createServer((req, res) =>
      middleware.use(
        req as Request,
        res as Response,
        (() => {
          if (req.url?.startsWith('/missing')) res.statusCode = 404;
          res.end('ok');
        }) as NextFunction,
      ),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    lines.length = 0;
  });

  async function request(path: string): Promise<void> {
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}${path}`);
  }

  async function logged(): Promise<string> {
    for (let waited = 0; lines.length === 0 && waited < 2000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return lines.join('');
  }

  it('writes one line per request with its id, status, level and duration', async () => {
    await request('/missing?x=1');
    const [line, ...more] = (await logged()).trim().split('\n');
    const entry = JSON.parse(line) as AccessLine;
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      level: 40,
      msg: 'request completed',
      req: { method: 'GET', url: '/missing?x=1' },
      res: { statusCode: 404 },
    });
    expect(entry.req.id).toEqual(entry.requestId);
    expect(typeof entry.responseTime).toBe('number');
  });

  it('does not log the probes', async () => {
    await request('/health');
    await request('/api/v1/after-health');
    const text = await logged();
    expect(text).toContain('/api/v1/after-health');
    expect(text).not.toContain('"/health"');
  });

  it('logs the URL with secret query values redacted', async () => {
    await request('/api/v1/users?access_token=s3cr3t-value&limit=5');
    const text = await logged();
    expect(text).toContain('/api/v1/users?access_token=[REDACTED]&limit=5');
    expect(text).not.toContain('s3cr3t-value');
  });
});
