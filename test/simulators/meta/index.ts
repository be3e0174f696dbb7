export * from './meta-simulator';
export * from './meta-simulator.control';
export * from './meta-state';
export * from './meta-store';
