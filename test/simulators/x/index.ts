export * from './x-simulator';
export * from './x-simulator.control';
export * from './x-state';
export * from './x-store';
