import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { HttpLoggerMiddleware } from './http-logger.middleware';
import { createRootLogger } from './logger.factory';
import { PinoLoggerService } from './pino-logger.service';

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
      middleware.use(req as Request, res as Response, (() => res.end('ok')) as NextFunction),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('logs the URL with secret query values redacted', async () => {
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/api/v1/users?access_token=s3cr3t-value&limit=5`);
    for (let waited = 0; lines.length === 0 && waited < 2000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const logged = lines.join('');
    expect(logged).toContain('/api/v1/users?access_token=[REDACTED]&limit=5');
    expect(logged).not.toContain('s3cr3t-value');
  });
});
