import { UserEntity } from '../../banking/users/user.entity';

/** Every TypeORM entity; the CLI and the app read this one list. */
export const ENTITIES = [UserEntity];
