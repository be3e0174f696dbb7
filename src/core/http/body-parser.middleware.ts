import { Injectable, NestMiddleware } from '@nestjs/common';
import { json, urlencoded } from 'express';
import type { NextFunction, Request, Response } from 'express';

export const BODY_LIMIT = '1mb';

/**
 * Body parsing as Nest middleware (the adapter's own parser is off), so malformed and oversize
 * bodies reach the global exception filter like every other error.
 */
@Injectable()
export class BodyParserMiddleware implements NestMiddleware {
  private readonly parseJson = json({ limit: BODY_LIMIT });
  private readonly parseForm = urlencoded({ limit: BODY_LIMIT, extended: false });

  use(req: Request, res: Response, next: NextFunction): void {
    this.parseJson(req, res, (error?: unknown) => {
      if (error) return next(error);
      this.parseForm(req, res, next);
    });
  }
}
