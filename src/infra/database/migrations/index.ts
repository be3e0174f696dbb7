// Kept in order by `npm run migration:generate`; the app and the CLI load exactly this list.
import { CreateUsers1763800000000 } from './1763800000000-CreateUsers';
import { CreateScheduling1763800100000 } from './1763800100000-CreateScheduling';

export const MIGRATIONS = [CreateUsers1763800000000, CreateScheduling1763800100000];
