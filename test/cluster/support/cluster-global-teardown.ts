import { stopFromState } from '../../../scripts/cluster/redis-cluster.cjs';
import globalTeardown from '../../setup/global-teardown';
import { REDIS_CLUSTER_STATE_ENV } from './cluster-global-setup';

export default async function clusterGlobalTeardown(): Promise<void> {
  const stateFile = process.env[REDIS_CLUSTER_STATE_ENV];
  if (stateFile) {
    delete process.env[REDIS_CLUSTER_STATE_ENV];
    delete process.env.REDIS_CLUSTER_NODES;
    stopFromState(stateFile);
  }
  await globalTeardown();
}
