// Kept in order by `npm run migration:generate`; the app and the CLI load exactly this list.
import { CreateUsers1763800000000 } from './1763800000000-CreateUsers';
import { CreateScheduling1763800100000 } from './1763800100000-CreateScheduling';
import { CreateCreditPortfolio1763800500000 } from './1763800500000-CreateCreditPortfolio';
import { CreateBanking1763800600000 } from './1763800600000-CreateBanking';
import { AddBufferedTrigger1764500000000 } from './1764500000000-AddBufferedTrigger';

export const MIGRATIONS = [
  CreateUsers1763800000000,
  CreateScheduling1763800100000,
  CreateCreditPortfolio1763800500000,
  CreateBanking1763800600000,
  AddBufferedTrigger1764500000000,
];
