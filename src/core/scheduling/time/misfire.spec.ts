import { MisfirePolicy, planMisfires } from './misfire';

const NOW = '2026-01-01T12:00:00.000Z';
const GRACE_SECONDS = 3600;

function plan(
  policy: MisfirePolicy,
  dueFires: string[],
  options: { graceSeconds?: number; runAllLimit?: number } = {},
): { run: string[]; missed: string[] } {
  const result = planMisfires({
    policy,
    graceSeconds: options.graceSeconds ?? GRACE_SECONDS,
    dueFires: dueFires.map((fire) => new Date(fire)),
    now: new Date(NOW),
    runAllLimit: options.runAllLimit ?? 10,
  });
  return {
    run: result.run.map((fire) => fire.toISOString()),
    missed: result.missed.map((fire) => fire.toISOString()),
  };
}

// Two fires outside the one-hour grace window, three inside it (11:00 is exactly at its edge).
const DUE_FIRES = [
  '2026-01-01T09:00:00.000Z',
  '2026-01-01T10:00:00.000Z',
  '2026-01-01T11:00:00.000Z',
  '2026-01-01T11:30:00.000Z',
  '2026-01-01T12:00:00.000Z',
];

describe('planMisfires', () => {
  describe('run_once', () => {
    it('runs only the latest fire within grace and marks the rest missed', () => {
      expect(plan('run_once', DUE_FIRES)).toEqual({
        run: ['2026-01-01T12:00:00.000Z'],
        missed: DUE_FIRES.slice(0, 4),
      });
    });

    it('runs nothing when every fire is outside grace', () => {
      expect(plan('run_once', DUE_FIRES.slice(0, 2))).toEqual({
        run: [],
        missed: DUE_FIRES.slice(0, 2),
      });
    });

    it('runs a fire exactly at the grace boundary but not one a millisecond older', () => {
      expect(plan('run_once', ['2026-01-01T11:00:00.000Z'])).toEqual({
        run: ['2026-01-01T11:00:00.000Z'],
        missed: [],
      });
      expect(plan('run_once', ['2026-01-01T10:59:59.999Z'])).toEqual({
        run: [],
        missed: ['2026-01-01T10:59:59.999Z'],
      });
    });
  });

  describe('run_all', () => {
    it('runs every fire within grace, oldest first', () => {
      expect(plan('run_all', DUE_FIRES, { runAllLimit: 10 })).toEqual({
        run: DUE_FIRES.slice(2),
        missed: DUE_FIRES.slice(0, 2),
      });
    });

    it('keeps the most recent fires up to the limit and marks older ones missed', () => {
      expect(plan('run_all', DUE_FIRES, { runAllLimit: 2 })).toEqual({
        run: ['2026-01-01T11:30:00.000Z', '2026-01-01T12:00:00.000Z'],
        missed: DUE_FIRES.slice(0, 3),
      });
    });

    it('runs exactly the fires within grace when they match the limit', () => {
      expect(plan('run_all', DUE_FIRES, { runAllLimit: 3 })).toEqual({
        run: DUE_FIRES.slice(2),
        missed: DUE_FIRES.slice(0, 2),
      });
    });

    it('runs nothing with a limit of zero', () => {
      expect(plan('run_all', DUE_FIRES, { runAllLimit: 0 })).toEqual({
        run: [],
        missed: DUE_FIRES,
      });
    });

    it('treats the boundary like run_once does', () => {
      expect(plan('run_all', ['2026-01-01T10:59:59.999Z', '2026-01-01T11:00:00.000Z'])).toEqual({
        run: ['2026-01-01T11:00:00.000Z'],
        missed: ['2026-01-01T10:59:59.999Z'],
      });
    });
  });

  describe('skip', () => {
    it('marks every fire missed, even those within grace', () => {
      expect(plan('skip', DUE_FIRES)).toEqual({ run: [], missed: DUE_FIRES });
    });
  });

  it('with zero grace only runs a fire due exactly now', () => {
    expect(plan('run_all', DUE_FIRES, { graceSeconds: 0 })).toEqual({
      run: ['2026-01-01T12:00:00.000Z'],
      missed: DUE_FIRES.slice(0, 4),
    });
  });

  it('returns empty plans for no due fires', () => {
    for (const policy of ['run_once', 'run_all', 'skip'] as const) {
      expect(plan(policy, [])).toEqual({ run: [], missed: [] });
    }
  });

  it('sorts its output even when the input is not sorted', () => {
    const shuffled = [DUE_FIRES[3], DUE_FIRES[0], DUE_FIRES[4], DUE_FIRES[2], DUE_FIRES[1]];
    expect(plan('run_all', shuffled, { runAllLimit: 2 })).toEqual({
      run: ['2026-01-01T11:30:00.000Z', '2026-01-01T12:00:00.000Z'],
      missed: DUE_FIRES.slice(0, 3),
    });
  });

  it('does not modify the input array', () => {
    const dueFires = [new Date(DUE_FIRES[1]), new Date(DUE_FIRES[0])];
    planMisfires({
      policy: 'skip',
      graceSeconds: 60,
      dueFires,
      now: new Date(NOW),
      runAllLimit: 1,
    });
    expect(dueFires.map((fire) => fire.toISOString())).toEqual([DUE_FIRES[1], DUE_FIRES[0]]);
  });

  it('puts every input fire in exactly one of run and missed, for any policy and limit', () => {
    let seed = 7;
    const nextRandom = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let sample = 0; sample < 200; sample++) {
      const fireCount = Math.floor(nextRandom() * 12);
      const dueFires = Array.from({ length: fireCount }, () =>
        new Date(Date.parse(NOW) - Math.floor(nextRandom() * 3 * 3600) * 1000).toISOString(),
      );
      const policy = (['run_once', 'run_all', 'skip'] as const)[sample % 3];
      const runAllLimit = Math.floor(nextRandom() * 5);
      const { run, missed } = plan(policy, dueFires, { runAllLimit });
      expect([...missed, ...run]).toEqual([...dueFires].sort());
      expect(run.length).toBeLessThanOrEqual(policy === 'run_all' ? runAllLimit : 1);
      if (policy === 'skip') {
        expect(run).toEqual([]);
      }
    }
  });

  it.each([
    [{ graceSeconds: -1 }, 'graceSeconds must be a finite number >= 0, got -1'],
    [{ graceSeconds: Number.NaN }, 'graceSeconds must be a finite number >= 0, got NaN'],
    [{ runAllLimit: -1 }, 'runAllLimit must be an integer >= 0, got -1'],
    [{ runAllLimit: 1.5 }, 'runAllLimit must be an integer >= 0, got 1.5'],
  ])('rejects %p', (options, message) => {
    expect(() => plan('run_all', DUE_FIRES, options)).toThrow(new RangeError(message));
  });
});
