import { Injectable, Module } from '@nestjs/common';
import { ScheduledTask, TaskResult } from '../../../src/core/scheduling/scheduled-task.decorator';

export const BENCH_TASK_TYPE = 'bench.noop';

/** The benchmark's handler: returns at once, so the figures measure the engine alone. */
@Injectable()
export class BenchNoopTask {
  @ScheduledTask({ key: BENCH_TASK_TYPE, description: 'Benchmark handler that does nothing' })
  async run(): Promise<TaskResult> {
    return { stats: {} };
  }
}

@Module({ providers: [BenchNoopTask] })
export class BenchNoopModule {}
