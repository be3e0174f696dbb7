import { Logger } from '@nestjs/common';

// Nest's static logger prints every level to stdout; tests keep warnings and errors unless DEBUG_LOGS is set.
if (!process.env.DEBUG_LOGS) Logger.overrideLogger(['error', 'warn']);
