import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import {
  SCHEDULED_TASK_METADATA,
  ScheduledTaskOptions,
  TaskHandlerMethod,
} from './scheduled-task.decorator';

export interface RegisteredHandler {
  options: ScheduledTaskOptions;
  invoke: TaskHandlerMethod;
}

export class DuplicateTaskKeyError extends Error {}

/** Finds every @ScheduledTask method at boot; one handler per key. */
@Injectable()
export class TaskHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, RegisteredHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = instance[methodName];
        if (typeof method !== 'function') continue;
        const options = Reflect.getMetadata(SCHEDULED_TASK_METADATA, method) as
          ScheduledTaskOptions | undefined;
        if (options) this.register(options, (method as TaskHandlerMethod).bind(instance));
      }
    }
  }

  register(options: ScheduledTaskOptions, invoke: TaskHandlerMethod): void {
    if (this.handlers.has(options.key)) {
      throw new DuplicateTaskKeyError(`Two task handlers declare the key ${options.key}`);
    }
    this.handlers.set(options.key, { options, invoke });
  }

  get(key: string): RegisteredHandler | undefined {
    return this.handlers.get(key);
  }

  keys(): string[] {
    return [...this.handlers.keys()].sort();
  }

  all(): RegisteredHandler[] {
    return [...this.handlers.values()];
  }
}
