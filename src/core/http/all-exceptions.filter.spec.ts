import { ArgumentsHost, BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError, DomainErrorKind } from '../errors/domain-error';
import { AllExceptionsFilter } from './all-exceptions.filter';

class SomethingWrong extends DomainError {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
  ) {
    super(message);
  }
}

interface Sent {
  status?: number;
  body?: unknown;
}

function hostFor(sent: Sent, url = '/x'): ArgumentsHost {
  const response = {
    headersSent: false,
    setHeader: () => undefined,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
    },
  };
  const request = {
    headers: {},
    method: 'GET',
    originalUrl: url,
    path: url.split('?')[0],
    id: 'req-1',
  };
  return {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ArgumentsHost;
}

describe('AllExceptionsFilter', () => {
  it.each([
    ['not_found', 404, 'Not Found'],
    ['invalid', 400, 'Bad Request'],
    ['conflict', 409, 'Conflict'],
  ] as const)('answers a %s domain error with %i and its message', (kind, status, error) => {
    const sent: Sent = {};
    new AllExceptionsFilter().catch(new SomethingWrong(kind, 'what went wrong'), hostFor(sent));
    expect(sent).toEqual({
      status,
      body: { statusCode: status, error, message: 'what went wrong', requestId: 'req-1' },
    });
  });

  it('gives a domain error the body an HttpException of the same status gets', () => {
    const fromDomain: Sent = {};
    const fromHttp: Sent = {};
    const filter = new AllExceptionsFilter();
    filter.catch(new SomethingWrong('invalid', 'name must be a string'), hostFor(fromDomain));
    filter.catch(new BadRequestException('name must be a string'), hostFor(fromHttp));
    expect(fromDomain).toEqual(fromHttp);
  });

  it("leaves the query string out of a route miss's message (it may carry a token)", () => {
    const sent: Sent = {};
    const url = '/nope?access_token=abc';
    new AllExceptionsFilter().catch(new NotFoundException(`Cannot GET ${url}`), hostFor(sent, url));
    expect(sent).toMatchObject({ status: 404, body: { message: 'Cannot GET /nope' } });
  });

  it('points a miss at the root to the API, its docs and the health check', () => {
    const sent: Sent = {};
    new AllExceptionsFilter().catch(
      new NotFoundException('Cannot GET /?x=1'),
      hostFor(sent, '/?x=1'),
    );
    expect(sent).toMatchObject({
      status: 404,
      body: {
        message: 'Cannot GET /: the API is under /api/v1; Swagger UI at /docs, health at /health',
      },
    });
  });

  it('answers anything else with a 500 that reveals nothing', () => {
    const sent: Sent = {};
    new AllExceptionsFilter().catch(new Error('database password is hunter2'), hostFor(sent));
    expect(sent).toMatchObject({ status: 500, body: { message: 'Internal server error' } });
  });
});
