export * from './linkedin-simulator';
export * from './linkedin-simulator.control';
export * from './linkedin-state';
export * from './linkedin-store';
