// Kept in order by `npm run migration:generate`; the app and the CLI load exactly this list.
import { CreateUsers1763800000000 } from './1763800000000-CreateUsers';

export const MIGRATIONS = [CreateUsers1763800000000];
