import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { ScheduleModuleOptions } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { SCHEDULE_MODULE_OPTIONS } from './declaration/nest-schedule-metadata';
import {
  DeclaredSchedule,
  readTaskDeclaration,
  TaskDeclaration,
} from './declaration/task-declaration';
import { TaskHandlerMethod } from './declaration/task-handler';

export interface RegisteredHandler extends TaskDeclaration {
  invoke: TaskHandlerMethod;
}

/** A handler declared with a default schedule: its task row is created from code. */
export type DeclaredJob = RegisteredHandler & { schedule: DeclaredSchedule };

/** Declarations the engine cannot adopt; the message lists every one. */
export class TaskDeclarationError extends Error {}

/**
 * Adopts every @Cron / @Interval / @TaskOptions method of the app's providers and controllers at boot
 * (Nest's own explorer is off for cron jobs and intervals, so none fires outside the engine); one
 * handler per key. Anything it cannot adopt fails the boot.
 */
@Injectable()
export class TaskHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, RegisteredHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const problems = this.nestExplorerProblems();
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object') continue;
      problems.push(...this.adopt(instance, wrapper.isDependencyTreeStatic()));
    }
    if (problems.length > 0) {
      throw new TaskDeclarationError(
        `Scheduled task declarations the engine cannot adopt:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
      );
    }
  }

  /**
   * Registers the task handlers one object declares; returns what it cannot adopt. Boot calls it for
   * every provider and controller; unit specs call it for a fixture.
   */
  adopt(instance: object, singleton = true): string[] {
    const problems: string[] = [];
    const prototype = Object.getPrototypeOf(instance) as object | null;
    if (!prototype) return problems;
    const methods = instance as Record<string, unknown>;
    for (const methodName of this.scanner.getAllMethodNames(prototype)) {
      const method = methods[methodName];
      if (typeof method !== 'function') continue;
      const className = instance.constructor.name;
      const result = readTaskDeclaration(
        { className, methodName, method: method as TaskHandlerMethod },
        this.config,
      );
      if (!result) continue;
      if (result.problem !== undefined) {
        problems.push(result.problem);
      } else if (!singleton) {
        problems.push(
          `${result.declaration.source} (key ${result.declaration.key}): its provider is request-scoped or transient; task handlers live in singletons`,
        );
      } else {
        const problem = this.register({
          ...result.declaration,
          invoke: (method as TaskHandlerMethod).bind(instance),
        });
        if (problem) problems.push(problem);
      }
    }
    return problems;
  }

  /** A ScheduleModule.forRoot() imported elsewhere, as Nest's guide suggests, would fire jobs twice. */
  private nestExplorerProblems(): string[] {
    return this.discovery
      .getProviders()
      .filter(({ token, instance }) => {
        const options = instance as ScheduleModuleOptions | undefined;
        return (
          token === SCHEDULE_MODULE_OPTIONS &&
          (options?.cronJobs !== false || options?.intervals !== false)
        );
      })
      .map(
        () =>
          'ScheduleModule.forRoot() is imported with Nest’s explorer on for cron jobs or intervals, so Nest would ' +
          'call @Cron/@Interval methods itself, outside the engine: SchedulingModule imports it, remove the other import',
      );
  }

  private register(handler: RegisteredHandler): string | null {
    const existing = this.handlers.get(handler.key);
    if (existing)
      return `${handler.source} (key ${handler.key}): the key is already declared by ${existing.source}`;
    this.handlers.set(handler.key, handler);
    return null;
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

  /** The handlers declared with @Cron / @Interval. */
  jobs(): DeclaredJob[] {
    return this.all().filter((handler): handler is DeclaredJob => handler.schedule !== null);
  }
}
