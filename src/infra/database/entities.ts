import { UserEntity } from '../../banking/users/user.entity';
import { ScheduledTaskEntity } from '../../core/scheduling/entities/scheduled-task.entity';
import { TaskLogEntity } from '../../core/scheduling/entities/task-log.entity';

/** Every TypeORM entity; the CLI and the app read this one list. */
export const ENTITIES = [UserEntity, ScheduledTaskEntity, TaskLogEntity];
