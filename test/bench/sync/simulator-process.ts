import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type {
  HostReply,
  HostRequest,
  OperationName,
  SimulatorOperations,
} from './simulator-messages';

/** The parent's handle on the simulator host process. */
export class SimulatorProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, (reply: HostReply) => void>();
  private nextId = 1;

  constructor() {
    this.child = fork(join(__dirname, 'simulator-host.ts'), [], {
      execArgv: ['-r', 'ts-node/register/transpile-only'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (reply: HostReply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
  }

  call<K extends OperationName>(
    op: K,
    args: SimulatorOperations[K]['args'],
  ): Promise<SimulatorOperations[K]['result']> {
    const id = this.nextId++;
    const request: HostRequest<K> = { id, op, args };
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) =>
        reply.ok
          ? resolve(reply.result as SimulatorOperations[K]['result'])
          : reject(new Error(`simulator ${op}: ${reply.error}`)),
      );
      this.child.send(request);
    });
  }

  async stop(): Promise<void> {
    await this.call('stop', null).catch(() => undefined);
    this.child.kill();
  }
}
