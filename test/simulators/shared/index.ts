export * from './chaos-control';
export * from './chaos-switches';
export * from './fault-layer';
export * from './seeded-random';
export * from './sliding-window-budget';
export * from './wire';
