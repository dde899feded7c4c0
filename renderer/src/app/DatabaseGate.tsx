import { HashRouter } from 'react-router';
import { useCockpitQuery } from '../api/hooks';
import { DatabaseRecovery } from './DatabaseRecovery';
import { Shell } from './Shell';

/**
 * The database is checked before anything else: a damaged one gets the recovery screen
 * instead of boards full of errors. Any call failing with `database_corrupt` re-runs this
 * check (see queryClient.ts). If the check itself fails, the shell shows and boards say why.
 */
export function DatabaseGate() {
  const health = useCockpitQuery('database.health', {});
  if (health.data?.state === 'corrupt') return <DatabaseRecovery health={health.data} />;
  return (
    <HashRouter>
      <Shell />
    </HashRouter>
  );
}
