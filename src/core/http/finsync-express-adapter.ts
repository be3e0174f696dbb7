import { ExpressAdapter } from '@nestjs/platform-express';

/**
 * Express as finsync serves it: no `X-Powered-By` header, and one 404 handler at the root. Nest
 * mounts its handler (the JSON error shape) under the global prefix only, so any other unmatched
 * path got Express's HTML page.
 */
export class FinsyncExpressAdapter extends ExpressAdapter {
  constructor() {
    super();
    this.getInstance().disable('x-powered-by');
  }

  override setNotFoundHandler(handler: Parameters<ExpressAdapter['setNotFoundHandler']>[0]): void {
    this.use(handler);
  }
}
