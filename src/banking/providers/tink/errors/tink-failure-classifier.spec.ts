import { HttpErrorContext } from '../../../../infra/http-client';
import { TINK_OPERATIONS } from '../client/tink-operations.constants';
import { classifyTinkFailure } from './tink-failure-classifier';

const context = (operation: string, status: number): HttpErrorContext => ({
  provider: 'tink',
  operation,
  method: 'GET',
  url: 'https://api.tink.com/x',
  status,
  attempts: 1,
});

const classify = (
  status: number,
  body: unknown,
  operation: string = TINK_OPERATIONS.listTransactions,
) =>
  classifyTinkFailure(
    { status, headers: {}, bodyText: typeof body === 'string' ? body : JSON.stringify(body) },
    context(operation, status),
  );

describe('classifyTinkFailure', () => {
  it.each([
    [
      401,
      { errorCode: 'SESSION_EXPIRED', errorMessage: 'expired' },
      'needs_reauth',
      'session_expired',
    ],
    [400, { errorCode: 'AUTHENTICATION_ERROR' }, 'needs_reauth', 'session_expired'],
    [503, { errorCode: 'TEMPORARY_ERROR' }, 'retryable', 'temporary_error'],
    [401, { errorCode: 'TOKEN_EXPIRED' }, 'needs_reauth', 'token_rejected'],
    [403, { errorCode: 'MISSING_SCOPE' }, 'terminal', 'missing_scope'],
    [404, {}, 'terminal', 'not_found'],
    [400, 'not json at all', 'terminal', 'bad_request'],
  ])('%i %j → %s/%s', (status, body, classification, code) => {
    expect(classify(status, body)).toMatchObject({ classification, code, status });
  });

  it('leaves 429 and plain 5xx to the defaults', () => {
    expect(classify(429, { errorCode: 'RATE_LIMIT_EXCEEDED' })).toBeUndefined();
    expect(classify(502, '<html>bad gateway</html>')).toBeUndefined();
  });

  it('tells endpoints apart', () => {
    expect(
      classify(401, { errorCode: 'INVALID_CLIENT' }, TINK_OPERATIONS.clientToken),
    ).toMatchObject({
      classification: 'terminal',
      code: 'client_auth_failed',
    });
    expect(classify(401, { errorCode: 'INVALID_CLIENT' }, TINK_OPERATIONS.userToken)).toMatchObject(
      {
        code: 'client_auth_failed',
      },
    );
    expect(classify(400, { errorCode: 'INVALID_GRANT' }, TINK_OPERATIONS.userToken)).toMatchObject({
      classification: 'terminal',
      code: 'bad_request',
    });
    expect(classify(404, {}, TINK_OPERATIONS.authorizationGrant)).toMatchObject({
      classification: 'needs_reauth',
      code: 'user_not_found',
    });
    expect(classify(409, {}, TINK_OPERATIONS.refreshCredential)).toMatchObject({
      classification: 'terminal',
      code: 'refresh_in_progress',
    });
  });

  it('puts Tink’s message in the error', () => {
    expect(
      classify(401, { errorCode: 'SESSION_EXPIRED', errorMessage: 'consent gone' })?.message,
    ).toContain('SESSION_EXPIRED: consent gone');
  });
});
