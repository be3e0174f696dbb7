import { ExpressAdapter } from '@nestjs/platform-express';

/**
 * Express as finsync serves it: no `X-Powered-By` header, and one 404 handler at the root. Nest
 * mounts its handler (the JSON error shape) under the global prefix only, so any other unmatched
 * path got Express's HTML page. No ETags: every response is built fresh from the database, so a
 * conditional GET saves the client bytes but not the server work, while hashing each body cost
 * the long lists a few percent of their CPU.
 */
export class FinsyncExpressAdapter extends ExpressAdapter {
  constructor() {
    super();
    this.getInstance().disable('x-powered-by');
    this.getInstance().disable('etag');
  }

  override setNotFoundHandler(handler: Parameters<ExpressAdapter['setNotFoundHandler']>[0]): void {
    this.use(handler);
  }
}
