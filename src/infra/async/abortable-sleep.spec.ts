import { abortableSleep, abortReason } from './abortable-sleep';

describe('abortableSleep', () => {
  it('resolves after the delay', async () => {
    const started = Date.now();
    await abortableSleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('rejects at once with the reason of a signal that is already aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(abortableSleep(10_000, controller.signal)).rejects.toBe(reason);
  });

  it('rejects as soon as the signal aborts during the sleep', async () => {
    const controller = new AbortController();
    const sleeping = abortableSleep(10_000, controller.signal);
    const reason = new Error('shutdown');
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
  });
});

describe('abortReason', () => {
  it("is the signal's reason, or a generic error without one", () => {
    const controller = new AbortController();
    controller.abort('why');
    expect(abortReason(controller.signal)).toBe('why');
    expect(abortReason(undefined)).toEqual(new Error('aborted'));
  });
});
