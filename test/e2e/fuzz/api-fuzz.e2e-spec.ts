import { AddressInfo } from 'node:net';
import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { TaskRunner } from '../../../src/core/scheduling/task-runner.service';
import { startTestApp, TEST_JWT_SECRET, TestApp } from '../../utils/test-app';
import { seedFixtures, USER_ID } from './fuzz-fixtures';
import { FuzzReport } from './fuzz-report';
import { Caller, FuzzRequest, fuzzRequests } from './fuzz-requests';
import { HttpSender } from './http-sender';
import { apiOperations } from './openapi-operations';
import { isRejection, responseProblem } from './response-checks';
import { changedTables, TableChecksummer } from './table-checksums';

/**
 * `FUZZ_SEED` replays a run (it is printed first), `FUZZ_RUNS` sets how many requests go out and
 * `FUZZ_ONLY` sends just the request of that index. Requests are made in chunks, each from its own
 * seed, so memory stays flat and any index can be regenerated alone.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const ONLY = process.env.FUZZ_ONLY === undefined ? null : Number(process.env.FUZZ_ONLY);
const CHUNK = 100;

/**
 * MySQL only: the checksums come from CHECKSUM TABLE, and a second pass on SQLite would double
 * the suite's share of `npm test` for code the SQLite e2e suites already cover.
 */
const describeOnMySql = process.env.FINSYNC_TEST_DB_SERVER === 'sqlite' ? describe.skip : describe;

describeOnMySql('API fuzz', () => {
  let t: TestApp;
  let sender: HttpSender;

  beforeAll(async () => {
    // No scheduler: between requests nothing writes but the runs a request started.
    t = await startTestApp({ SCHEDULER_ENABLED: 'false' });
    sender = new HttpSender((t.app.getHttpServer().address() as AddressInfo).port);
  });

  afterAll(async () => {
    sender?.close();
    await t?.close();
  });

  it(`answers ${ONLY === null ? RUNS : 1} generated requests without a 5xx, in the error shape, writing nothing it refuses`, async () => {
    console.log(
      `API fuzz: seed ${SEED}, ${RUNS} requests (replay: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS})`,
    );
    const requests = fuzzRequests(apiOperations(), await seedFixtures(t.app));
    const checksums = await TableChecksummer.of(t.app.get(DataSource));
    const runner = t.app.get(TaskRunner);
    const authorization = authorizations(t);
    const report = new FuzzReport(SEED);
    const started = Date.now();
    let before = await checksums.take();

    for (const index of ONLY === null ? range(RUNS) : [ONLY]) {
      const request = requestAt(requests, index);
      const response = await sender.send({
        ...request,
        headers: { ...request.headers, ...authorization[request.caller] },
      });
      // Run-now and the import trigger start runs that write after the response: let them end.
      while (runner.runningCount > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      const after = await checksums.take();
      const changed = isRejection(response) ? changedTables(before, after) : [];
      before = after;
      report.record(
        index,
        request,
        response,
        responseProblem(request, response) ??
          (changed.length > 0
            ? `refused with ${response.status}, yet changed ${changed.join(', ')}`
            : null),
      );
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `API fuzz: ${ONLY === null ? RUNS : 1} requests in ${seconds} s; statuses ${report.statusTally()}`,
    );
    if (report.failed) {
      throw new Error(
        `API fuzz failed (replay: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}):\n\n${report.failureReport()}`,
      );
    }
  }, 600_000);
});

const generated = { chunk: -1, requests: [] as FuzzRequest[] };

function requestAt(requests: fc.Arbitrary<FuzzRequest>, index: number): FuzzRequest {
  const chunk = Math.floor(index / CHUNK);
  if (generated.chunk !== chunk) {
    const seed = (SEED ^ Math.imul(chunk + 1, 0x9e3779b1)) | 0;
    generated.requests = fc.sample(requests, { seed, numRuns: CHUNK });
    generated.chunk = chunk;
  }
  return generated.requests[index % CHUNK];
}

function authorizations(t: TestApp): Record<Caller, Record<string, string>> {
  const expired = jwt.sign({ role: 'admin', exp: 1 }, TEST_JWT_SECRET, { subject: '1' });
  return {
    admin: { authorization: `Bearer ${t.tokenFor('admin')}` },
    user: { authorization: `Bearer ${t.tokenFor('user', USER_ID)}` },
    stranger: { authorization: `Bearer ${t.tokenFor('user', 999_999)}` },
    none: {},
    expired: { authorization: `Bearer ${expired}` },
    garbage: { authorization: 'Bearer not.a.token' },
  };
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}
