import { BANKING_ENTITIES } from '../../banking/banking.entities';
import { UserEntity } from '../../users/user.entity';
import { ScheduledTaskEntity } from '../../core/scheduling/entities/scheduled-task.entity';
import { TaskLogEntity } from '../../core/scheduling/entities/task-log.entity';
import { CREDIT_PORTFOLIO_ENTITIES } from '../../credit-portfolio/entities';

/** Every TypeORM entity; the CLI and the app read this one list. */
export const ENTITIES = [
  UserEntity,
  ScheduledTaskEntity,
  TaskLogEntity,
  ...CREDIT_PORTFOLIO_ENTITIES,
  ...BANKING_ENTITIES,
];
