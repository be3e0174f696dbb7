import { Injectable, Module } from '@nestjs/common';
import { TaskResult } from '../../../src/core/scheduling/declaration/task-handler';
import { TaskOptions } from '../../../src/core/scheduling/declaration/task-options.decorator';

export const BENCH_TASK_TYPE = 'bench.noop';

/** The benchmark's handler: returns at once, so the figures measure the engine alone. */
@Injectable()
export class BenchNoopTask {
  @TaskOptions({ key: BENCH_TASK_TYPE, description: 'Benchmark handler that does nothing' })
  async run(): Promise<TaskResult> {
    return { stats: {} };
  }
}

@Module({ providers: [BenchNoopTask] })
export class BenchNoopModule {}
