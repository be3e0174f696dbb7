import { AddressInfo } from 'node:net';
import { FtpSrv } from 'ftp-srv';

export const FTP_TEST_USER = 'finsync';
export const FTP_TEST_PASSWORD = 'finsync-test-password';

export interface FtpTestServerOptions {
  /** Directory served as the FTP root ("/"). */
  root: string;
  user?: string;
  password?: string;
  /** Listening port; 0 (default) lets the OS pick a free one. */
  port?: number;
  /** Passive data ports; defaults to a random 200-port window so parallel test workers rarely meet. */
  passivePorts?: { min: number; max: number };
  /** Refuse uploads, deletes and renames. */
  readOnly?: boolean;
  /** Offer explicit FTPS (AUTH TLS) with this PEM key and certificate. */
  tls?: { key: string; cert: string };
}

export interface FtpTestServerAddress {
  host: string;
  port: number;
  url: string;
  user: string;
  password: string;
}

const HOST = '127.0.0.1';
const WRITE_COMMANDS = ['STOR', 'STOU', 'APPE', 'DELE', 'RNFR', 'RNTO', 'MKD', 'RMD', 'SITE'];
const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGQUIT'] as const;

// ftp-srv internals the simulator needs; its type declarations leave them out.
interface FtpSrvInternals {
  server: { address(): AddressInfo | string | null };
  connections: Record<string, { close(code?: number): Promise<unknown> }>;
  disconnectClient(id: string): Promise<unknown>;
}

/** No-op logger: ftp-srv logs every command through bunyan to stdout by default. */
const silentLog = {
  child: () => silentLog,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
};

/**
 * An in-process FTP server on loopback for integration tests, built on ftp-srv:
 * one user, a fixed password, a root directory, passive mode on 127.0.0.1.
 */
export class FtpTestServer {
  private server: FtpSrv | null = null;
  private current: FtpTestServerAddress | null = null;

  constructor(private readonly options: FtpTestServerOptions) {}

  get address(): FtpTestServerAddress {
    if (!this.current) {
      throw new Error('The FTP test server is not running');
    }
    return this.current;
  }

  async start(): Promise<FtpTestServerAddress> {
    if (this.server) {
      return this.address;
    }
    const user = this.options.user ?? FTP_TEST_USER;
    const password = this.options.password ?? FTP_TEST_PASSWORD;
    const passivePorts = this.options.passivePorts ?? randomPortWindow();
    const server = withoutSignalHandlers(
      () =>
        new FtpSrv({
          url: `ftp://${HOST}:${this.options.port ?? 0}`,
          pasv_url: HOST,
          pasv_min: passivePorts.min,
          pasv_max: passivePorts.max,
          anonymous: false,
          greeting: 'finsync FTP test server',
          blacklist: this.options.readOnly ? WRITE_COMMANDS : [],
          tls: this.options.tls ?? false,
          log: silentLog,
        }),
    );
    disconnectWithoutLingeringTimer(server);
    server.on('login', ({ username, password: given }, resolve, reject) => {
      if (username === user && given === password) {
        resolve({ root: this.options.root });
      } else {
        // ftp-srv answers any rejected login with 530.
        reject(new Error('Invalid username or password'));
      }
    });
    await server.listen();
    this.server = server;
    const port = listeningPort(server);
    this.current = { host: HOST, port, url: `ftp://${HOST}:${port}`, user, password };
    return this.current;
  }

  /** Disconnects every client and closes the listener; safe to call twice. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.current = null;
    if (server) {
      await server.close();
    }
  }
}

/** ftp-srv exits the process on these signals; a test server must not. */
function withoutSignalHandlers<T>(create: () => T): T {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const created = create();
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) {
        process.removeListener(signal, listener);
      }
    }
  }
  return created;
}

/**
 * ftp-srv's own disconnectClient arms a timer (1 s) it never clears, which keeps Jest alive
 * after every test; this version closes the connection without one.
 */
function disconnectWithoutLingeringTimer(server: FtpSrv): void {
  const internals = server as unknown as FtpSrvInternals;
  internals.disconnectClient = async (id: string) => {
    const connection = internals.connections[id];
    if (!connection) {
      return;
    }
    delete internals.connections[id];
    await connection.close(0).catch(() => undefined);
  };
}

function listeningPort(server: FtpSrv): number {
  const address = (server as unknown as FtpSrvInternals).server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('The FTP test server has no TCP address');
  }
  return address.port;
}

function randomPortWindow(): { min: number; max: number } {
  const min = 40_000 + Math.floor(Math.random() * 100) * 200;
  return { min, max: min + 199 };
}
