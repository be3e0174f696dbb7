import { BadRequestException, Injectable, NestMiddleware } from '@nestjs/common';
import { json, urlencoded } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { jsonBodyProblem } from './json-body-rules';

export const BODY_LIMIT = '1mb';

/**
 * Body parsing as Nest middleware (the adapter's own parser is off), so malformed, oversize,
 * too deeply nested and ill-formed bodies reach the global exception filter like every other error.
 */
@Injectable()
export class BodyParserMiddleware implements NestMiddleware {
  private readonly parseJson = json({ limit: BODY_LIMIT });
  private readonly parseForm = urlencoded({ limit: BODY_LIMIT, extended: false });

  use(req: Request, res: Response, next: NextFunction): void {
    this.parseJson(req, res, (jsonError?: unknown) => {
      if (jsonError) return next(jsonError);
      this.parseForm(req, res, (formError?: unknown) => {
        if (formError) return next(formError);
        const problem = jsonBodyProblem(req.body);
        next(problem ? new BadRequestException(problem) : undefined);
      });
    });
  }
}
