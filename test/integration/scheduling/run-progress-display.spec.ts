import { INestApplicationContext } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { showRunProgress } from '../../../scripts/cli/run-progress-display';
import { RunProgressEvent, SchedulingEvents } from '../../../src/core/scheduling/scheduling.events';

/** What the CLI writes, on a terminal or not. */
function stream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const out = { isTTY, columns: 120, text: '' } as NodeJS.WriteStream & { text: string };
  out.write = ((chunk: string) => {
    out.text += chunk;
    return true;
  }) as NodeJS.WriteStream['write'];
  return out;
}

function progressOf(runId: string, done: number): RunProgressEvent {
  return {
    runId,
    taskId: 'task',
    taskType: 'tink.sync-connections',
    progress: {
      total: 4,
      done,
      succeeded: done,
      failed: 0,
      skipped: 0,
      current: `connection ${done + 1}`,
      updated_at: '2026-12-01T00:00:00.000Z',
    },
  };
}

describe('the CLI progress display (npm run task -- run, npm run sync:tink)', () => {
  const events = new EventEmitter2();
  const context = { get: () => events } as unknown as INestApplicationContext;

  it('redraws one bar in place on a terminal, within its width, and ends the line when done', () => {
    const out = stream(true);
    const stop = showRunProgress(context, 'run-1', out);
    events.emit(SchedulingEvents.runProgress, progressOf('run-1', 1));
    events.emit(SchedulingEvents.runProgress, progressOf('other-run', 3));
    events.emit(SchedulingEvents.runProgress, progressOf('run-1', 2));
    stop();
    events.emit(SchedulingEvents.runProgress, progressOf('run-1', 3));
    const frames = out.text.split('\r').slice(1);
    expect(frames).toHaveLength(2);
    expect(
      frames[0].startsWith('[######..................]  1/4  25%  ok 1  failed 0  skipped 0'),
    ).toBe(true);
    expect(frames[1].startsWith('[############............]  2/4  50%')).toBe(true);
    expect(frames.every((frame) => frame.replace(/\n$/, '').length === 119)).toBe(true);
    expect(out.text.endsWith('\n')).toBe(true);
  });

  it('writes plain lines when not a terminal', () => {
    const out = stream(false);
    const stop = showRunProgress(context, 'run-2', out);
    events.emit(SchedulingEvents.runProgress, progressOf('run-2', 0));
    events.emit(SchedulingEvents.runProgress, progressOf('run-2', 4));
    stop();
    expect(out.text).toBe(
      'Progress: 0/4 items (0 succeeded, 0 failed, 0 skipped); now: connection 1\n' +
        'Progress: 4/4 items (4 succeeded, 0 failed, 0 skipped); now: connection 5\n',
    );
  });
});
