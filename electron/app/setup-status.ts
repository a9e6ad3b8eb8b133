// The "set-up complete" rule, in one place: an organisation name, two users (so a second person
// can approve every send) and a mail account. app:info and setup:status both read it from here.
import type { SetupStatusDto } from '../../shared/contract';
import { MIN_USERS } from '../services/users/user-service';
import type { Services } from './services';

export function readSetupStatus(s: Services): SetupStatusDto {
  const organisationName = s.settings.get().organisationName;
  const userCount = s.users.listUsers().length;
  const profileCount = s.profiles.listProfiles().length;
  return {
    organisationName,
    usersSetUp: s.users.isSetUp(),
    userCount,
    profileCount,
    minUsers: MIN_USERS,
    complete: organisationName !== null && userCount >= MIN_USERS && profileCount > 0,
  };
}
